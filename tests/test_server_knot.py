"""Knot DNS's knot.conf: the primary zones it declares, read as Knot reads them (its YAML
subset line by line, templates, file formatters, includes, ``clear``), problems as issues with
lines; compared with the real ``knotc`` when it is installed."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import dns.name
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mxlint.formats.knot import DEFAULT_STORAGE, expand_file, looks_like_knot_conf, read_knot_conf
from mxlint.formats.servers import Declarations
from mxlint.limits import MAX_INCLUDE_DEPTH, MAX_INCLUDES, MAX_SYNTAX_ERRORS
from mxlint.source import InputError

N = dns.name.from_text
KNOTC = shutil.which("knotc") or ("/usr/sbin/knotc" if Path("/usr/sbin/knotc").exists() else None)
needs_knotc = pytest.mark.skipif(KNOTC is None, reason="knotc is not installed (Debian package knot)")


def read(write, text: str | bytes, name: str = "knot.conf") -> Declarations:  # noqa: ANN001 - the conftest fixture
    path = write(name, text)
    return read_knot_conf(str(path), str(path.parent))


def zones(decl: Declarations) -> list[tuple[str, str, str | None]]:
    return [(zone.name.to_text(), zone.file, zone.directory) for zone in decl.zones]


def issues(decl: Declarations) -> list[tuple[int, str]]:
    return [(issue.pos.line, issue.message) for issue in decl.issues]


# -- sections, blocks, values -------------------------------------------------------------------


def test_zones_with_storage_files_positions_and_repeated_sections(write) -> None:
    decl = read(
        write,
        "# knot.conf\n"
        "server:\n"
        "    rundir: \"/run/knot\"\n"
        "    listen: [ 127.0.0.1@53, ::1@53 ]\n"
        "zone:\n"
        "  - domain: example.com\n"
        "    storage: /srv/zones   # a comment\n"
        "    file: \"example.com.zone\"\n"
        "  - domain: example.org.\n"
        "remote:\n"
        "  - id: primary\n"
        "    address: 192.0.2.1\n"
        "zone :\n"  # a section may come back; a blank may precede its colon
        "- domain : example.net\n"
        "  file: \"with space #1.zone\"\n",
    )
    assert zones(decl) == [
        ("example.com.", "example.com.zone", "/srv/zones"),
        ("example.org.", "example.org.zone", DEFAULT_STORAGE),
        ("example.net.", "with space #1.zone", DEFAULT_STORAGE),
    ]
    assert [(zone.pos.line, zone.pos.column) for zone in decl.zones] == [(6, 3), (9, 3), (14, 1)]
    assert all(zone.server == "knot" and zone.pos.file == decl.files[0] for zone in decl.zones)
    assert decl.server == "knot" and decl.issues == []


def test_a_repeated_item_replaces_and_quotes_unescape(write) -> None:
    decl = read(write, 'zone:\n  - domain: a.example\n    file: first\n    file: "a\\"b\\x"\n')
    assert zones(decl) == [("a.example.", 'a"b\\x', DEFAULT_STORAGE)]


def test_templates_as_knot_applies_them(write) -> None:
    decl = read(
        write,
        "template:\n"
        "  - id: default\n"
        "    storage: /var/zones\n"
        "    file: \"%s.db\"\n"
        "  - id: signed\n"
        "    file: \"signed/%s.zone\"\n"
        "zone:\n"
        "  - domain: plain.example\n"  # the default template
        "  - domain: own.example\n"
        "    file: own.zone\n"  # its own file, the default template's storage
        "  - domain: signed.example\n"
        "    template: signed\n",  # its template's file; Knot's default storage, not the default template's
    )
    assert zones(decl) == [
        ("plain.example.", "plain.example.db", "/var/zones"),
        ("own.example.", "own.zone", "/var/zones"),
        ("signed.example.", "signed/signed.example.zone", DEFAULT_STORAGE),
    ]
    assert decl.issues == []


def test_the_default_template_applies_even_when_defined_after_the_zones(write) -> None:
    decl = read(write, "zone:\n  - domain: a.example\ntemplate:\n  - id: default\n    storage: later\n")
    assert zones(decl) == [("a.example.", "a.example.zone", "later")]


def test_a_template_must_be_defined_above_its_use(write) -> None:
    decl = read(write, "zone:\n  - domain: a.example\n    template: later\ntemplate:\n  - id: later\n    file: x\n  - id: later\n")
    assert zones(decl) == [("a.example.", "a.example.zone", DEFAULT_STORAGE)]
    assert issues(decl) == [(3, "template 'later' is not defined above"), (7, "template 'later' is defined twice; Knot refuses the second")]


def test_secondaries_are_not_declared(write) -> None:
    decl = read(
        write,
        "remote:\n  - id: r1\n    address: 192.0.2.1\n  - id: r2\n    address: 192.0.2.2\n"
        "template:\n  - id: secondary\n    master: r1\n"
        "zone:\n"
        "  - domain: primary.example\n    notify: r1\n"
        "  - domain: direct.example\n    master: r1\n"
        "  - domain: list.example\n    master: [r1, r2]\n"
        "  - domain: templated.example\n    template: secondary\n"
        "  - domain: unset.example\n    template: secondary\n    master: \"\"\n",  # an empty master: none (Knot 3.4+)
    )
    assert zones(decl) == [("primary.example.", "primary.example.zone", DEFAULT_STORAGE), ("unset.example.", "unset.example.zone", DEFAULT_STORAGE)]


def test_clear_forgets_the_sections_it_matches(write) -> None:
    decl = read(
        write,
        "template:\n  - id: default\n    storage: old\nzone:\n  - domain: gone.example\n"
        "clear: zone\nzone:\n  - domain: gone.example\n    file: again\n"
        "clear: \"t*\"\nzone:\n  - domain: b.example\n",
    )
    assert zones(decl) == [("gone.example.", "again", DEFAULT_STORAGE), ("b.example.", "b.example.zone", DEFAULT_STORAGE)]
    assert decl.issues == []


# -- file formatters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "file,name,expected",
    [
        # What knotc zone-check found for these (see test_zone_check_finds_the_files_read).
        ("%s.zone", "Other.Example.", "other.example.zone"),
        ("%c[0]-%c[1-3]-%c[40]-%c[2-99]-%l[0]-%l[1]-%l[5]-%q-%%-%s", "Ab.CD.ef", "a-b.c--.cd.ef.-ef-cd---%-ab.cd.ef"),
        ("%l[0]/%l[1]/%s", "a.b.example", "example/b/a.b.example"),
        ("%s.zone", ".", ".zone"),  # the root zone's name is empty
        ("%c[0]%l[0]x", ".", ".x"),
        ("tail%", "a.example", "tail"),  # a trailing % is dropped
        ("%s", "a\\/b.example", "a_b.example"),  # a slash of the name becomes _
        ("%s", "a\\032b.example", "a\\032b.example"),
        ("%s", "a\\.b.example", "a\\.b.example"),
        ("plain", "a.example", "plain"),
    ],
)
def test_file_formatters(file: str, name: str, expected: str) -> None:
    assert expand_file(file, N(name)) == expected


@pytest.mark.parametrize("file", ["%c", "%c[", "%c[x]", "%c[3-1]", "%c[256]", "%l[1-2]", "%l[", "%s" * 200])
def test_malformed_formatters_are_refused(file: str) -> None:
    with pytest.raises(ValueError):
        expand_file(file, N("example.com"))


def test_a_file_that_cannot_be_expanded_is_an_issue_at_its_zone(write) -> None:
    decl = read(write, 'zone:\n  - domain: a.example\n    file: "%c[9-1]"\n  - domain: b.example\n    file:\n  - domain: c.example\n')
    assert zones(decl) == [("c.example.", "c.example.zone", DEFAULT_STORAGE)]
    assert issues(decl) == [
        (2, "zone a.example.: file '%c[9-1]' cannot be expanded: %c[9-1] is out of range"),
        (4, "zone b.example.: its file is empty: Knot has no zone file to load"),
    ]


# -- includes -----------------------------------------------------------------------------------


def test_includes_glob_in_sorted_order_relative_to_the_including_file(write) -> None:
    write("conf.d/b.conf", "zone:\n  - domain: b.example\ninclude: sub/*.conf\n")
    write("conf.d/a.conf", "zone:\n  - domain: a.example\n")
    write("conf.d/sub/c.conf", "zone:\n  - domain: c.example\n")
    write("conf.d/dir.conf/ignored.conf", "zone:\n  - domain: ignored.example\n")  # a directory that matches is skipped
    write("conf.d/.hidden.conf", "zone:\n  - domain: hidden.example\n")
    decl = read(write, "include: conf.d/*.conf\ninclude: \"nothing/*.conf\"\nzone:\n  - domain: top.example\n")
    assert [zone.name.to_text() for zone in decl.zones] == ["a.example.", "b.example.", "c.example.", "top.example."]
    assert [path.rsplit("/", 2)[-2:] for path in decl.files[1:]] == [["conf.d", "a.conf"], ["conf.d", "b.conf"], ["sub", "c.conf"]]
    assert decl.zones[2].pos.file.endswith("conf.d/sub/c.conf") and decl.issues == []


def test_an_include_ends_the_section_it_follows(write) -> None:
    write("inc.conf", "zone:\n  - domain: inc.example\n")
    decl = read(write, "zone:\n  - domain: a.example\ninclude: inc.conf\n    file: orphan\n  - domain: b.example\n")
    assert [zone.name.to_text() for zone in decl.zones] == ["a.example.", "inc.example."]
    assert issues(decl) == [(4, "file: is outside a section"), (5, "- domain: is outside a section")]


def test_an_absolute_include_is_looked_for_in_the_tree(write, tmp_path: Path) -> None:
    """A repository's ``include: /etc/knot/...``: below the tree as if it were ``/``, then its
    last components beside the including file; a pattern keeps its directory."""
    write("etc/knot/zones.conf", "zone:\n  - domain: rooted.example\n")
    write("repo/conf.d/a.conf", "zone:\n  - domain: beside.example\n")
    write("repo/other.conf", "zone:\n  - domain: other.example\n")
    path = write("repo/knot.conf", "include: /etc/knot/zones.conf\ninclude: /etc/knot/conf.d/*.conf\ninclude: /etc/knot/absent.d/*.conf\n")
    decl = read_knot_conf(str(path), str(tmp_path))
    assert [zone.name.to_text() for zone in decl.zones] == ["rooted.example.", "beside.example."] and decl.issues == []
    assert decl.files[1:] == [str(tmp_path / "etc/knot/zones.conf"), str(tmp_path / "repo/conf.d/a.conf")]


def test_includes_outside_the_tree_missing_or_looping_are_issues_and_reading_goes_on(write, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.conf"
    outside.write_text("zone:\n  - domain: outside.example\n")
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "link.conf").symlink_to(outside)
    write("tree/a.conf", "include: b.conf\n")
    write("tree/b.conf", "include: a.conf\nzone:\n  - domain: loop.example\n")
    path = write(
        "tree/knot.conf",
        f"include: ../{outside.name}\n"
        f"include: {outside}\n"
        "include: link.conf\n"
        "include: missing.conf\n"
        "include: missing?.conf\n"  # Knot: only a pattern with '*' may match nothing
        "include: a.conf\n"
        "include: [a.conf]\n"
        "zone:\n  - domain: last.example\n",
    )
    decl = read_knot_conf(str(path), str(tmp_path / "tree"))
    assert [zone.name.to_text() for zone in decl.zones] == ["loop.example.", "last.example."]
    assert [(issue.pos.file.rsplit("/", 1)[-1], issue.pos.line) for issue in decl.issues] == [
        ("knot.conf", 1), ("knot.conf", 2), ("knot.conf", 3), ("knot.conf", 4), ("knot.conf", 5), ("b.conf", 1), ("knot.conf", 7)
    ]
    messages = [issue.message for issue in decl.issues]
    assert all("outside" in message for message in messages[:3])
    assert "no such file" in messages[3] and "no such file" in messages[4] and "loop" in messages[5] and "not a list" in messages[6]


def test_include_depth_and_count_are_bounded(write) -> None:
    for depth in range(MAX_INCLUDE_DEPTH + 3):
        write(f"chain/{depth}.conf", f"include: {depth + 1}.conf\nzone:\n  - domain: d{depth}.example\n")
    decl = read(write, "include: chain/0.conf\n")
    assert len(decl.zones) == MAX_INCLUDE_DEPTH
    assert [issue.message for issue in decl.issues] == [f"include: '{MAX_INCLUDE_DEPTH}.conf' refused: includes nest deeper than {MAX_INCLUDE_DEPTH}"]
    for index in range(MAX_INCLUDES + 5):
        write(f"many/{index:04}.conf", f"zone:\n  - domain: m{index}.example\n")
    decl = read(write, "include: many/*.conf\ninclude: many/0000.conf\n", "many.conf")
    assert len(decl.zones) == MAX_INCLUDES and len(decl.files) == MAX_INCLUDES + 1
    assert issues(decl) == [
        (1, f"include: 'many/*.conf' not read: more than {MAX_INCLUDES} files included (here and after)"),
        (2, f"include: 'many/0000.conf' not read: more than {MAX_INCLUDES} files included (here and after)"),
    ]


# -- problems -----------------------------------------------------------------------------------


def test_syntax_problems_are_issues_with_lines_and_reading_goes_on(write) -> None:
    decl = read(
        write,
        "  file: x\n"  # 1: outside a section
        "zone: [a]\n"  # 2: a section takes no value
        "zone:\n"
        "    file: early\n"  # 4: before the block's - domain:
        "  - domain: a.example\n"
        "     file: misaligned\n"  # 6: invalid indentation
        "\tfile: tab\n"  # 7: a tab
        "    file: a b\n"  # 8: two words
        "    file: %l[0]\n"  # 9: '[' must be quoted
        "    domain: b.example\n"  # 10: an identifier needs its dash
        "  - domain: a.example\n"  # 11: declared twice
        "  - domain: bad..name\n"  # 12: not a domain name
        "  - domain:\n"  # 13: an identifier needs a value
        "  - id: c.example\n"  # 14: the wrong identifier
        "    - domain: d.example\n"  # 15: dashes not aligned
        "  - domain: e.example   # fine\n"
        "    file: e.zone #\n",
    )
    assert zones(decl) == [("a.example.", "a.example.zone", DEFAULT_STORAGE), ("e.example.", "e.zone", DEFAULT_STORAGE)]
    assert issues(decl) == [
        (1, "file: is outside a section"),
        (2, "zone: is a section and takes no value"),
        (4, "file: comes before the block's - domain:"),
        (6, "invalid indentation: file: is not aligned with the item before it"),
        (7, "a tab character: Knot allows none outside comments"),
        (8, "not an item Knot reads (key: value, - key: value, or key: [a, b])"),
        (9, "not an item Knot reads (key: value, - key: value, or key: [a, b])"),
        (10, "domain: starts a block and needs its dash (- domain:)"),
        (11, "zone a.example. is declared twice; Knot refuses the second"),
        (12, "zone name 'bad..name' is not a domain name"),
        (13, "- domain: needs a value"),
        (14, "a zone: block starts with - domain:, not - id:"),
        (15, "invalid indentation: the dash is not where the section's other dashes are"),
    ]
    assert (decl.issues[3].pos.column, decl.issues[4].pos.column) == (6, 1)


def test_hostile_bytes_are_issues_with_lines(write) -> None:
    decl = read(write, b"\xef\xbb\xbfzone:\r\n  - domain: a.example\r\n    file: \xff\xfe\n  - domain: b\x00.example\n  - domain: c.example\r")
    assert zones(decl) == [("a.example.", "a.example.zone", DEFAULT_STORAGE), ("c.example.", "c.example.zone", DEFAULT_STORAGE)]
    assert issues(decl) == [(3, "line is not valid UTF-8 (byte 0xff at column 11)"), (4, "line contains a NUL byte")]


def test_too_many_problems_stop_reading(write) -> None:
    decl = read(write, "zone:\n  - domain: a.example\n" + "\tjunk\n" * (MAX_SYNTAX_ERRORS * 3))
    assert len(decl.issues) == MAX_SYNTAX_ERRORS + 1 and decl.issues[-1].message.startswith(f"more than {MAX_SYNTAX_ERRORS} problems")
    assert [zone.name.to_text() for zone in decl.zones] == ["a.example."]


def test_too_many_zones_that_cannot_be_expanded_stop_too(write) -> None:
    decl = read(write, "zone:\n" + "".join(f'  - domain: z{index}.example\n    file: "%c[9-1]"\n' for index in range(MAX_SYNTAX_ERRORS + 50)))
    assert len(decl.issues) == MAX_SYNTAX_ERRORS + 1 and decl.zones == []


def test_long_hostile_lines_are_read_in_linear_time(write) -> None:
    lines = ["zone:" + " " * 100_000 + "!", "zone:", "  - domain: a.example", "    master: [" + "a, " * 50_000, "    file:" + " " * 100_000 + "x y"]
    decl = read(write, "\n".join(lines) + "\n")
    assert [line for line, _ in issues(decl)] == [1, 4, 5]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_read_without_raising(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    directory = tmp_path_factory.mktemp("bytes")
    path = directory / "knot.conf"
    path.write_bytes(b"zone:\n  - domain: a.example\n" + data)
    decl = read_knot_conf(str(path), str(directory))
    assert decl.files == [str(path)]


def test_random_line_soup_reads_without_raising(write) -> None:
    rng = random.Random(13)
    pieces = ["zone:", "template:", "  - domain: a.example", "  - id: default", "    file: %s", '    file: "%c[1-2]"', "    storage: s",
              "    template: default", "    master: r", "include: *.conf", "clear: zone", "\t", "- ", "[", '"', "#", ""]
    for round in range(60):
        text = "\n".join(rng.choice(pieces) + rng.choice(["", " ", "x", ":"]) for _ in range(rng.randrange(1, 40)))
        read(write, text, f"soup{round}.conf")


def test_a_top_file_that_cannot_be_read_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.conf"):
        read_knot_conf(str(tmp_path / "missing.conf"), str(tmp_path))
    with pytest.raises(InputError, match="not a regular file"):
        read_knot_conf(str(tmp_path), str(tmp_path))


# -- recognising ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("server:\n    listen: 0.0.0.0@53\nzone:\n  - domain: example.com\n    file: example.com.zone\n", True),
        ("template:\n  - id: default\n    storage: /var/lib/knot\n", True),
        ("log:\n  - target: syslog\n    any: info\ninclude: /etc/knot/zones.conf\n", True),
        ("zone:\n    name: example.com\n    zonefile: example.com.zone\n", False),  # nsd.conf
        ("---\nzone:\n  - domain: example.com\n", False),  # a YAML document
        ("zones:\n  example.com.:\n    sources:\n      - config\n", False),  # octoDNS
        ("$ORIGIN example.com.\n@ IN SOA ns hostmaster 1 2 3 4 5\n", False),
    ],
)
def test_looks_like_knot_conf(text: str, expected: bool) -> None:
    assert looks_like_knot_conf(text.encode()) is expected


# -- the real Knot -------------------------------------------------------------------------------

FIXTURES = {
    "templates": {
        "knot.conf": "server:\n    rundir: \"{tmp}/run\"\n"
        "remote:\n  - id: primary\n    address: 192.0.2.1\n"
        "template:\n  - id: default\n    storage: \"{tmp}/zones\"\n"
        "  - id: formatted\n    storage: \"{tmp}/other\"\n    file: \"%l[0]/%c[0]/%s%%.db\"\n"
        "  - id: secondary\n    master: primary\n"
        "zone:\n"
        "  - domain: Example.COM.\n"
        "  - domain: own.example\n    file: own.zone # comment\n"
        "  - domain: Formatted.Example\n    template: formatted\n"
        "  - domain: abs.example\n    file: \"{tmp}/abs/abs.zone\"\n"
        "  - domain: sec.example\n    master: primary\n"
        "  - domain: tsec.example\n    template: secondary\n"
        "zone:\n- domain: again.example\n  storage: \"{tmp}/again\"\n- domain: relative.example\n  storage: relative/zones\n"
        "include: conf.d/*.conf\n",
        "conf.d/b.conf": "zone:\n    - domain: b.example\n      file: b.zone\n",
        "conf.d/a.conf": "zone:\n  - domain: a.example\ninclude: nested/*.conf\n",
        "conf.d/nested/n.conf": "zone:\n  - domain: nested.example\n    file: \"n e s t e d.zone\"\n",
    },
    "minimal": {"knot.conf": "zone:\n  - domain: only.example\n    storage: {tmp}\n"},
}
SECONDARIES = {N("sec.example"), N("tsec.example")}
ZONE_TEXT = "@ 3600 IN SOA ns hostmaster 1 7200 3600 1209600 300\n@ 3600 IN NS ns\nns 3600 IN A 192.0.2.1\n"


def knotc(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KNOTC, "-c", str(config), *args], cwd=config.parent, capture_output=True, text=True, timeout=60)


def fixture(tmp_path: Path, name: str) -> Path:
    for relative, text in FIXTURES[name].items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("{tmp}", str(tmp_path)))
    (tmp_path / "run").mkdir(exist_ok=True)
    return tmp_path / "knot.conf"


@needs_knotc
@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_zones_match_knotc(tmp_path: Path, name: str) -> None:
    """The zones knotc exports are the reader's primaries and the fixture's secondaries, and
    knotc finds each zone file where the reader says it is."""
    config = fixture(tmp_path, name)
    assert knotc(config, "conf-check").returncode == 0
    exported = knotc(config, "conf-export")
    assert exported.returncode == 0, exported.stderr
    listed = {N(line.split(":", 1)[1].strip().strip('"')) for line in exported.stdout.splitlines() if line.strip().startswith("- domain:")}
    decl = read_knot_conf(str(config), str(tmp_path))
    assert decl.issues == []
    declared = {zone.name for zone in decl.zones}
    assert declared == listed - SECONDARIES and not declared & SECONDARIES
    names = [zone.name.to_text() for zone in decl.zones]
    missing = knotc(config, "zone-check", *names)
    assert missing.returncode != 0  # no zone file yet: the check below is a real one
    for zone in decl.zones:
        path = Path(config.parent, zone.directory, zone.file)  # a relative storage is knotc's working directory
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"$ORIGIN {zone.name}\n" + ZONE_TEXT)
    checked = knotc(config, "zone-check", *names)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@needs_knotc
def test_knotc_refuses_what_the_reader_reports(write) -> None:
    """Each problem the reader reports here is one knotc refuses the configuration for."""
    for text in (
        "zone:\n  - domain: a.example\n\tfile: x\n",
        "zone:\n  - domain: a.example\n     file: x\n",
        "zone:\n  - domain: a.example\n    file: %l[0]\n",
        "zone:\n  - domain: a.example\n  - domain: a.example\n",
        "zone:\n  - domain: a.example\n    template: later\ntemplate:\n  - id: later\n",
        "zone:\n  - domain: a.example\n    storage: s\n    domain: b.example\n",
        "include: missing.conf\n",
    ):
        path = write("refused.conf", text)
        assert read_knot_conf(str(path), str(path.parent)).issues, text
        assert knotc(path, "conf-check").returncode != 0, text
