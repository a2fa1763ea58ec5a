"""Sources and their text.

A ``Source`` is one input and the format chosen for it: a file, a directory a format reads
whole, or bytes that stand for a file (standard input, an editor's buffer). A zone keeps the
source it was read from; fixes and suppressions reach the source's text through it.

Two views of a text: ``SourceText`` is what a reader reads (decoded whatever the bytes are,
with the comments that can be directives), ``Text`` is what a fix edits (the exact text, line
ends and BOM kept, with offsets). ``Token`` is a piece of a ``Text`` that a fix may replace.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import dns.name

from mxlint.record import Comment, Position, ReadIssue

BOM = b"\xef\xbb\xbf"
DIRECTIVE_MARK = "mxlint"
#: Above this size a file is not re-read for fixes (the readers bound what they read too).
MAX_TEXT_BYTES = 64 * 1024 * 1024

#: The line ends a text may have (CRLF, CR, LF).
LINE_END = re.compile(r"\r\n|\r|\n")


class InputError(Exception):
    """A source that cannot be read at all (missing, unreadable, not a file): exit 2."""


def read_bytes(path: str, shown: str) -> bytes:
    """The bytes of a regular file. Raises ``InputError`` naming ``shown``."""
    # stat before open: opening a FIFO would wait for a writer forever.
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InputError(f"{shown}: not a regular file")
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise InputError(f"{shown}: {error.strerror or error}") from None


def describe_error(error: BaseException) -> str:
    """A parser's complaint in words: dnspython's exceptions often carry only their docstring."""
    import dns.exception

    text = str(error).strip()
    if isinstance(error, dns.exception.DNSException) and (not text or text == error.__class__.__doc__):
        return (error.__class__.__doc__ or "").strip().rstrip(".") or "syntax error"
    return re.sub(r"^caught exception <class '[\w.]+'>: ", "", text) or error.__class__.__name__


# -- the source handle --------------------------------------------------------------------------


class Served(NamedTuple):
    """How a server's configuration serves a zone: the server (whose dialect decides which
    records are valid), the view and whether only internal clients match it, and the directory
    relative paths resolve against (the configuration's ``directory``, found on this machine)."""

    server: str
    view: str | None = None
    internal: bool = False
    directory: str | None = None
    #: the files and split directories the zone is built from, in the order the server reads
    #: them (octoDNS's sources); empty: the source's own path
    parts: tuple[str, ...] = ()


class Source:
    """One input and the name of the format chosen for it (``mxlint.formats``).

    ``path`` is what findings name: a file or directory as the user gave it, or for bytes
    (``data``) the name they stand for (``-`` for standard input without a name). ``name`` is
    the file name that may name the zone when nothing else does: a file's path, or the name
    bytes were given under (``None``: none). ``origin``
    is the apex the command line, the configuration or a server's configuration gives;
    ``include_root`` the tree that ``$INCLUDE`` and ``!include`` may reach (default: the
    file's directory). ``named``: the user named it (a file on the command line, standard
    input), rather than a search finding it. ``served``: how a server's configuration serves
    it (``None``: no configuration declares it).

    The texts of the files the source's zones were read from are read again, once, when a fix
    or a range needs them (``text``); bytes given in memory are never read from disk nor
    written. A source travels to worker processes without its texts.
    """

    __slots__ = ("path", "format", "origin", "data", "name", "include_root", "named", "served", "_texts")

    def __init__(
        self,
        path: str,
        format: str,
        origin: dns.name.Name | None = None,
        data: bytes | None = None,
        name: str | None = None,
        include_root: str | None = None,
        named: bool = False,
        served: Served | None = None,
    ) -> None:
        self.path, self.format, self.origin, self.data = path, format, origin, data
        self.name = path if data is None else name
        self.include_root, self.named, self.served = include_root, named, served
        self._texts: dict[str, Text | None] = {}

    def __repr__(self) -> str:
        return f"Source({self.path!r}, {self.format!r}{', in memory' if self.data is not None else ''})"

    def __getstate__(self) -> tuple:
        return (self.path, self.format, self.origin, self.data, self.name, self.include_root, self.named, self.served)

    def __setstate__(self, state: tuple) -> None:
        self.path, self.format, self.origin, self.data, self.name, self.include_root, self.named, self.served = state
        self._texts = {}

    def fresh(self) -> Source:
        """The same source with no text read yet: each check of a run reads the texts anew
        (after ``--fix`` writes, the check that follows must see the new text)."""
        return Source(self.path, self.format, self.origin, self.data, self.name, self.include_root, self.named, self.served)

    @property
    def in_memory(self) -> bool:
        """Bytes given rather than a file on disk: they have no directory (no include is
        followed) and are never written."""
        return self.data is not None

    @property
    def real_path(self) -> str | None:
        """The file's real path (links resolved); ``None`` for bytes in memory."""
        return None if self.data is not None else os.path.realpath(self.path)

    @property
    def tree(self) -> str:
        """The tree the source's ``$INCLUDE`` and ``!include`` may reach, as the user named it:
        ``include_root``, else the file's directory."""
        return self.include_root or os.path.dirname(self.path) or os.curdir

    def read(self) -> bytes:
        """The bytes to read: those given, else the file's. Raises ``InputError``."""
        return self.data if self.data is not None else read_bytes(self.path, self.path)

    def text(self, path: str) -> Text | None:
        """The text of ``path`` (this source's file or one it included) as it was when first
        asked for: ``None`` when it cannot be read, is too large or is not UTF-8."""
        if path not in self._texts:
            self._texts[path] = self._read_text(path)
        return self._texts[path]

    def texts(self) -> dict[str, Text]:
        """The texts read so far, by path."""
        return {path: text for path, text in self._texts.items() if text is not None}

    def _read_text(self, path: str) -> Text | None:
        if self.data is not None and path == self.path:
            data = self.data
        else:
            try:
                if not stat.S_ISREG(os.stat(path).st_mode) or os.path.getsize(path) > MAX_TEXT_BYTES:
                    return None
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError:
                return None
        try:
            return Text(path, data, in_memory=self.data is not None and path == self.path)
        except UnicodeDecodeError:
            return None


def path_in_tree(real: str, tree: str, tree_real: str | None = None) -> str:
    """How a file found inside ``tree`` (an include, a file of a split directory) is named in
    findings, suppressions and fixes: the file whose bytes are read (``real``, its links and
    ``..`` resolved), below the tree as the user named the tree. Every reader names such a
    file here, so that a finding, the comment that suppresses it and the fix that edits it
    name the file that was read, never one a lexical ``link/../x`` leads to. ``real`` lies
    inside the tree (the readers confine includes before they read them); ``tree_real`` is the
    tree's real path when the caller knows it."""
    relative = os.path.relpath(real, tree_real or os.path.realpath(tree))
    # Only a tree named as the working directory itself is left out: ``link/..`` is no ``.``.
    return relative if tree in ("", os.curdir, os.curdir + os.sep) else os.path.join(tree, relative)


# -- what a reader reads -----------------------------------------------------------------------


@dataclass
class SourceText:
    """The decoded text of one file, split at the line ends the DNS tokenizer counts."""

    path: str
    lines: list[str]
    errors: list[ReadIssue] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def first_column(self, number: int) -> int:
        """The column of the first token on a line (1 when the line starts with one)."""
        text = self.line(number)
        return len(text) - len(text.lstrip(" \t")) + 1 if text[:1] in (" ", "\t") else 1


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def split_lines(text: str) -> list[str]:
    """``text`` cut into lines with their ends, where the readers cut it: at ``\\n``,
    ``\\r\\n`` and ``\\r`` only (``str.splitlines`` also cuts at a vertical tab, a form feed,
    ``\\x1c``-``\\x1e``, ``\\x85`` and U+2028, which are data inside a line)."""
    return _LINE.findall(text)


def decode_source(path: str, data: bytes, comment_char: str = ";") -> SourceText:
    """Decode UTF-8 (a BOM is dropped, CRLF and CR end lines). A line that is not UTF-8 or
    holds a NUL byte becomes an empty line and an error, so reading goes on around it."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    errors: list[ReadIssue] = []
    try:
        text = data.decode("utf-8")
        raw_lines = None
    except UnicodeDecodeError:
        text = None
        raw_lines = re.split(rb"\r\n|\r|\n", data)
    if text is not None:
        lines = re.split(r"\r\n|\r|\n", text) if "\r" in text else text.split("\n")
    else:
        lines = []
        for number, raw in enumerate(raw_lines or [], start=1):
            try:
                lines.append(raw.decode("utf-8"))
            except UnicodeDecodeError as error:
                bad = raw[error.start]
                errors.append(
                    ReadIssue(Position(path, number, error.start + 1), f"line is not valid UTF-8 (byte 0x{bad:02x} at column {error.start + 1})")
                )
                lines.append("")
    if "\x00" in (text if text is not None else "\x00"):
        for index, line in enumerate(lines):
            if "\x00" in line:
                errors.append(ReadIssue(Position(path, index + 1, line.index("\x00") + 1), "line contains a NUL byte"))
                lines[index] = ""
    source = SourceText(path, lines, errors)
    if DIRECTIVE_MARK in (text if text is not None else "\n".join(lines)):
        source.comments = _directive_comments(path, lines, comment_char)
    return source


def _directive_comments(path: str, lines: list[str], comment_char: str) -> list[Comment]:
    """The comments that mention mxlint (only those can be directives), with positions."""
    found = []
    next_content: list[int] | None = None
    for number, line in enumerate(lines, start=1):
        if DIRECTIVE_MARK not in line:
            continue
        column = comment_start(line, comment_char)
        if column is None:
            continue
        covers = number
        if not line[:column].strip():  # alone on its line: it covers the next line with content
            if next_content is None:
                next_content = _next_content_lines(lines, comment_char)
            covers = next_content[number] or number
        found.append(Comment(Position(path, number, column + 1), line[column + 1 :].strip(), covers))
    return found


def _next_content_lines(lines: list[str], comment_char: str) -> list[int]:
    """For each line number, the first later line that is neither blank nor a comment (0 when
    none): one pass from the end, so that many directive lines in a row stay linear."""
    following = [0] * (len(lines) + 2)
    for number in range(len(lines), 0, -1):
        text = lines[number - 1].strip()
        following[number - 1] = number if text and not text.startswith(comment_char) else following[number]
    return following


def comment_start(line: str, comment_char: str) -> int | None:
    """The index where a comment starts on a line, outside quotes and escapes. In YAML
    (``#``) a comment starts a line or follows white space, and single quotes quote too."""
    quotes = '"' if comment_char == ";" else "\"'"
    quote = None
    index = 0
    while index < len(line):
        char = line[index]
        if char == "\\" and quote != "'":
            index += 2
            continue
        if quote is None and char in quotes:
            quote = char
        elif char == quote:
            quote = None
        elif char == comment_char and quote is None and (comment_char == ";" or index == 0 or line[index - 1] in " \t"):
            return index
        index += 1
    return None


# -- what a fix edits --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Edit:
    """One replacement in a source: at 1-based ``line`` and ``column`` (in characters, as
    findings count them) the text ``old`` becomes ``new``. An insertion has an empty ``old``;
    a removal of whole lines has their text, line ends included, as ``old`` and ``new`` empty."""

    path: str
    line: int
    column: int
    old: str
    new: str

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "column": self.column, "old": self.old, "new": self.new}


class Token(NamedTuple):
    """A token as written: its index in ``Text.plain`` and its text."""

    start: int
    text: str
    #: the quote around it (kept when the token is rewritten), or ""
    quote: str = ""

    @property
    def value(self) -> str:
        """The text without its quotes."""
        return self.text[len(self.quote) : len(self.text) - len(self.quote)]


class Text:
    """A file's bytes as text: the BOM set aside, line ends kept (``original``), and the
    lines joined with ``\\n`` (``plain``), which is what the formats tokenize and compose.
    ``in_memory``: bytes given rather than read from disk (never written)."""

    def __init__(self, path: str, data: bytes, in_memory: bool = False) -> None:
        self.path = path
        self.data = data
        self.in_memory = in_memory
        self.bom = data.startswith(BOM)
        self.original = data[len(BOM) :].decode("utf-8") if self.bom else data.decode("utf-8")
        self.lines = LINE_END.split(self.original)
        self.plain = "\n".join(self.lines)
        self.plain_starts = _starts(self.lines, [1] * len(self.lines))
        ends = [match.group() for match in LINE_END.finditer(self.original)]
        self.ends = ends + [""]
        self.original_starts = _starts(self.lines, [len(end) for end in self.ends])
        #: what a format derived from the text once (a composed YAML document), by its key
        self.derived: dict[str, object] = {}

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def offset(self, line: int, column: int) -> int:
        """The index in ``plain`` of a 1-based line and column."""
        return self.plain_starts[line - 1] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of an index in ``plain``."""
        import bisect

        line = bisect.bisect_right(self.plain_starts, offset)
        return line, offset - self.plain_starts[line - 1] + 1

    def original_offset(self, line: int, column: int) -> int:
        return self.original_starts[line - 1] + column - 1

    def whole_lines(self, first: int, last: int) -> str:
        """Lines ``first`` to ``last`` with their line ends, as written."""
        return "".join(self.lines[index] + self.ends[index] for index in range(first - 1, last))

    def edit(self, token: Token, new: str) -> Edit:
        """``token`` replaced by ``new`` (in the token's quotes, if it has them)."""
        line, column = self.position(token.start)
        return Edit(self.path, line, column, token.text, f"{token.quote}{new}{token.quote}" if token.quote else new)

    def insertion(self, offset: int, new: str) -> Edit:
        """``new`` inserted at an index of ``plain``."""
        line, column = self.position(offset)
        return Edit(self.path, line, column, "", new)

    def edited(self, edits: Iterable[Edit]) -> bytes | None:
        """The bytes with ``edits`` applied (they must not overlap), or None when an edit's
        old text is not where it says."""
        text = self.original
        for start, edit in sorted(((self.original_offset(e.line, e.column), e) for e in edits), key=lambda pair: pair[0], reverse=True):
            if text[start : start + len(edit.old)] != edit.old:
                return None
            text = text[:start] + edit.new + text[start + len(edit.old) :]
        return (BOM if self.bom else b"") + text.encode("utf-8")


def _starts(lines: Sequence[str], end_lengths: Sequence[int]) -> list[int]:
    starts, offset = [], 0
    for line, end in zip(lines, end_lengths):
        starts.append(offset)
        offset += len(line) + end
    return starts
