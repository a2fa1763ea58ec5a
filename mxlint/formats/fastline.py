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
from collections.abc import Callable, Iterable
from itertools import takewhile
from typing import Self

import dns.rdataclass
import dns.rdatatype
import dns.ttl

from mxlint.limits import number_too_long, too_long_message

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


#: A one-line record the fast path vouches for: ``(owner, ttl, rdclass, rdtype, data)``.
#: ``owner`` is the absolute text of the owner (``None`` when the line inherits it), ``data``
#: the record data as written (comment left out, words joined by one space). A plain tuple:
#: a million lines made into objects with named fields cost 0.4 s more.
Line = tuple[str | None, int | None, int, int, str]


#: Quantifiers are possessive (``{1,63}+``, ``*+``, ``++``) where what follows can never
#: begin with what they took, so a failed step never backtracks into them: the same lines
#: match, a fifth faster (1.44 -> 1.15 s over the 1M bench zone's lines).
_LABEL = r"[A-Za-z0-9_*-]{1,63}+"
_NAME = rf"@|{_LABEL}(?:\.{_LABEL})*+\.?+"
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_HEXTET = r"[0-9A-Fa-f]{1,4}+"
#: IPv6 of hextets only, eight or fewer around one ``::`` that stands for at least one:
#: addresses ``ipaddress`` and dnspython both read. Other forms (an IPv4 tail, a zone index,
#: anything invalid) are ``_ipv6``'s to judge.
_PLAIN_IPV6 = "|".join(
    [rf"(?:{_HEXTET}:){{7}}{_HEXTET}"]
    + [
        (rf"(?:{_HEXTET}:){{{before - 1}}}{_HEXTET}" if before else "") + "::" + (rf"(?:{_HEXTET}(?::{_HEXTET}){{0,{6 - before}}})?" if before < 7 else "")
        for before in range(8)
    ]
)
#: A TXT string as the tokens of a line: quoted (no escapes) or a bare word.
_STRING = r'"[^"()\\]*+"|[^ \t";()\\]++'
_BLANKS = r"[ \t]++"
#: The common line, split and mostly checked in one match: ``owner? ttl? IN? ttl? TYPE data``
#: with an optional comment, nothing the tokenizer must read (parentheses, escapes, stray
#: quotes). What it cannot check — lengths of names completed with the origin, integer
#: ranges, TXT string lengths, IPv6 — ``line_reader``'s reader does; a line it does not match takes
#: the general path, which decides alone.
_COMMON_LINE = re.compile(
    rf"(?P<owner>{_NAME})?{_BLANKS}"
    rf"(?:(?P<ttl>[0-9]{{1,10}}+){_BLANKS})?(?:[Ii][Nn]{_BLANKS}(?:(?P<late_ttl>[0-9]{{1,10}}+){_BLANKS})?)?"
    r"(?:"
    rf"[Aa]{_BLANKS}(?P<ipv4>(?:{_OCTET}\.){{3}}{_OCTET})"
    rf"|[Aa]{{4}}{_BLANKS}(?:(?P<ipv6>{_PLAIN_IPV6})|(?P<other_ipv6>[0-9A-Fa-f:.]+))"
    rf"|[Mm][Xx]{_BLANKS}(?P<preference>[0-9]{{1,5}}+){_BLANKS}(?P<exchange>{_NAME})"
    rf"|(?P<target_type>(?i:ns|cname|ptr|dname)){_BLANKS}(?P<target>{_NAME})"
    rf"|[Tt][Xx][Tt]{_BLANKS}(?P<strings>(?:{_STRING})(?:{_BLANKS}(?:{_STRING}))*+)"
    r')[ \t]*+(?:;[^"()\\]*+)?\Z'
)
#: Longer than any common line (two names of 255, a TXT record of a few strings, a comment).
_COMMON_LINE_LONGEST = 2048
_TARGET_TYPES_BY_WORD = {dns.rdatatype.to_text(rdtype): rdtype for rdtype in TARGET_TYPES}


def read_line(line: str, origin: str) -> Line | object | None:
    """The record on ``line`` when the fast path can vouch for it, ``NOTHING`` for a blank or
    comment line, else ``None``; ``origin`` is the text of the origin in force
    (``example.com.``), for the lengths of relative names."""
    return line_reader(origin)(line)


@functools.lru_cache(maxsize=64)
def line_reader(origin: str) -> Callable[[str], Line | object | None]:
    """``read_line`` under one origin, what the origin decides worked out once: a zone's lines
    are read a million at a time under the same origin."""
    under = _origin_suffix(origin)
    if under is None:
        return functools.partial(_read_line_generally, origin=origin)
    suffix, longest_relative = under
    match_common_line = _COMMON_LINE.match

    # The checks a regular expression cannot make are written out here, not in helpers: a
    # call per line and per name was a tenth of the reader's time on a big zone. A line that
    # fails one goes to the general path, which decides alone.
    def read(line: str) -> Line | object | None:
        # A long line is the general path's: the pattern's repeated groups keep a backtracking
        # mark per repetition, which on a line of megabytes costs seconds and gigabytes.
        match = match_common_line(line) if len(line) <= _COMMON_LINE_LONGEST else None
        if match is None:
            return _read_line_generally(line, origin)
        owner, ttl, late_ttl, ipv4, ipv6, other_ipv6, preference, exchange, target_type, target, strings = match.groups()
        if owner is not None:
            if owner == "@":
                owner = origin
            elif owner[-1] != ".":
                if len(owner) > longest_relative:
                    return _read_line_generally(line, origin)
                owner += suffix
            elif len(owner) > 254:
                return _read_line_generally(line, origin)
        if late_ttl is not None:
            if ttl is not None:
                return _read_line_generally(line, origin)
            ttl = late_ttl
        if ttl is not None and (ttl := ttl_or_none(ttl)) is None:  # cached: records share one int
            return _read_line_generally(line, origin)  # over 2**32 - 1
        if ipv4 is not None:
            return (owner, ttl, IN, A, ipv4)
        if exchange is not None:
            # Five digits may exceed 65535; a name no longer than the longest relative one fits.
            if len(preference) == 5 and int(preference) > 65535 or len(exchange) > longest_relative and not _fits(exchange, longest_relative):
                return _read_line_generally(line, origin)
            return (owner, ttl, IN, MX, f"{preference} {exchange}")
        if target is not None:
            if len(target) > longest_relative and not _fits(target, longest_relative):
                return _read_line_generally(line, origin)
            return (owner, ttl, IN, _TARGET_TYPES_BY_WORD[target_type.upper()], target)
        if ipv6 is not None:
            return (owner, ttl, IN, AAAA, ipv6)
        if other_ipv6 is not None and _ipv6(other_ipv6):
            return (owner, ttl, IN, AAAA, other_ipv6)
        if strings is not None:
            if "\t" in strings or "  " in strings:
                strings = " ".join(_TOKENS.findall(strings))  # as the general path joins words
            if (len(strings) <= 255 and strings.isascii()) or all(_character_string(word) for word in _TOKENS.findall(strings)):
                return (owner, ttl, IN, TXT, strings)
        return _read_line_generally(line, origin)

    return read


@functools.lru_cache(maxsize=64)
def _origin_suffix(origin: str) -> tuple[str, int] | None:
    """What completes a relative name under ``origin`` and the longest relative name that fits
    in 255 octets — or ``None`` when the origin is not of plain labels (the general path)."""
    if origin != "." and _HOST_NAME.match(origin) is None:
        return None
    suffix = "." if origin == "." else f".{origin}"
    return suffix, 254 - len(suffix)


def _fits(name: str, longest_relative: int) -> bool:
    """Whether a name ``_COMMON_LINE`` matched stays within 255 octets once absolute."""
    return len(name) <= (254 if name[-1] == "." else longest_relative) or name == "@"


def _read_line_generally(line: str, origin: str) -> Line | object | None:
    """``read_line`` for any line: words split as dnspython's tokenizer splits them, the
    header read by the one header grammar, the data checked by ``data_ok``."""
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
        owner = absolute_name(words[0], origin)
        if owner is None:
            return None
        start = 1
    header = parse_header(takewhile(_unquoted, words[start:]))
    if isinstance(header, str):
        return None
    ttl, rdclass, rdtype, taken = header
    data = words[start + taken :]
    if rdclass not in (None, IN) or not data_ok(rdtype, data, origin):
        return None
    return (owner, ttl, IN, rdtype, " ".join(data))


class UnknownType(str):
    """What ``parse_header`` says of a type word dnspython does not know: the message, with
    the word and the TTL and class read before it (the reader decides what such a record is:
    another server's type, or a mistake)."""

    word: str
    ttl: int | None
    rdclass: int | None

    def __new__(cls, word: str, ttl: int | None, rdclass: int | None) -> Self:
        self = super().__new__(cls, f"unknown record type {word!r}")
        self.word, self.ttl, self.rdclass = word, ttl, rdclass
        return self


def parse_header(words: Iterable[str]) -> tuple[int | None, int | None, int, int] | str:
    """``[ttl] [class] type`` (the first two in either order) from the start of ``words``: the
    TTL, the class, the type and how many words they took — or what is wrong, in words (an
    ``UnknownType`` for a type word dnspython does not know). The one header grammar of the
    reader: the fast path, dnspython's tokenizer path and ``$GENERATE`` all use it, and it
    takes no word after the type."""
    ttl = rdclass = None
    for count, word in enumerate(words, start=1):
        if number_too_long(word):
            return too_long_message(word)  # no TTL, class nor type: measured before int()
        if ttl is None and (value := ttl_or_none(word)) is not None:
            ttl = value
        elif rdclass is None and (value := class_or_none(word)) is not None:
            rdclass = value
        else:
            rdtype = rdtype_or_none(word)
            return UnknownType(word, ttl, rdclass) if rdtype is None else (ttl, rdclass, rdtype, count)
    return "the record ends before its type"


# Header words (TTLs, classes, types) repeat on nearly every line.
_cached = functools.lru_cache(maxsize=4096)


@_cached
def ttl_or_none(text: str) -> int | None:
    if number_too_long(text):
        return None
    try:
        return dns.ttl.from_text(text)
    except dns.ttl.BadTTL:
        return None


@_cached
def class_or_none(text: str) -> dns.rdataclass.RdataClass | None:
    if number_too_long(text):
        return None
    try:
        return dns.rdataclass.from_text(text)
    except (dns.rdataclass.UnknownRdataclass, ValueError):  # ValueError: CLASSnnn over 65535
        return None


@_cached
def rdtype_or_none(text: str) -> dns.rdatatype.RdataType | None:
    if number_too_long(text):
        return None
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


def _unquoted(word: str) -> bool:
    return not word.startswith('"')


def _uint16(text: str) -> bool:
    return text.isascii() and text.isdigit() and not number_too_long(text) and int(text) <= 65535


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
