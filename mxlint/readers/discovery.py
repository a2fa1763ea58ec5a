"""Which files of the paths a user names are zones: directories walked, exclusions applied.

Named files are judged by content too, but never excluded (as ruff without
``--force-exclude``): naming a file is a stronger statement than a pattern.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from mxlint.readers.sniff import sniff
from mxlint.readers.source import InputError
from mxlint.safe_text import printable

#: Directories that hold other people's files, never zones of the repository.
SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "site-packages"})


class PatternError(ValueError):
    """A gitignore pattern that cannot be compiled."""


class Patterns(NamedTuple):  # not a dataclass: cheaper to create at import
    """gitignore patterns, relative to ``base`` (an absolute directory)."""

    base: str
    spec: object  # pathspec.GitIgnoreSpec, imported only when patterns exist

    @classmethod
    def compile(cls, base: str, lines: Iterable[str]) -> Patterns:
        import pathspec

        try:
            return cls(os.path.abspath(base), pathspec.GitIgnoreSpec.from_lines(list(lines)))
        except (ValueError, TypeError) as error:
            raise PatternError(str(error)) from None

    def check(self, path: str, is_dir: bool, fallback_base: str) -> bool | None:
        """``True`` excluded, ``False`` re-included (``!pattern``), ``None`` not mentioned."""
        rel = _relative(path, self.base) or _relative(path, fallback_base)
        if rel is None:
            return None
        return self.spec.check_file(rel + "/" if is_dir else rel).include  # type: ignore[attr-defined]


def _relative(path: str, base: str) -> str | None:
    rel = os.path.relpath(path, base)
    if rel == "." or rel == ".." or rel.startswith(".." + os.sep):
        return None
    return rel.replace(os.sep, "/")


@dataclass
class Found:
    """The sources to read, the named files that are not zones (path, why not), and the
    entries a search met that look like zones but are not read (path, why not): a symbolic
    link leading out of the tree, a dangling one, a file that cannot be opened."""

    sources: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def find_sources(paths: Iterable[str], exclude: Sequence[Patterns] = (), trust_names: bool = True) -> Found:
    """Files as named (when they are zones), directories searched. ``trust_names``: a named
    file named as a zone is read whatever it holds (off when a tool, not the user, chose the
    files). Raises ``InputError`` for a path that does not exist."""
    from mxlint.readers import YAML_FILE, _is_split_directory

    found = Found()
    for path in paths:
        if os.path.isdir(path):
            if _is_split_directory(path):
                found.sources.append(path)
            else:
                walk = _Walk(path, exclude)
                found.sources.extend(walk.run())
                found.refused.extend(walk.refused)
        elif os.path.exists(path):
            # A file of a split directory (as pre-commit passes them) is read with its zone.
            parent = os.path.dirname(path) or "."
            if YAML_FILE.claims(path) and _is_split_directory(parent):
                found.sources.append(parent)
                continue
            verdict = sniff(path, trust_names)
            if verdict:
                found.sources.append(path)
            else:
                found.skipped.append((path, verdict.reason))
        else:
            raise InputError(f"{printable(path)}: No such file or directory")
    found.sources = list(dict.fromkeys(found.sources))
    return found


def git_top(directory: str) -> str | None:
    """The top of the git checkout holding ``directory`` (a ``.git`` entry there or above)."""
    current = os.path.abspath(directory)
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


class _Walk:
    """One named directory: sorted, depth first, each directory's files before its
    subdirectories' (as ``os.walk``), hidden entries skipped, symlinked directories not
    followed and symlinked files only when they stay inside the tree."""

    def __init__(self, root: str, exclude: Sequence[Patterns]) -> None:
        self.root = root
        self.abs_root = os.path.abspath(root)
        self.real_root = os.path.realpath(root)
        self.exclude = exclude
        self.seen: set[str] = set()
        self.refused: list[tuple[str, str]] = []

    def run(self) -> list[str]:
        found: list[str] = []
        outer = self._outer_gitignores()
        in_git = outer is not None
        stack: list[tuple[str, tuple[Patterns, ...]]] = [(self.root, outer or ())]
        while stack:
            directory, ignores = stack.pop()
            if in_git:
                ignores = ignores + _gitignore(directory)
            files, subdirectories = self._entries(directory, ignores)
            splits = [sub for sub in subdirectories if _split(sub)]
            found.extend(splits)
            found.extend(file for file in files if sniff(file))
            stack.extend((sub, ignores) for sub in reversed(subdirectories) if sub not in splits)
        return found

    def _outer_gitignores(self) -> tuple[Patterns, ...] | None:
        """The ``.gitignore`` files from the checkout's top down to (not including) the root;
        ``None`` outside a checkout."""
        top = git_top(self.abs_root)
        if top is None:
            return None
        chain: list[str] = []
        current = self.abs_root
        while current != top:
            current = os.path.dirname(current)
            chain.append(current)
        layers: tuple[Patterns, ...] = ()
        for directory in reversed(chain):
            layers += _gitignore(directory)
        return layers

    def _entries(self, directory: str, ignores: tuple[Patterns, ...]) -> tuple[list[str], list[str]]:
        try:
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            return [], []  # an unreadable directory holds nothing we can check
        files, subdirectories = [], []
        real_directory = os.path.realpath(directory)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            # Paths as the user would write them: `zones/a`, not `./zones/a`.
            path = entry.name if directory == os.curdir else os.path.join(directory, entry.name)
            try:
                is_dir = entry.is_dir()
                if is_dir and entry.is_symlink():
                    self._refuse(path, entry.name, "a symbolic link to a directory, which a search does not follow")
                    continue
                if is_dir and _foreign(path, entry.name):
                    continue
                if not is_dir and not entry.is_file():
                    if entry.is_symlink() and not os.path.exists(path):
                        self._refuse(path, entry.name, "a symbolic link to nothing")
                    continue
                if not is_dir and not self._inside(entry, real_directory):
                    continue
                if not is_dir and not os.access(path, os.R_OK):
                    self._refuse(path, entry.name, "it cannot be read (permission denied)")
                    continue
            except OSError as error:
                self._refuse(path, entry.name, f"it cannot be read ({error.strerror or error})")
                continue
            if self._excluded(path, is_dir, ignores):
                continue
            (subdirectories if is_dir else files).append(path)
        return files, subdirectories

    def _refuse(self, path: str, name: str, why: str) -> None:
        """An entry that is not read gets a finding when its name says zone: a search must not
        pass over a zone in silence, nor flag every stray link of a repository."""
        if zone_like_name(name):
            self.refused.append((path, why))

    def _inside(self, entry: os.DirEntry, real_directory: str) -> bool:
        """A file not reached twice, and no symlink leading out of the tree."""
        if entry.is_symlink():
            key = os.path.realpath(entry.path)
            if os.path.commonpath([self.real_root, key]) != self.real_root:
                self._refuse(entry.path, entry.name, f"a symbolic link leading outside {self.root}")
                return False
        else:
            key = os.path.join(real_directory, entry.name)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def _excluded(self, path: str, is_dir: bool, ignores: tuple[Patterns, ...]) -> bool:
        absolute = os.path.join(self.abs_root, os.path.relpath(path, self.root))
        if any(patterns.check(absolute, is_dir, self.abs_root) for patterns in self.exclude):
            return True
        verdict = None
        for patterns in ignores:  # the deepest .gitignore that mentions the path decides
            result = patterns.check(absolute, is_dir, self.abs_root)
            if result is not None:
                verdict = result
        return bool(verdict)


_DOMAIN_LIKE = re.compile(r"(?:[a-z0-9_-]+\.)+[a-z][a-z0-9-]*\.?")


def zone_like_name(name: str) -> bool:
    """Whether a file's name alone says zone: ``*.zone``, ``*.db``, ``db.*``, or a domain
    name with or without ``.yaml`` (``example.com``, ``example.com.yaml``, ``example.com.``)."""
    base = name.lower()
    if base.endswith((".zone", ".db")) or base.startswith("db."):
        return True
    for suffix in (".yaml", ".yml"):
        base = base.removesuffix(suffix)
    return _DOMAIN_LIKE.fullmatch(base) is not None


def _split(path: str) -> bool:
    from mxlint.readers import _is_split_directory

    try:
        return _is_split_directory(path)
    except OSError:
        return False


def _foreign(path: str, name: str) -> bool:
    """Directories of installed packages and virtual environments."""
    return name in SKIPPED_DIRECTORIES or os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def _gitignore(directory: str) -> tuple[Patterns, ...]:
    path = os.path.join(directory, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return ()
    try:
        return (Patterns.compile(directory, lines),)
    except PatternError:
        return ()  # git skips lines it cannot read; a broken .gitignore must not stop a lint
