"""Turning the bytes of a source into text with lines, whatever the bytes are."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field

from mxlint.zone import Comment, Position, ReadIssue

BOM = b"\xef\xbb\xbf"
DIRECTIVE_MARK = "mxlint"


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
