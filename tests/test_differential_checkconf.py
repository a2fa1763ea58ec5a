"""The zones mxlint finds in a repository's server configuration against the real servers'
own tools, on the repository shapes under ``tests/trees/``.

For each tree the zones ``mxlint check --show-files`` says it checks (name, view, file) are
compared with what the server's checker says the server loads:

* BIND (``bind-views``, ``bind-plain``, and the ``named.conf`` PowerDNS's bind backend reads in
  ``powerdns``): ``named-checkconf -l`` lists the primary zones (name, view), ``-p`` prints the
  configuration with each zone's file and the ``directory`` they resolve against, and ``-z``
  loads every primary zone; each ``loaded serial N`` must be the SOA serial of the file mxlint
  names for that zone and view (the two views' copies of a zone have different serials, so a
  file given to the wrong view shows). A tree that writes ``/etc/bind/...`` is checked as named
  sees it deployed: ``named-checkconf -t TREE`` (a chroot, which needs root).
* NSD (``nsd``): ``nsd-checkconf -o zones`` and ``-z ZONE -o zonefile``/``-o request-xfr``,
  ``zonesdir``; each file is then loaded by ``nsd-checkzone``.
* Knot (``knot``): ``knotc conf-export`` (templates, storage, ``%s``), and ``knotc zone-check``,
  which must fail for a zone exactly when the file mxlint names for it is moved away.

Then every tree is checked whole: no finding lands in a file that is not a zone (the
configurations, the root hints, a secondary's copy, a stray undeclared zone file), and the
internal view's private mail host is no MX209 (while the same view matched by ``any`` is).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import dns.name
import pytest
import yaml

from conftest import run_mxlint

TREES = Path(__file__).resolve().parent / "trees"


def _tool(name: str) -> str | None:
    """A server tool on PATH, or in the sbin directories a user's PATH may lack."""
    return shutil.which(name) or next((str(path) for path in (Path("/usr/sbin", name), Path("/usr/bin", name)) if os.access(path, os.X_OK)), None)


CHECKCONF = _tool("named-checkconf")
NSD_CHECKCONF = _tool("nsd-checkconf")
NSD_CHECKZONE = _tool("nsd-checkzone")
KNOTC = _tool("knotc")

needs_named = pytest.mark.skipif(CHECKCONF is None, reason="named-checkconf is not installed (Debian package bind9-utils)")
needs_nsd = pytest.mark.skipif(NSD_CHECKCONF is None or NSD_CHECKZONE is None, reason="nsd-checkconf/nsd-checkzone are not installed (Debian package nsd)")
needs_knotc = pytest.mark.skipif(KNOTC is None, reason="knotc is not installed (Debian package knot)")

#: The named.conf of each BIND tree, as named is given it, and whether it is read in a chroot of
#: the tree (its paths are those of the deployed /etc/bind) or from the configuration's
#: directory (its paths are relative: named is started there).
BIND_TREES = {
    "bind-views": ("/etc/bind/named.conf", True),
    "bind-plain": ("named.conf", False),
    "powerdns": ("named.conf", False),
}
#: Files that hold part of a zone ($INCLUDE), and so may carry its findings.
FRAGMENTS = {"bind-views": {"etc/bind/common/mail.inc"}}
#: Why named cannot load a zone of the PowerDNS tree: records of PowerDNS's dialect.
POWERDNS_ONLY = ("unknown RR type 'ALIAS'", "unknown RR type 'LUA'")


def N(text: str) -> str:
    return dns.name.from_text(text).to_text()


def copy_tree(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copytree(TREES / name, tmp_path / name))


# -- what mxlint says ---------------------------------------------------------------------------

_CHECKED = re.compile(r"^(?P<path>.+): checked as zone (?P<zone>\S+?)(?: in view (?P<view>\S+))?, declared by (?P<by>.+):(?P<line>\d+) \((?P<server>\w+)\)$")


def shown_files(tree: Path) -> list[str]:
    result = run_mxlint("check", "--isolated", "--show-files", ".", cwd=tree)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def mxlint_zones(tree: Path, server: str) -> dict[tuple[str, str | None], str]:
    """(zone, view) -> the file (relative to the tree) ``--show-files`` says is checked as it."""
    zones: dict[tuple[str, str | None], str] = {}
    for line in shown_files(tree):
        match = _CHECKED.match(line)
        if match is None:
            assert ": checked as zone" not in line, line
            continue
        assert match["server"] == server, line
        key = (match["zone"], match["view"])
        assert key not in zones, f"{key} checked twice: {zones[key]} and {match['path']}"
        zones[key] = os.path.normpath(match["path"])
    return zones


def findings(tree: Path) -> list[dict]:
    result = run_mxlint("check", "--isolated", "--format", "json", ".", cwd=tree)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)["findings"]


def soa_serial(path: Path) -> int:
    """The serial of the first SOA record of a zone file (comments and parentheses dropped)."""
    words = re.sub(r";[^\n]*", "", path.read_text()).replace("(", " ").replace(")", " ").split()
    at = [word.upper() for word in words].index("SOA")
    return int(words[at + 3])


# -- what named says ----------------------------------------------------------------------------


def named(tree: Path, config: str, chroot: bool, *options: str) -> subprocess.CompletedProcess[str]:
    assert CHECKCONF is not None
    if chroot:
        command, cwd = [CHECKCONF, "-t", str(tree), *options, config], tree
    else:
        command, cwd = [CHECKCONF, *options, os.path.basename(config)], tree / os.path.dirname(config)
    return subprocess.run(command, cwd=cwd, check=False, capture_output=True, text=True, timeout=120)


def named_primaries(tree: Path, config: str, chroot: bool) -> list[tuple[str, str | None]]:
    """(zone, view) of the IN primary zones ``named-checkconf -l`` lists, in its order."""
    listed = named(tree, config, chroot, "-l")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    rows = [line.split() for line in listed.stdout.splitlines()]
    return [(N(name), None if view == "_default" else view) for name, rdclass, view, kind in rows if kind in ("primary", "master") and rdclass == "IN"]


def named_files(tree: Path, config: str, chroot: bool) -> dict[tuple[str, str | None], str]:
    """(zone, view) -> the file of each primary zone ``named-checkconf -p`` prints, resolved as
    named resolves it (against the options' ``directory``, itself against named's working
    directory) and given relative to the tree."""
    printed = named(tree, config, chroot, "-p")
    assert printed.returncode == 0, printed.stdout + printed.stderr
    block = directory = view = zone = kind = None
    files: dict[tuple[str, str | None], str] = {}
    for line in printed.stdout.splitlines():
        if match := re.match(r"^(\w[\w-]*)\b.*\{$", line):
            block = match.group(1)
            view = None
            if match := re.match(r'^view "(.*)"', line):
                view = match.group(1)
        if match := re.match(r'^\t*zone "(.*)"', line):
            zone, kind = match.group(1), None
        elif block == "options" and (match := re.match(r'^\tdirectory "(.*)";$', line)):
            directory = match.group(1)
        elif match := re.match(r"^\t+type (\w+);$", line):
            kind = match.group(1)
        elif (match := re.match(r'^\t+file "(.*)";$', line)) and kind in ("primary", "master") and zone is not None:
            files[(N(zone), view)] = match.group(1)
    # Where named is: the chroot's / or the configuration's directory.
    start = Path("/") if chroot else Path("/", os.path.dirname(config))
    base = start / directory if directory else start
    resolved = {}
    for key, file in files.items():
        path = os.path.normpath(base / file)  # an absolute file replaces the base
        assert chroot or not os.path.isabs(file), f"{file}: an absolute path outside a chroot is not the tree's"
        resolved[key] = os.path.relpath(path, "/")
    return resolved


_LOADED = re.compile(r"^zone (?P<zone>[^/\s]+)/(?P<rdclass>\w+): loaded serial (?P<serial>\d+)$")
_FAILED = re.compile(r"^zone (?P<zone>[^/\s]+)/(?P<rdclass>\w+): loading from master file (?P<file>.+) failed: (?P<why>.+)$")


def named_loads(tree: Path, config: str, chroot: bool) -> tuple[subprocess.CompletedProcess[str], list[tuple[str, int | None]]]:
    """``named-checkconf -z``: each zone it loads, in its order, with the serial loaded
    (``None``: it failed to load)."""
    result = named(tree, config, chroot, "-z")
    loads: list[tuple[str, int | None]] = []
    for line in (result.stdout + result.stderr).splitlines():
        if match := _LOADED.match(line):
            loads.append((N(match["zone"]), int(match["serial"])))
        elif match := _FAILED.match(line):
            loads.append((N(match["zone"]), None))
    return result, loads


@needs_named
@pytest.mark.parametrize("name", sorted(BIND_TREES))
def test_bind_zones_are_those_named_checkconf_loads(tmp_path: Path, name: str) -> None:
    config, chroot = BIND_TREES[name]
    if chroot and os.geteuid() != 0:
        pytest.skip("named-checkconf -t (a chroot of the tree, whose paths are /etc/bind/...) needs root")
    tree = copy_tree(tmp_path, name)
    server = "powerdns" if name == "powerdns" else "bind"
    ours = mxlint_zones(tree, server)
    primaries = named_primaries(tree, config, chroot)
    assert len(set(primaries)) == len(primaries)
    # The zones: the same (name, view) pairs; no secondary, hint or localhost zone added or lost.
    assert set(ours) == set(primaries)
    # Their files: the one named opens for each zone in each view.
    assert ours == named_files(tree, config, chroot)
    # What named loads, zone by zone in the order -l lists them (-z names no view): the serial
    # loaded is the one in the file mxlint checks for that zone in that view.
    result, loads = named_loads(tree, config, chroot)
    assert [zone for zone, _ in loads] == [zone for zone, _ in primaries], result.stdout + result.stderr
    for key, (_, serial) in zip(primaries, loads):
        if serial is not None:
            assert soa_serial(tree / ours[key]) == serial, key
    # named reads every zone file whole ($INCLUDE "../common/mail.inc" opened from the
    # options' directory, not from the including file's): so does mxlint, without MX000.
    assert [(f["path"], f["line"], f["message"]) for f in findings(tree) if f["rule"] == "MX000"] == []
    failed = {zone for zone, serial in loads if serial is None}
    if name == "powerdns":
        # BIND does not know PowerDNS's records (PowerDNS serves this zone): named fails to
        # load it, which is why mxlint reads it as PowerDNS's (`declared by ... (powerdns)`).
        assert failed == {"example.com."}, result.stdout + result.stderr
        assert all(why in result.stdout + result.stderr for why in POWERDNS_ONLY)
    else:
        assert result.returncode == 0 and not failed, result.stdout + result.stderr


@needs_named
@pytest.mark.skipif(os.geteuid() != 0, reason="named-checkconf -t (a chroot of the tree) needs root")
def test_an_absolute_include_is_read_as_the_deployed_named_reads_it(tmp_path: Path) -> None:
    tree = copy_tree(tmp_path, "bind-views")
    zone = tree / "etc/bind/zones/public/db.example.com"
    zone.write_text(zone.read_text().replace("$INCLUDE ../common/mail.inc", "$INCLUDE /etc/bind/common/mail.inc"))
    result, loads = named_loads(tree, "/etc/bind/named.conf", True)
    assert result.returncode == 0 and ("example.com.", 2024061502) in loads, result.stdout + result.stderr
    assert [(f["path"], f["line"], f["message"]) for f in findings(tree) if f["rule"] == "MX000"] == []


@needs_named
def test_powerdns_records_are_the_lines_named_refuses_when_read_as_bind(tmp_path: Path) -> None:
    """The PowerDNS tree's named.conf given as BIND's: mxlint's MX000 lines are the lines named
    refuses (ALIAS, LUA, a TXT string over 255 bytes); read through pdns.conf, none."""
    tree = copy_tree(tmp_path, "powerdns")
    result, _ = named_loads(tree, "named.conf", False)
    # named runs in the tree and opens the files from the options' directory, "zones".
    refused = {(os.path.normpath(os.path.join("zones", file)), int(line)) for file, line in re.findall(r"(?m)(?:^|\s)(\S+):(\d+): ", result.stdout + result.stderr)}
    assert refused, result.stdout + result.stderr
    shown = run_mxlint("check", "--isolated", "--show-files", "--server-config", "named.conf", "zones", cwd=tree).stdout
    assert "zones/example.com.zone: checked as zone example.com., declared by named.conf:7 (bind)" in shown.splitlines()
    bind_run = run_mxlint("check", "--isolated", "--format", "json", "--server-config", "named.conf", "zones", cwd=tree)
    errors = {(f["path"], f["line"]) for f in json.loads(bind_run.stdout)["findings"] if f["rule"] == "MX000"}
    assert errors == refused
    assert [f for f in findings(tree) if f["rule"] == "MX000"] == []


# -- NSD ------------------------------------------------------------------------------------------


def nsd_checkconf(config: Path, *options: str) -> str:
    assert NSD_CHECKCONF is not None
    result = subprocess.run([NSD_CHECKCONF, *options, str(config)], cwd=config.parent, check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


@needs_nsd
def test_nsd_zones_are_those_nsd_checkconf_lists(tmp_path: Path) -> None:
    tree = copy_tree(tmp_path, "nsd")
    ours = mxlint_zones(tree, "nsd")
    config = tree / "etc/nsd/nsd.conf"
    nsd_checkconf(config)  # the whole configuration is valid to NSD
    zonesdir = nsd_checkconf(config, "-o", "zonesdir")
    assert os.path.isabs(zonesdir)  # the deployed /etc/nsd/zones: below the tree as if it were /
    expected: dict[tuple[str, str | None], str] = {}
    secondaries = set()
    for zone in nsd_checkconf(config, "-o", "zones").split():
        if nsd_checkconf(config, "-z", zone, "-o", "request-xfr"):
            secondaries.add(N(zone))
            continue
        written = nsd_checkconf(config, "-z", zone, "-o", "zonefile")
        # NSD's substitutions: only %s (the zone name) is used in this tree.
        assert "%" not in written.replace("%s", ""), written
        file = written.replace("%s", zone.rstrip("."))
        expected[(N(zone), None)] = os.path.normpath(os.path.join(zonesdir, file)).lstrip("/")
    assert secondaries == {"example.net."}
    assert ours == expected
    for (zone, _), file in ours.items():
        checked = subprocess.run([NSD_CHECKZONE, zone, str(tree / file)], check=False, capture_output=True, text=True, timeout=60)
        assert checked.returncode == 0, checked.stdout + checked.stderr


# -- Knot -----------------------------------------------------------------------------------------


def knotc(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert KNOTC is not None
    return subprocess.run([KNOTC, "-c", str(config), *args], cwd=config.parent, check=False, capture_output=True, text=True, timeout=60)


@needs_knotc
def test_knot_zones_are_those_knotc_reads(tmp_path: Path) -> None:
    tree = copy_tree(tmp_path, "knot")
    ours = mxlint_zones(tree, "knot")
    config = tree / "etc/knot/knot.conf"
    # knotc has no chroot: the deployed paths (/etc/knot, /var/lib/knot, /run/knot) are made
    # the tree's, after mxlint read the tree as the repository holds it.
    text = config.read_text()
    config.write_text(re.sub(r'^(\s*(?:storage|rundir):\s*")/', rf"\g<1>{tree}/", text, flags=re.MULTILINE))
    assert knotc(config, "conf-check").returncode == 0
    exported = knotc(config, "conf-export")
    assert exported.returncode == 0, exported.stderr
    settings = yaml.safe_load(exported.stdout)
    templates = {template["id"]: template for template in settings.get("template", [])}
    expected: dict[tuple[str, str | None], str] = {}
    secondaries = set()
    for zone in settings["zone"]:
        template = templates.get(zone.get("template", "default"), {})
        if "master" in zone or "master" in template:
            secondaries.add(N(zone["domain"]))  # Knot writes its file
            continue
        storage = zone.get("storage", template.get("storage", "/var/lib/knot"))
        file = zone.get("file", template.get("file", "%s.zone")).replace("%s", zone["domain"].rstrip("."))
        expected[(N(zone["domain"]), None)] = os.path.relpath(os.path.join(storage, file), tree)
    assert secondaries == {"example.net."}
    assert ours == expected
    names = [zone for zone, _ in ours]
    checked = knotc(config, "zone-check", *names)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The file knotc reads is the one mxlint names: without it, that zone (only) fails.
    for (zone, _), file in ours.items():
        moved = (tree / file).rename(tree / "moved-away")
        missing = knotc(config, "zone-check", *names)
        assert missing.returncode != 0 and f"[{zone}] failed to check zone file (not exists)" in missing.stdout + missing.stderr
        assert missing.stderr.count("failed to check zone file") == 1, missing.stderr
        moved.rename(tree / file)


# -- the whole tree checked -------------------------------------------------------------------------

ALL_TREES = sorted([*BIND_TREES, "nsd", "knot"])


@pytest.mark.parametrize("name", ALL_TREES)
def test_no_finding_in_a_file_that_is_no_zone(tmp_path: Path, name: str) -> None:
    tree = copy_tree(tmp_path, name)
    zone_files = {match["path"] for line in shown_files(tree) if (match := _CHECKED.match(line))}
    assert zone_files, "the tree declares zones"
    parts = zone_files | FRAGMENTS.get(name, set())
    stray = [(f["path"], f["line"], f["rule"], f["message"]) for f in findings(tree) if f["path"] not in parts]
    assert stray == []


def test_the_stray_zone_file_is_passed_over_and_not_checked(tmp_path: Path) -> None:
    tree = copy_tree(tmp_path, "bind-plain")
    assert "data/db.example.com: passed over: not a zone named.conf declares (checked where a declared zone includes it)" in shown_files(tree)
    # Checked on its own it has a finding (its MX names a CNAME): passing it over is what hides it.
    alone = run_mxlint("check", "--isolated", "--format", "json", "data/db.example.com", cwd=tree)
    assert "MX101" in {f["rule"] for f in json.loads(alone.stdout)["findings"]}


def test_the_internal_view_may_route_mail_to_a_private_address(tmp_path: Path) -> None:
    tree = copy_tree(tmp_path, "bind-views")
    assert [f for f in findings(tree) if f["rule"] == "MX209"] == []
    # The control: the same view matched by any client is no internal view, and its mail host
    # at 10.0.0.25 is one no sender on the Internet reaches. The MX record is in the fragment
    # both views include (`@ IN MX 10 mail`, line 4); only the internal view's `mail` is private.
    local = tree / "etc/bind/named.conf.local"
    text = local.read_text()
    assert "match-clients { 10.0.0.0/8; };" in text
    local.write_text(text.replace("match-clients { 10.0.0.0/8; };", "match-clients { any; };", 1))
    flagged = [(f["path"], f["line"], f["message"]) for f in findings(tree) if f["rule"] == "MX209"]
    assert [(path, line) for path, line, _ in flagged] == [("etc/bind/common/mail.inc", 4)], flagged
    assert "10.0.0.25" in flagged[0][2]
