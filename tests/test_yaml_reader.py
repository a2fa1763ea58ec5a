"""YAML zones: both dialects, positions from node marks, and safe, bounded reading."""

from __future__ import annotations

import time
from pathlib import Path

import dns.name
import dns.rdatatype
import pytest
from conftest import run_mxlint

from mxlint.discovery import find_sources
from mxlint.formats import origin_from_file_name, read_path, read_yaml_text
from mxlint.formats.yamlzone import quoted_strings
from mxlint.zone import IssueKind

N = dns.name.from_text
EXAMPLE = N("example.com.")
SYNTAX, MX_VALUE, RELATIVE_EXCHANGE = IssueKind.SYNTAX, IssueKind.MX_VALUE, IssueKind.RELATIVE_EXCHANGE


def read(text: str, origin: dns.name.Name | None = EXAMPLE):
    return read_yaml_text(text, origin, "z.yaml")


def records(zone) -> list[tuple[str, int, str, str, int, int]]:
    return [
        (r.owner.to_text(), r.ttl, dns.rdatatype.to_text(r.rdtype), r.rdata.to_text(), r.pos.line, r.pos.column)
        for r in zone.records
    ]


def issues(zone) -> list[tuple[IssueKind, int, str]]:
    return [(i.kind, i.pos.line, i.message) for i in zone.errors]


def test_octodns_records_values_and_positions() -> None:
    zone = read(
        "---\n"
        "'':\n"
        "  - type: MX\n"
        "    ttl: 300\n"
        "    values:\n"
        "      - exchange: mx1.example.com.\n"
        "        preference: 10\n"
        "      - priority: 20\n"
        "        value: mx2.example.com.\n"
        "  - type: TXT\n"
        "    value: v=spf1 mx \\; -all\n"
        "mx1:\n"
        "  type: A\n"
        "  values: [198.18.0.1, 198.18.0.2]\n"
        "'01':\n"
        "  type: AAAA\n"
        "  value: 2001:2::1\n"
        "  octodns:\n"
        "    ignored: true\n"
    )
    assert issues(zone) == []
    assert records(zone) == [
        ("example.com.", 300, "MX", "10 mx1.example.com.", 6, 9),
        ("example.com.", 300, "MX", "20 mx2.example.com.", 8, 9),
        ("example.com.", 3600, "TXT", '"v=spf1 mx ; -all"', 11, 12),
        ("mx1.example.com.", 3600, "A", "198.18.0.1", 14, 12),
        ("mx1.example.com.", 3600, "A", "198.18.0.2", 14, 24),
        ("01.example.com.", 3600, "AAAA", "2001:2::1", 17, 10),
    ]


def test_structured_octodns_values() -> None:
    zone = read(
        "_sip._tcp:\n  type: SRV\n  value: {priority: 10, weight: 20, port: 5060, target: sip.example.com.}\n"
        "'':\n  - type: CAA\n    value: {flags: 0, tag: issue, value: ca.example.net}\n"
        "  - type: NAPTR\n    value: {order: 10, preference: 100, flags: S, service: 'SIP+D2U', regexp: '', replacement: _sip._udp.example.com.}\n"
        "  - type: SSHFP\n    value: {algorithm: 1, fingerprint_type: 1, fingerprint: bf6b6825d2977c511a475bbefb88aad54a92ac73}\n"
        "loc:\n  type: LOC\n  value: {lat_degrees: 31, lat_minutes: 58, lat_seconds: 52.1, lat_direction: S, long_degrees: 115,"
        " long_minutes: 49, long_seconds: 11.7, long_direction: E, altitude: 20, size: 10, precision_horz: 10, precision_vert: 2}\n"
    )
    assert issues(zone) == []
    assert [r.rdata.to_text() for r in zone.records] == [
        "10 20 5060 sip.example.com.",
        '0 issue "ca.example.net"',
        '10 100 "S" "SIP+D2U" "" _sip._udp.example.com.',
        "1 1 bf6b6825d2977c511a475bbefb88aad54a92ac73",
        "31 58 52.100 S 115 49 11.700 E 20.00m 10.00m 10.00m 2.00m",
    ]


def test_long_txt_values_are_split_into_character_strings() -> None:
    assert quoted_strings("a" * 300) == '"' + "a" * 255 + '" "' + "a" * 45 + '"'
    assert quoted_strings('say "hi"\\') == '"say \\"hi\\"\\\\"'
    zone = read("'':\n  type: TXT\n  value: " + "x" * 600 + "\n")
    assert [len(s) for s in zone.records[0].rdata.strings] == [255, 255, 90]


def test_native_dialect_rows() -> None:
    zone = read_yaml_text(
        "origin: example.org.\n"
        "ttl: 600\n"
        "records:\n"
        "  - {name: '@', type: MX, priority: 10, value: mx1.example.org.}\n"
        "  - name: '@'\n"
        "    type: MX\n"
        "    ttl: 60\n"
        "    value: 20 mx2\n"
        "  - {name: mx1, type: A, value: 198.18.0.1}\n"
        "  - {name: www.example.org., type: TXT, value: hello world}\n",
        None,
        "native.yaml",
    )
    assert zone.origin == N("example.org.")
    assert [(r.owner.to_text(), r.ttl, r.rdata.to_text(), r.pos.line) for r in zone.records] == [
        ("example.org.", 600, "10 mx1.example.org.", 4),
        ("example.org.", 60, "20 mx2.example.org.", 5),  # relative to the origin, as in a zone file
        ("mx1.example.org.", 600, "198.18.0.1", 9),
        ("www.example.org.", 600, '"hello world"', 10),
    ]
    assert zone.errors == []


def test_mx_value_problems_are_mx110_at_the_offending_node() -> None:
    zone = read(
        "'':\n"
        "  type: MX\n"
        "  values:\n"
        "    - exchange: a.example.com.\n"
        "      preference: nope\n"
        "    - preference: 10\n"
        "    - exchange: b.example.com.\n"
        "      preference: 65536\n"
        "    - exchange: ''\n"
        "      priority: 5\n"
        "    - exchange: 100 foo.bar.com.\n"
        "      preference: 1\n"
        "    - preference: true\n"
        "      exchange: c.example.com.\n"
        "    - just a string\n"
        "    - exchange: fine.example.com.\n"
        "      preference: 7\n"
    )
    assert [(rule, line) for rule, line, _ in issues(zone)] == [
        (MX_VALUE, 5), (MX_VALUE, 6), (MX_VALUE, 8), (MX_VALUE, 9), (MX_VALUE, 11), (MX_VALUE, 13), (MX_VALUE, 15),
    ]
    assert records(zone) == [("example.com.", 3600, "MX", "7 fine.example.com.", 16, 7)]


def test_exchange_without_dot_is_mx111_and_read_as_absolute() -> None:
    zone = read("'':\n  type: MX\n  value:\n    exchange: mail.example.net\n    preference: 10\n")
    assert [(rule, line) for rule, line, _ in issues(zone)] == [(RELATIVE_EXCHANGE, 4)]
    assert zone.records[0].rdata.exchange == N("mail.example.net.")
    assert issues(read("'':\n  type: MX\n  value: {exchange: 198.18.0.1, preference: 10}\n")) == []


def test_unreadable_records_are_mx000_and_reading_goes_on() -> None:
    zone = read(
        "bad:\n  type: A\n  value: 198.18.0\n"
        "fwd:\n  type: REDIRECT\n  value: {code: 301}\n"
        "notype:\n  value: 1\n"
        "nottl:\n  type: A\n  ttl: forever\n  value: 198.18.0.1\n"
        "alias:\n  type: ALIAS\n  value: cdn.example.net.\n"
        "scalar: just text\n"
        "good:\n  type: A\n  value: 198.18.0.9\n"
    )
    assert [(rule, line) for rule, line, _ in issues(zone)] == [
        (SYNTAX, 3), (SYNTAX, 5), (SYNTAX, 8), (SYNTAX, 11), (SYNTAX, 16),
    ]
    assert [r.owner.to_text() for r in zone.records] == ["good.example.com."]


@pytest.mark.parametrize(
    "text,message",
    [
        ("- a\n- b\n", "the top level must be a mapping"),
        ("just a scalar\n", "the top level must be a mapping"),
        ("a: [1, 2\n", "YAML syntax error"),
        ("a: 1\n---\nb: 2\n", "only one YAML document"),
        ("a: !!python/object/apply:os.system ['echo pwned']\n", "is not allowed"),
        ("'':\n  type: !!python/name:os.system A\n  value: 1.2.3.4\n", "is not allowed"),
        ("a: *nothing\n", "names no anchor"),
    ],
)
def test_bad_documents_are_one_mx000(text: str, message: str) -> None:
    zone = read(text)
    assert len(zone.errors) == 1 and zone.errors[0].kind is SYNTAX
    assert message in zone.errors[0].message
    assert zone.records == []


def test_empty_document_has_no_records_and_no_issues() -> None:
    for text in ("", "---\n", "# only a comment\n"):
        zone = read(text)
        assert zone.records == [] and zone.errors == []


def test_alias_bomb_and_deep_nesting_end_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, 30):
        bomb += f"{chr(97 + level % 26)}{level}: &{chr(97 + level % 26)}{level} [" + ", ".join([f"*{chr(97 + (level - 1) % 26)}{level - 1}" if level > 1 else "*a"] * 10) + "]\n"
    deep = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    deep_block = "".join("  " * i + "k:\n" for i in range(2000))
    for text in (bomb, deep, deep_block):
        started = time.monotonic()
        zone = read(text)
        assert time.monotonic() - started < 5
        assert all(issue.kind is SYNTAX for issue in zone.errors)
    # One finding for the whole document, whichever parser noticed the depth first.
    too_deep = read(deep).errors
    assert len(too_deep) == 1 and too_deep[0].incomplete


def test_merge_keys_apply() -> None:
    zone = read("base: &base\n  type: A\n  ttl: 60\n  value: 198.18.0.1\nother:\n  <<: *base\n  value: 198.18.0.2\n")
    assert [(r.owner.to_text(), r.ttl, r.rdata.to_text()) for r in zone.records] == [
        ("base.example.com.", 60, "198.18.0.1"),
        ("other.example.com.", 60, "198.18.0.2"),
    ]


@pytest.mark.parametrize(
    "name,origin",
    [("example.com.yaml", "example.com."), ("example.com.yml", "example.com."), ("example.com.", "example.com."), ("$example.com.yaml", "example.com.")],
)
def test_origin_from_yaml_file_and_directory_names(name: str, origin: str) -> None:
    assert origin_from_file_name(name) == N(origin)


def test_split_directory_is_one_zone(tmp_path: Path) -> None:
    split = tmp_path / "zones" / "example.com."
    split.mkdir(parents=True)
    (split / "$example.com.yaml").write_text("'':\n  type: MX\n  values:\n    - {exchange: mail.example.com., preference: 10}\n    - {exchange: mx2.example.com., preference: 20}\n")
    (split / "mail.yaml").write_text("mail:\n  type: CNAME\n  value: mx2.example.com.\n")
    (split / "mx2.yaml").write_text("mx2:\n  type: A\n  value: 198.18.0.2\n")
    (tmp_path / "zones" / "other.org.yaml").write_text("'':\n  type: A\n  value: 198.18.0.3\n")
    assert [path for path, _ in find_sources([str(tmp_path)]).sources] == [str(split), str(tmp_path / "zones" / "other.org.yaml")]
    zone = read_path(str(split))
    assert zone.origin == EXAMPLE and len(zone.records) == 4
    result = run_mxlint("check", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{split / '$example.com.yaml'}:4:7: error MX101 MX target mail.example.com. is a CNAME")


def test_octodns_file_with_mx_to_cname_reports_at_the_value_line(write) -> None:
    path = write(
        "example.com.yaml",
        "---\n'':\n  type: MX\n  values:\n  - exchange: mail.example.com.\n    preference: 10\n"
        "  - exchange: mx2.example.com.\n    preference: 20\nmail:\n  type: CNAME\n  value: mx2.example.com.\n"
        "mx2:\n  type: A\n  value: 198.18.0.2\n",
    )
    result = run_mxlint("check", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"{path}:5:5: error MX101 MX target mail.example.com. is a CNAME to mx2.example.com. [target-is-cname]"


def test_a_yaml_zone_in_the_current_directory_is_not_a_split_directory(write, tmp_path) -> None:
    # Regression: "." ends with a dot too; it is not a directory named after a zone.
    write("example.com.yaml", "'':\n  type: MX\n  value: {exchange: mx1.example.com., preference: 10}\nmx1:\n  type: A\n  value: 198.18.0.1\n")
    result = run_mxlint("check", "--format", "json", "example.com.yaml", cwd=tmp_path)
    assert [f["rule"] for f in __import__("json").loads(result.stdout)["findings"]] == ["MX203"]


# -- octoDNS parity: what octoDNS loads is read without MX000 ---------------------------------


def test_octodns_own_and_provider_types_are_no_mx000_and_alias_owners_have_addresses() -> None:
    zone = read(
        "'':\n"
        "  - type: ALIAS\n    value: lb.example.net.\n"
        "  - type: URLFWD\n    value: {path: /, target: 'https://example.net/', code: 301, masking: 2, query: 0}\n"
        "mx1:\n"
        "  type: Route53Provider/ALIAS\n"
        "  value: {name: d1.cloudfront.net., type: A, hosted-zone-id: Z2FDTNDATAQYW2}\n"
        "txt:\n"
        "  type: Route53Provider/ALIAS\n"
        "  value: {name: other.example.com., type: TXT}\n"
        "cf:\n  type: CloudflareProvider/PAGERULE\n  value: {}\n"
    )
    assert zone.errors == []
    assert zone.records == []  # none of them is DNS data
    assert zone.has_address(N("example.com.")) and zone.has_address(N("MX1.example.com."))
    assert not zone.has_address(N("txt.example.com."))  # an alias of a TXT set gives no address
    assert zone.aliases[N("mx1.example.com.")].line == 7  # the type that makes it an alias


@pytest.mark.parametrize("rdtype", ["REDIRECT", "TYPE99999999", "Route53Provider/", "/ALIAS", "A/B/C"])
def test_types_neither_dns_nor_octodns_knows_stay_mx000(rdtype: str) -> None:
    zone = read(f"x:\n  type: {rdtype}\n  value: v\n")
    assert [(rule, line) for rule, line, _ in issues(zone)] == [(SYNTAX, 2)]


def test_a_list_under_value_means_values() -> None:
    zone = read(
        "'':\n  type: MX\n  value:\n"
        "    - {exchange: mx1.example.net., preference: 10}\n"
        "    - {exchange: mx2.example.net., preference: 20}\n"
        "txt:\n  type: TXT\n  value: [one, two]\n"
    )
    assert zone.errors == []
    assert [(r.owner.to_text(), r.rdata.to_text(), r.pos.line) for r in zone.records] == [
        ("example.com.", "10 mx1.example.net.", 4),
        ("example.com.", "20 mx2.example.net.", 5),
        ("txt.example.com.", '"one"', 8),
        ("txt.example.com.", '"two"', 8),
    ]


def test_octodns_keys_are_not_data() -> None:
    zone = read("'':\n  type: MX\n  octodns: {ignored: true, route53: {healthcheck: {x: 1}}}\n  value: {exchange: mx.example.net., preference: 1}\n")
    assert zone.errors == [] and [r.rdata.to_text() for r in zone.records] == ["1 mx.example.net."]


def test_an_apex_with_an_alias_and_no_mx_is_implicit_mx(tmp_path: Path) -> None:
    from conftest import lint_yaml_text

    findings = lint_yaml_text("'':\n  type: ALIAS\n  value: lb.example.net.\nmail:\n  type: ALIAS\n  value: lb.example.net.\n")
    assert [(f.rule, f.line) for f in findings] == [("MX206", 2)]
    clean = lint_yaml_text(
        "'':\n  - type: ALIAS\n    value: lb.example.net.\n"
        "  - type: MX\n    value: {exchange: mail.example.com., preference: 10}\n"
        "mail:\n  type: Route53Provider/ALIAS\n  value: {name: lb.example.net., type: AAAA}\n"
    )
    assert [f.rule for f in clean if f.rule in ("MX103", "MX206")] == []


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_include_reads_the_included_document_with_its_own_positions(tmp_path: Path) -> None:
    top = write(
        tmp_path / "zones" / "example.com.yaml",
        "'':\n  type: MX\n  values: !include parts/mx.yaml\n"
        "mx1: !include parts/mx1.yaml\n"
        "mx2:\n  <<: !include parts/a.yaml\n  value: 198.18.0.2\n",
    )
    write(tmp_path / "zones" / "parts" / "mx.yaml", "- exchange: mx1.example.com.\n  preference: 10\n- exchange: mx2.example.com.\n  preference: 20\n")
    write(tmp_path / "zones" / "parts" / "mx1.yaml", "# the first exchanger\ntype: A\nvalue: 198.18.0.1\n")
    write(tmp_path / "zones" / "parts" / "a.yaml", "type: A\nttl: 60\n")
    zone = read_path(str(top))
    assert zone.errors == []
    part = str(tmp_path / "zones" / "parts")
    assert [(r.owner.to_text(), r.ttl, r.rdata.to_text(), r.pos.file, r.pos.line) for r in zone.records] == [
        ("example.com.", 3600, "10 mx1.example.com.", f"{part}/mx.yaml", 1),
        ("example.com.", 3600, "20 mx2.example.com.", f"{part}/mx.yaml", 3),
        ("mx1.example.com.", 3600, "198.18.0.1", f"{part}/mx1.yaml", 3),
        ("mx2.example.com.", 60, "198.18.0.2", str(top), 7),
    ]


def test_include_is_confined_like_dollar_include(tmp_path: Path) -> None:
    zones = tmp_path / "zones"
    write(tmp_path / "secret.yaml", "type: A\nvalue: 198.18.0.66\n")
    write(zones / "loop.yaml", "type: A\nvalue: !include loop.yaml\n")
    write(zones / "bad.yaml", "type: A\nvalue: [unclosed\n")
    write(zones / "tagged.yaml", "type: A\nvalue: !!python/object/apply:os.system [id]\n")
    (zones / "out.yaml").symlink_to(tmp_path / "secret.yaml")
    (zones / "fifo.yaml").mkdir()
    top = write(
        zones / "example.com.yaml",
        "a: !include ../secret.yaml\n"
        "b: !include out.yaml\n"
        f"c: !include {tmp_path / 'secret.yaml'}\n"
        "d: !include ~/secret.yaml\n"
        "e: !include example.com.yaml\n"
        "f: !include loop.yaml\n"
        "g: !include missing.yaml\n"
        "h: !include fifo.yaml\n"
        "i: !include bad.yaml\n"
        "j: !include tagged.yaml\n"
        "k:\n  type: A\n  value: 198.18.0.1\n",
    )
    zone = read_path(str(top))
    found = [(i.kind, i.pos.file, i.pos.line, i.incomplete) for i in zone.errors]
    loop = str(zones / "loop.yaml")
    assert sorted(found) == sorted(
        [(SYNTAX, str(top), line, True) for line in range(1, 11) if line != 6] + [(SYNTAX, loop, 2, True)]
    )
    assert [r.owner.to_text() for r in zone.records] == ["k.example.com."]
    assert not zone.complete
    # include-root widens the tree, as for $INCLUDE
    zone = read_path(str(top), None, str(tmp_path))
    assert {r.owner.to_text() for r in zone.records} == {"a.example.com.", "b.example.com.", "k.example.com."}


def test_include_without_a_file_and_in_bulk_is_bounded(tmp_path: Path) -> None:
    zone = read("x: !include other.yaml\n")
    assert [(i.kind, i.pos.line, i.incomplete) for i in zone.errors] == [(SYNTAX, 1, True)]
    # every level includes the next one ten times: 10**6 documents unless the count is bounded
    for level in range(6):
        write(tmp_path / f"l{level}.yaml", "[" + ", ".join([f"!include l{level + 1}.yaml"] * 10) + "]\n")
    write(tmp_path / "l6.yaml", "type: A\nvalue: 198.18.0.1\n")
    top = write(tmp_path / "example.com.yaml", "x: !include l0.yaml\n")
    started = time.monotonic()
    zone = read_path(str(top))
    assert time.monotonic() - started < 20
    assert any(i.incomplete for i in zone.errors)


def test_include_depth_is_bounded(tmp_path: Path) -> None:
    for level in range(40):
        write(tmp_path / f"d{level}.yaml", f"!include d{level + 1}.yaml\n")
    write(tmp_path / "d40.yaml", "type: A\nvalue: 198.18.0.1\n")
    top = write(tmp_path / "example.com.yaml", "x: !include d0.yaml\n")
    zone = read_path(str(top))
    assert [i.kind for i in zone.errors] and all(i.kind is SYNTAX for i in zone.errors)
    assert zone.records == []
