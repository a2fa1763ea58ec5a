"""One sanitiser for every string that comes from input, before any format prints it.

mxlint runs on pull requests: a zone's names, TXT data, YAML types and even its file names are
written by whoever opened the pull request. Printed verbatim they could end a line and start
a GitHub workflow command (``::stop-commands::``, or ``##[…]`` anywhere in a line), move the
cursor or retitle a terminal with escape sequences, or crash the encoder with a file name that
is not UTF-8. ``printable`` makes such text inert and visible.
"""

from __future__ import annotations

import re

from mxlint.limits import MAX_SHOWN

#: C0 and C1 controls, DEL, the Unicode line and paragraph separators, the bidirectional
#: controls (which can make a name read backwards: "Trojan Source"), lone surrogates (a file
#: name that is not UTF-8, as ``os.fsdecode`` gives it), GitHub's ``##[`` and a leading ``::``.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]|##\[|^\s*::")
#: A command's ``::`` after the white space that starts a line: the runner trims a line's
#: leading white space (any Unicode space, the no-break space too) before it looks for one.
_LEADING_COMMAND = re.compile(r"^(\s*)::")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with every control character escaped visibly (``\\n``, ``\\x1b``,
    ``\\u2028``), bytes that are not UTF-8 as ``\\xNN``, ``##[`` broken up and a ``::`` that
    starts the line (after any white space) escaped, so that no line mxlint prints can carry
    a command it did not write."""
    if _UNSAFE.search(text) is None:
        return text
    if any("\ud800" <= char <= "\udfff" for char in text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    text = _CONTROL.sub(_escape, text)
    text = text.replace("##[", "#\\#[")
    return _LEADING_COMMAND.sub(r"\1\\::", text, count=1)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clipped(text: str, longest: int = MAX_SHOWN) -> str:
    """``text``, or past ``longest`` characters its start and its end (a name's domain) around
    ``...``: a message quotes names and values from input, and a line must stay readable."""
    if len(text) <= longest:
        return text
    tail = (longest - 3) * 2 // 3
    return f"{text[: longest - 3 - tail]}...{text[-tail:]}"
