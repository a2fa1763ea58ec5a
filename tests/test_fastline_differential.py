"""The reader's own checks of the common record shapes (``mxlint/formats/fastline.py``) against
dnspython, on generated near-valid records: every record one accepts, the other accepts with
the same data, and every record one rejects, the other rejects too."""

from __future__ import annotations

import os

import dns.exception
import dns.name
import dns.rdatatype
import dns.zone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mxlint.formats.fastline import _read_line_generally, read_line
from mxlint.formats.zonefile import read_zone_text
from mxlint.zone import name_key

ORIGIN = dns.name.from_text("near.example.")

#: Labels that are fine, and labels one step away from fine.
LABEL = st.one_of(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,10}", fullmatch=True),
    st.sampled_from(["*", "_dmarc", "a" * 63, "b" * 64, "é", "a\u00a0b", "a\\065b", "a\\.b", "-x-", "x/y", "a=b", "", "@"]),
)
NAME = st.one_of(
    st.lists(LABEL, min_size=1, max_size=4).map(".".join),
    st.lists(LABEL, min_size=1, max_size=4).map(lambda labels: ".".join(labels) + "."),
    st.just("@"),
    st.just("."),
    st.integers(1, 6).map(lambda n: ".".join(["x" * 60] * n)),  # around the 255-octet limit
)
OCTET = st.one_of(st.integers(0, 300).map(str), st.sampled_from(["00", "010", "0x1", "1e1", "", " 1", "-1", "٣"]))
IPV4 = st.lists(OCTET, min_size=3, max_size=5).map(".".join)
IPV6 = st.one_of(
    st.lists(st.from_regex(r"[0-9a-fA-F]{0,5}", fullmatch=True), min_size=2, max_size=9).map(":".join),
    st.sampled_from(["::1", "2001:db8::1", "fe80::1%eth0", "::ffff:1.2.3.4", "::ffff:01.2.3.4", "1::2::3", ":::", "::", "2001:db8::g"]),
)
PREFERENCE = st.one_of(st.integers(-1, 70000).map(str), st.sampled_from(["010", "1e3", "+5", "٣", "0x10"]))
STRING = st.one_of(
    st.text(alphabet=st.sampled_from("ab é\u00a0=;:"), max_size=8).map(lambda text: f'"{text}"'),
    st.integers(253, 257).map(lambda n: '"' + "x" * n + '"'),
    st.integers(126, 129).map(lambda n: '"' + "é" * n + '"'),
    st.from_regex(r"[a-z=:]{1,8}", fullmatch=True),
)
#: Owners inside the zone: dnspython skips, unread, a record whose owner is outside it.
OWNER_LABEL = LABEL.filter(lambda label: label not in ("", "@"))
OWNER = st.one_of(
    st.lists(OWNER_LABEL, min_size=1, max_size=4).map(".".join),
    st.lists(OWNER_LABEL, min_size=1, max_size=3).map(lambda labels: ".".join(labels) + ".near.example."),
    st.just("@"),
)
DATA = {
    "A": IPV4,
    "AAAA": IPV6,
    "MX": st.builds(lambda preference, name: f"{preference} {name}", PREFERENCE, NAME),
    "NS": NAME,
    "CNAME": NAME,
    "PTR": NAME,
    "DNAME": NAME,
    "TXT": st.lists(STRING, min_size=0, max_size=3).map(" ".join),
}


#: ``[ttl] [class]`` in either order, and near misses of them.
HEADER = st.sampled_from(["", "300 ", "IN ", "in ", "300 IN ", "IN 300 ", "0 in\t", "4294967295 ", "4294967296 ", "1h ", "IN IN ", "300 300 ", "Aa "])
#: dnspython's zone parser refuses a record of another class than the zone's, which the
#: reader reads (through the tokenizer): only the comparison of the reader's two paths has it.
HEADER_OF_ANY_CLASS = st.one_of(HEADER, st.sampled_from(["CH ", "300 CH ", "CLASS1 "]))
#: What may follow the data: spaces, comments, and comments the general path must read.
TAIL = st.sampled_from(["", " ", "\t", " ; note", ";note", ' ; "quoted"', " ; (", ' ; "', "\u00a0"])


@st.composite
def lines(draw, headers: st.SearchStrategy[str] = HEADER) -> str:
    rdtype = draw(st.sampled_from(sorted(DATA)))
    owner = draw(OWNER)
    space = draw(st.sampled_from([" ", "\t", "\u00a0", "  "]))
    header, written_type = draw(headers), draw(st.sampled_from([rdtype, rdtype.lower()]))
    return f"{owner}{space}{header}{written_type}{draw(st.sampled_from([' ', chr(9)]))}{draw(DATA[rdtype])}{draw(TAIL)}"


def dnspython_reads(text: str) -> dict | None:
    try:
        zone = dns.zone.from_text(text, ORIGIN, relativize=False, check_origin=False)
    except (dns.exception.DNSException, ValueError, UnicodeError):
        return None
    return {(name, rdata.rdtype, rdata) for name, rdataset in zone.iterate_rdatasets() for rdata in rdataset}


@settings(max_examples=int(os.environ.get("MXLINT_EXAMPLES", "400")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines())
@example("a A 010.1.1.1")
@example("a\u00a0b A 198.18.0.1")
@example('a TXT "' + "x" * 256 + '"')
@example("a MX 65536 mx")
@example("a AAAA fe80::1%eth0")
@example("a MX 10 host\x0b")  # a vertical tab is part of a word for dnspython, not a space
@example("a CNAME b\x0cc")
def test_the_fast_checks_accept_and_reject_what_dnspython_does(line: str) -> None:
    text = f"$TTL 300\n{line}\n"  # one record: dnspython refuses some zones whole (CNAME beside data)
    theirs = dnspython_reads(text)
    zone = read_zone_text(text, ORIGIN)
    if theirs is None:
        assert zone.errors, f"dnspython refuses {line!r}, mxlint read it"
        return
    assert zone.errors == [], f"dnspython reads {line!r}, mxlint refused it: {zone.errors}"
    # The objects are made lazily: making them here must work, and give dnspython's data.
    ours = {(record.owner, record.rdtype, record.rdata) for record in zone.records}
    assert ours == theirs
    assert [record.key for record in zone.records] == [name_key(record.owner) for record in zone.records]


def test_names_under_an_escaped_origin_read_like_dnspython() -> None:
    # The origin's text holds an escaped dot: its labels are not its text split at dots.
    text = "$TTL 300\n@ MX 10 mail\nmail A 198.18.0.2\n$ORIGIN a\\.b.near.example.\n@ MX 10 mail\nmail A 198.18.0.3\nx CNAME mail\n"
    zone = read_zone_text(text, ORIGIN)
    assert zone.errors == []
    ours = {(record.owner, record.rdtype, record.rdata) for record in zone.records}
    assert ours == dnspython_reads(text)
    assert {record.key for record in zone.records if record.rdtype == dns.rdatatype.A} == {
        b"mail\x00near\x00example\x00",
        b"mail\x00a.b\x00near\x00example\x00",
    }


#: Origins of every kind the common-line pattern meets: plain, the root, long enough that
#: relative names overflow, and origins it leaves to the general path.
ORIGINS = st.sampled_from(["near.example.", "NEAR.example.", ".", ("x" * 60 + ".") * 3 + "near.example.", "a\\.b.near.example.", "x/y.near.example."])


@settings(max_examples=int(os.environ.get("MXLINT_EXAMPLES", "400")) * 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(lines(HEADER_OF_ANY_CLASS), lines(HEADER_OF_ANY_CLASS).map(lambda line: " " + line.split(" ", 1)[-1])), ORIGINS)
@example("a IN 300 A 198.18.0.1", "near.example.")
@example("a 300 IN 300 A 198.18.0.1", "near.example.")
@example('\tTXT "a  b"\t"c"  d ; e', "near.example.")
@example("a AAAA 1:2:3:4:5:6:7::", "near.example.")
@example("a AAAA 1::2:3:4:5:6:7:8", "near.example.")
@example("a AAAA :: ; the unspecified address", "near.example.")
@example("@ MX 65535 @", "x" * 60 + "." + "y" * 60 + "." + "z" * 60 + "." + "w" * 69 + ".")
def test_the_common_line_pattern_decides_as_the_general_path(line: str, origin: str) -> None:
    # The one-match path for common lines is a shortcut: it must give the general path's
    # answer, which the test above holds to dnspython.
    assert read_line(line, origin) == _read_line_generally(line, origin)
