"""Applying fixes: choosing the edits of a run, showing them as a diff, writing them.

The rules compute each finding's fix (``mxlint.rules.fixes``, through the zone's format); this
module knows no format. Edits replace exactly a token's text; every other byte of the file
(line ends, a BOM, comments, alignment) stays. ``plan`` chooses the fixes to apply
(conflicting ones are dropped) and ``Plan.write`` writes atomically, never through a symbolic
link, never outside the trees named on the command line, and never bytes that were given in
memory (standard input).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from mxlint.rule import Edit, Finding
from mxlint.safe_text import printable
from mxlint.source import BOM, Text, split_lines


@dataclass
class Plan:
    """The fixes chosen for a run: the findings they fix and each file's new bytes."""

    texts: Mapping[str, Text]
    fixed: list[Finding] = field(default_factory=list)
    #: findings whose fix touches a token another chosen fix touches: neither is applied
    conflicts: list[Finding] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)

    def diff(self) -> tuple[str, list[str]]:
        """A unified diff of every changed file, paths as given without ``a/``/``b/``
        (``patch -p0`` applies it), and a line for each file whose diff is not shown. Lines
        are cut where the reader cuts them (``\\n``, ``\\r\\n``, ``\\r``: not at a vertical tab or
        U+2028, as ``str.splitlines`` would) and printed as they are, tabs and line ends too,
        which the diff needs to apply; a file whose hunks hold a character the sanitiser would
        escape is not shown (escaped, the hunk would not apply; raw, it could reach a terminal)."""
        from difflib import unified_diff  # only --diff shows one: not on every run's start-up path

        from mxlint.output import shown_path

        out: list[str] = []
        notes: list[str] = []
        for path in sorted(self.files):
            text = self.texts[path]
            before = split_lines(text.original)
            after = split_lines(self.files[path][len(BOM) if text.bom else 0 :].decode("utf-8"))
            shown = _printable_line(shown_path(path, os.getcwd()))  # as the findings name it
            lines = []
            for line in unified_diff(before, after, shown, shown):
                if not line.endswith(("\n", "\r")):
                    line += "\n\\ No newline at end of file\n"
                lines.append(line)
            if any(_printable_line(line) != line for line in lines[2:]):
                notes.append(f"mxlint: {printable(path)}: the diff is not shown: a changed or context line holds control characters (--fix applies it)")
                continue
            out += lines
        return "".join(out), notes

    def write(self, roots: Sequence[str]) -> tuple[list[str], list[str], bool]:
        """Write the changed files: atomically, keeping their permissions. Returns the paths
        written, one line for each file refused or not written, and whether a write failed
        (an I/O error: exit 2) rather than being refused."""
        written, notes, failed = [], [], False
        real_roots = [os.path.realpath(root) for root in roots]
        for path in sorted(self.files):
            text = self.texts[path]
            why = None if not text.in_memory else "standard input is not written (use --diff to see the fixes)"
            try:
                why = why or _refusal(path, real_roots, text.data)
                if why is None:
                    _replace(path, self.files[path])
                    written.append(path)
                    continue
            except OSError as error:
                why, failed = f"cannot write it: {error.strerror or error}", True
            notes.append(f"mxlint: {printable(path)}: not fixed: {why}")
        return written, notes, failed

    def notes(self) -> list[str]:
        """A line for each finding whose fix clashed with another's."""
        return [
            f"mxlint: {finding.path}:{finding.line}:{finding.column}: {finding.rule} not fixed: another fix edits the same text"
            for finding in self.conflicts
        ]

    def would_fix(self) -> str:
        """What ``--diff`` says it would fix."""
        count, files = len(self.fixed), len(self.files)
        return f"mxlint: would fix {count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"

    def fixed_in(self, written: Iterable[str]) -> int:
        """How many of the chosen fixes were written whole."""
        done = set(written)
        return sum(1 for finding in self.fixed if all(edit.path in done for edit in finding.fix.edits))  # type: ignore[union-attr]


def _printable_line(line: str) -> str:
    # Tabs and a CR before the line end are kept (a diff of a CRLF file needs them); every
    # other control character is escaped.
    body, end = (line[:-1], line[-1]) if line.endswith("\n") else (line, "")
    cr = body.endswith("\r")
    body = body[:-1] if cr else body
    return "\t".join(printable(part) for part in body.split("\t")) + ("\r" if cr else "") + end


def _root_of(path: str) -> str:
    return path if os.path.isdir(path) else os.path.dirname(path) or "."


def roots_of(paths: Iterable[str]) -> list[str]:
    """The trees named on the command line: a directory, or a file's directory."""
    return [_root_of(path) for path in paths]


def _refusal(path: str, roots: Sequence[str], original: bytes) -> str | None:
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link (mxlint never writes through one)"
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file"
    real = os.path.realpath(path)
    if not any(os.path.commonpath([root, real]) == root for root in roots):
        return "it is outside the trees named on the command line"
    with open(path, "rb") as handle:
        if handle.read() != original:
            return "it changed while mxlint ran"
    return None


def _replace(path: str, data: bytes) -> None:
    """Write through a temporary file in the same directory and a rename: a reader sees the
    old file or the new one, never half of it; the permissions are the original's."""
    real = os.path.realpath(path)
    mode = stat.S_IMODE(os.stat(real).st_mode)
    from tempfile import mkstemp  # only --fix writes: not on every run's start-up path

    handle, temporary = mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".mxlint", dir=os.path.dirname(real))
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def applicable(finding: Finding, unsafe: bool) -> bool:
    """Whether ``finding``'s fix is applied with ``--fix`` (and ``--unsafe-fixes`` if given)."""
    return finding.fix is not None and (finding.fix.safe or unsafe)


def plan(findings: Sequence[Finding], texts: Mapping[str, Text], unsafe: bool) -> Plan:
    """The fixes to apply: every applicable one whose edits touch no token another one
    touches (two fixes of the same token are both left out, and their findings stay)."""
    result = Plan(texts)
    chosen: list[tuple[Finding, list[tuple[str, int, int]]]] = []
    for finding in findings:
        if not applicable(finding, unsafe):
            continue
        spans = []
        for edit in finding.fix.edits:  # type: ignore[union-attr]
            text = texts.get(edit.path)
            if text is None or not 0 < edit.line <= len(text.lines):
                break
            start = text.original_offset(edit.line, edit.column)
            spans.append((edit.path, start, start + len(edit.old)))
        else:
            chosen.append((finding, spans))
    clashing = _clashing([(span, index) for index, (_, spans) in enumerate(chosen) for span in spans])
    edits: dict[str, list[Edit]] = {}
    for index, (finding, _) in enumerate(chosen):
        if index in clashing:
            result.conflicts.append(finding)
            continue
        result.fixed.append(finding)
        for edit in finding.fix.edits:  # type: ignore[union-attr]
            edits.setdefault(edit.path, []).append(edit)
    for path, file_edits in edits.items():
        text = texts.get(path)
        new = text.edited(file_edits) if text is not None else None
        if new is None:  # the text is not what the fixes were computed on: fix nothing there
            result.fixed = [f for f in result.fixed if not any(e.path == path for e in f.fix.edits)]  # type: ignore[union-attr]
            continue
        if new != text.data:
            result.files[path] = new
    return result


def _clashing(spans: list[tuple[tuple[str, int, int], int]]) -> set[int]:
    """The indexes of the fixes whose spans (path, start, end) overlap or start together: one
    sweep over the sorted spans, so that thousands of fixes cost no more than sorting them.
    (Should a sweep miss an exotic overlap, editing the text refuses overlapping edits.)"""
    clashing: set[int] = set()
    reach: tuple[str, int, int] | None = None  # (path, end, index): reaching furthest so far
    previous: tuple[str, int, int] | None = None  # (path, start, index)
    for (path, start, end), index in sorted(spans):
        if reach is not None and reach[0] == path and start < reach[1]:
            clashing.update((index, reach[2]))
        if previous is not None and previous[0] == path and previous[1] == start:
            clashing.update((index, previous[2]))
        if reach is None or reach[0] != path or end > reach[1]:
            reach = (path, end, index)
        previous = (path, start, index)
    return clashing
