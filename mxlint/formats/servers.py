"""What a DNS server's configuration declares: its zones (name, file, view), read as the
server reads them. The configuration readers (``mxlint.formats.bind``, ``nsd``, ``knot``,
``powerdns``) produce ``Declarations``; nothing is executed, no server is started.

Paths are kept as the configuration writes them (``file`` and ``directory``), with the
configuration file that wrote them: where they lead on this machine is decided when the zones
are read (a repository's ``directory "/etc/bind"`` is usually the checkout, not the host).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable
from dataclasses import dataclass, field

import dns.name

from mxlint.limits import MAX_SYNTAX_ERRORS
from mxlint.record import Position, ReadIssue
from mxlint.source import path_in_tree

#: Servers whose configuration declares zones.
SERVERS = ("bind", "powerdns", "nsd", "knot")


@dataclass(frozen=True)
class DeclaredZone:
    """One primary zone a configuration declares."""

    #: the zone's apex, absolute
    name: dns.name.Name
    #: the zone file as the configuration writes it (relative paths resolve against ``directory``)
    file: str
    #: the server whose configuration declared it: ``bind``, ``powerdns``, ``nsd`` or ``knot``
    server: str
    #: where the zone is declared (the configuration file, line and column of its statement)
    pos: Position
    #: the directory relative paths resolve against as written (BIND's ``options { directory }``,
    #: NSD's ``zonesdir``, Knot's ``storage``); ``None``: the configuration file's own directory
    directory: str | None = None
    #: the view the zone is in (BIND), ``None`` when the configuration has no views
    view: str | None = None
    #: the view is matched only by internal clients (``match-clients`` names no public address
    #: and not ``any``): addresses no one on the Internet reaches are what it is for
    internal: bool = False
    #: the class written, when not IN (``CH`` zones are no mail routing)
    rdclass: str = "IN"


@dataclass
class Declarations:
    """What one configuration (and the files it includes) declares."""

    #: the server it configures
    server: str
    #: the configuration files read, the top one first
    files: list[str] = field(default_factory=list)
    #: the primary zones, in the order they are declared
    zones: list[DeclaredZone] = field(default_factory=list)
    #: what could not be read, at its place in the configuration (a syntax error, an include
    #: refused); reading goes on where it can
    issues: list[ReadIssue] = field(default_factory=list)

    def problem(self, pos: Position, message: str, incomplete: bool = False) -> None:
        """One issue; past ``MAX_SYNTAX_ERRORS`` the configuration is not worth reading on
        (``TooManyProblems``: what was read so far is what it declares)."""
        if len(self.issues) >= MAX_SYNTAX_ERRORS:
            self.issues.append(ReadIssue(pos, f"more than {MAX_SYNTAX_ERRORS} problems: reading stops here", incomplete=True))
            raise TooManyProblems
        self.issues.append(ReadIssue(pos, message, incomplete=incomplete))


class TooManyProblems(Exception):
    """A configuration gave ``MAX_SYNTAX_ERRORS`` issues: reading stops."""


# -- where a configuration's paths are on this machine -----------------------------------------


def inside(root: str, real: str) -> bool:
    """Whether the real path ``real`` is in the real directory ``root``."""
    return os.path.commonpath([root, real]) == root


def host_candidates(name: str, including: str, root: str, keep: int = 1) -> list[str]:
    """Where an absolute path a configuration writes may be in a repository, in turn: itself,
    then below ``root`` as if it were ``/``, then its last components (at least ``keep``) beside
    the including file (a repository that keeps ``/etc/nsd`` holds ``nsd.conf.d/`` beside
    ``nsd.conf``)."""
    parts = [part for part in name.split("/") if part]
    base = os.path.dirname(including)
    found = [os.path.normpath(name), os.path.normpath(os.path.join(root, *parts))]
    return found + [os.path.normpath(os.path.join(base, *parts[first:])) for first in range(1, len(parts) - keep + 1)]


def shown_path(path: str, including: str, including_shown: str) -> str:
    """How an included file is named in issues and positions: the file read (its links and
    ``..`` resolved, as ``path_in_tree`` names a zone's includes), beside the including file
    (``including``: real) as the user named it when it is below that file's directory, else
    by its real path."""
    real = os.path.realpath(path)
    if not inside(os.path.dirname(including), real):
        return real
    return path_in_tree(real, os.path.dirname(including_shown), os.path.dirname(including))


def literal_prefix(pattern: str, is_wild: Callable[[str], bool]) -> str:
    """The directories of a glob pattern before its first wildcard."""
    fixed = []
    for part in pattern.split(os.sep)[:-1]:
        if is_wild(part):
            break
        fixed.append(part)
    return os.sep.join(fixed) or os.sep


#: Directory entries one glob of a configuration's ``include`` may look at, in all.
MAX_GLOB_ENTRIES = 100_000


def bounded_glob(pattern: str, real_root: str, limit: int) -> list[str]:
    """The files a glob pattern matches inside ``real_root``, sorted, at most ``limit`` (then
    one more, so that the caller can tell). Unlike ``glob``, the search never leaves the root
    (a wildcard under ``/`` or a link to ``/`` would list the host) and looks at no more than
    ``MAX_GLOB_ENTRIES`` entries, however many wildcards the pattern holds."""
    absolute = os.path.isabs(pattern)
    parts = [part for part in pattern.split(os.sep) if part]
    fixed: list[str] = []
    while len(parts) > 1 and not _wild(parts[0]):
        fixed.append(parts.pop(0))
    start = os.path.join(os.sep if absolute else "", *fixed) or os.curdir
    if not os.path.isdir(start) or not inside(real_root, os.path.realpath(start)):
        return []
    level, budget = [start], MAX_GLOB_ENTRIES
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        following: list[str] = []
        for directory in level:
            if not _wild(part):
                names = [part]
            else:
                try:
                    with os.scandir(directory) as entries:
                        names = []
                        for entry in entries:
                            budget -= 1
                            if budget < 0:
                                return sorted(following)[: limit + 1] if last else []
                            names.append(entry.name)
                except OSError:
                    continue
                names = [name for name in names if fnmatch.fnmatchcase(name, part) and (part.startswith(".") or not name.startswith("."))]
            for name in sorted(names):
                path = name if directory == os.curdir else os.path.join(directory, name)
                real = os.path.realpath(path)
                if not inside(real_root, real):
                    continue
                if (os.path.isfile(real) if last else os.path.isdir(real)):
                    following.append(path)
        level = following
        if not level:
            return []
    return sorted(level)[: limit + 1]


def _wild(part: str) -> bool:
    return any(char in part for char in "*?[")
