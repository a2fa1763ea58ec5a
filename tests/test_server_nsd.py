"""NSD's nsd.conf: the primary zones it declares, read as NSD reads them (clauses, patterns,
zonefile substitutions, includes), problems as issues with lines; compared with the real
``nsd-checkconf`` and ``nsd`` when they are installed."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
from pathlib import Path

import dns.name
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mxlint.formats.nsd import DEFAULT_ZONESDIR, expand_zonefile, looks_like_nsd_conf, read_nsd_conf
from mxlint.formats.servers import Declarations
from mxlint.limits import MAX_INCLUDE_DEPTH, MAX_INCLUDES, MAX_SYNTAX_ERRORS
from mxlint.source import InputError

N = dns.name.from_text


def _sbin(name: str) -> str | None:
    return shutil.which(name) or (f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None)


NSD_CHECKCONF = _sbin("nsd-checkconf")
NSD = _sbin("nsd")
needs_checkconf = pytest.mark.skipif(NSD_CHECKCONF is None, reason="nsd-checkconf is not installed (Debian package nsd)")
needs_nsd = pytest.mark.skipif(NSD is None, reason="nsd is not installed (Debian package nsd)")


def read(write, text: str | bytes, name: str = "nsd.conf") -> Declarations:  # noqa: ANN001 - the conftest fixture
    path = write(name, text)
    return read_nsd_conf(str(path), str(path.parent))


def zones(decl: Declarations) -> list[tuple[str, str]]:
    return [(zone.name.to_text(), zone.file) for zone in decl.zones]


def issues(decl: Declarations) -> list[tuple[int, str]]:
    return [(issue.pos.line, issue.message) for issue in decl.issues]


# -- clauses, values, comments ------------------------------------------------------------------


def test_primary_zones_with_zonesdir_positions_and_files(write) -> None:
    decl = read(
        write,
        "# nsd.conf\n"
        "server:\n"
        "    zonesdir: \"/srv/zones\"   # where zone files are\n"
        "zone:\n"
        "    name: example.com\n"
        "    zonefile: example.com.zone\n"
        "  zone:\n"
        "    name: \"example.org.\"\n"
        "    zonefile: \"with space #not a comment.zone\"\n",
    )
    assert zones(decl) == [("example.com.", "example.com.zone"), ("example.org.", "with space #not a comment.zone")]
    assert all(zone.server == "nsd" and zone.directory == "/srv/zones" and zone.view is None for zone in decl.zones)
    first, second = decl.zones
    assert (first.pos.file, first.pos.line, first.pos.column) == (decl.files[0], 4, 1)
    assert (second.pos.line, second.pos.column) == (7, 3)
    assert decl.server == "nsd" and len(decl.files) == 1 and decl.issues == []


def test_zonesdir_applies_to_every_zone_wherever_it_is_written_and_defaults_as_nsd(write) -> None:
    later = read(write, "zone:\n name: a.example\n zonefile: a\nserver:\n zonesdir: zones\n")
    assert [zone.directory for zone in later.zones] == ["zones"]
    assert [zone.directory for zone in read(write, "zone:\n name: a.example\n zonefile: a\n").zones] == [DEFAULT_ZONESDIR]
    # "" keeps NSD's working directory: nothing in the configuration names it.
    assert [zone.directory for zone in read(write, 'server:\n zonesdir: ""\nzone:\n name: a.example\n zonefile: a\n').zones] == [None]


def test_lines_do_not_matter_only_tokens_do(write) -> None:
    decl = read(write, 'zone: name: a.example zonefile: "a\nb.zone" zone: name:\n b.example\n zonefile: b # c\n')
    assert zones(decl) == [("a.example.", "a\nb.zone"), ("b.example.", "b")]
    assert (decl.zones[1].pos.line, decl.zones[1].pos.column) == (2, 9)  # after the quoted line end


def test_secondaries_are_not_declared(write) -> None:
    decl = read(
        write,
        "zone:\n name: primary.example\n zonefile: p.zone\n notify: 192.0.2.2 NOKEY\n provide-xfr: 192.0.2.2 NOKEY\n"
        "zone:\n name: secondary.example\n zonefile: s.zone\n request-xfr: AXFR 192.0.2.1 NOKEY\n allow-notify: 192.0.2.1 NOKEY\n",
    )
    assert zones(decl) == [("primary.example.", "p.zone")] and decl.issues == []


def test_a_primary_without_zonefile_is_one_issue_at_its_zone(write) -> None:
    decl = read(write, "zone:\n name: a.example\nzone:\n name: b.example\n zonefile: \"\"\nzone:\n name: c.example\n zonefile: c\n")
    assert zones(decl) == [("c.example.", "c")]
    assert issues(decl) == [
        (1, "primary zone a.example. has no zonefile: NSD has no data to load"),
        (3, "primary zone b.example. has no zonefile: NSD has no data to load"),
    ]


def test_a_catalog_producer_without_zonefile_is_made_by_nsd(write) -> None:
    decl = read(write, "zone:\n name: catalog.invalid\n catalog: producer\n")
    assert zones(decl) == [] and decl.issues == []


# -- patterns -----------------------------------------------------------------------------------


def test_patterns_apply_where_included_and_recursively(write) -> None:
    decl = read(
        write,
        "pattern:\n name: base\n zonefile: base/%s.zone\n"
        "pattern:\n name: middle\n include-pattern: base\n notify: 192.0.2.9 NOKEY\n"
        "pattern:\n name: top\n include-pattern: middle\n"
        "zone:\n name: a.example\n include-pattern: top\n"
        "zone:\n name: b.example\n include-pattern: top\n zonefile: own.zone\n"  # written after: it wins
        "zone:\n name: c.example\n zonefile: own.zone\n include-pattern: top\n"  # the pattern's comes after
        "pattern:\n name: nofile\n notify: 192.0.2.9 NOKEY\n"
        "zone:\n name: d.example\n zonefile: kept.zone\n include-pattern: nofile\n",  # a pattern without zonefile keeps it
    )
    assert zones(decl) == [
        ("a.example.", "base/a.example.zone"),
        ("b.example.", "own.zone"),
        ("c.example.", "base/c.example.zone"),
        ("d.example.", "kept.zone"),
    ]
    assert decl.issues == []


def test_a_secondary_through_its_pattern_is_not_declared(write) -> None:
    decl = read(
        write,
        "pattern:\n name: secondary\n request-xfr: 192.0.2.1 NOKEY\n zonefile: sec/%s\n"
        "pattern:\n name: nested\n include-pattern: secondary\n"
        "zone:\n name: a.example\n include-pattern: nested\n"
        "zone:\n name: b.example\n zonefile: b\n",
    )
    assert zones(decl) == [("b.example.", "b")]


def test_a_pattern_must_be_defined_above_its_use(write) -> None:
    decl = read(
        write,
        "zone:\n name: a.example\n zonefile: a\n include-pattern: later\n"
        "pattern:\n name: later\n zonefile: later\n"
        "pattern:\n name: self\n include-pattern: self\n"
        "pattern:\n name: later\n",
    )
    assert zones(decl) == [("a.example.", "a")]
    assert issues(decl) == [
        (4, "include-pattern: no pattern named 'later' is defined above"),
        (10, "include-pattern: no pattern named 'self' is defined above"),
        (11, "pattern 'later' is defined twice; NSD refuses the second"),
    ]


# -- substitutions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "zonefile,name,expected",
    [
        # What NSD 4.6.1 opened (its log) for these names, see test_substitutions_match_nsd.
        ("s1-%s-1%1-2%2-3%3-z%z-y%y-x%x.zone", "Example.COM.", "s1-Example.COM.-1E-2x-3a-zcom-yexample-x..zone"),
        ("s2-%s-1%1-2%2-3%3-z%z-y%y-x%x.zone", "a.b", "s2-a.b-1a-2.-3b-zb-ya-x..zone"),
        ("s3-%s-%%s-%q.zone", "A.bC.De.fgh", "s3-A.bC.De.fgh-%A.bC.De.fgh-%q.zone"),
        ("%z/%y/%x/%1%2/%s", "a.b.c.d", "d/c/b/a./a.b.c.d"),
        ("%3%3%3", "ab", "..."),
        ("no substitution", "a.example", "no substitution"),
        ("%s.zone", "a\\/b.example", "a\\\\047b.example.zone"),  # NSD escapes the name's slash
    ],
)
def test_zonefile_substitutions(zonefile: str, name: str, expected: str) -> None:
    assert expand_zonefile(zonefile, name, N(name)) == expected


def test_substitutions_stay_within_nsds_buffer() -> None:
    expanded = expand_zonefile("%s" * 400, "example.com", N("example.com"))
    assert len(expanded) < 1024 and expanded.startswith("example.com" * 10) and expanded.endswith("%s")


def test_substitutions_in_a_pattern_are_per_zone(write) -> None:
    decl = read(write, "pattern:\n name: p\n zonefile: \"%1/%s.zone\"\nzone:\n name: alpha.example\n include-pattern: p\nzone:\n name: beta.example\n include-pattern: p\n")
    assert zones(decl) == [("alpha.example.", "a/alpha.example.zone"), ("beta.example.", "b/beta.example.zone")]


# -- includes -----------------------------------------------------------------------------------


def test_includes_glob_in_sorted_order_relative_to_the_including_file(write) -> None:
    write("conf.d/b.conf", "zone:\n name: b.example\n zonefile: b\ninclude: \"sub/*.conf\"\n")
    write("conf.d/a.conf", "zone:\n name: a.example\n zonefile: a\n")
    write("conf.d/sub/c.conf", "zone:\n name: c.example\n zonefile: c\n")
    write("conf.d/.hidden.conf", "zone:\n name: hidden.example\n zonefile: h\n")
    write("conf.d/notes.txt", "zone:\n name: txt.example\n zonefile: t\n")
    write("more/{x}.conf", "zone:\n name: literal-braces.example\n zonefile: l\n")
    write("more/y.conf", "zone:\n name: y.example\n zonefile: y\n")
    decl = read(write, "include: conf.d/*.conf\ninclude: \"more/{y,z}.conf\"\ninclude: \"nothing/*.conf\"\nzone:\n name: top.example\n zonefile: top\n")
    assert zones(decl) == [("a.example.", "a"), ("b.example.", "b"), ("c.example.", "c"), ("y.example.", "y"), ("top.example.", "top")]
    assert decl.files[1:] == [os.path.join(decl.files[0].rsplit("/", 1)[0], path) for path in ("conf.d/a.conf", "conf.d/b.conf", "conf.d/sub/c.conf", "more/y.conf")]
    assert decl.zones[2].pos.file.endswith("conf.d/sub/c.conf") and decl.issues == []


def test_an_include_goes_on_with_the_clause_it_is_in(write) -> None:
    write("body.conf", "  zonefile: from-include.zone\n")
    decl = read(write, "zone:\n  name: a.example\n  include: body.conf\n  notify: 192.0.2.1 NOKEY\n")
    assert zones(decl) == [("a.example.", "from-include.zone")]


def test_an_absolute_include_inside_the_tree_is_read(write, tmp_path: Path) -> None:
    write("inc.conf", "zone:\n name: a.example\n zonefile: a\n")
    assert zones(read(write, f'include: "{tmp_path}/inc.conf"\n')) == [("a.example.", "a")]


def test_a_relative_include_is_looked_for_beside_the_including_file_then_the_top_one(write) -> None:
    write("conf.d/a.conf", "include: conf.d/b.conf\ninclude: c.conf\n")
    write("conf.d/b.conf", "zone:\n name: b.example\n zonefile: b\n")  # as NSD finds it: from the working directory
    write("conf.d/c.conf", "zone:\n name: c.example\n zonefile: c\n")  # beside the including file
    decl = read(write, "include: conf.d/a.conf\n")
    assert zones(decl) == [("b.example.", "b"), ("c.example.", "c")] and decl.issues == []


def test_an_absolute_include_is_looked_for_in_the_tree(write, tmp_path: Path) -> None:
    """A repository's ``include: "/etc/nsd/..."``: below the tree as if it were ``/``, then its
    last components beside the including file; a pattern keeps its directory."""
    write("etc/nsd/zones.conf", "zone:\n name: rooted.example\n zonefile: r\n")
    write("repo/nsd.conf.d/a.conf", "zone:\n name: beside.example\n zonefile: b\n")
    write("repo/other.conf", "zone:\n name: other.example\n zonefile: o\n")
    path = write(
        "repo/nsd.conf",
        'include: "/etc/nsd/zones.conf"\ninclude: "/etc/nsd/nsd.conf.d/*.conf"\ninclude: "/etc/nsd/absent.d/*.conf"\n',
    )
    decl = read_nsd_conf(str(path), str(tmp_path))
    assert zones(decl) == [("rooted.example.", "r"), ("beside.example.", "b")] and decl.issues == []
    assert decl.files[1:] == [str(tmp_path / "etc/nsd/zones.conf"), str(tmp_path / "repo/nsd.conf.d/a.conf")]


def test_includes_outside_the_tree_missing_or_looping_are_issues_and_reading_goes_on(write, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.conf"
    outside.write_text("zone:\n name: outside.example\n zonefile: o\n")
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "link.conf").symlink_to(outside)
    write("tree/self.conf", "include: self.conf\nzone:\n name: self.example\n zonefile: s\n")
    write("tree/a.conf", "include: b.conf\n")
    write("tree/b.conf", "include: a.conf\nzone:\n name: loop.example\n zonefile: l\n")
    path = write(
        "tree/nsd.conf",
        f"include: ../{outside.name}\n"
        f"include: {outside}\n"
        "include: link.conf\n"
        "include: missing.conf\n"
        "include: ../*.conf\n"
        "include: self.conf\n"
        "include: a.conf\n"
        "include: ~/x.conf\n"
        "zone:\n name: last.example\n zonefile: last\n",
    )
    decl = read_nsd_conf(str(path), str(tmp_path / "tree"))
    assert zones(decl) == [("self.example.", "s"), ("loop.example.", "l"), ("last.example.", "last")]
    lines = [(issue.pos.file.rsplit("/", 1)[-1], issue.pos.line) for issue in decl.issues]
    assert lines == [("nsd.conf", 1), ("nsd.conf", 2), ("nsd.conf", 3), ("nsd.conf", 4), ("nsd.conf", 5), ("self.conf", 1), ("b.conf", 1), ("nsd.conf", 8)]
    messages = [issue.message for issue in decl.issues]
    assert "outside" in messages[0] and "outside" in messages[1] and "outside" in messages[2]
    assert "no such file" in messages[3] and "leads outside" in messages[4]
    assert "loop" in messages[5] and "loop" in messages[6] and "home directory" in messages[7]
    assert all(issue.incomplete for issue in decl.issues if "loop" not in issue.message)


def test_include_depth_and_count_are_bounded(write) -> None:
    for depth in range(MAX_INCLUDE_DEPTH + 3):
        write(f"chain/{depth}.conf", f"include: {depth + 1}.conf\nzone:\n name: d{depth}.example\n zonefile: f\n")
    decl = read(write, "include: chain/0.conf\n")
    assert len(decl.zones) == MAX_INCLUDE_DEPTH and [issue.message for issue in decl.issues] == [
        f"include: '{MAX_INCLUDE_DEPTH}.conf' refused: includes nest deeper than {MAX_INCLUDE_DEPTH}"
    ]
    for index in range(MAX_INCLUDES + 5):
        write(f"many/{index:04}.conf", f"zone:\n name: m{index}.example\n zonefile: f\n")
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
        "stray\n"  # 1: a value before any keyword
        "name: early.example\n"  # 2: outside a clause
        "zone: oops\n"  # 3: a clause takes no value
        " name: a.example\n zonefile: a\n"
        "zone:\n name: bad..name\n zonefile: b\n"  # 6: not a domain name
        "zone:\n zonefile: c\n"  # 9: no name
        "zone:\n name: a.example\n zonefile: again\n"  # 11: declared twice
        "zone:\n name: d.example\n zonefile: d extra\n"  # 16: one value too many
        "zone:\n name:\nzone:\n name: e.example\n zonefile: e\n"  # 18: name: without a value, then 19: no name
        'zone:\n name: f.example\n zonefile: "unclosed\n',
    )
    assert zones(decl) == [("a.example.", "a"), ("d.example.", "d"), ("e.example.", "e")]
    assert issues(decl) == [
        (1, "'stray' is not a keyword (keywords end with ':')"),
        (2, "name: is outside a clause (server:, zone:, pattern:, ...)"),
        (3, "zone: takes no value; 'oops' is not a keyword"),
        (6, "zone name 'bad..name' is not a domain name"),
        (9, "zone: has no name:"),
        (11, "zone a.example. is declared twice; NSD refuses the second"),
        (16, "zonefile: takes one value; 'extra' is one too many"),
        (18, "name: has no value"),
        (17, "zone: has no name:"),
        (24, "quoted string is not closed before the end of the file"),
        (24, "zonefile: has no value"),
        (22, "primary zone f.example. has no zonefile: NSD has no data to load"),
    ]


def test_hostile_bytes_are_issues_with_lines(write) -> None:
    decl = read(write, b"\xef\xbb\xbfzone:\n name: a.example\n zonefile: \xff\xfe\nzone:\x00\nzone:\r\n name: b.example\r zonefile: b\n")
    assert zones(decl) == [("b.example.", "b")]
    assert issues(decl) == [
        (3, "line is not valid UTF-8 (byte 0xff at column 12)"),
        (4, "line contains a NUL byte"),
        (1, "primary zone a.example. has no zonefile: NSD has no data to load"),
    ]


def test_too_many_problems_stop_reading(write) -> None:
    decl = read(write, "zone:\n name: a.example\n zonefile: a\nserver:\n" + "zonesdir: " * (MAX_SYNTAX_ERRORS * 3))
    assert len(decl.issues) == MAX_SYNTAX_ERRORS + 1 and decl.issues[-1].message.startswith(f"more than {MAX_SYNTAX_ERRORS} problems")
    assert zones(decl) == [("a.example.", "a")]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_read_without_raising(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    directory = tmp_path_factory.mktemp("bytes")
    path = directory / "nsd.conf"
    path.write_bytes(b"zone:\n name: a.example\n" + data)
    decl = read_nsd_conf(str(path), str(directory))
    assert decl.files == [str(path)]


def test_random_token_soup_reads_without_raising(write) -> None:
    rng = random.Random(11)
    pieces = ["zone:", "pattern:", "server:", "name:", "zonefile:", "include-pattern:", "request-xfr:", "include:", "zonesdir:", '"', "#", "\n", " ", "%s", "a.example", "p", "\\", "*"]
    for round in range(60):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randrange(1, 80)))
        read(write, text, f"soup{round}.conf")


def test_a_top_file_that_cannot_be_read_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.conf"):
        read_nsd_conf(str(tmp_path / "missing.conf"), str(tmp_path))
    with pytest.raises(InputError, match="not a regular file"):
        read_nsd_conf(str(tmp_path), str(tmp_path))


# -- recognising ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("server:\n    zonesdir: /etc/nsd\nzone:\n    name: example.com\n    zonefile: example.com.zone\n", True),
        ("# nsd\npattern:\n\tname: p\n\tzonefile: %s.zone\n", True),
        ("zone:\n  - domain: example.com\n    file: example.com.zone\n", False),  # knot.conf
        ("server:\n    verbosity: 1\nforward-zone:\n    name: \".\"\n    forward-addr: 192.0.2.1\n", False),  # unbound.conf
        ('zone "example.com" {\n    type primary;\n    file "example.com.zone";\n};\n', False),  # named.conf
        ("$ORIGIN example.com.\n@ IN SOA ns hostmaster 1 2 3 4 5\n", False),
    ],
)
def test_looks_like_nsd_conf(text: str, expected: bool) -> None:
    assert looks_like_nsd_conf(text.encode()) is expected


# -- the real NSD --------------------------------------------------------------------------------


def checkconf(path: Path, *args: str) -> str:
    result = subprocess.run([NSD_CHECKCONF, *args, str(path)], cwd=path.parent, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def nsd_primaries(path: Path) -> dict[dns.name.Name, str]:
    """The primary zones nsd-checkconf lists, with their zonefile as configured."""
    found = {}
    for written in checkconf(path, "-o", "zones").split():
        if not checkconf(path, "-z", written, "-o", "request-xfr").strip():
            found[N(written)] = checkconf(path, "-z", written, "-o", "zonefile").strip()
    return found


FIXTURES = {
    "patterns": (
        {
            "nsd.conf": "server:\n  zonesdir: \"{tmp}/zones\"\n  # a comment\n"
            "pattern:\n  name: \"base\"\n  zonefile: \"base.zone\"\n"
            "pattern:\n  name: derived\n  include-pattern: base\n  notify: 192.0.2.1 NOKEY\n"
            "pattern:\n  name: secondary\n  request-xfr: AXFR 192.0.2.2 NOKEY\n"
            "zone:\n  name: Example.COM.\n  include-pattern: derived\n"
            "zone:\n  name: override.example\n  include-pattern: derived\n  zonefile: own.zone\n"
            "zone:\n  name: sec.example\n  include-pattern: secondary\n  zonefile: sec.zone\n"
            "zone: name: \"inline.example\" zonefile: \"inline #1.zone\" # same line\n"
            "include: \"conf.d/*.conf\"\n",
            "conf.d/b.conf": "zone:\n  name: b.example\n  zonefile: b.zone\n",
            "conf.d/a.conf": "zone:\n  name: a.example\n  zonefile: a.zone\n  request-xfr: 192.0.2.3 NOKEY\n"
            "zone:\n  name: a2.example\n  zonefile: \"{tmp}/abs/a2.zone\"\n"
            "include: \"nested/*.conf\"\n",  # NSD: from its working directory, the configuration's
            "nested/n.conf": "zone:\n  name: nested.example\n  include-pattern: derived\n",
        }
    ),
    "minimal": ({"nsd.conf": "zone:\n\tname: only.example\n\tzonefile: only.zone\n"}),
}


@needs_checkconf
@pytest.mark.parametrize("fixture", sorted(FIXTURES))
def test_zones_match_nsd_checkconf(tmp_path: Path, fixture: str) -> None:
    for name, text in FIXTURES[fixture].items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("{tmp}", str(tmp_path)))
    config = tmp_path / "nsd.conf"
    decl = read_nsd_conf(str(config), str(tmp_path))
    assert decl.issues == []
    assert {zone.name: zone.file for zone in decl.zones} == nsd_primaries(config)
    assert {zone.directory for zone in decl.zones} == {checkconf(config, "-o", "zonesdir").strip()}


@needs_nsd
def test_substitutions_match_nsd(tmp_path: Path) -> None:
    """NSD itself (started on a loopback port, its zone files missing) logs the file it tries
    to open for each primary zone: the same as the reader's."""
    from dns_server import free_port

    names = ["Example.COM.", "a.b", "A.bC.De.fgh", "x.y.z.w.example", "q"]
    pattern = "s-%s-1%1-2%2-3%3-z%z-y%y-x%x-%%s-%q.zone"
    log = tmp_path / "nsd.log"
    config = tmp_path / "nsd.conf"
    config.write_text(
        "server:\n"
        f'    ip-address: 127.0.0.1@{free_port()}\n    username: ""\n    chroot: ""\n    zonesdir: "{tmp_path}"\n    database: ""\n'
        f'    zonelistfile: "{tmp_path}/zone.list"\n    xfrdfile: "{tmp_path}/xfrd.state"\n    xfrdir: "{tmp_path}"\n'
        f'    pidfile: "{tmp_path}/nsd.pid"\n    logfile: "{log}"\n    server-count: 1\n'
        "remote-control:\n    control-enable: no\n"
        f'pattern:\n    name: all\n    zonefile: "{pattern}"\n'
        + "".join(f'zone:\n    name: "{name}"\n    include-pattern: all\n' for name in names)
        + 'zone:\n    name: secondary.example\n    zonefile: "secondary-%s"\n    request-xfr: 192.0.2.9 NOKEY\n'
    )
    decl = read_nsd_conf(str(config), str(tmp_path))
    assert decl.issues == [] and len(decl.zones) == len(names)
    process = subprocess.Popen([NSD, "-d", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None:
            if log.exists() and "nsd started" in log.read_text():
                break
            time.sleep(0.1)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    opened = sorted(line.split("zonefile ", 1)[1].rsplit(" does not exist", 1)[0] for line in log.read_text().splitlines() if "does not exist" in line)
    assert opened == sorted(zone.file for zone in decl.zones)
