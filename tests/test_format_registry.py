"""The formats of a run: found through their entry-point group, loaded only when a path needs
them, and the one place where a source's format is chosen (by name, by content, and by how
much the way the source came vouches for it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_mxlint
from mxlint.format import Format, Probe, Trust
from mxlint.formats import BUILTIN, installed, read_text
from mxlint.formats.zonefile import read_zone_text
from mxlint.record import Position
from mxlint.source import Source, Text

ZONE = "$TTL 60\n@ MX 10 mx1\nmx1 A 198.18.0.1\n"
OCTODNS = "'':\n  type: MX\n  value: {preference: 10, exchange: mx1.example.com.}\n"
NATIVE = "origin: example.com.\nrecords:\n  - {name: '@', type: MX, value: 10 mx1.example.com.}\n"


def chosen(path: str, trust: Trust, data: bytes | None = None) -> str | None:
    """The name of the format chosen, or None when none takes the source."""
    result = installed().choose(Probe(path, data), trust)
    return result.name if isinstance(result, Format) else None


def test_the_built_in_formats_are_the_entry_point_groups() -> None:
    from importlib.metadata import entry_points

    declared = {point.name: point.value for point in entry_points(group="mxlint.formats")}
    assert declared == {point.name: point.value for point in BUILTIN}
    assert [format.name for format in installed()][:3] == ["zonefile", "octodns", "native"]


def test_a_run_over_zone_files_loads_no_yaml_format(write) -> None:
    zone = write("example.com.zone", ZONE)
    code = (
        "import sys\n"
        "from mxlint.cli import cli\n"
        "try:\n"
        f"    cli.main(['check', {str(zone)!r}], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m == 'yaml' or m.startswith('mxlint.formats.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "['mxlint.formats.fastline', 'mxlint.formats.templates', 'mxlint.formats.zonefile']", result.stderr


def test_a_search_trusts_content_a_named_file_its_name_and_given_bytes_any_claimant(write) -> None:
    binary = write("example.com.zone", b"\x00\x01 binary")
    assert chosen(str(binary), Trust.CONTENT) is None
    assert chosen(str(binary), Trust.NAME) == "zonefile"  # named by the user: its reader says what is wrong
    prose = write("db.example.com", "This is not a zone; it only has the name of one.\n")
    assert chosen(str(prose), Trust.CONTENT) is None and chosen(str(prose), Trust.NAME) is None
    assert chosen(str(prose), Trust.GIVEN, prose.read_bytes()) == "zonefile"
    assert chosen("example.com", Trust.CONTENT, ZONE.encode()) == "zonefile"  # a zone file carries any name
    assert chosen("example.com", Trust.CONTENT, b"Hello.\n") is None
    # YAML: a dialect is told by the document's shape ...
    for trust in Trust:
        assert chosen("example.com.yaml", trust, OCTODNS.encode()) == "octodns"
    assert chosen("zones.yaml", Trust.CONTENT, NATIVE.encode()) == chosen("zones.yaml", Trust.NAME, NATIVE.encode()) == "native"
    # ... except where the name alone decided: the octoDNS format takes the file unparsed and
    # reads a native document with the native dialect (one parse), to the same records.
    assert chosen("example.com.yaml", Trust.GIVEN, NATIVE.encode()) == "octodns"
    assert read_text(NATIVE, None, "example.com.yaml").records == read_text(NATIVE, None, "example.com.yaml", format="native").records != []
    # A YAML file that holds no records is a zone only when named after one, or given.
    assert chosen("values.yaml", Trust.NAME, b"replicas: 2\n") is None
    assert chosen("values.yaml", Trust.GIVEN, b"replicas: 2\n") == "octodns"
    # Bytes whose name no format claims: their content decides, then the zone-file format.
    assert chosen("-", Trust.GIVEN, OCTODNS.encode()) == "octodns"
    assert chosen("-", Trust.GIVEN, b"\x00 not text") == "zonefile"


def test_a_directory_read_whole_is_the_format_that_reads_it(tmp_path: Path) -> None:
    split = tmp_path / "example.com."
    split.mkdir()
    (split / "$example.com.yaml").write_text(OCTODNS)
    assert installed().directory_format(str(split)).name == "octodns"
    assert installed().directory_format(str(tmp_path)) is None


@pytest.mark.parametrize(
    "name,format",
    [("example.com.zone", "zonefile"), ("db.example.com", "zonefile"), ("example.com.yaml", "octodns"), ("example.com.yml", "native")],
)
def test_a_file_name_names_its_zone_through_its_format_patterns(name: str, format: str) -> None:
    import dns.name

    assert installed().get(format).origin_from_name(name) == dns.name.from_text("example.com.")
    # Another format's suffix is part of the name: a zone file named example.com.yaml is not one of example.com.
    other = "octodns" if format == "zonefile" else "zonefile"
    assert installed().get(other).origin_from_name(name) != dns.name.from_text("example.com.")


def test_a_zone_keeps_its_source_and_bytes_in_memory_are_read_as_a_file_would_be() -> None:
    import dns.name

    zone = read_zone_text(ZONE, dns.name.from_text("example.com."), "zones/example.com.zone")
    assert isinstance(zone.source, Source) and zone.source.in_memory and zone.source.format == "zonefile"
    text = zone.source.text("zones/example.com.zone")
    assert text is not None and text.in_memory and text.lines[1] == "@ MX 10 mx1"
    assert zone.files == ["zones/example.com.zone"]


def test_sarif_regions_end_where_the_format_says(write, tmp_path: Path) -> None:
    write("example.com.yaml", "'':\n  type: MX\n  values:\n    - exchange: mail.example.com.\n      preference: 10\nmail:\n  type: CNAME\n  value: mx.example.net.\n")
    write("example.org.zone", "$TTL 60\n@ MX 10 mail ; the CNAME\nmail CNAME mx.example.net.\n")
    result = run_mxlint("check", "--isolated", "--select", "MX101", "--format", "sarif", ".", cwd=tmp_path)
    regions = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["locations"][0]["physicalLocation"]["region"]
        for r in json.loads(result.stdout)["runs"][0]["results"]
    }
    # YAML: the MX value's mapping, to the end of its last scalar; a zone file: the record, not its comment.
    assert regions["example.com.yaml"] == {"startLine": 4, "startColumn": 7, "endLine": 5, "endColumn": 21}
    assert regions["example.org.zone"] == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 13}


def regions(stdout: str) -> dict[tuple[str, int], dict[str, int]]:
    """Each result's region by (rule, start line)."""
    return {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]): r["locations"][0]["physicalLocation"]["region"]
        for r in json.loads(stdout)["runs"][0]["results"]
    }


def test_a_suppression_that_suppresses_nothing_spans_its_comment(write, tmp_path: Path) -> None:
    write("example.com.zone", "$TTL 60\n@ MX 10 mx1 ; mxlint: ignore=MX101\n; mxlint: ignore=MX102\n@ MX 20 mx2\nmx1 A 198.18.0.1\nmx2 A 198.18.0.2\n")
    found = regions(run_mxlint("check", "--isolated", "--format", "sarif", "example.com.zone", cwd=tmp_path).stdout)
    comment = "; mxlint: ignore=MX101"
    assert found[("MX001", 2)] == {"startLine": 2, "startColumn": 13, "endLine": 2, "endColumn": 13 + len(comment)}
    assert found[("MX001", 3)] == {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 23}


def test_a_block_scalar_ends_with_its_last_line_and_a_record_with_its_parenthesis(write, tmp_path: Path) -> None:
    write("example.com.yaml", "'':\n  - type: MX\n    value: {preference: 10, exchange: mx.example.net.}\n  - type: TXT\n    value: |\n      v=spf1 mx\n      -all\n\n")
    write("example.org.zone", "$TTL 60\n@ MX 10 mail\n@ MX ( 20\n      mail ) ; again\nmail A 198.18.0.1\n")
    found = regions(run_mxlint("check", "--isolated", "--format", "sarif", "--select", "MX201,MX203", ".", cwd=tmp_path).stdout)
    value = "{preference: 10, exchange: mx.example.net.}"
    assert found[("MX203", 3)] == {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 12 + len(value)}
    assert found[("MX201", 3)] == {"startLine": 3, "startColumn": 1, "endLine": 4, "endColumn": 13}
    text = Text("example.com.yaml", (tmp_path / "example.com.yaml").read_bytes())
    assert installed().get("octodns").extent(text, Position("example.com.yaml", 5, 12)) == (7, 11)  # after "-all", not the start of the line after the scalar


def test_ranges_of_many_yaml_findings_come_from_one_walk_of_the_document(write, tmp_path: Path) -> None:
    hosts = 2000
    write("example.com.yaml", "".join(f"h{n}:\n  type: MX\n  value: {{preference: 10, exchange: mail}}\n" for n in range(hosts)))
    result = run_mxlint("check", "--isolated", "--exit-zero", "--format", "sarif", "--select", "MX111", "example.com.yaml", cwd=tmp_path, timeout=120)
    found = regions(result.stdout)
    assert len(found) == hosts
    assert all(region["endLine"] == region["startLine"] and region["endColumn"] == region["startColumn"] + 4 for region in found.values())


@pytest.mark.parametrize(
    "format,name,text,record_line",
    [
        ("zonefile", "example.com.zone", "$TTL 60\n@ MX 10 mx1.example.net.\n", 2),
        ("octodns", "example.com.yaml", "'':\n  type: MX\n  value: {preference: 10, exchange: mx1.example.net.}\n", 3),
    ],
)
def test_the_suppression_a_format_writes_is_read_back(write, tmp_path: Path, format: str, name: str, text: str, record_line: int) -> None:
    lines = text.splitlines()
    assert "MX203" in run_mxlint("check", "--isolated", "--fail-on", "info", name, cwd=write(name, text).parent).stdout
    lines[record_line - 1] += " " + installed().get(format).suppression(["MX203"])
    write(name, "\n".join(lines) + "\n")
    result = run_mxlint("check", "--isolated", "--fail-on", "info", name, cwd=tmp_path)
    assert result.returncode == 0 and "No problems found" in result.stdout, result.stdout
