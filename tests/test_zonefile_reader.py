"""The master-file reader: records as written, with positions, and reading on after errors."""

from __future__ import annotations

import os
from pathlib import Path

import dns.name
import dns.rdatatype
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mxlint.config import Config
from mxlint.formats import origin_from_file_name
from mxlint.formats.zonefile import generate_text, lines_to_close, read_zone_file, read_zone_text, unclosed_parentheses
from mxlint.lint import lint
from mxlint.registry import load_registry
from mxlint.source import InputError

N = dns.name.from_text
EXAMPLE = N("example.com.")

SOA = "@ IN SOA ns1 hostmaster ( 1 7200 3600 1209600 300 )\n"


def read(text: str, origin: dns.name.Name = EXAMPLE):
    return read_zone_text(text, origin, "z.zone")


def summary(zone) -> list[tuple[str, int, str, str, int, int]]:
    return [
        (r.owner.to_text(), r.ttl, dns.rdatatype.to_text(r.rdtype), r.rdata.to_text(), r.pos.line, r.pos.column)
        for r in zone.records
    ]


def test_records_keep_line_column_owner_inheritance_and_ttl() -> None:
    zone = read(
        "$TTL 300\n"
        "@\tIN SOA ns1 hostmaster (\n"
        "\t\t1 ; serial\n"
        "\t\t7200 3600 1209600 300 )\n"
        "\tIN NS ns1\n"
        "  600 MX 10 mail\n"
        "mail IN 120 A 198.18.0.1\n"
        "Mail.Example.COM. A 198.18.0.2\n"
        "\t A 198.18.0.3\n"
        " A 198.18.0.4\n"
    )
    assert summary(zone) == [
        ("example.com.", 300, "SOA", "ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300", 2, 1),
        ("example.com.", 300, "NS", "ns1.example.com.", 5, 2),
        ("example.com.", 600, "MX", "10 mail.example.com.", 6, 3),
        ("mail.example.com.", 120, "A", "198.18.0.1", 7, 1),
        ("Mail.Example.COM.", 300, "A", "198.18.0.2", 8, 1),
        ("Mail.Example.COM.", 300, "A", "198.18.0.3", 9, 3),
        ("Mail.Example.COM.", 300, "A", "198.18.0.4", 10, 2),
    ]
    assert zone.errors == []
    # Names compare case-insensitively: all four A records are at one owner.
    assert len(zone.rrset(N("MAIL.example.com."), dns.rdatatype.A)) == 4


def test_duplicates_are_kept_and_ttls_are_not_merged() -> None:
    zone = read("$TTL 60\n" + SOA + "@ 300 MX 10 mail\n@ 600 MX 10 mail\n")
    mx = zone.rrset(EXAMPLE, dns.rdatatype.MX)
    assert [r.ttl for r in mx] == [300, 600]


def test_origin_directive_changes_relative_names_and_escapes_are_read() -> None:
    zone = read("$TTL 60\n$ORIGIN sub.example.com.\nwww A 198.18.0.1\n$ORIGIN example.com.\na\\046b TXT \"x\"\n")
    names = [r.owner for r in zone.records]
    assert names[0] == N("www.sub.example.com.")
    assert names[1].labels[0] == b"a.b"


def test_class_tokens_and_unknown_type_syntax() -> None:
    zone = read("$TTL 60\n@ CH TXT \"chaos\"\n@ CLASS1 A 198.18.0.1\n@ TYPE65280 \\# 2 abcd\n")
    assert [dns.rdatatype.to_text(r.rdtype) for r in zone.records] == ["TXT", "A", "TYPE65280"]
    assert zone.errors == []


def test_a_syntax_error_is_reported_at_its_line_and_reading_goes_on() -> None:
    zone = read(
        "$TTL 60\n"
        "@ MX mail.example.com.\n"
        "bad A 198.18.0\n"
        "soa IN SOA ns1 hostmaster ( 1 2\n"
        "  3 4 five )\n"
        "@ MX 10 mail\n"
        "mail A 198.18.0.1\n"
    )
    assert [(e.pos.line, e.message) for e in zone.errors] == [
        (2, "cannot read the MX record's data: expecting an integer"),
        (3, "cannot read the A record's data: Text input is malformed"),
        (4, "cannot read the SOA record's data: DNS TTL value is not well-formed"),
    ]
    assert [r.pos.line for r in zone.records] == [6, 7]


@pytest.mark.parametrize(
    "text,line",
    [
        ('@ TXT "never closed\nmail A 198.18.0.1\n', 2),
        ("@ SOA ns1 hostmaster ( 1 2 3 4 5\nmail A 198.18.0.1\n", 2),
        ("@ A 198.18.0.1 )\nmail A 198.18.0.1\n", 2),
    ],
)
def test_unclosed_quotes_and_parentheses_do_not_swallow_the_file(text: str, line: int) -> None:
    zone = read("$TTL 60\n" + text)
    assert zone.errors and zone.errors[0].pos.line == 2
    assert N("mail.example.com.") in {r.owner for r in zone.records}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from('(()) ";\\ab'), max_size=8), min_size=1, max_size=8))
def test_looking_ahead_for_a_closing_parenthesis_judges_as_the_whole_file_pass(lines: list[str]) -> None:
    # The reader looks ahead from a line first and makes the whole-file pass only when that
    # looking grows long: both must find the same lines never closed.
    unclosed = unclosed_parentheses(lines)
    for index in range(len(lines)):
        assert (lines_to_close(lines, index, len(lines)) is None) == (index + 1 in unclosed), index


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from('(()) ";\\ab'), max_size=8), min_size=1, max_size=8), st.integers(0, 8))
def test_the_lines_before_the_first_asked_about_do_not_change_which_close(lines: list[str], first: int) -> None:
    # The reader releases the lines it has read, then asks about the lines after them.
    assert unclosed_parentheses(lines, first) == {number for number in unclosed_parentheses(lines) if number > first}


def test_a_zone_longer_than_the_lines_released_together_reads_as_a_short_one() -> None:
    # Lines are released as they are read: records, errors and parentheses after many lines
    # are read as they would be at the top of a file.
    tail = "mail ( A\n 198.18.0.1 )\nbad A 300.0.0.1\nopen A ( 198.18.0.2\nlast A 198.18.0.3\n"
    many = 40_000
    long_zone = read("$TTL 60\n" + "".join(f"h{n} A 198.18.0.1\n" for n in range(many)) + tail)
    short_zone = read("$TTL 60\n" + tail)
    assert [(r.key, r.line - many, r.column, str(r.rdata)) for r in long_zone.records[many:]] == [
        (r.key, r.line, r.column, str(r.rdata)) for r in short_zone.records
    ]
    assert [(e.pos.line - many, e.pos.column, e.message) for e in long_zone.errors] == [(e.pos.line, e.pos.column, e.message) for e in short_zone.errors]
    assert len(short_zone.errors) == 2


def test_unknown_type_and_unknown_directive_are_errors() -> None:
    zone = read("$TTL 60\nmail NAME A\n$FOO bar\nok A 198.18.0.1\n")
    assert [(e.pos.line, e.message) for e in zone.errors] == [
        (2, "unknown record type 'NAME'"),
        (3, "unknown directive $FOO"),
    ]
    assert len(zone.records) == 1


def test_cname_beside_other_data_is_read() -> None:
    zone = read("$TTL 60\n@ CNAME other.example.net.\n@ MX 10 mail\n")
    assert zone.errors == [] and len(zone.records) == 2


def test_missing_ttl_is_an_error() -> None:
    zone = read("@ MX 10 mail\n")
    assert "no TTL" in zone.errors[0].message


def test_ttl_defaults_follow_rfc_2308() -> None:
    zone = read("@ SOA ns1 hostmaster 1 2 3 4 99\n@ 30 NS ns1\n@ MX 10 mail\n$TTL 700\n@ TXT x\n")
    assert [r.ttl for r in zone.records] == [99, 30, 30, 700]


def test_crlf_bom_and_lone_cr_are_read_normally() -> None:
    text = "\ufeff$TTL 60\r\n@ MX 10 mail\r\nmail A 198.18.0.1\rwww A 198.18.0.2\n"
    zone = read(text)
    assert zone.errors == []
    assert [r.pos.line for r in zone.records] == [2, 3, 4]


def test_invalid_utf8_and_nul_bytes_are_errors_at_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "example.com.zone"
    path.write_bytes(b"$TTL 60\n@ MX 10 mail\nbad TXT \"\xff\xfe\"\nnul A 198.18.0.1\x00\nmail A 198.18.0.1\n")
    zone = read_zone_file(str(path))
    assert [(e.pos.line, e.message.split(" (")[0]) for e in zone.errors] == [
        (3, "line is not valid UTF-8"),
        (4, "line contains a NUL byte"),
    ]
    assert [r.pos.line for r in zone.records] == [2, 5]


# -- the apex -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,origin",
    [
        ("example.com.zone", "example.com."),
        ("example.com.db", "example.com."),
        ("db.example.com", "example.com."),
        ("example.com", "example.com."),
        ("db.miek.nl@85c44af6", None),
    ],
)
def test_origin_from_filename(name: str, origin: str | None) -> None:
    expected = N(origin) if origin else None
    assert origin_from_file_name(name) == expected


def test_apex_order_option_then_soa_owner_then_origin_then_file_name(tmp_path: Path) -> None:
    soa_first = tmp_path / "db.wrong.example"
    soa_first.write_text("$ORIGIN .\n$TTL 60\nexample IN SOA ns1.example. h.example. 1 2 3 4 5\n")
    assert read_zone_file(str(soa_first)).origin == N("example.")
    assert read_zone_file(str(soa_first), N("given.")).origin == N("given.")
    origin_only = tmp_path / "db.wrong.example2"
    origin_only.write_text("$ORIGIN right.example.\n$TTL 60\n@ MX 10 mail\n")
    assert read_zone_file(str(origin_only)).origin == N("right.example.")
    name_only = tmp_path / "example.org.zone"
    name_only.write_text("$TTL 60\n@ MX 10 mail\n")
    zone = read_zone_file(str(name_only))
    assert zone.origin == N("example.org.")
    assert zone.records[0].rdata.exchange == N("mail.example.org.")


def test_no_origin_at_all_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / ".hidden"
    path.write_text("$TTL 60\n@ MX 10 mail\nwww A 198.18.0.1\n")
    zone = read_zone_file(str(path))
    assert len(zone.errors) == 1 and "cannot tell the zone's name" in zone.errors[0].message


def test_missing_file_and_directory_raise_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No such file"):
        read_zone_file(str(tmp_path / "nope.zone"))
    with pytest.raises(InputError):
        read_zone_file(str(tmp_path))


# -- $INCLUDE ---------------------------------------------------------------------------------


def test_included_records_carry_their_own_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "mail.inc").write_text("; mail hosts\nmail A 198.18.0.1\n")
    (tmp_path / "inc" / "sub.inc").write_text("www A 198.18.0.9\n")
    top = tmp_path / "example.com.zone"
    top.write_text("$TTL 60\n@ MX 10 mail\n$INCLUDE inc/mail.inc\n$INCLUDE inc/sub.inc sub\nafter A 198.18.0.2\n")
    zone = read_zone_file(str(top))
    assert zone.errors == []
    where = {r.owner.to_text(): (r.pos.file, r.pos.line) for r in zone.records}
    assert where["mail.example.com."] == (os.path.join(str(tmp_path), "inc", "mail.inc"), 2)
    assert where["www.sub.example.com."] == (os.path.join(str(tmp_path), "inc", "sub.inc"), 1)
    # The include's origin does not leak back into the including file.
    assert where["after.example.com."] == (str(top), 5)


def test_include_outside_the_tree_is_refused_without_echoing_it(tmp_path: Path) -> None:
    zones = tmp_path / "zones"
    zones.mkdir()
    (tmp_path / "secret.txt").write_text("TOPSECRET A 198.18.0.1\n")
    os.symlink(tmp_path / "secret.txt", zones / "link.inc")
    top = zones / "example.com.zone"
    top.write_text(
        "$TTL 60\n$INCLUDE ../secret.txt\n$INCLUDE /etc/passwd\n$INCLUDE link.inc\n$INCLUDE /dev/zero\nok A 198.18.0.1\n"
    )
    zone = read_zone_file(str(top))
    assert [e.pos.line for e in zone.errors] == [2, 3, 4, 5]
    assert all("refused" in e.message for e in zone.errors)
    assert all("TOPSECRET" not in e.message and "root:" not in e.message for e in zone.errors)
    assert [r.owner.to_text() for r in zone.records] == ["ok.example.com."]


def test_include_loop_and_non_regular_file_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.inc").write_text("a A 198.18.0.1\n$INCLUDE b.inc\n")
    (tmp_path / "b.inc").write_text("b A 198.18.0.2\n$INCLUDE a.inc\n")
    os.mkfifo(tmp_path / "fifo")
    top = tmp_path / "example.com.zone"
    top.write_text("$TTL 60\n$INCLUDE a.inc\n$INCLUDE example.com.zone\n$INCLUDE fifo\n$INCLUDE missing.inc\n")
    zone = read_zone_file(str(top))
    messages = [(os.path.basename(e.pos.file), e.pos.line, e.message) for e in zone.errors]
    assert messages[0][:2] == ("b.inc", 2) and "loop" in messages[0][2]
    assert messages[1][:2] == ("example.com.zone", 3) and "loop" in messages[1][2]
    assert "not a regular file" in messages[2][2]
    assert "No such file" in messages[3][2]
    assert sorted(r.owner.to_text() for r in zone.records) == ["a.example.com.", "b.example.com."]


# -- $GENERATE --------------------------------------------------------------------------------


def test_generate_expands_with_modifiers() -> None:
    zone = read("$TTL 60\n$GENERATE 1-3/2 host$ A 198.18.0.$\n$GENERATE 10-11 r${-10,3,d} MX \"${-5} mx$\"\n")
    assert [r.owner.to_text() for r in zone.records] == [
        "host1.example.com.",
        "host3.example.com.",
        "r000.example.com.",
        "r001.example.com.",
    ]
    assert zone.records[2].rdata.exchange == N("mx10.example.com.")
    assert all(r.pos.line in (2, 3) for r in zone.records)


def test_generate_over_the_limit_is_refused() -> None:
    zone = read("$TTL 60\n$GENERATE 0-4294967295 h$ A 198.18.0.1\nok A 198.18.0.1\n")
    assert "exceeds the limit" in zone.errors[0].message
    assert len(zone.records) == 1


def test_generate_text_matches_bind_conventions() -> None:
    assert generate_text("a$$b\\$c$", 7) == "a$b\\$c7"
    assert generate_text("${0,4,x}", 255) == "00ff"
    assert generate_text("${0,3,n}", 0x2A) == "a.2"


def test_generated_data_the_fast_path_cannot_vouch_for_is_dnspythons_to_judge() -> None:
    # A quoted right-hand side groups the data (BIND); what it holds is parsed as data text,
    # and a parenthesis there is an error of that line, not of a rule reading it later.
    zone = read("$TTL 60\n@ MX 0 .\n$GENERATE 1-1 h$ TXT \"v=spf1 a mx -all\"\n$GENERATE 1-1 p$ TXT \"(\"\n")
    assert [(issue.pos.line, issue.kind.value) for issue in zone.errors] == [(4, "syntax")]
    assert [record.rdata.to_text() for record in zone.records if record.rdtype == dns.rdatatype.TXT] == ['"v=spf1" "a" "mx" "-all"']
    lint([zone], Config(), load_registry())  # no rule meets data it cannot read
