"""gitignore-style path patterns: ``exclude:``, ``--exclude`` and the ``.gitignore`` files a
directory search respects."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import NamedTuple


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
