"""Generated zones: whatever shape a record takes (the reader's fast path or dnspython's
tokenizer), the records read are the ones dnspython's own zone parser reads."""

from __future__ import annotations

import dns.name
import dns.zone
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_differential import rrsets

from mxlint.formats.zonefile import read_zone_text

ORIGIN = dns.name.from_text("gen.example.")
LABEL = st.from_regex(r"[a-z][a-z0-9-]{0,8}[a-z0-9]", fullmatch=True) | st.sampled_from(["mx1", "MX1", "Www", "a-b", "x1"])
OWNER = st.one_of(
    LABEL,
    st.builds(lambda a, b: f"{a}.{b}", LABEL, LABEL),
    st.just("@"),
    st.builds(lambda a: f"{a}.gen.example.", LABEL),
    st.builds(lambda a: f"{a}.GEN.Example.", LABEL),
)
TARGET = st.one_of(LABEL, st.builds(lambda a: f"{a}.example.net.", LABEL), st.builds(lambda a, b: f"{a}.{b}", LABEL, LABEL), st.just("@"))
IPV4 = st.tuples(*[st.integers(0, 255)] * 4).map(lambda t: ".".join(map(str, t)))
IPV6 = st.sampled_from(["2001:2::1", "2001:2:0:0:0:0:0:2", "fd00::25", "::1", "2001:2::a:b"])
TEXT = st.text(alphabet=st.sampled_from("abc xyz=;:.-/+\\\"0129"), min_size=0, max_size=40).map(
    lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'
)
TTL = st.one_of(st.just(""), st.integers(0, 86400).map(str), st.sampled_from(["1h", "30m", "2d", "1W"]))
CLASS = st.sampled_from(["", "IN", "in"])
SPACE = st.sampled_from([" ", "\t", "  ", " \t "])


@st.composite
def record_lines(draw) -> str:
    rdtype = draw(st.sampled_from(["A", "AAAA", "MX", "NS", "TXT", "PTR", "SRV", "CAA"]))
    data = {
        "A": IPV4,
        "AAAA": IPV6,
        "MX": st.builds(lambda p, t: f"{p} {t}", st.integers(0, 65535), TARGET | st.just(".")),
        "NS": TARGET,
        "TXT": st.lists(TEXT, min_size=1, max_size=3).map(" ".join),
        "PTR": TARGET,
        "SRV": st.builds(lambda a, b, c, t: f"{a} {b} {c} {t}", st.integers(0, 65535), st.integers(0, 65535), st.integers(0, 65535), TARGET),
        "CAA": st.builds(lambda f, v: f'{f} issue "{v}"', st.integers(0, 255), LABEL),
    }[rdtype]
    owner = draw(st.one_of(OWNER, st.just("")))  # "" inherits the previous owner
    gap = draw(SPACE)
    ttl, rdclass = draw(TTL), draw(CLASS)
    fields = [f for f in (ttl, rdclass) if f]
    if draw(st.booleans()):
        fields.reverse()  # <class> <ttl> <type> is allowed too
    line = (owner if owner else "") + gap + " ".join([*fields, rdtype, draw(data)])
    shape = draw(st.sampled_from(["plain", "comment", "parens"]))
    if shape == "comment":
        line += " ; a comment (with parentheses)"
    elif shape == "parens":
        head, _, tail = line.rpartition(rdtype)
        line = f"{head}{rdtype} (\n    {tail.strip()} )"
    return line


@st.composite
def zones(draw) -> str:
    lines = ["$TTL 300", "@ IN SOA ns1 hostmaster ( 1 2 3 4 5 )", "first A 198.18.0.1"]
    for _ in range(draw(st.integers(1, 25))):
        choice = draw(st.integers(0, 9))
        if choice == 0:
            lines.append(f"$ORIGIN {draw(LABEL)}.gen.example.")
        elif choice == 1:
            lines.append("$ORIGIN gen.example.")
        elif choice == 2:
            lines.append(f"$TTL {draw(st.integers(0, 99999))}")
        else:
            lines.append(draw(record_lines()))
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(zones())
def test_generated_zones_read_like_dnspython(text: str) -> None:
    try:
        theirs = dns.zone.from_text(text, ORIGIN, relativize=False, check_origin=False)
    except dns.exception.DNSException:
        assume(False)  # dnspython refuses the zone as a whole (e.g. CNAME beside data)
    ours = read_zone_text(text, ORIGIN)
    assert ours.errors == []
    expected = rrsets((name, rdata, rdataset.ttl) for name, rdataset in theirs.iterate_rdatasets() for rdata in rdataset)
    assert rrsets((r.owner, r.rdata, r.ttl) for r in ours.records if r.owner.is_subdomain(ORIGIN)) == expected
