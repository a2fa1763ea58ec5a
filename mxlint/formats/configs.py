"""The server configurations of a tree: which files are configurations (by name, then by
content), what they declare (``mxlint.formats.servers``), and where each declared zone's file
is on this machine. Discovery asks here; the readers of each server's syntax are
``mxlint.formats.bind``, ``nsd`` and ``knot``, imported only when a file is one of theirs.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from typing import NamedTuple

import dns.name

from mxlint.formats.servers import Declarations, DeclaredZone
from mxlint.limits import MAX_SYNTAX_ERRORS
from mxlint.record import Position, ReadIssue
from mxlint.safe_text import printable
from mxlint.source import InputError

#: The file names (``fnmatch``, lower case) of each server's configuration. BIND's name varies
#: most (Debian splits it into ``named.conf.local`` and ``named.conf.options``; repositories
#: write ``bind/zones.conf``): any ``*.conf`` whose content reads as ``named.conf`` is one.
CONFIG_NAMES = {
    "powerdns": ("pdns.conf", "pdns-*.conf"),
    "nsd": ("nsd.conf", "nsd.conf.*", "nsd-*.conf"),
    "knot": ("knot.conf", "knot.conf.*", "knot-*.conf"),
    "bind": ("named.conf", "named.conf.*", "named-*.conf", "*.conf"),
}
#: How much of a file's head the content checks read.
HEAD_BYTES = 8192


def config_server(path: str) -> str | None:
    """The server whose configuration ``path`` is (by its name, then its first bytes), or
    ``None``: most files are ruled out by the name alone, without being opened."""
    base = os.path.basename(path).lower()
    if base.endswith((".yaml", ".yml")):
        return "octodns" if _octodns_config(path) else None
    servers = [server for server, names in CONFIG_NAMES.items() if any(fnmatch.fnmatchcase(base, name) for name in names)]
    if not servers:
        return None
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return None
    return next((server for server in servers if _looks_like(server, head)), None)


def _octodns_config(path: str) -> bool:
    from mxlint.formats.octodns_config import looks_like_octodns_config

    try:
        with open(path, "rb") as handle:
            return looks_like_octodns_config(handle.read(HEAD_BYTES))
    except OSError:
        return False


def _looks_like(server: str, head: bytes) -> bool:
    if server == "bind":
        from mxlint.formats.bind import looks_like_named_conf

        return looks_like_named_conf(head)
    if server == "powerdns":
        from mxlint.formats.bind import looks_like_pdns_conf

        return looks_like_pdns_conf(head)
    if server == "nsd":
        from mxlint.formats.nsd import looks_like_nsd_conf

        return looks_like_nsd_conf(head)
    from mxlint.formats.knot import looks_like_knot_conf

    return looks_like_knot_conf(head)


def read_config(path: str, server: str, root: str) -> Declarations:
    """What the configuration ``path`` of ``server`` declares (its includes inside ``root``).
    Raises ``InputError`` when ``path`` itself cannot be read."""
    if server == "bind":
        from mxlint.formats.bind import read_named_conf

        return read_named_conf(path, root)
    if server == "powerdns":
        from mxlint.formats.bind import read_pdns_conf

        # A pdns.conf whose backends read no named.conf declares no zone in a file.
        return read_pdns_conf(path, root) or Declarations(server, files=[path])
    if server == "nsd":
        from mxlint.formats.nsd import read_nsd_conf

        return read_nsd_conf(path, root)
    from mxlint.formats.knot import read_knot_conf

    return read_knot_conf(path, root)


class Located(NamedTuple):
    """A declared zone and where its file is on this machine."""

    zone: DeclaredZone
    #: the zone file, as findings show it (octoDNS: its first file or split directory)
    path: str
    #: where the server resolves relative paths (``$INCLUDE``), on this machine
    directory: str | None
    #: octoDNS: every file and split directory the zone's sources read, in order
    parts: tuple[str, ...] = ()

    @property
    def format(self) -> str:
        return "octodns" if self.zone.server == "octodns" else "zonefile"


#: The formats whose files each kind of configuration declares: a file of such a format in a
#: configuration's tree that it does not declare is not a zone that server serves.
GOVERNED_FORMATS = {"octodns": frozenset({"octodns"})}
ZONE_FILES = frozenset({"zonefile"})


@dataclass
class Expansion:
    """What the configurations of a tree declare, found on this machine."""

    #: the configuration files that declare (the top ones; those another includes are in it)
    configs: list[str] = field(default_factory=list)
    zones: list[Located] = field(default_factory=list)
    #: what could not be read or found, at its place in a configuration
    issues: list[ReadIssue] = field(default_factory=list)
    #: the directories (real paths) whose files of some formats only a configuration declares
    governed: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    #: configurations not counted, and why (none of their zones is in this tree)
    passed: list[tuple[str, str]] = field(default_factory=list)


def expand(configs: list[tuple[str, str]], root: str) -> Expansion:
    """The zones the configurations ``configs`` (path, server) declare, their files looked for
    inside ``root``. A configuration another one includes is read as part of that one; one
    that declares nothing (``named.conf.options``) adds nothing, and one none of whose zones
    is in this tree describes some host, not the tree: it is passed over, and the tree is
    searched as if it had none."""
    expansion = Expansion()
    octodns = [path for path, server in configs if server == "octodns"]
    read: list[tuple[str, Declarations]] = []
    for path, server in configs:
        if server == "octodns":
            continue
        try:
            read.append((path, read_config(path, server, root)))
        except InputError as error:
            expansion.issues.append(ReadIssue(Position(path, 1), f"not read: {error}", incomplete=True))
    included = {os.path.realpath(file) for _, declarations in read for file in declarations.files[1:]}
    for path, declarations in read:
        if os.path.realpath(path) in included or not (declarations.zones or declarations.issues):
            continue
        zones = [zone for zone in declarations.zones if zone.rdclass.upper() == "IN"]  # CH and HS zones route no mail
        located = [(zone, locate(zone, path, root)) for zone in zones]
        found = [place for _, place in located if isinstance(place, Located)]
        if zones and not found:
            expansion.passed.append((path, f"a {declarations.server} configuration whose {'zone (1) is' if len(zones) == 1 else f'zones ({len(zones)}) are'} not in this tree"))
            continue
        expansion.configs.append(path)
        expansion.issues.extend(declarations.issues)
        expansion.zones.extend(found)
        for zone, place in located:
            if not isinstance(place, Located):
                expansion.issues.append(ReadIssue(zone.pos, f"zone {_text(zone.name)}: file {printable(zone.file)} not found: {place}", incomplete=True))
        config_dir = os.path.realpath(os.path.dirname(path) or os.curdir)
        expansion.governed += [(directory, ZONE_FILES) for directory in {config_dir, *(os.path.realpath(place.directory) for place in found if place.directory)}]
    for path in octodns:
        _expand_octodns(expansion, path, root)
    if len(expansion.issues) > MAX_SYNTAX_ERRORS:  # a configuration of 3,000 missing files
        rest = expansion.issues[MAX_SYNTAX_ERRORS]
        expansion.issues[MAX_SYNTAX_ERRORS:] = [ReadIssue(rest.pos, f"more than {MAX_SYNTAX_ERRORS} problems in the configurations: the rest are not listed", incomplete=True)]
    return expansion


def _expand_octodns(expansion: Expansion, path: str, root: str) -> None:
    from mxlint.formats.octodns_config import read_octodns_config

    try:
        config = read_octodns_config(path, root)
    except InputError as error:
        expansion.issues.append(ReadIssue(Position(path, 1), f"not read: {error}", incomplete=True))
        return
    found = [zone for zone in config.zones if zone.paths]
    if not found:
        why = f" ({config.issues[0].message})" if config.issues else ""
        expansion.passed.append((path, f"an octoDNS configuration that declares no zone found in this tree{why}"))
        return
    expansion.configs.append(path)
    expansion.issues.extend(config.issues)
    for zone in config.zones:
        if not zone.paths:
            expansion.issues += [ReadIssue(zone.pos, f"zone {_text(zone.name)}: {printable(why)}", incomplete=True) for why in zone.missing[:1]]
            continue
        declared = DeclaredZone(zone.name, zone.paths[0], "octodns", zone.pos)
        expansion.zones.append(Located(declared, os.path.normpath(zone.paths[0]), None, tuple(os.path.normpath(part) for part in zone.paths)))
    expansion.governed += [(os.path.realpath(directory), GOVERNED_FORMATS["octodns"]) for directory in config.provider_directories]


def locate(zone: DeclaredZone, config: str, root: str) -> Located | str:
    """Where a declared zone's file is on this machine, inside ``root``, or why it is nowhere.
    A repository keeps a server's files, not its host: ``directory "/etc/bind"`` and ``file
    "/etc/bind/db.x"`` are looked for as written, then below ``root`` as if it were ``/``,
    then by their last components beside the configuration and in ``root``."""
    if not zone.file or "\x00" in zone.file:
        return "no file name"
    real_root = os.path.realpath(root)
    bases = [config_dir := os.path.dirname(config) or os.curdir, os.path.dirname(zone.pos.file) or os.curdir, root]
    directory = _directory(zone.directory, config_dir, root, real_root)
    if os.path.isabs(zone.file):
        candidates = [(zone.file, directory), (os.path.join(root, zone.file.lstrip("/")), directory)]
        parts = [part for part in zone.file.split("/") if part]
        candidates += [(os.path.join(base, *parts[first:]), directory or base) for first in range(1, len(parts)) for base in bases]
    else:
        candidates = [(os.path.join(directory, zone.file), directory)] if directory else []
        candidates += [(os.path.join(base, zone.file), directory or base) for base in bases]
    outside = False
    for candidate, base in candidates:
        if os.path.isfile(candidate):
            if _inside(candidate, real_root):
                return Located(zone, os.path.normpath(candidate), base)
            outside = True
    return f"it leads outside {printable(root)}" if outside else "no such file"


def _directory(written: str | None, config_dir: str, root: str, real_root: str) -> str | None:
    """The configuration's ``directory`` on this machine, when it is there (inside ``root``)."""
    if not written or "\x00" in written:
        return None
    if os.path.isabs(written):
        candidates = [written, os.path.join(root, written.lstrip("/"))]
    else:
        candidates = [os.path.join(config_dir, written)]
    return next((os.path.normpath(path) for path in candidates if os.path.isdir(path) and _inside(path, real_root)), None)


def _inside(path: str, real_root: str) -> bool:
    return os.path.commonpath([real_root, os.path.realpath(path)]) == real_root


def _text(name: dns.name.Name) -> str:
    return printable(name.to_text())
