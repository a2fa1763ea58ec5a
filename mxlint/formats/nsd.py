"""NSD's ``nsd.conf``: the primary zones it declares, as NSD loads them.

Reading: NSD's lexer (``configlexer.lex``) reads the text as a stream of tokens, lines do not
matter: keywords (a word ending in ``:``), quoted strings (which may span lines) and unquoted
words; ``#`` where a token could start begins a comment. ``include:`` is followed by the lexer
itself, so an included file goes on with whatever clause was open where it was included, and a
glob includes its matches in sorted order (none is no error). This reader does the same and
gathers each keyword's values into a statement of the ``server:``, ``zone:`` or ``pattern:``
clause it is in.

Zones: a ``zone:`` clause's settings are its own statements and those of the patterns it
includes (``include-pattern:``, applied where it is written, from a pattern defined above); a
zone with ``request-xfr:`` is a secondary and is not declared. ``zonefile`` is expanded as NSD
expands it (``%s``, ``%1``-``%3``, ``%z``/``%y``/``%x``) and resolves against ``zonesdir``
(``/etc/nsd`` when unset, as NSD's default).

Includes are confined to the tree ``root`` names (no loop, at most ``MAX_INCLUDES`` files
``MAX_INCLUDE_DEPTH`` deep). NSD opens a relative path from its working directory: it is looked
for beside the including file, then beside the top configuration file. An absolute path, as
BIND's reader does it, is looked for below the tree as if the tree were ``/``, then by its last
components beside the including file: a repository's ``include: "/etc/nsd/nsd.conf.d/*.conf"``
is its ``nsd.conf.d/`` (``_candidates``). Whatever the bytes, nothing raises but a top file that cannot be read (``InputError``): what
cannot be read is a ``ReadIssue`` at its line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import dns.exception
import dns.name

from mxlint.formats.servers import Declarations, DeclaredZone, TooManyProblems, bounded_glob, host_candidates, inside, literal_prefix, shown_path
from mxlint.limits import MAX_INCLUDE_DEPTH, MAX_INCLUDES
from mxlint.record import Position
from mxlint.source import InputError, decode_source, read_bytes

SERVER = "nsd"
#: The longest text a domain name may be written with (255 octets as ``\DDD``).
MAX_NAME_TEXT = 4 * 255
#: NSD's ``zonesdir`` when the configuration sets none (``nsd.conf(5)``).
DEFAULT_ZONESDIR = "/etc/nsd"
#: The clauses NSD's grammar allows at the top level (``configparser.y``, ``block``).
CLAUSES = frozenset({"server:", "zone:", "pattern:", "key:", "tls-auth:", "remote-control:", "verify:", "dnstap:"})
#: NSD expands a ``zonefile`` in a buffer of this many bytes (``config_make_zonefile``).
ZONEFILE_BUFFER = 1024
#: The characters that make an include a glob pattern (NSD's ``config_start_include_glob``).
GLOB_CHARS = frozenset("*?[{~")
#: The longest include path followed (Linux's PATH_MAX): it bounds the work a pattern may ask for.
MAX_PATH = 4096
#: The alternatives one brace pattern may expand to (``GLOB_BRACE``); beyond, the include is refused.
MAX_BRACE_EXPANSIONS = MAX_INCLUDES

# A keyword as NSD's lexer knows them: a word and a colon (``zonefile:``, ``server-1-cpu-affinity:``).
_KEYWORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*:")
# One token, or what is skipped: blanks, a line end, a comment, a quoted string (to its closing
# quote or the end of the text), an unquoted word (a backslash escapes the next character).
_SCAN = re.compile(r'(?P<blank>[ \t]+)|(?P<newline>\n)|(?P<comment>#[^\n]*)|"(?P<quoted>(?:[^"\\]+|\\.)*)(?P<closed>"?)|(?P<word>(?:[^"\n \t\\]+|\\[^\n])+|\\)', re.S)
_CLAUSE_LINE = re.compile(r"^(?:zone|pattern|server):[ \t]*(?:#.*)?$", re.M)
_ZONE_KEY_LINE = re.compile(r"^[ \t]*(?:name|zonefile):[ \t]+\S", re.M)
_LIST_ITEM = re.compile(r"^[ \t]*-[ \t]", re.M)
#: Unbound's clauses: ``unbound.conf`` shares NSD's syntax (and ``server:``, ``name:``).
_UNBOUND_CLAUSE = re.compile(r"^(?:forward-zone|stub-zone|auth-zone|view|rpz|python|dynlib|cachedb|ipset|dnscrypt):", re.M)


def looks_like_nsd_conf(head: bytes) -> bool:
    """Whether the first bytes of a file read as ``nsd.conf``: a ``zone:``, ``pattern:`` or
    ``server:`` clause at the start of a line and a ``name:`` or ``zonefile:`` key, without
    the YAML list items of ``knot.conf`` or the clauses only Unbound has."""
    text = head[:8192].decode("utf-8", "replace")
    return bool(_CLAUSE_LINE.search(text) and _ZONE_KEY_LINE.search(text) and not _LIST_ITEM.search(text) and not _UNBOUND_CLAUSE.search(text))


def read_nsd_conf(path: str, root: str) -> Declarations:
    """The primary zones ``path`` (and the files it includes, inside ``root``) declares, in the
    order NSD reads them. Raises ``InputError`` when ``path`` itself cannot be read."""
    data = read_bytes(path, path)
    return _Reader(root, data, path).read()


class _Token(NamedTuple):
    #: ``key`` (a keyword, with its colon) or ``value``
    kind: str
    text: str
    file: str
    line: int
    column: int

    @property
    def pos(self) -> Position:
        return Position(self.file, self.line, self.column)


@dataclass
class _Settings:
    """What a zone or pattern clause has set so far that decides whether and where it loads."""

    #: ``None``: not set (an empty string is set, and is no file)
    zonefile: str | None = None
    secondary: bool = False
    #: ``catalog:``'s role when set (a producer zone is made by NSD, not read)
    catalog: str | None = None

    def apply(self, pattern: _Settings) -> None:
        """``include-pattern:`` as ``config_apply_pattern`` does it: a set zonefile and role
        replace, transfer sources add up."""
        if pattern.zonefile is not None:
            self.zonefile = pattern.zonefile
        if pattern.catalog is not None:
            self.catalog = pattern.catalog
        self.secondary = self.secondary or pattern.secondary


@dataclass
class _Clause:
    keyword: str
    pos: Position
    name: str | None = None
    settings: _Settings | None = None


class _Reader:
    def __init__(self, root: str, data: bytes, path: str) -> None:
        self.root = os.path.realpath(root)
        self.data = data
        self.path = path
        self.decl = Declarations(SERVER)
        #: the real paths of the files being read, outermost first (loops, depth)
        self.stack: list[str] = []
        self.opened = 0
        self.patterns: dict[str, _Settings] = {}
        self.zonesdir: str | None = None
        #: the zones in the order they are declared: name, name as written, zonefile, position
        self.pending: list[tuple[dns.name.Name, str, str, Position]] = []
        #: the zones declared so far, by their labels in lower case (NSD compares names so)
        self.seen: set[tuple[bytes, ...]] = set()

    def issue(self, pos: Position, message: str, incomplete: bool = False) -> None:
        self.decl.problem(pos, message, incomplete)

    # -- statements --------------------------------------------------------------------------

    def read(self) -> Declarations:
        try:
            self._statements()
        except TooManyProblems:
            pass  # what was read so far stands
        directory = self.zonesdir if self.zonesdir is not None else DEFAULT_ZONESDIR
        # zonesdir "" keeps NSD's working directory, which nothing in the configuration names.
        for name, written, zonefile, pos in self.pending:
            self.decl.zones.append(DeclaredZone(name, expand_zonefile(zonefile, written, name), SERVER, pos, directory or None))
        return self.decl

    def _statements(self) -> None:
        """Each keyword with the values that follow it, applied to the clause it is in."""
        clause: _Clause | None = None
        key: _Token | None = None
        values: list[_Token] = []
        for token in self._tokens(self.data, os.path.realpath(self.path), self.path):
            if token.kind == "value":
                if key is None:
                    self.issue(token.pos, f"{_shown(token.text)} is not a keyword (keywords end with ':')")
                else:
                    values.append(token)
                continue
            if key is not None:
                self._statement(clause, key, values)
            if token.text in CLAUSES:
                self._end(clause)
                clause = _Clause(token.text, token.pos, settings=_Settings() if token.text in ("zone:", "pattern:") else None)
            key, values = token, []
        if key is not None:
            self._statement(clause, key, values)
        self._end(clause)

    def _statement(self, clause: _Clause | None, key: _Token, values: list[_Token]) -> None:
        if key.text in CLAUSES:
            if values:
                self.issue(values[0].pos, f"{key.text} takes no value; {_shown(values[0].text)} is not a keyword")
            return
        if clause is None:
            self.issue(key.pos, f"{key.text} is outside a clause (server:, zone:, pattern:, ...)")
            return
        if clause.keyword == "server:" and key.text == "zonesdir:":
            value = self._one(key, values)
            if value is not None:
                self.zonesdir = value
        if clause.settings is None:
            return
        settings = clause.settings
        if key.text == "name:":
            value = self._one(key, values)
            if value is not None:
                clause.name = value
        elif key.text == "zonefile:":
            value = self._one(key, values)
            if value is not None:
                settings.zonefile = value
        elif key.text == "include-pattern:":
            value = self._one(key, values)
            if value is not None:
                pattern = self.patterns.get(value)
                if pattern is None:
                    self.issue(values[0].pos, f"include-pattern: no pattern named {_shown(value)} is defined above")
                else:
                    settings.apply(pattern)
        elif key.text == "request-xfr:":
            settings.secondary = True
        elif key.text == "catalog:":
            value = self._one(key, values)
            if value is not None:
                settings.catalog = value.lower()

    def _one(self, key: _Token, values: list[_Token]) -> str | None:
        """The value of a keyword that takes one (the first, after an issue, when there are more)."""
        if not values:
            self.issue(key.pos, f"{key.text} has no value")
            return None
        if len(values) > 1:
            self.issue(values[1].pos, f"{key.text} takes one value; {_shown(values[1].text)} is one too many")
        return values[0].text

    def _end(self, clause: _Clause | None) -> None:
        """A zone or pattern clause is complete: NSD defines it now."""
        if clause is None or clause.settings is None:
            return
        if clause.name is None:
            self.issue(clause.pos, f"{clause.keyword} has no name:")
        elif clause.keyword == "pattern:":
            if clause.name in self.patterns:
                self.issue(clause.pos, f"pattern {_shown(clause.name)} is defined twice; NSD refuses the second")
            else:
                self.patterns[clause.name] = clause.settings
        else:
            self._zone(clause, clause.name, clause.settings)

    def _zone(self, clause: _Clause, written: str, settings: _Settings) -> None:
        try:
            # A name's text is at most 255 octets, each at most 4 characters (\DDD): no need
            # to read a longer one through.
            if len(written) > MAX_NAME_TEXT:
                raise dns.name.NameTooLong
            name = dns.name.from_text(written)
        except (dns.exception.DNSException, ValueError):
            self.issue(clause.pos, f"zone name {_shown(written)} is not a domain name")
            return
        key = tuple(label.lower() for label in name.labels)
        if key in self.seen:
            self.issue(clause.pos, f"zone {name} is declared twice; NSD refuses the second")
            return
        self.seen.add(key)
        if settings.secondary:
            return
        if not settings.zonefile:
            if settings.catalog != "producer":  # NSD makes a producer zone's content itself
                self.issue(clause.pos, f"primary zone {name} has no zonefile: NSD has no data to load")
            return
        self.pending.append((name, written, settings.zonefile, clause.pos))

    # -- tokens and includes -----------------------------------------------------------------

    def _tokens(self, data: bytes, real: str, shown: str) -> Iterator[_Token]:
        """The tokens of one file, those of the files it includes in their place."""
        self.decl.files.append(shown)
        self.stack.append(real)
        source = decode_source(shown, data, "#")
        for error in source.errors:
            self.issue(error.pos, error.message)
        text = source.text
        line, line_start, index, end = 1, 0, 0, len(text)
        include: _Token | None = None
        try:
            while index < end:
                match = _SCAN.match(text, index)
                if match is None:  # cannot happen: every character starts one of the alternatives
                    break
                kind = match.lastgroup
                column = index - line_start + 1
                if kind == "newline":
                    line, line_start = line + 1, match.end()
                elif kind in ("quoted", "closed"):
                    value = match.group("quoted")
                    if not match.group("closed"):  # NSD's lexer drops it: the statement lacks its value
                        self.issue(Position(shown, line, column), "quoted string is not closed before the end of the file")
                    elif include is not None:
                        yield from self._include(include, value, real, shown)
                        include = None
                    else:
                        yield _Token("value", value, shown, line, column)
                    newlines = value.count("\n")
                    if newlines:
                        line, line_start = line + newlines, index + 1 + value.rindex("\n") + 1
                elif kind == "word":
                    word = match.group()
                    if include is not None:  # the lexer takes the word after include: as the file
                        yield from self._include(include, word, real, shown)
                        include = None
                    elif _KEYWORD.fullmatch(word):
                        if word == "include:":
                            include = _Token("key", word, shown, line, column)
                        else:
                            yield _Token("key", word, shown, line, column)
                    else:
                        yield _Token("value", word, shown, line, column)
                elif kind == "comment" and include is not None:
                    # In NSD's include state a '#' starts no comment: the word is the file name.
                    yield from self._include(include, match.group(), real, shown)
                    include = None
                index = match.end()
            if include is not None:
                self.issue(include.pos, "include: has no file name before the end of the file")
        finally:
            self.stack.pop()

    def _include(self, token: _Token, name: str, including: str, shown: str) -> Iterator[_Token]:
        """The tokens of the files an ``include:`` names, or one issue for each it refuses."""
        where = f"include: {_shown(name)}"
        if not name:
            self.issue(token.pos, "include: has an empty file name")
            return
        if len(name) > MAX_PATH:
            self.issue(token.pos, f"{where} refused: a path longer than {MAX_PATH} characters", incomplete=True)
            return
        if "~" in name:
            self.issue(token.pos, f"{where} refused: a path from a home directory (~) is not followed", incomplete=True)
            return
        pattern = bool(GLOB_CHARS.intersection(name))
        alternatives = _braces(name) if pattern else [name]
        if alternatives is None:
            self.issue(token.pos, f"{where} refused: its braces make more than {MAX_BRACE_EXPANSIONS} patterns", incomplete=True)
            return
        matches, outside = self._resolve(alternatives, pattern, including)
        if not matches:
            if outside:
                self.issue(token.pos, f"{where} refused: it leads outside {self.root}", incomplete=True)
            elif not pattern:  # a pattern that matches nothing is no error to NSD
                self.issue(token.pos, f"{where} not read: no such file", incomplete=True)
            return
        for match in matches:
            if self.opened >= MAX_INCLUDES:
                self.issue(token.pos, f"{where} not read: more than {MAX_INCLUDES} files included (here and after)", incomplete=True)
                return
            yield from self._included(token, where, match, shown_path(match, including, shown))

    def _resolve(self, alternatives: list[str], pattern: bool, including: str) -> tuple[list[str], bool]:
        """The files an include names, inside the root, from the first place that has any
        (see ``_candidates``), sorted per brace alternative as ``glob(3)`` sorts them; and
        whether a file was found outside the root."""
        outside = False
        candidates = [_candidates(alternative, including, self.stack[0], self.root) for alternative in alternatives]
        for index in range(max(len(places) for places in candidates)):
            found: list[str] = []
            for places in candidates:
                if index >= len(places):
                    continue
                candidate = places[index]
                if not pattern:
                    if os.path.lexists(candidate):
                        found.append(candidate)
                elif inside(self.root, os.path.realpath(_literal_prefix(candidate))):
                    found.extend(bounded_glob(candidate, self.root, MAX_INCLUDES))
                elif not os.path.isabs(alternatives[0]):
                    # The host's own directories are not listed: an absolute pattern is
                    # looked for in the tree next; a relative one that leaves it is refused.
                    outside = True
            kept = [path for path in found if inside(self.root, os.path.realpath(path))]
            outside = outside or len(kept) < len(found)
            if kept:
                return kept, outside
        return [], outside

    def _included(self, token: _Token, where: str, target: str, shown: str) -> Iterator[_Token]:
        real = os.path.realpath(target)
        if not inside(self.root, real):
            self.issue(token.pos, f"{where} refused: {shown} is outside {self.root}", incomplete=True)
            return
        if real in self.stack:
            self.issue(token.pos, f"{where} refused: {shown} includes itself (a loop)")
            return
        if len(self.stack) > MAX_INCLUDE_DEPTH:
            self.issue(token.pos, f"{where} refused: includes nest deeper than {MAX_INCLUDE_DEPTH}", incomplete=True)
            return
        self.opened += 1
        try:
            data = read_bytes(real, shown)
        except InputError as error:
            self.issue(token.pos, f"{where} not read: {error}", incomplete=True)
            return
        yield from self._tokens(data, real, shown)


# -- zonefile substitutions ---------------------------------------------------------------------


def expand_zonefile(zonefile: str, written: str, name: dns.name.Name) -> str:
    """``zonefile`` as NSD expands it for a zone (``config_make_zonefile``), ``written`` being the
    zone's name as the configuration writes it and ``name`` that name read: ``%1``-``%3`` its first
    three characters, ``%z``/``%y``/``%x`` its last three labels (lower case), ``%s`` the name
    as written; a character or label that does not exist is a ``.``. Each is replaced in that
    order, in a buffer of ``ZONEFILE_BUFFER`` bytes, like NSD."""
    if "%" not in zonefile:
        return zonefile
    text = zonefile[: ZONEFILE_BUFFER - 1]
    for index, code in enumerate("123"):
        text = _replace(text, f"%{code}", written[index] if index < len(written) else ".")
    labels = [label for label in name.labels if label]  # from the left, the root dropped
    for index, code in enumerate("zyx", start=1):
        if f"%{code}" in text:
            label = dns.name.Name([labels[-index]]).to_text().lower() if index <= len(labels) else "."
            text = _replace(text, f"%{code}", label)
    # NSD escapes a '/' of the name so that it cannot add a directory to the path.
    return _replace(text, "%s", written.replace("/", "\\047"))


def _replace(text: str, old: str, new: str) -> str:
    """Every ``old`` replaced by ``new`` from the left, text put in not searched again, and no
    replacement that would overflow NSD's buffer (``replace_str``)."""
    at = 0
    while (found := text.find(old, at)) >= 0:
        if len(text) + len(new) - len(old) >= ZONEFILE_BUFFER:
            break
        text = text[:found] + new + text[found + len(old) :]
        at = found + len(new)
    return text


# -- paths -----------------------------------------------------------------------------------------


def _candidates(name: str, including: str, top: str, root: str) -> list[str]:
    """Where an include may be, in turn. A relative path: beside the including file, then
    beside the top configuration file (NSD opens it from its working directory, which is
    usually the configuration's). An absolute path: as a repository keeps the host's files
    (``host_candidates``); a pattern keeps at least its directory, so that
    ``/etc/nsd/nsd.conf.d/*.conf`` never becomes ``*.conf``."""
    if not os.path.isabs(name):
        return list(dict.fromkeys(os.path.normpath(os.path.join(directory, name)) for directory in (os.path.dirname(including), os.path.dirname(top))))
    last = name.rstrip("/").rsplit("/", 1)[-1]
    return host_candidates(name, including, root, keep=2 if GLOB_CHARS.intersection(last) else 1)


def _literal_prefix(pattern: str) -> str:
    return literal_prefix(pattern, GLOB_CHARS.intersection)


def _braces(pattern: str) -> list[str] | None:
    """A pattern's brace alternatives expanded, left to right, as ``GLOB_BRACE`` does
    (``a{b,c}d`` is ``abd`` and ``acd``; nested braces too); ``None`` beyond
    ``MAX_BRACE_EXPANSIONS``."""
    done: list[str] = []
    todo = [pattern]
    while todo:
        current = todo.pop(0)
        group = _brace_group(current)
        if group is None:
            done.append(current)
        else:
            start, end, alternatives = group
            todo[:0] = [current[:start] + alternative + current[end:] for alternative in alternatives]
        if len(done) + len(todo) > MAX_BRACE_EXPANSIONS:
            return None
    return done


def _brace_group(pattern: str) -> tuple[int, int, list[str]] | None:
    """The first ``{`` with its closing brace and its alternatives (split at the commas of its
    own level); ``None`` when there is none, or it is never closed (glibc then reads the
    whole pattern without braces)."""
    start = pattern.find("{")
    if start < 0:
        return None
    depth, parts, last = 0, [], start + 1
    for index in range(start, len(pattern)):
        char = pattern[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                parts.append(pattern[last:index])
                return start, index + 1, parts
        elif char == "," and depth == 1:
            parts.append(pattern[last:index])
            last = index + 1
    return None


def _shown(text: str) -> str:
    """A value as a message shows it: quoted, shortened, its control characters escaped."""
    text = text if len(text) <= 80 else text[:77] + "..."
    return repr(text)
