"""The zone-file reader's fast path: one-line records of the common types, checked here.

Most lines of a zone are ``owner [ttl] [class] TYPE data`` of A, AAAA, MX, NS, CNAME, PTR,
DNAME or TXT. For those this module decides validity itself — labels and lengths of names,
address syntax, integer ranges, string lengths — without building dnspython objects, and
hands back the owner and data as text; the reader keeps the text and dnspython builds the
objects later, for the few records a rule asks about. Every other line (parentheses,
escapes, directives, other types, anything invalid) is "not mine": dnspython's tokenizer
reads it and words its errors. A differential test holds the two paths to dnspython: every
record one accepts or rejects, the other does too.

The functions are pure and never raise: a line is a ``Line`` or ``None``.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import takewhile

import dns.rdataclass
import dns.rdatatype
import dns.ttl

A, AAAA, MX, TXT = dns.rdatatype.A, dns.rdatatype.AAAA, dns.rdatatype.MX, dns.rdatatype.TXT
#: Types whose data is one domain name.
TARGET_TYPES = frozenset({dns.rdatatype.NS, dns.rdatatype.CNAME, dns.rdatatype.PTR, dns.rdatatype.DNAME})
IN = dns.rdataclass.IN

#: The tokens of a line: quoted strings (no escapes), words, and the comment mark.
_TOKENS = re.compile(r'"[^"]*"|;|[^ \t";]+')
#: dnspython's tokenizer separates words by spaces and tabs only: a no-break space, a form
#: feed or any other Unicode space is part of a word.
_WORDS = re.compile(r"[^ \t]+")
#: Lines left to the tokenizer: parentheses, escapes, directives, an odd number of quotes.
_HARD = re.compile(r'[()\\]|^\$')
#: Dotted-quad IPv4 as dnspython reads it: four decimal octets, no leading zeros.
_IPV4 = re.compile(r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\Z")
_IPV6_CHARS = re.compile(r"[0-9A-Fa-f:.]+\Z")
#: An absolute name of letters, digits, hyphens, underscores and stars, labels of 1 to 63.
_HOST_NAME = re.compile(r"(?:[A-Za-z0-9_*-]{1,63}\.)+\Z")


#: What ``read_line`` gives for a blank line or a line of comment.
NOTHING = object()


@dataclass(slots=True)
class Line:
    """A one-line record the fast path vouches for. ``owner`` is the owner as written (``None``
    when the line inherits it), ``data`` the record data as written (comment left out)."""

    owner: str | None
    ttl: int | None
    rdclass: int
    rdtype: int
    data: str


def read_line(line: str, origin: str) -> Line | object | None:
    """The record on ``line`` when the fast path can vouch for it, ``NOTHING`` for a blank or
    comment line, else ``None``; ``origin`` is the text of the origin in force
    (``example.com.``), for the lengths of relative names."""
    if _HARD.search(line) is not None:
        return None
    if '"' in line or ";" in line:
        if line.count('"') % 2:
            return None
        tokens = []
        for match in _TOKENS.finditer(line):
            if match.group() == ";":
                break
            tokens.append(match)
        words = [match.group() for match in tokens]
    else:
        words = _WORDS.findall(line)  # most lines: nothing quoted, no comment
    if not words:
        return NOTHING
    owner = None
    start = 0
    if line[0] not in " \t":
        owner = words[0]
        if absolute_name(owner, origin) is None:
            return None
        start = 1
    header = parse_header(takewhile(_unquoted, words[start:]))
    if isinstance(header, str):
        return None
    ttl, rdclass, rdtype, taken = header
    data = words[start + taken :]
    if rdclass not in (None, IN) or not data_ok(rdtype, data, origin):
        return None
    return Line(owner, ttl, IN, rdtype, " ".join(data))


def parse_header(words: Iterable[str]) -> tuple[int | None, int | None, int, int] | str:
    """``[ttl] [class] type`` (the first two in either order) from the start of ``words``: the
    TTL, the class, the type and how many words they took — or what is wrong, in words. The
    one header grammar of the reader: the fast path, dnspython's tokenizer path and
    ``$GENERATE`` all use it, and it takes no word after the type."""
    ttl = rdclass = None
    for count, word in enumerate(words, start=1):
        if ttl is None and (value := ttl_or_none(word)) is not None:
            ttl = value
        elif rdclass is None and (value := class_or_none(word)) is not None:
            rdclass = value
        else:
            rdtype = rdtype_or_none(word)
            return f"unknown record type {word!r}" if rdtype is None else (ttl, rdclass, rdtype, count)
    return "the record ends before its type"


# Header words (TTLs, classes, types) repeat on nearly every line.
_cached = functools.lru_cache(maxsize=4096)


@_cached
def ttl_or_none(text: str) -> int | None:
    try:
        return dns.ttl.from_text(text)
    except dns.ttl.BadTTL:
        return None


@_cached
def class_or_none(text: str) -> dns.rdataclass.RdataClass | None:
    try:
        return dns.rdataclass.from_text(text)
    except dns.rdataclass.UnknownRdataclass:
        return None


@_cached
def rdtype_or_none(text: str) -> dns.rdatatype.RdataType | None:
    try:
        return dns.rdatatype.from_text(text)
    except dns.rdatatype.UnknownRdatatype:
        return None


def generated_data_ok(rdtype: int, data: str, origin: str) -> list[str] | None:
    """The words of a ``$GENERATE`` line's data when the fast path vouches for them (as for a
    line: no quotes, parentheses, escapes or comments among them), else ``None``."""
    if _HARD.search(data) is not None or '"' in data or ";" in data:
        return None
    words = _WORDS.findall(data)
    return words if data_ok(rdtype, words, origin) else None


def data_ok(rdtype: int, words: list[str], origin: str) -> bool:
    """Whether dnspython reads ``words`` as valid data of ``rdtype`` (class IN); ``False``
    also for types this module does not judge."""
    if rdtype == MX:
        return len(words) == 2 and _uint16(words[0]) and absolute_name(words[1], origin) is not None
    if rdtype in TARGET_TYPES:
        return len(words) == 1 and absolute_name(words[0], origin) is not None
    if rdtype == A:
        return len(words) == 1 and _IPV4.match(words[0]) is not None
    if rdtype == AAAA:
        return len(words) == 1 and _ipv6(words[0])
    if rdtype == TXT:
        return bool(words) and all(_character_string(word) for word in words)
    return False


def absolute_name(text: str, origin: str) -> str | None:
    """The absolute text of a name as dnspython completes it with ``origin`` (``@`` is the
    origin, a name without a final dot is relative), or ``None`` when the fast path cannot
    vouch for it: not ASCII (IDNA), an empty label, a label over 63 octets, a name over 255.
    Escapes never get here (such lines are the tokenizer's)."""
    if "\\" in origin:
        return None  # an escaped origin's labels are dnspython's to split
    if text == "@":
        return origin
    if text.endswith("."):
        absolute = text
    else:
        absolute = f"{text}.{origin}" if origin != "." else f"{text}."
    if absolute == "." or _HOST_NAME.match(absolute) is not None and len(absolute) < 255:
        return absolute  # the common shape, checked by one regular expression
    if not text.isascii() or '"' in text or "\\" in text:
        return None  # IDNA and escapes are dnspython's to read
    labels = absolute[:-1].split(".")
    if len(absolute) + 1 > 255 or any(not label or len(label) > 63 for label in labels):
        return None
    return absolute


def name_key(absolute: str) -> bytes:
    """The zone index's key of a checked absolute name (``mxlint.zone.name_key`` of its
    ``Name``): its labels lower-cased and joined by NUL."""
    return b"" if absolute == "." else absolute.lower().replace(".", "\x00").encode("ascii")


def _unquoted(word: str) -> bool:
    return not word.startswith('"')


def _uint16(text: str) -> bool:
    return text.isascii() and text.isdigit() and int(text) <= 65535


@functools.lru_cache(maxsize=4096)
def _ipv6(text: str) -> bool:
    if _IPV6_CHARS.match(text) is None:
        return False
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


def _character_string(word: str) -> bool:
    """A TXT string as written: quoted or not, at most 255 octets once encoded."""
    if word.startswith('"'):
        word = word[1:-1]
    return len(word.encode("utf-8")) <= 255
