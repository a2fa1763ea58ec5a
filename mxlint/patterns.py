"""gitignore-style path patterns: ``exclude:``, ``--exclude`` and the ``.gitignore`` files a
directory search respects."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import NamedTuple


class PatternError(ValueError):
    """A gitignore pattern that cannot be compiled."""


#: At most this many ``**`` segments in one pattern: each one is an unbounded ``(?:/.+)?`` in
#: the regular expression pathspec builds, and a failing match backtracks through every
#: combination of them (path length to the power of their number).
MAX_DOUBLE_STARS = 2


def _pattern_class() -> type:
    """pathspec's gitignore pattern, with a segment glob that cannot backtrack
    catastrophically. pathspec (1.1.1, and 0.12) turns ``*a*a*b`` into ``[^/]*a[^/]*a[^/]*b``,
    which Python's backtracking ``re`` takes exponential time to reject (a 23-byte pattern
    and a 60-character name: minutes). Every ``*`` but a segment's last is matched lazily in
    an atomic group (``(?>[^/]*?a)``): between stars there are only one-character items
    (literals, ``?``, ``[...]``), so the earliest place each fits is as good as any later one,
    and no other needs to be tried."""
    global _PATTERN
    if _PATTERN is None:
        from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

        class _Pattern(GitIgnoreSpecPattern):  # type: ignore[misc,valid-type]
            @staticmethod
            def _translate_segment_glob(pattern: str, range_error):  # type: ignore[no-untyped-def,override]
                pieces = _star_pieces(pattern)
                translate = GitIgnoreSpecPattern._translate_segment_glob
                parts = [translate(piece, range_error) for piece in pieces]
                if len(parts) == 1:
                    return parts[0]
                middle = "".join(f"(?>[^/]*?{part})" for part in parts[1:-1])
                return f"{parts[0]}{middle}[^/]*{parts[-1]}"

        _PATTERN = _Pattern
    return _PATTERN


_PATTERN: type | None = None


def _star_pieces(glob: str) -> list[str]:
    """``glob`` cut at its unescaped ``*`` outside brackets (runs of ``*`` count once)."""
    pieces, current, i = [], "", 0
    while i < len(glob):
        char = glob[i]
        if char == "\\":
            current += glob[i : i + 2]
            i += 2
            continue
        if char == "[":
            j = i + 1
            if j < len(glob) and glob[j] in "!^":
                j += 1
            if j < len(glob) and glob[j] == "]":
                j += 1
            while j < len(glob) and glob[j] != "]":
                j += 1
            if j < len(glob):
                current += glob[i : j + 1]
                i = j + 1
                continue
        if char == "*":
            pieces.append(current)
            current = ""
            while i < len(glob) and glob[i] == "*":
                i += 1
            continue
        current += char
        i += 1
    pieces.append(current)
    return pieces


def _double_stars(line: str) -> int:
    return sum(1 for segment in line.strip().split("/") if segment == "**")


class Patterns(NamedTuple):  # not a dataclass: cheaper to create at import
    """gitignore patterns, relative to ``base`` (an absolute directory)."""

    base: str
    spec: object  # pathspec.GitIgnoreSpec, imported only when patterns exist

    @classmethod
    def compile(cls, base: str, lines: Iterable[str]) -> Patterns:
        import pathspec

        lines = list(lines)
        for line in lines:
            if _double_stars(line) > MAX_DOUBLE_STARS:
                raise PatternError(f"{line.strip()!r}: more than {MAX_DOUBLE_STARS} '**' in one pattern")
        try:
            return cls(os.path.abspath(base), pathspec.GitIgnoreSpec.from_lines(_pattern_class(), lines))
        except (ValueError, TypeError) as error:
            raise PatternError(str(error)) from None

    @classmethod
    def compile_lenient(cls, base: str, lines: Iterable[str]) -> Patterns | None:
        """As git reads a ``.gitignore``: a line that cannot be compiled (or is over the
        ``**`` bound) is skipped, the others kept."""
        kept = []
        for line in lines:
            try:
                cls.compile(base, [line])
            except PatternError:
                continue
            kept.append(line)
        try:
            return cls.compile(base, kept)
        except PatternError:
            return None

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
