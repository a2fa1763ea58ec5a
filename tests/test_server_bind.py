"""BIND's named.conf and PowerDNS's pdns.conf: the primary zones they declare, as
``named-checkconf`` reads them; includes confined to the tree; errors are issues at their line,
whatever the bytes."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import time
from pathlib import Path

import dns.name
import pytest

from mxlint.formats import bind
from mxlint.formats.bind import looks_like_named_conf, looks_like_pdns_conf, read_named_conf, read_pdns_conf
from mxlint.formats.servers import Declarations
from mxlint.limits import MAX_INCLUDE_DEPTH
from mxlint.source import InputError

N = dns.name.from_text
CHECKCONF = shutil.which("named-checkconf")


def read(path: Path, root: Path | None = None) -> Declarations:
    return read_named_conf(str(path), str(root or path.parent))


def zones(declarations: Declarations) -> list[tuple[str, str | None, str]]:
    """(name, view, file) of each declared zone, in order."""
    return [(zone.name.to_text(), zone.view, zone.file) for zone in declarations.zones]


def issues(declarations: Declarations) -> list[tuple[int, str]]:
    return [(issue.pos.line, issue.message) for issue in declarations.issues]


# -- the grammar ---------------------------------------------------------------------------------


def test_primary_zones_with_their_place_class_and_directory(write) -> None:  # noqa: ANN001
    path = write(
        "named.conf",
        'options {\n  directory "/var/named";\n};\n'
        'zone "example.com" {\n  type primary;\n  file "db.example.com";\n};\n'
        '  zone "Example.NET." in { type master; file "/abs/db.net"; };\n'
        'zone "." { type primary; file "root.zone"; };\n',
    )
    declarations = read(path)
    assert declarations.server == "bind"
    assert declarations.files == [str(path)]
    assert declarations.issues == []
    assert zones(declarations) == [("example.com.", None, "db.example.com"), ("Example.NET.", None, "/abs/db.net"), (".", None, "root.zone")]
    first, second, root = declarations.zones
    assert (first.pos.file, first.pos.line, first.pos.column) == (str(path), 4, 1)
    assert (second.pos.line, second.pos.column) == (8, 3)
    assert {zone.directory for zone in declarations.zones} == {"/var/named"}
    assert (second.rdclass, second.internal, second.view) == ("IN", False, None)
    assert root.name == dns.name.root


def test_no_options_directory_is_none(write) -> None:  # noqa: ANN001
    declarations = read(write("named.conf", 'zone "a.example" { type primary; file "a"; };\n'))
    assert declarations.zones[0].directory is None


def test_options_after_the_zones_still_give_their_directory(write) -> None:  # noqa: ANN001
    declarations = read(write("named.conf", 'zone "a.example" { type primary; file "a"; };\noptions { directory "zones"; };\n'))
    assert declarations.zones[0].directory == "zones"


def test_secondary_and_other_zone_types_are_not_declared_and_raise_no_issue(write) -> None:  # noqa: ANN001
    text = "".join(
        f'zone "{kind}.example" {{ type {kind}; file "{kind}"; }};\n'
        for kind in ("secondary", "slave", "stub", "forward", "hint", "mirror", "redirect", "static-stub", "delegation-only")
    )
    text += 'zone "p.example" { type primary; file "p"; };\n'
    declarations = read(write("named.conf", text))
    assert zones(declarations) == [("p.example.", None, "p")]
    assert declarations.issues == []


def test_comments_of_the_three_styles(write) -> None:  # noqa: ANN001
    path = write(
        "named.conf",
        "# a shell comment\n"
        '// zone "c1.example" { type primary; file "c1"; };\n'
        '/* zone "c2.example" { type primary; file "c2"; };\n'
        '   still the comment */ zone "a.example" { // after the name\n'
        "  type primary; # after the type\n"
        '  file "a#not//a/*comment*/";\n'
        "};\n"
        'zone b.example#the name ends here\n { type primary; file "b"; };\n',
    )
    declarations = read(path)
    assert declarations.issues == []
    assert zones(declarations) == [("a.example.", None, "a#not//a/*comment*/"), ("b.example.", None, "b")]
    assert declarations.zones[0].pos.line == 4


def test_quoted_names_keep_their_escapes_for_the_name_reader(write) -> None:  # noqa: ANN001
    declarations = read(write("named.conf", 'zone "a\\.b.example" { type primary; file "say \\"hi\\""; };\n'))
    assert declarations.zones[0].name == dns.name.Name([b"a.b", b"example", b""])
    assert declarations.zones[0].file == 'say "hi"'


def test_a_zone_class_and_a_view_class(write) -> None:  # noqa: ANN001
    declarations = read(write("named.conf", 'view "c" ch { zone "bind" { type primary; file "b"; }; zone "x" IN { type primary; file "x"; }; };\n'))
    assert [zone.rdclass for zone in declarations.zones] == ["CH", "IN"]


def test_a_primary_without_file_and_a_name_dnspython_refuses_are_issues(write) -> None:  # noqa: ANN001
    declarations = read(
        write(
            "named.conf",
            'zone "nofile.example" { type primary; };\n'
            'zone "bad..example" { type primary; file "bad"; };\n'
            'zone "notype.example" { file "x"; };\n'
            'zone "ok.example" { type primary; file "ok"; };\n',
        )
    )
    assert zones(declarations) == [("ok.example.", None, "ok")]
    assert [line for line, _ in issues(declarations)] == [1, 2, 3]
    assert "file" in declarations.issues[0].message and "type" in declarations.issues[2].message


def test_a_zone_declared_twice_in_one_view_is_an_issue(write) -> None:  # noqa: ANN001
    declarations = read(write("named.conf", 'zone "a.example" { type primary; file "a"; };\nzone "A.example." { type primary; file "b"; };\n'))
    assert zones(declarations) == [("a.example.", None, "a")]
    assert issues(declarations)[0][0] == 2


# -- syntax errors ----------------------------------------------------------------------------------


def test_a_missing_semicolon_is_an_issue_at_its_line_and_reading_goes_on(write) -> None:  # noqa: ANN001
    path = write(
        "named.conf",
        'zone "a.example" { type primary; file "a" };\n'  # before '}'
        'zone "b.example" { type primary file "b"; };\n'  # before 'file'
        'zone "c.example" { type primary; file "c"; }\n'  # before 'zone' on the next line
        'zone "d.example" { type primary; file "d"; };\n',
    )
    declarations = read(path)
    assert issues(declarations) == [(1, "missing ';' before '}'"), (2, "missing ';' before 'file'"), (4, "missing ';' before 'zone'")]
    assert [name for name, _, _ in zones(declarations)] == ["a.example.", "b.example.", "c.example.", "d.example."]


def test_unbalanced_braces_and_unterminated_text_are_issues(write) -> None:  # noqa: ANN001
    stray = read(write("stray.conf", 'zone "a.example" { type primary; file "a"; };\n};\nzone "b.example" { type primary; file "b"; };\n'))
    assert [line for line, _ in issues(stray)] == [2]
    assert len(stray.zones) == 2
    unclosed = read(write("unclosed.conf", 'zone "a.example" { type primary; file "a"; };\nview "v" {\n zone "b.example" { type primary; file "b";\n'))
    assert [zone.view for zone in unclosed.zones] == [None, "v"]  # read as far as it goes
    assert len(unclosed.issues) >= 1 and "'}' expected" in unclosed.issues[0].message
    string = read(write("string.conf", 'zone "a.example" { type primary; file "a"; };\nzone "b.example { type primary; file "b"; };\n'))
    assert [name for name, _, _ in zones(string)] == ["a.example."]
    assert any(line == 2 and "unterminated" in message for line, message in issues(string))
    comment = read(write("comment.conf", 'zone "a.example" { type primary; file "a"; };\n/* never closed\nzone "b.example" { type primary; file "b"; };\n'))
    assert [name for name, _, _ in zones(comment)] == ["a.example."]
    assert issues(comment)[0] == (2, "unterminated comment: '/*' is not closed before the end of the file")


def test_a_stray_semicolon_and_a_word_in_place_of_a_string(write) -> None:  # noqa: ANN001
    declarations = read(write("named.conf", ';\nzone "a.example" { type primary; file a; };\n'))
    assert [line for line, _ in issues(declarations)] == [1, 2]
    assert zones(declarations) == [("a.example.", None, "a")]


# -- views and ACLs ---------------------------------------------------------------------------------

VIEWS = """
acl "office" { 10.1.0.0/16; 192.168/16; fd00::/8; };
acl trusted { office; !8.8.8.8; localhost; { localnets; 127.0.0.1; }; };
acl outer { trusted; inner; };
acl inner { outer; fe80::/10; };  // a loop: ignored
acl world { 8.8.8.0/24; };
acl lists-world { trusted; { world; }; };
view "lan" { match-clients { trusted; none; }; zone "example.com" { type primary; file "lan"; }; };
view "looped" { match-clients { outer; }; zone "example.com" { type primary; file "looped"; }; };
view "refused-only" { match-clients { !world; !any; 10/8; }; zone "example.com" { type primary; file "refused"; }; };
view "keyed" { match-clients { key "tsig"; 10.0.0.0/8; }; zone "example.com" { type primary; file "keyed"; }; };
view "nested-public" { match-clients { lists-world; }; zone "example.com" { type primary; file "nested"; }; };
view "undefined-acl" { match-clients { nowhere; }; zone "example.com" { type primary; file "undefined"; }; };
view "wan" { match-clients { any; }; zone "example.com" { type primary; file "wan"; }; };
view "unmatched" { zone "example.com" { type primary; file "unmatched"; }; };
view "public-address" { match-clients { 10/8; 2001:4860::/32; }; zone "example.com" { type primary; file "v6"; }; };
"""


def test_views_are_internal_when_only_internal_clients_match_them(write) -> None:  # noqa: ANN001
    declarations = read(write("named.conf", VIEWS))
    assert declarations.issues == []
    internal = {zone.view: zone.internal for zone in declarations.zones}
    assert internal == {
        "lan": True,
        "looped": True,
        "refused-only": True,
        "keyed": False,
        "nested-public": False,
        "undefined-acl": False,
        "wan": False,
        "unmatched": False,
        "public-address": False,
    }
    assert {zone.file for zone in declarations.zones if zone.view == "lan"} == {"lan"}


@pytest.mark.parametrize(
    "text,internal",
    [("127.0.0.1", True), ("10/8", True), ("192.168.1/24", True), ("fe80::1%eth0", True), ("::1", True), ("8.8.8.8", False), ("0.0.0.0/0", False), ("ANY", False)],
)
def test_one_match_clients_element(write, text: str, internal: bool) -> None:  # noqa: ANN001
    declarations = read(write("named.conf", f'view "v" {{ match-clients {{ {text}; }}; zone "a.example" {{ type primary; file "a"; }}; }};\n'))
    assert declarations.zones[0].internal is internal


def test_acl_expansion_is_bounded(write) -> None:  # noqa: ANN001
    # Each ACL names the next twice: expanded each time, the list would double at every step.
    chain = "".join(f"acl a{index} {{ a{index + 1}; a{index + 1}; 10.{index % 256}/16; }};\n" for index in range(2000))
    declarations = read(write("named.conf", chain + 'acl a2000 { 8.8.8.8; };\nview "v" { match-clients { a0; }; zone "a.example" { type primary; file "a"; }; };\n'))
    assert declarations.zones[0].internal is False
    assert declarations.issues == []


def test_zones_outside_views_when_there_are_views_is_an_issue(write) -> None:  # noqa: ANN001
    declarations = read(write("named.conf", 'zone "a.example" { type primary; file "a"; };\nview "v" { zone "b.example" { type primary; file "b"; }; };\n'))
    assert len(declarations.zones) == 2
    assert [line for line, _ in issues(declarations)] == [1]


# -- include ----------------------------------------------------------------------------------------


def test_include_relative_to_the_including_file_then_to_the_directory(write, tmp_path: Path) -> None:  # noqa: ANN001
    top = write(
        "etc/named.conf",
        'options { directory "/srv/dns"; };\ninclude "local/zones.conf";\nview "v" {\n  match-clients { localhost; };\n  include "view-zones.conf";\n};\n',
    )
    write("etc/local/zones.conf", '// the zones\nzone "a.example" { type primary; file "a"; };\ninclude "more.conf";\n')
    write("etc/local/more.conf", 'zone "b.example" { type primary; file "b"; };\n')
    write("srv/dns/view-zones.conf", '\n\n  zone "c.example" { type primary; file "c"; };\n')
    declarations = read(top, tmp_path)
    etc = tmp_path / "etc"
    assert declarations.files == [str(top), str(etc / "local/zones.conf"), str(etc / "local/more.conf"), str(tmp_path / "srv/dns/view-zones.conf")]
    assert zones(declarations) == [("a.example.", None, "a"), ("b.example.", None, "b"), ("c.example.", "v", "c")]
    assert [(zone.pos.file, zone.pos.line, zone.pos.column) for zone in declarations.zones] == [
        (str(etc / "local/zones.conf"), 2, 1),
        (str(etc / "local/more.conf"), 1, 1),
        (str(tmp_path / "srv/dns/view-zones.conf"), 3, 3),
    ]
    assert declarations.zones[2].internal is True
    assert issues(declarations) == [(2, "when using 'view' statements, all zones must be in views")]


def test_debian_layout_with_absolute_includes_is_read_below_the_root(write, tmp_path: Path) -> None:  # noqa: ANN001
    write("etc/bind/named.conf", 'include "/etc/bind/named.conf.options";\ninclude "/etc/bind/named.conf.local";\n')
    write("etc/bind/named.conf.options", 'options { directory "/var/cache/bind"; };\n')
    write("etc/bind/named.conf.local", 'zone "example.com" { type master; file "/etc/bind/db.example.com"; };\n')
    declarations = read(tmp_path / "etc/bind/named.conf", tmp_path)
    assert declarations.issues == []
    assert zones(declarations) == [("example.com.", None, "/etc/bind/db.example.com")]
    assert declarations.zones[0].directory == "/var/cache/bind"
    # A checkout of /etc/bind alone: the files are beside the top one.
    checkout = tmp_path / "etc/bind"
    assert zones(read(checkout / "named.conf", checkout)) == [("example.com.", None, "/etc/bind/db.example.com")]


def test_include_glob_reads_the_files_in_order(write) -> None:  # noqa: ANN001
    top = write("named.conf", 'include "zones.d/*.conf";\n')
    for name in ("b", "a", "c"):
        write(f"zones.d/{name}.conf", f'zone "{name}.example" {{ type primary; file "{name}"; }};\n')
    write("zones.d/ignored.txt", 'zone "x.example" { type primary; file "x"; };\n')
    declarations = read(top)
    assert [name for name, _, _ in zones(declarations)] == ["a.example.", "b.example.", "c.example."]
    missing = read(write("other.conf", 'include "nothing/*.conf";\n'))
    assert issues(missing) == [(1, 'include "nothing/*.conf" not read: no file matches')]


def test_include_outside_the_root_is_refused(write, tmp_path: Path) -> None:  # noqa: ANN001
    write("outside.conf", 'zone "out.example" { type primary; file "out"; };\n')
    (tmp_path / "repo").mkdir()
    os.symlink(tmp_path / "outside.conf", tmp_path / "repo/link.conf")
    top = write(
        "repo/named.conf",
        f'include "../outside.conf";\ninclude "{tmp_path}/outside.conf";\ninclude "link.conf";\nzone "in.example" {{ type primary; file "in"; }};\n',
    )
    declarations = read(top)
    assert zones(declarations) == [("in.example.", None, "in")]
    assert [line for line, _ in issues(declarations)] == [1, 2, 3]
    assert all("leads outside" in message for _, message in issues(declarations))
    assert declarations.files == [str(top)]


def test_include_loops_missing_files_and_directories_are_issues(write) -> None:  # noqa: ANN001
    top = write("named.conf", 'include "a.conf";\ninclude "missing.conf";\ninclude "dir";\nzone "top.example" { type primary; file "t"; };\n')
    write("a.conf", 'zone "a.example" { type primary; file "a"; };\ninclude "b.conf";\n')
    write("b.conf", 'include "a.conf";\nzone "b.example" { type primary; file "b"; };\ninclude "b.conf";\n')
    write("dir/x", "")
    declarations = read(top)
    assert [name for name, _, _ in zones(declarations)] == ["a.example.", "b.example.", "top.example."]
    found = [(issue.pos.file.rsplit("/", 1)[-1], issue.pos.line, issue.message) for issue in declarations.issues]
    assert found == [
        ("b.conf", 1, "include \"a.conf\" not read: the file includes itself (a loop)"),
        ("b.conf", 3, "include \"b.conf\" not read: the file includes itself (a loop)"),
        ("named.conf", 2, "include \"missing.conf\" not read: no such file"),
        ("named.conf", 3, "include \"dir\" not read: not a regular file"),
    ]


def test_include_depth_and_count_are_bounded(write, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    for level in range(MAX_INCLUDE_DEPTH + 3):
        write(f"d{level}.conf", f'zone "d{level}.example" {{ type primary; file "d"; }};\ninclude "d{level + 1}.conf";\n')
    deep = read(write("deep.conf", 'include "d0.conf";\n'))
    assert len(deep.zones) == MAX_INCLUDE_DEPTH
    assert [issue.message.split(": ", 1)[1] for issue in deep.issues] == [f"includes nest deeper than {MAX_INCLUDE_DEPTH}"]
    monkeypatch.setattr(bind, "MAX_INCLUDES", 3)
    for index in range(5):
        write(f"w{index}.conf", f'zone "w{index}.example" {{ type primary; file "w"; }};\n')
    wide = read(write("wide.conf", "".join(f'include "w{index}.conf";\n' for index in range(5))))
    assert len(wide.zones) == 3 and len(wide.files) == 4
    assert [line for line, _ in issues(wide)] == [4, 5]


def test_a_missing_top_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="named.conf"):
        read_named_conf(str(tmp_path / "named.conf"), str(tmp_path))
    with pytest.raises(InputError, match="not a regular file"):
        read_named_conf(str(tmp_path), str(tmp_path))


# -- hostile input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,data",
    [
        ("random", random.Random(5).randbytes(200_000)),
        ("braces", b"{" * 2_000_000),
        ("closing-braces", b"}" * 100_000),
        ("nul-and-latin-1", b'zone "caf\xe9.example" { type primary; file "a\x00b"; };\nzone "ok.example" { type primary; file "\xff"; };\n'),
        ("nested-lists", b"acl a " + b"{" * 100_000 + b"};" * 100_000),
        ("unterminated-zones", b'zone "x" {' * 100_000),
        ("quote-soup", b'"\\' * 100_000),
        ("comment-starts", b"/*/" * 100_001),  # /*/ /*/: comments that close, one open at the end
    ],
)
def test_hostile_input_ends_in_issues_not_an_exception(write, name: str, data: bytes) -> None:  # noqa: ANN001
    started = time.perf_counter()
    declarations = read(write(f"{name}.conf", data))
    assert time.perf_counter() - started < 30  # a hang guard, not a benchmark
    assert declarations.issues or declarations.zones
    assert len(declarations.issues) <= 1001


def test_bytes_that_are_not_utf8_keep_file_names_as_the_file_system_does(write) -> None:  # noqa: ANN001
    declarations = read(write("named.conf", b'zone "ok.example" { type primary; file "db.\xff"; };\n'))
    assert declarations.zones[0].file == os.fsdecode(b"db.\xff")


# -- PowerDNS ---------------------------------------------------------------------------------------


def test_pdns_conf_pointing_at_a_named_conf(write, tmp_path: Path) -> None:  # noqa: ANN001
    write("powerdns/named.conf", 'zone "example.com" { type master; file "/var/lib/powerdns/example.com.zone"; };\n')
    pdns = write("powerdns/pdns.conf", "# PowerDNS\nlaunch=gmysql, bind\ngmysql-host=127.0.0.1\nbind-config=named.conf  # beside\n")
    declarations = read_pdns_conf(str(pdns), str(tmp_path))
    assert declarations is not None
    assert declarations.server == "powerdns"
    assert declarations.files == [str(pdns), str(tmp_path / "powerdns/named.conf")]
    assert zones(declarations) == [("example.com.", None, "/var/lib/powerdns/example.com.zone")]
    assert declarations.zones[0].server == "powerdns"


def test_pdns_conf_absolute_bind_config_below_the_root_then_beside(write, tmp_path: Path) -> None:  # noqa: ANN001
    write("etc/powerdns/bind/named.conf", 'zone "a.example" { type master; file "a"; };\n')
    pdns = write("etc/powerdns/pdns.conf", "launch=bind\nbind-config=/etc/powerdns/bind/named.conf\n")
    assert zones(read_pdns_conf(str(pdns), str(tmp_path))) == [("a.example.", None, "a")]  # type: ignore[arg-type]
    write("flat/named.conf", 'zone "b.example" { type master; file "b"; };\n')
    flat = write("flat/pdns.conf", "launch+=bind\nbind-config=/etc/powerdns/named.conf\n")
    assert zones(read_pdns_conf(str(flat), str(tmp_path / "flat"))) == [("b.example.", None, "b")]  # type: ignore[arg-type]


def test_pdns_conf_without_the_bind_backend_is_none(write, tmp_path: Path) -> None:  # noqa: ANN001
    assert read_pdns_conf(str(write("a.conf", "launch=gmysql\nbind-config=named.conf\n")), str(tmp_path)) is None
    assert read_pdns_conf(str(write("b.conf", "launch=bind\n")), str(tmp_path)) is None
    assert read_pdns_conf(str(write("c.conf", "# launch=bind\nbind-config=named.conf\n")), str(tmp_path)) is None


def test_pdns_conf_with_a_missing_or_outside_named_conf_is_an_issue(write, tmp_path: Path) -> None:  # noqa: ANN001
    write("outside/named.conf", 'zone "a.example" { type master; file "a"; };\n')
    pdns = write("repo/pdns.conf", "launch=bind:first,bind:second\nbind-first-config=../outside/named.conf\nbind-second-config=missing.conf\n")
    declarations = read_pdns_conf(str(pdns), str(tmp_path / "repo"))
    assert declarations is not None and declarations.zones == []
    assert [(issue.pos.line, issue.message.split(": ", 1)[1]) for issue in declarations.issues] == [
        (2, f"it leads outside {tmp_path / 'repo'}"),
        (3, "no such file"),
    ]


# -- recognising --------------------------------------------------------------------------------------


def test_looks_like_named_conf_and_pdns_conf() -> None:
    assert looks_like_named_conf(b'// bind\noptions {\n directory "/var/named";\n};\n')
    assert looks_like_named_conf(b'zone "example.com" IN {\n type master;\n};\n')
    assert looks_like_named_conf(b'view "internal" {\n};\n')
    assert looks_like_named_conf(b'include "/etc/bind/named.conf.options";\n')
    assert not looks_like_named_conf(b"$ORIGIN example.com.\n@ SOA ns1 hostmaster 1 2 3 4 5\n")
    assert not looks_like_named_conf(b"server {\n listen 80;\n}\n")
    assert looks_like_pdns_conf(b"# pdns\nlaunch=bind\n")
    assert looks_like_pdns_conf(b"  launch += gmysql\n")
    assert not looks_like_pdns_conf(b"[Unit]\nDescription=launch=\n")


# -- against BIND ------------------------------------------------------------------------------------

needs_checkconf = pytest.mark.skipif(CHECKCONF is None, reason="named-checkconf (Debian bind9-utils) is not installed")


def listed_by_named(directory: Path, config: str, chroot: bool = False) -> set[tuple[str, str | None, str]]:
    """(name, view, file) of the primary zones ``named-checkconf -p`` prints (``-l`` lists
    names and views but not files; both are checked to agree)."""
    options = ["-t", str(directory)] if chroot else []
    where = {} if chroot else {"cwd": directory}
    run = [CHECKCONF, *options]
    listed = subprocess.run([*run, "-l", config], capture_output=True, text=True, timeout=60, **where)  # type: ignore[arg-type]
    assert listed.returncode == 0, listed.stdout + listed.stderr
    rows = [line.split() for line in listed.stdout.splitlines()]
    primaries = {(N(row[0]).to_text(), None if row[2] == "_default" else row[2]) for row in rows if row[3] in ("primary", "master")}
    printed = subprocess.run([*run, "-p", config], capture_output=True, text=True, timeout=60, **where)  # type: ignore[arg-type]
    found, view, zone, kind = set(), None, None, None
    for line in printed.stdout.splitlines():
        if match := re.match(r'view "(.*)"', line):
            view = match.group(1)
        elif line == "};":
            view = None
        elif match := re.match(r'\t*zone "(.*)"', line):
            zone, kind = match.group(1), None
        elif match := re.match(r"\t+type (\w+);", line):
            kind = match.group(1)
        elif (match := re.match(r'\t+file "(.*)";', line)) and kind in ("primary", "master") and zone is not None:
            found.add((N(zone).to_text(), view, match.group(1)))
    assert {(name, view) for name, view, _ in found} == primaries
    return found


def copy_fixture(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


FIXTURES = {
    "views": {
        "named.conf": """# views, ACLs, keys and an include inside a view
options { directory "."; recursion no; };
acl "office" { 10.1.0.0/16; 192.168/16; fd00::/8; };
acl trusted { office; !8.8.8.8; localhost; { localnets; 127.0.0.1; }; };
acl world { 8.8.8.0/24; };
key "tsig" { algorithm hmac-sha256; secret "c2VjcmV0"; };
view "lan" {
    match-clients { trusted; };
    zone "example.com" { type primary; file "zones/lan/db.example.com"; };
    zone "slave.example" { type slave; primaries { 192.0.2.1; }; file "s"; };
    include "conf.d/lan.conf";
};
view "keyed" { match-clients { key "tsig"; }; zone "example.com" { type master; file "zones/keyed/db.example.com"; }; };
view "wan" {
    match-clients { !office; world; any; };
    response-policy { zone "rpz"; } break-dnssec yes;
    zone "example.com" { type primary; file "zones/db.example.com"; allow-transfer { none; }; };
    zone "rpz" { type primary; file "zones/db.rpz"; };
    zone "corp.example" { in-view "lan"; };
};
view "chaos" CH { match-clients { any; }; zone "bind" { type primary; file "zones/db.bind"; }; };
""",
        "conf.d/lan.conf": '/* included in a view */\nzone "corp.example" { type primary; file "zones/db.corp"; };\nzone "10.in-addr.arpa" { type master; file "zones/db.10"; };\n',
    },
    "includes": {
        "named.conf": 'options { directory "."; };\ninclude "zones.d/*.conf";\nzone "." { type hint; file "root.hints"; };\n'
        'zone "example.com" IN { type primary; file "db.example.com"; also-notify { 192.0.2.2; }; };\n',
        "zones.d/a.conf": '// a\nzone "a.example" { type primary; file "zones/db.a"; };\nzone "stub.example" { type stub; primaries { 192.0.2.1; }; };\n',
        "zones.d/b.conf": 'zone "b.example" { type primary; file "zones/db.b"; };\ninclude "zones.d/nested/c.inc";\n',
        "zones.d/nested/c.inc": 'zone "c.example" { type primary; file "zones/db.c"; };\n',
    },
}


@needs_checkconf
@pytest.mark.parametrize("fixture", sorted(FIXTURES))
def test_zones_are_those_named_checkconf_lists(tmp_path: Path, fixture: str) -> None:
    directory = copy_fixture(tmp_path, FIXTURES[fixture])
    declarations = read(directory / "named.conf", directory)
    assert declarations.issues == []
    assert set(zones(declarations)) == listed_by_named(directory, "named.conf")
    assert len(declarations.zones) == len(set(zones(declarations)))


@needs_checkconf
@pytest.mark.skipif(os.geteuid() != 0, reason="named-checkconf -t (chroot) needs root")
def test_a_debian_layout_is_read_as_named_checkconf_reads_it_in_a_chroot(tmp_path: Path) -> None:
    directory = copy_fixture(
        tmp_path,
        {
            "etc/bind/named.conf": '// Debian\ninclude "/etc/bind/named.conf.options";\ninclude "/etc/bind/named.conf.local";\ninclude "/etc/bind/named.conf.default-zones";\n',
            "etc/bind/named.conf.options": 'options {\n\tdirectory "/var/cache/bind";\n\tdnssec-validation auto;\n\tlisten-on-v6 { any; };\n};\n',
            "etc/bind/named.conf.local": 'zone "example.com" { type master; file "/etc/bind/db.example.com"; };\n',
            "etc/bind/named.conf.default-zones": 'zone "." { type hint; file "/usr/share/dns/root.hints"; };\n'
            'zone "localhost" { type master; file "/etc/bind/db.local"; };\nzone "127.in-addr.arpa" { type master; file "/etc/bind/db.127"; };\n',
        },
    )
    (directory / "var/cache/bind").mkdir(parents=True)
    declarations = read(directory / "etc/bind/named.conf", directory)
    assert declarations.issues == []
    assert set(zones(declarations)) == listed_by_named(directory, "/etc/bind/named.conf", chroot=True)
