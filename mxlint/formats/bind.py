"""BIND's ``named.conf``, and PowerDNS's ``pdns.conf`` when its bind backend reads one: the
primary zones the configuration declares, as ``named-checkconf -z`` would load them.

Reading: a small reader of ISC's grammar (statements ending in ``;``, ``{ }`` blocks, quoted
strings, ``#``, ``//`` and ``/* */`` comments). The kept Python parsers were tried first: one
builds configurations and parses none (bindantic), the other (bind9-parser) follows no
``include``, keeps only the last view and the last zone of a block, stops at the first error
and takes seconds for a few thousand zones. Only what declares zones is kept: ``options {
directory }``, ``acl``, ``view`` (its ``match-clients``) and ``zone``; every other statement is
skipped by counting braces, so the work is linear in the input and a block nested a million
deep costs no memory.

``include`` is followed as BIND follows it, into the token stream where it stands (in any
block whose body holds statements, a view's or a zone's too; glob patterns included), confined
to the directory tree the caller names: a repository's ``include "/etc/bind/named.conf.local"``
is looked for below that tree as if it were ``/``, then beside the including file.

Errors are issues at their line and reading goes on, as well as it can: a missing ``;`` ends
the statement where BIND says it is missing, an unclosed block is closed at the end of the
file. Nothing raises but a top file that cannot be read at all (``InputError``).
"""

from __future__ import annotations

import bisect
import ipaddress
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import dns.exception
import dns.name
import dns.rdataclass

from mxlint.formats.servers import Declarations, DeclaredZone, TooManyProblems, bounded_glob
from mxlint.limits import MAX_INCLUDE_DEPTH, MAX_INCLUDES
from mxlint.record import Position, ReadIssue
from mxlint.source import BOM, MAX_TEXT_BYTES, InputError, describe_error, read_bytes

#: The zone types that are primaries: the zones whose file is the configuration's own.
PRIMARY_TYPES = frozenset({"primary", "master"})
#: Blocks within blocks that are read (address match lists); BIND's grammar nests about five
#: deep. Deeper lists are skipped, after one issue.
MAX_NESTING = 64
#: Elements one view's ``match-clients`` may reach through named ACLs before it is judged
#: not internal (a loop is ignored, but many ACLs naming each other could fan out).
MAX_ACL_ELEMENTS = 100_000
#: How much of a quoted token an issue shows.
SHOWN_CHARS = 40
#: The statements that may follow a block whose ``;`` is missing, at the top or in a view:
#: there BIND reports the missing ``;`` before them, and so does this reader.
STATEMENTS = frozenset(
    "acl controls dlz dnssec-policy dyndb http include key key-store logging managed-keys masters options parental-agents plugin "
    "primaries remote-servers server statistics-channels template tls trust-anchors trusted-keys view zone".split()
)
#: The address match list elements every server knows.
BUILTIN_INTERNAL = frozenset({"localhost", "localnets", "none"})

# Statement contexts: what a block's statements may declare.
_TOP, _VIEW, _OPTIONS, _ZONE = "top", "view", "options", "zone"
#: The statements read in each context; every other one is skipped.
KEPT = {
    _TOP: frozenset({"zone", "view", "acl", "options"}),
    _VIEW: frozenset({"zone", "match-clients"}),
    _OPTIONS: frozenset({"directory"}),
    _ZONE: frozenset({"type", "file", "in-view"}),
}

# The tokens of a file, found in one pass. BIND's lexer sees a comment anywhere outside quotes
# (``a.example#x`` is ``a.example``); ``{ } ; !`` are tokens of their own; a ``/`` that starts
# no comment is part of a word (``10.0.0.0/8``). An unterminated string or comment is the last
# alternative that matches there: the rest of the file is in it.
_TOKEN = re.compile(
    r"""(?P<special>[{};!])
    |(?P<word>(?:[^ \t\n\r\f\v{};!"\#/]+|/(?![/*]))+)
    |(?P<string>"[^"\\]*(?:\\.[^"\\]*)*")
    |(?P<comment>\#[^\n]*|//[^\n]*|/\*.*?\*/)
    |(?P<open_string>")
    |(?P<open_comment>/\*)""",
    re.S | re.X,
)
_ESCAPE = re.compile(r"\\(.)", re.S)
_GLOB = re.compile(r"[*?[]")


class File:
    """One configuration file's text; a token's line and column are worked out from its
    offset when an issue or a zone asks (most tokens are never asked about)."""

    __slots__ = ("path", "text", "_starts")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._starts: list[int] | None = None

    def position(self, offset: int) -> Position:
        if self._starts is None:
            self._starts = [0, *(match.end() for match in re.finditer("\n", self.text))]
        line = bisect.bisect_right(self._starts, offset)
        return Position(self.path, line, offset - self._starts[line - 1] + 1)


#: A token: its kind (``w`` a word, ``s`` a quoted string, ``{``, ``}``, ``;``, ``!`` or ``eof``),
#: its text (a string's unescaped), its offset and its file. A plain tuple: a configuration may
#: hold millions of tokens, and most are only skipped.
Token = tuple[str, str, int, File]
KIND, TEXT = 0, 1


def position(token: Token) -> Position:
    return token[3].position(token[2])


def shown(token: Token) -> str:
    """A token as an issue names it, cut short."""
    kind, text = token[0], token[1]
    if kind == "eof":
        return "end of file"
    text = text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"
    return f'"{text}"' if kind == "s" else f"'{text}'"


def is_word(token: Token, *words: str) -> bool:
    return token[0] == "w" and token[1].lower() in words


def tokens(file: File, issue: Callable[[Position, str], None]) -> Iterator[Token]:
    """The tokens of one file, then one ``eof`` token; an unterminated comment or string is an
    issue at its start and runs to the end of the file, as in BIND."""
    text = file.text
    for found in _TOKEN.finditer(text):
        kind = found.lastgroup
        if kind == "special":
            char = found.group()
            yield (char, char, found.start(), file)
        elif kind == "word":
            yield ("w", found.group(), found.start(), file)
        elif kind == "string":
            yield ("s", _unescape(text[found.start() + 1 : found.end() - 1]), found.start(), file)
        elif kind == "open_string":
            issue(file.position(found.start()), "unterminated string: the quote is not closed before the end of the file")
            break
        elif kind == "open_comment":
            issue(file.position(found.start()), "unterminated comment: '/*' is not closed before the end of the file")
            break
    yield ("eof", "", len(text), file)


def _unescape(body: str) -> str:
    """A quoted string's text: BIND's lexer drops only the backslash before a quote, and keeps
    every other escape for what reads the string (a zone name's ``\\.``)."""
    if "\\" not in body:
        return body
    return _ESCAPE.sub(lambda escape: '"' if escape.group(1) == '"' else escape.group(0), body)


def decode(data: bytes) -> str:
    """A configuration's text: BIND reads bytes, so bytes that are not UTF-8 are kept as
    ``os.fsdecode`` keeps them (a file name then opens the file it names)."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    return data.decode("utf-8", "surrogateescape")


@dataclass
class _Source:
    """One file being read: its tokens and its include chain."""

    path: str
    tokens: Iterator[Token]
    depth: int
    #: the real paths of this file and the files that include it (loops)
    chain: frozenset[str]


class _Stream:
    """The tokens of the top file, with each included file's tokens where its ``include``
    stands (BIND pushes an included file onto its lexer in the same way), and the tokens
    given back to be read again."""

    def __init__(self, top: _Source) -> None:
        self.sources = [top]
        self.pushed: list[Token] = []
        self.flow = self._flow()

    def _flow(self) -> Iterator[Token]:
        sources = self.sources
        while True:
            source = sources[-1]
            for token in source.tokens:
                if token[KIND] == "eof":
                    if len(sources) == 1:
                        while True:  # the end of the top file, as often as it is asked for
                            yield token
                    sources.pop()  # an included file ends: its includer goes on
                    break
                yield token
                if sources[-1] is not source:
                    break  # a file was included after this token: it is read first

    def next(self) -> Token:
        return self.pushed.pop() if self.pushed else next(self.flow)

    def back(self, token: Token) -> None:
        """Give back the token just taken, to be read next."""
        self.pushed.append(token)

    def peek(self) -> Token:
        token = self.next()
        self.pushed.append(token)
        return token

    @property
    def current(self) -> _Source:
        return self.sources[-1]

    def include(self, sources: list[_Source]) -> None:
        """Read ``sources`` next, in turn, then what was given back, then the rest."""
        if self.pushed:
            given_back = [*reversed(self.pushed), ("eof", "", 0, None)]
            self.pushed.clear()
            self.sources.append(_Source("", iter(given_back), 0, frozenset()))  # type: ignore[arg-type]
        self.sources.extend(reversed(sources))


# -- the reader --------------------------------------------------------------------------------


@dataclass
class _View:
    name: str
    rdclass: str
    #: the ``match-clients`` list (``None``: none, the view matches any client)
    match_clients: list[Element] | None = None


@dataclass
class _Zone:
    """A primary zone as read, before the configuration's directory is known."""

    name: dns.name.Name
    file: str
    pos: Position
    view: _View | None
    rdclass: str


class Element(NamedTuple):
    """One element of an address match list: ``kind`` is ``name`` (an address, a prefix, a
    built-in or a named ACL), ``key``, ``list`` (a nested list, ``value`` its elements) or
    ``other`` (GeoIP, or what could not be read)."""

    negated: bool
    kind: str
    value: object


class _Reader:
    """Reads one configuration and the files it includes into ``Declarations``: a descent
    through the statements kept, every other statement skipped by counting braces."""

    def __init__(self, path: str, root: str, server: str) -> None:
        self.top = path
        self.root = root
        self.real_root = os.path.realpath(root)
        self.declarations = Declarations(server=server)
        self.acls: dict[str, list[Element]] = {}
        self.views: list[_View] = []
        self.zones: list[_Zone] = []
        self.seen_zones: dict[tuple[dns.name.Name, str | None, str], Position] = {}
        self.directory: str | None = None
        self.options_seen = False
        self.opened = 0
        #: an unclosed block is reported once, by the innermost block the end of file finds
        self.end_reported = False
        self.stream: _Stream

    # -- issues and files --

    def issue(self, pos: Position, message: str) -> None:
        self.declarations.problem(pos, message)

    def file_source(self, path: str, data: bytes, depth: int, chain: frozenset[str]) -> _Source:
        """A file's tokens, after one issue if it holds a NUL byte (it is no configuration)."""
        file = File(path, decode(data))
        nul = file.text.find("\x00")
        if nul >= 0:
            self.issue(file.position(nul), "the file holds a NUL byte: it is not a text file")
        if path not in self.declarations.files:
            self.declarations.files.append(path)
        return _Source(path, tokens(file, self.issue), depth, chain)

    # -- the grammar --

    def read(self, data: bytes) -> Declarations:
        try:
            self.stream = _Stream(self.file_source(self.top, data, 0, frozenset({os.path.realpath(self.top)})))
            self.body(_TOP, None)
        except TooManyProblems:
            pass
        return self.finish()

    def next(self) -> Token:
        return self.stream.next()

    def back(self, token: Token) -> None:
        self.stream.pushed.append(token)

    def unclosed(self, token: Token, opened: Token) -> None:
        """The end of the input inside a block: one issue, for the innermost block."""
        if not self.end_reported:
            self.end_reported = True
            where = position(opened)
            self.issue(position(token), f"'}}' expected near end of file (the block opened at {where.file}:{where.line} is not closed)")

    def body(self, context: str, opened: Token | None, fields: dict[str, Token] | None = None, view: _View | None = None) -> None:
        """The statements of a block (``opened`` its ``{``) or of the top level, up to its
        ``}`` or the end of the input."""
        while True:
            token = self.next()
            kind = token[KIND]
            if kind == "eof":
                if opened is not None:
                    self.unclosed(token, opened)
                return
            if kind == "}":
                if opened is not None:
                    return
                self.issue(position(token), "syntax error near '}': no block is open")
                if self.stream.peek()[KIND] == ";":
                    self.next()  # the stray block's ``};``: one issue
            elif kind != "w":
                self.issue(position(token), f"syntax error near {shown(token)}: a statement starts with a keyword")
                if kind != ";":
                    self.back(token)
                    self.skip(context)
            elif token[TEXT].lower() == "include":
                self.include(token, context)
            elif token[TEXT].lower() not in KEPT[context] or not self.statement(context, token[TEXT].lower(), token, fields, view):
                self.skip(context)

    def statement(self, context: str, keyword: str, token: Token, fields: dict[str, Token] | None, view: _View | None) -> bool:
        """Read a statement this reader keeps; ``False`` when it is none (it is to be skipped)."""
        if context == _TOP and keyword in ("zone", "view", "acl", "options"):
            {"zone": self.zone, "view": self.view, "acl": self.acl, "options": self.options}[keyword](token)
        elif context == _VIEW and keyword == "zone":
            self.zone(token, view)
        elif context == _VIEW and keyword == "match-clients" and view is not None:
            elements = self.address_list(token, context)
            if elements is not None and view.match_clients is None:
                view.match_clients = elements
        elif context == _OPTIONS and keyword == "directory":
            value = self.value(token, context, quoted=True)
            if value is not None and self.directory is None:
                self.directory = value[TEXT]
        elif context == _ZONE and keyword in ("type", "file", "in-view") and fields is not None:
            value = self.value(token, context, quoted=keyword == "file")
            if value is not None:
                fields.setdefault(keyword, value)
        else:
            return False
        return True

    def skip(self, context: str) -> None:
        """Skip the rest of a statement: up to its ``;``, blocks and all, counting braces only.
        A ``}`` of the enclosing block, or a statement keyword after a block at the top or in
        a view, ends it early: its ``;`` is missing."""
        depth = 0
        pushed, flow = self.stream.pushed, self.stream.flow
        while True:
            token = pushed.pop() if pushed else next(flow)
            kind = token[KIND]
            if kind == ";":
                if depth == 0:
                    return
            elif kind == "{":
                depth += 1
            elif kind == "}":
                if depth == 0:
                    if context != _TOP:  # at the top no block is open: the body says so
                        self.issue(position(token), "missing ';' before '}'")
                    self.back(token)
                    return
                depth -= 1
                if depth == 0 and context in (_TOP, _VIEW):
                    following = self.stream.peek()
                    if following[KIND] == "w" and following[TEXT].lower() in STATEMENTS:
                        self.issue(position(following), f"missing ';' before {shown(following)}")
                        return
            elif kind == "eof":
                if depth:
                    if not self.end_reported:
                        self.end_reported = True
                        self.issue(position(token), "'}' expected near end of file")
                else:
                    self.issue(position(token), "missing ';' before end of file")
                return

    def end(self) -> None:
        """The ``;`` that ends a statement; without it, one issue, and the token found is
        read as what comes next."""
        token = self.next()
        if token[KIND] != ";":
            self.issue(position(token), f"missing ';' before {shown(token)}")
            self.back(token)

    def word(self, what: str, context: str) -> Token | None:
        """A word or a quoted string; ``None`` after an issue, the statement skipped."""
        token = self.next()
        if token[KIND] in ("w", "s"):
            return token
        self.issue(position(token), f"{what} expected near {shown(token)}")
        self.back(token)
        self.skip(context)
        return None

    def value(self, keyword: Token, context: str, quoted: bool = False) -> Token | None:
        """The one value of ``keyword value;`` (``quoted``: BIND wants a quoted string; a word
        is taken all the same, after one issue)."""
        token = self.word(f"{keyword[TEXT]}: a value", context)
        if token is None:
            return None
        if quoted and token[KIND] == "w":
            self.issue(position(token), f"{keyword[TEXT]}: expected quoted string near {shown(token)}")
        self.end()
        return token

    def opening(self, what: str, context: str) -> Token | None:
        """The ``{`` of a block; ``None`` after an issue, the statement skipped."""
        token = self.next()
        if token[KIND] == "{":
            return token
        self.issue(position(token), f"{what}: '{{' expected near {shown(token)}")
        self.back(token)
        self.skip(context)
        return None

    def header(self, keyword: Token, context: str) -> tuple[Token, str | None, Token] | None:
        """``NAME [CLASS] {`` of a zone or a view: the name, the class (``None`` when none is
        written) and the ``{``; ``None`` after an issue, the statement skipped."""
        name = self.word(f"{keyword[TEXT]}: a name", context)
        if name is None:
            return None
        rdclass = None
        if self.stream.peek()[KIND] in ("w", "s"):
            rdclass = self.rdclass(self.next())
        opened = self.opening(f"{keyword[TEXT]} {shown(name)}", context)
        return None if opened is None else (name, rdclass, opened)

    def rdclass(self, token: Token) -> str:
        """A class as dnspython writes it (``in`` is ``IN``); an unknown one is IN, after an
        issue."""
        try:
            return dns.rdataclass.to_text(dns.rdataclass.from_text(token[TEXT]))
        except (dns.exception.DNSException, ValueError):
            self.issue(position(token), f"unknown class {shown(token)} (read as IN)")
            return "IN"

    # -- the statements kept --

    def zone(self, keyword: Token, view: _View | None = None) -> None:
        context = _VIEW if view is not None else _TOP
        header = self.header(keyword, context)
        if header is None:
            return
        name, rdclass, opened = header
        fields: dict[str, Token] = {}
        self.body(_ZONE, opened, fields=fields)
        self.end()
        self.declare(keyword, name, rdclass or (view.rdclass if view else "IN"), view, fields)

    def declare(self, keyword: Token, name_token: Token, rdclass: str, view: _View | None, fields: dict[str, Token]) -> None:
        """Keep a zone that is a primary: not one another view holds (``in-view``), nor a
        secondary, stub, forward, hint, mirror, redirect, static-stub or delegation-only."""
        where, zone = position(keyword), f"zone {shown(name_token)}"
        if "in-view" in fields:
            return
        zone_type = fields.get("type")
        if zone_type is None:
            self.issue(where, f"{zone}: type not present")
            return
        if zone_type[TEXT].lower() not in PRIMARY_TYPES:
            return
        file = fields.get("file")
        if file is None:
            self.issue(where, f"{zone}: a primary zone without a 'file'")
            return
        try:
            name = dns.name.from_text(name_token[TEXT], dns.name.root)
        except (dns.exception.DNSException, ValueError) as error:
            self.issue(position(name_token), f"{zone}: not a valid domain name ({describe_error(error)})")
            return
        key = (name, view.name if view else None, rdclass)
        if key in self.seen_zones:
            self.issue(where, f"{zone}: already declared at {self.seen_zones[key]}")
            return
        self.seen_zones[key] = where
        self.zones.append(_Zone(name, file[TEXT], where, view, rdclass))

    def view(self, keyword: Token) -> None:
        header = self.header(keyword, _TOP)
        if header is None:
            return
        name, rdclass, opened = header
        view = _View(name[TEXT], rdclass or "IN")
        self.views.append(view)
        self.body(_VIEW, opened, view=view)
        self.end()

    def options(self, keyword: Token) -> None:
        opened = self.opening("options", _TOP)
        if opened is None:
            return
        if self.options_seen:
            self.issue(position(keyword), "'options' redefined (the first one's directory is kept)")
        self.options_seen = True
        self.body(_OPTIONS, opened)
        self.end()

    def acl(self, keyword: Token) -> None:
        name = self.word("acl: a name", _TOP)
        if name is None:
            return
        elements = self.address_list(name, _TOP)
        if elements is not None:
            self.acls.setdefault(name[TEXT].lower(), elements)

    def address_list(self, keyword: Token, context: str) -> list[Element] | None:
        """``{ element; ... };`` after ``acl NAME`` or ``match-clients``."""
        opened = self.opening(keyword[TEXT], context)
        if opened is None:
            return None
        elements = self.elements(opened, 1)
        self.end()
        return elements

    def elements(self, opened: Token, depth: int) -> list[Element]:
        """The elements of an address match list up to its ``}``: ``[!]`` an address, a prefix,
        a name, ``key NAME`` or a nested list, each ending in ``;``."""
        found: list[Element] = []
        while True:
            token = self.next()
            kind = token[KIND]
            if kind == "}":
                return found
            if kind == "eof":
                self.unclosed(token, opened)
                return found
            if kind == ";":
                self.issue(position(token), "syntax error near ';': an address match element expected")
                continue
            negated = kind == "!"
            found.append(self.element(self.next() if negated else token, negated, depth))
            self.end()

    def element(self, token: Token, negated: bool, depth: int) -> Element:
        kind = token[KIND]
        if kind == "{":
            if depth < MAX_NESTING:
                return Element(negated, "list", self.elements(token, depth + 1))
            self.issue(position(token), f"address match lists nest deeper than {MAX_NESTING}: this one is skipped")
            self.skip_block()
        elif kind not in ("w", "s"):
            self.issue(position(token), f"syntax error near {shown(token)}: an address match element expected")
            self.back(token)
        elif is_word(token, "key"):
            key = self.word("key: a name", _ZONE)
            return Element(negated, "key", key[TEXT] if key else "")
        elif is_word(token, "geoip"):
            while self.stream.peek()[KIND] in ("w", "s"):
                self.next()
        else:
            # ``10.0.0.0 / 8`` is one prefix to BIND: the words of an element are one text.
            parts = [token[TEXT]]
            while self.stream.peek()[KIND] == "w":
                parts.append(self.next()[TEXT])
            return Element(negated, "name", "".join(parts))
        return Element(negated, "other", None)

    def skip_block(self) -> None:
        """Skip the rest of a block whose ``{`` was just read, counting braces only."""
        depth = 1
        while depth:
            kind = self.next()[KIND]
            if kind == "{":
                depth += 1
            elif kind == "}":
                depth -= 1
            elif kind == "eof":
                return

    # -- include --

    def include(self, keyword: Token, context: str) -> None:
        """``include "FILE";``: the file's statements are read where the statement stands."""
        including = self.stream.current
        name = self.word("include: a file name", context)
        if name is None:
            return
        if name[KIND] == "w":
            self.issue(position(name), f"include: expected quoted string near {shown(name)}")
        self.end()
        paths, problem = self.resolve(name[TEXT], including.path)
        if problem is not None:
            self.issue(position(keyword), f"include {shown(name)} not read: {problem}")
            return
        opened = [source for source in (self.open(path, keyword, name, including) for path in paths) if source is not None]
        self.stream.include(opened)

    def resolve(self, name: str, including: str) -> tuple[list[str], str | None]:
        """The files an include names (a glob pattern may name several, sorted), inside the
        root; or why there are none."""
        if not name or "\x00" in name:
            return [], "no file name" if not name else "the file name holds a NUL byte"
        pattern = _GLOB.search(name) is not None
        outside = False
        for candidate in self.candidates(name, including):
            if pattern:
                matches = bounded_glob(candidate, self.real_root, MAX_INCLUDES)
                inside = [path for path in matches if self.inside(path)]
                outside = outside or len(inside) < len(matches)
                if inside:
                    return inside, None
            elif os.path.lexists(candidate):
                if self.inside(candidate):
                    return [candidate], None
                outside = True
        if outside:
            return [], f"it leads outside {self.root}"
        return [], "no file matches" if pattern else "no such file"

    def candidates(self, name: str, including: str) -> Iterator[str]:
        """Where an include may be, in turn. A relative path: in the options' directory, then
        beside the including file. An absolute path: itself, then below the root as if the
        root were ``/``, then its last components beside the including file (a repository
        that keeps ``/etc/bind`` holds ``named.conf.local`` beside ``named.conf``)."""
        base = os.path.dirname(including)
        if os.path.isabs(name):
            yield name
            yield os.path.normpath(os.path.join(self.root, name.lstrip("/")))
            parts = [part for part in name.split("/") if part]
            for first in range(1, len(parts)):
                yield os.path.normpath(os.path.join(base, *parts[first:]))
            return
        # named reads a relative path in its working directory (`directory`); a repository
        # whose `directory` is the host's keeps the file beside the including one.
        directory = self.directory_path()
        if directory is not None:
            yield os.path.normpath(os.path.join(directory, name))
        yield os.path.normpath(os.path.join(base, name))

    def directory_path(self) -> str | None:
        """Where the options' directory is on this machine: an absolute one inside the root as
        it is, else below the root; a relative one beside the top file."""
        directory = self.directory
        if not directory or "\x00" in directory:
            return None
        if os.path.isabs(directory):
            return directory if self.inside(directory) and os.path.isdir(directory) else os.path.join(self.root, directory.lstrip("/"))
        return os.path.join(os.path.dirname(self.top), directory)

    def inside(self, path: str) -> bool:
        real = os.path.realpath(path)
        return os.path.commonpath([self.real_root, real]) == self.real_root

    def open(self, path: str, keyword: Token, name: Token, including: _Source) -> _Source | None:
        """An included file's source, or ``None`` after one issue at the include."""
        real = os.path.realpath(path)
        refused = None
        if real in including.chain:
            refused = "the file includes itself (a loop)"
        elif including.depth >= MAX_INCLUDE_DEPTH:
            refused = f"includes nest deeper than {MAX_INCLUDE_DEPTH}"
        elif self.opened >= MAX_INCLUDES:
            refused = f"more than {MAX_INCLUDES} files included"
        else:
            try:
                data = read(path)
            except InputError as error:
                refused = str(error).split(": ", 1)[-1]
        if refused is not None:
            self.issue(position(keyword), f"include {shown(name)} not read: {refused}")
            return None
        self.opened += 1
        return self.file_source(path, data, including.depth + 1, including.chain | {real})

    # -- what was declared --

    def finish(self) -> Declarations:
        """The zones, with the options' directory and whether their view is internal."""
        internal = {id(view): view.match_clients is not None and admits_only_internal(view.match_clients, self.acls) for view in self.views}
        if self.views:
            outside = next((zone for zone in self.zones if zone.view is None), None)
            if outside is not None:
                self.declarations.issues.append(ReadIssue(outside.pos, "when using 'view' statements, all zones must be in views"))
        server = self.declarations.server
        for zone in self.zones:
            view = zone.view
            self.declarations.zones.append(
                DeclaredZone(
                    zone.name,
                    zone.file,
                    server,
                    zone.pos,
                    directory=self.directory,
                    view=view.name if view else None,
                    internal=internal[id(view)] if view else False,
                    rdclass=zone.rdclass,
                )
            )
        return self.declarations


def admits_only_internal(elements: list[Element], acls: dict[str, list[Element]]) -> bool:
    """Whether an address match list admits only internal clients: no ``any``, no key, and
    every element that is not negated is ``localhost``, ``localnets``, ``none``, a private,
    loopback or link-local address or prefix, or a named ACL (``acls``, by lower-case name)
    that admits only internal clients. A negated element admits no one (it only refuses), so
    it is not looked at; an ACL met again (a loop) adds nothing."""
    stack = [elements]
    expanded: set[str] = set()
    visited = 0
    while stack:
        for negated, kind, value in stack.pop():
            visited += 1
            if visited > MAX_ACL_ELEMENTS:
                return False
            if negated:
                continue
            if kind == "list":
                stack.append(value)  # type: ignore[arg-type]
                continue
            if kind != "name":
                return False  # a key, GeoIP: clients from anywhere
            text = str(value)
            lower = text.lower()
            if lower == "any":
                return False
            if lower in BUILTIN_INTERNAL:
                continue
            network = address(text)
            if network is not None:
                if not (network.is_private or network.is_loopback or network.is_link_local):
                    return False
                continue
            if lower not in acls:
                return False  # an ACL never defined: BIND refuses it, nothing says it is internal
            if lower not in expanded:
                expanded.add(lower)
                stack.append(acls[lower])
    return True


def address(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """An address or prefix as BIND writes it (``10/8`` is ``10.0.0.0/8``; a scope
    ``%eth0`` is dropped), or ``None`` when the text is none."""
    text = text.split("%", 1)[0] if "%" in text and ":" in text else text
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        pass
    head, slash, length = text.partition("/")
    if slash and ":" not in head and 0 < head.count(".") + 1 < 4 and all(part.isdigit() for part in head.split(".")):
        try:
            return ipaddress.ip_network(head + ".0" * (3 - head.count(".")) + "/" + length, strict=False)
        except ValueError:
            return None
    return None


def size(path: str) -> int:
    """A file's size in bytes, -1 when it cannot be asked (reading it then says why)."""
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return -1


def read(path: str) -> bytes:
    """An included file's bytes. Raises ``InputError`` (not a regular file, missing,
    unreadable, larger than ``MAX_TEXT_BYTES``)."""
    if size(path) > MAX_TEXT_BYTES:
        raise InputError(f"{path}: larger than {MAX_TEXT_BYTES // (1024 * 1024)} MiB")
    return read_bytes(path, path)


# -- the entry points --------------------------------------------------------------------------


def read_named_conf(path: str, root: str, server: str = "bind") -> Declarations:
    """The primary zones a ``named.conf`` declares (with the files it includes, inside
    ``root``), as BIND would load them; syntax errors and refused includes are issues.
    Raises ``InputError`` when ``path`` itself cannot be read."""
    reader = _Reader(path, root, server)
    if size(path) > MAX_TEXT_BYTES:
        reader.declarations.files.append(path)
        reader.declarations.issues.append(ReadIssue(Position(path, 1), f"larger than {MAX_TEXT_BYTES // (1024 * 1024)} MiB: not read", incomplete=True))
        return reader.declarations
    data = read_bytes(path, path)
    return reader.read(data)


def read_pdns_conf(path: str, root: str) -> Declarations | None:
    """The zones of PowerDNS's bind backend: when ``launch`` names ``bind`` (or ``bind:NAME``)
    and its ``bind-config`` (``bind-NAME-config``) is set, the ``named.conf`` it names, read
    with ``server="powerdns"``, ``path`` first in its files. ``None`` when PowerDNS reads no
    ``named.conf``. Raises ``InputError`` when ``path`` cannot be read."""
    settings = pdns_settings(decode(read_bytes(path, path)))
    launch = settings.get("launch")
    if launch is None:
        return None
    configs = []
    for backend in (part.strip() for part in launch[0].split(",")):
        key = "bind-config" if backend == "bind" else f"bind-{backend[5:]}-config" if backend.startswith("bind:") else None
        if key is not None and key in settings and settings[key][0]:
            configs.append((settings[key][0], Position(path, settings[key][1])))
    if not configs:
        return None
    declarations = Declarations(server="powerdns", files=[path])
    for config, pos in configs:
        found, problem = bind_config(config, path, root)
        if found is None:
            declarations.issues.append(ReadIssue(pos, f"bind-config {config} not read: {problem}", incomplete=True))
            continue
        try:
            named = read_named_conf(found, root, server="powerdns")
        except InputError as error:
            declarations.issues.append(ReadIssue(pos, f"bind-config not read: {error}", incomplete=True))
            continue
        declarations.files.extend(file for file in named.files if file not in declarations.files)
        declarations.zones.extend(named.zones)
        declarations.issues.extend(named.issues)
    return declarations


def pdns_settings(text: str) -> dict[str, tuple[str, int]]:
    """``pdns.conf``'s settings: ``key=value`` lines (a later one wins, ``key+=value`` adds
    to a list), ``#`` comments, a line ending in ``\\`` continued on the next; each value with
    the line it starts on."""
    settings: dict[str, tuple[str, int]] = {}
    lines = text.split("\n")
    number = 0
    while number < len(lines):
        start = number + 1
        line = lines[number].rstrip("\r")
        number += 1
        while line.endswith("\\") and number < len(lines):
            line = line[:-1] + lines[number].rstrip("\r")
            number += 1
        line = line.split("#", 1)[0].strip()
        key, equals, value = line.partition("=")
        if not equals:
            continue
        key, value = key.strip(), value.strip()
        if key.endswith("+"):
            key = key[:-1].strip()
            previous = settings.get(key, ("", start))[0]
            value = f"{previous},{value}" if previous else value
        settings[key] = (value, start)
    return settings


def bind_config(config: str, pdns_conf: str, root: str) -> tuple[str | None, str]:
    """Where ``bind-config`` is on this machine, inside ``root``: a relative path beside
    ``pdns.conf``; an absolute one as it is, then below ``root`` as if it were ``/``, then its
    file name beside ``pdns.conf``. ``None`` and why when it is nowhere there."""
    if "\x00" in config:
        return None, "the file name holds a NUL byte"
    base = os.path.dirname(pdns_conf)
    if os.path.isabs(config):
        candidates = [config, os.path.join(root, config.lstrip("/")), os.path.join(base, os.path.basename(config))]
    else:
        candidates = [os.path.join(base, config)]
    real_root = os.path.realpath(root)
    outside = False
    for candidate in candidates:
        if os.path.lexists(candidate):
            real = os.path.realpath(candidate)
            if os.path.commonpath([real_root, real]) == real_root:
                return candidate, ""
            outside = True
    return None, f"it leads outside {root}" if outside else "no such file"


# -- recognising ---------------------------------------------------------------------------------

_NAMED_CONF = re.compile(
    rb"""^[ \t]*(?:
        (?:zone|view)[ \t]+(?:"[^"\n]*"|[\w.-]+)(?:[ \t]+\w+)?[ \t]*\{
      | options[ \t\r\n]*\{
      | include[ \t]+"[^"\n]*"[ \t]*;
    )""",
    re.M | re.X,
)
_PDNS_CONF = re.compile(rb"^[ \t]*launch[ \t]*\+?=", re.M)


def looks_like_named_conf(head: bytes) -> bool:
    """Whether a file's first bytes (8 KiB) read as a ``named.conf``: a line that starts a
    ``zone "…" {``, ``view "…" {``, ``options {`` or ``include "…";`` statement."""
    return _NAMED_CONF.search(head) is not None


def looks_like_pdns_conf(head: bytes) -> bool:
    """Whether a file's first bytes (8 KiB) read as PowerDNS's ``pdns.conf``: a ``launch=``
    line."""
    return _PDNS_CONF.search(head) is not None
