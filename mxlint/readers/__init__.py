"""Every source becomes a ``Zone``; which reader reads a path is decided here, once."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import dns.name

from mxlint.readers.discovery import Found, Patterns, find_sources
from mxlint.readers.source import InputError
from mxlint.zone import Zone

__all__ = ["Found", "InputError", "Patterns", "Reader", "READERS", "discover", "find_sources", "read_path"]


class Reader(NamedTuple):  # not a dataclass: cheaper to create at import
    name: str
    #: file-name patterns of the files this reader reads
    patterns: tuple[str, ...]
    #: ``read(path, origin, include_root)``
    read: Callable[[str, dns.name.Name | None, str | None], Zone]

    def claims(self, path: str) -> bool:
        base = os.path.basename(path).lower()
        return any(fnmatch.fnmatchcase(base, pattern) for pattern in self.patterns)


def _read_zone_file(path: str, origin: dns.name.Name | None, include_root: str | None) -> Zone:
    from mxlint.readers.zonefile import read_zone_file

    return read_zone_file(path, origin, include_root)


def _read_yaml_file(path: str, origin: dns.name.Name | None, include_root: str | None) -> Zone:
    from mxlint.readers.yamlzone import read_yaml_file

    return read_yaml_file(path, origin, include_root)


def _read_split_directory(path: str, origin: dns.name.Name | None, include_root: str | None) -> Zone:
    from mxlint.readers.yamlzone import read_split_directory

    return read_split_directory(path, origin, include_root)


ZONE_FILE = Reader("zone file", ("*.zone", "*.db", "db.*"), _read_zone_file)
YAML_FILE = Reader("YAML", ("*.yaml", "*.yml"), _read_yaml_file)
#: octoDNS's split layout: a directory named after its zone (``example.com.``) of YAML files.
SPLIT_DIRECTORY = Reader("octoDNS split directory", ("*.",), _read_split_directory)

#: The reader of a source, by name; a file no pattern claims is read as a zone file (zone files
#: carry many names). Which files are sources is decided by content (``discovery``).
READERS: list[Reader] = [ZONE_FILE, YAML_FILE]
FALLBACK = ZONE_FILE


def reader_for(path: str) -> Reader:
    if os.path.isdir(path):
        return SPLIT_DIRECTORY
    return next((reader for reader in READERS if reader.claims(path)), FALLBACK)


def read_path(path: str, origin: dns.name.Name | None = None, include_root: str | None = None) -> Zone:
    """Read one source into a ``Zone``. ``include_root`` widens where ``$INCLUDE`` may reach
    (default: the directory of the file). Raises ``InputError`` when it cannot be opened."""
    return reader_for(path).read(path, origin, include_root)


def unread(path: str, why: str) -> Zone:
    """A source a search found but does not read, as a zone whose only content is the
    finding that says why (MX000): a zone must not be passed over in silence."""
    from mxlint.zone import Position, ReadIssue

    return Zone(dns.name.root, path, errors=[ReadIssue(Position(path, 1, 1), f"not read: {why}", incomplete=True)])


def _is_split_directory(path: str) -> bool:
    """A directory named after a zone, with a trailing dot (not `.` or `..`), holding YAML."""
    name = os.path.basename(os.path.abspath(path))
    return len(name) > 1 and name != ".." and SPLIT_DIRECTORY.claims(name) and any(YAML_FILE.claims(entry) for entry in os.listdir(path))


def discover(paths: Iterable[str], exclude: Sequence[Patterns] = ()) -> list[str]:
    """The sources to check: named files that are zones, and the zones found in named
    directories (see ``mxlint.readers.discovery``). Raises ``InputError`` for a path that
    does not exist."""
    return find_sources(paths, exclude).sources
