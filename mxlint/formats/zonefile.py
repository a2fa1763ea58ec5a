"""RFC 1035 master files: the zone-file format.

Reading: ``dns.zone.from_text`` merges duplicates, lowers RRset TTLs, forgets line numbers and
stops at the first error, so this reader runs its own record loop. One-line records of the
common types are vouched for by ``fastline`` and kept as text (dnspython builds their objects
when a rule asks); everything else is read by dnspython's public tokenizer and
``dns.rdata.from_text``. The reader decides where records begin, which origin and TTL apply,
and how to go on after an error.

Recognising: a file is a zone file when its first lines hold an SOA, a directive, or mostly
lines that read as records (``sniff_zone_text``), whatever its name — unless they are made of
template syntax (``{{ serial }}``, ``<%= ip %>``, ``{% for %}``): a template a tool fills in
is not a zone (``mxlint.formats.templates``).

Set aside: a record that holds template placeholders, and a record of a type mxlint does not
know but another DNS server does (PowerDNS's ``LUA``), are not read; each file says so once
(``IssueKind.PLACEHOLDER``, ``IssueKind.UNKNOWN_TYPE``). The server a configuration declares
for the zone (``Source.served``) decides its dialect: under PowerDNS, ``ALIAS`` and ``LUA``
are valid (an ``ALIAS`` gives its owner addresses) and TXT strings may exceed 255 octets.

Locating: a fix finds a record's tokens with dnspython's tokenizer from the record's first line
(``ZoneFile.locate``), which handles parentheses and comments, and checks that they are what
the reader read.
"""

from __future__ import annotations

import functools
import ipaddress
import itertools
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import dns.exception
import dns.grange
import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.tokenizer
import dns.ttl

from mxlint import collector
from mxlint.format import MINE, Format, MxFields, Probe, Trust, Verdict
from mxlint.formats import fastline
from mxlint.formats.fastline import NOTHING, UnknownType, absolute_name, class_or_none, generated_data_ok, parse_header, rdtype_or_none, ttl_or_none
from mxlint.formats.templates import CONTROL_KINDS, may_hold_templates, template_marks, template_verdict, without_comment
from mxlint.limits import MAX_GENERATE_LINE, MAX_GENERATED, MAX_GENERATED_BYTES, MAX_INCLUDE_DEPTH, MAX_INCLUDES, MAX_RECORDS, MAX_SYNTAX_ERRORS, number_too_long, too_long_message
from mxlint.origin import NO_ORIGIN, decide_origin
from mxlint.record import RECORD_TYPES, Comment, IssueKind, Position, ReadIssue, Record, name_key, text_key
from mxlint.source import Edit, InputError, Source, SourceText, Text, Token, decode_source, describe_error, path_in_tree, read_bytes
from mxlint.zone import Zone

#: The names zone files are known by; ``*.db`` and ``db.*`` are shared with databases and
#: modules (``app.db``, ``db.py``), so those are zones only by their content.
PATTERNS = ("*.zone", "*.db", "db.*")
COMMENT = ";"


class _RecordError(Exception):
    """A problem with the record being read; reading goes on at the next record."""

    #: whether names may now be missing from the zone (see ``ReadIssue.incomplete``)
    incomplete = False


class _Rejected(_RecordError):
    """A record or directive read to its end and then refused: nothing is left to skip."""


class _StopFile(Exception):
    """A problem after which nothing more of the file can be read meaningfully."""


class _IncludeRefused(_Rejected):
    """An ``$INCLUDE`` that was not read: the zone may lack any name it held."""

    incomplete = True


class _GenerateRefused(_RecordError):
    """A ``$GENERATE`` beyond the zone's bound: the zone lacks the names it would make."""

    incomplete = True


class _UnknownType(_RecordError):
    """A record's type word dnspython does not know (``fastline.UnknownType``): a mistake, or
    another server's type, which the reader decides."""

    def __init__(self, header: UnknownType) -> None:
        super().__init__(str(header))
        self.header = header


class _Owner:
    """The owner records inherit: its index key and absolute text, its ``Name`` made only
    when asked (the tokenizer path, an error to report)."""

    __slots__ = ("key", "text", "_name")

    def __init__(self, key: bytes, text: str, name: dns.name.Name | None = None) -> None:
        self.key, self.text, self._name = key, text, name

    @classmethod
    def of(cls, name: dns.name.Name) -> _Owner:
        return cls(name_key(name), name.to_text(), name)

    @property
    def name(self) -> dns.name.Name:
        if self._name is None:
            self._name = dns.name.from_text(self.text)
        return self._name


@dataclass
class _State:
    """What RFC 1035 §5 carries from one record to the next; saved across ``$INCLUDE``."""

    origin: dns.name.Name | None
    last_owner: _Owner | None = None
    last_ttl: int | None = None
    default_ttl: int | None = None
    default_ttl_from_soa: bool = False

    def implicit_ttl(self) -> int | None:
        # As dnspython: $TTL wins, except over a default taken from the SOA MINIMUM, which
        # RFC 2308 §4 demoted below the last stated TTL.
        if self.last_ttl is not None and (self.default_ttl is None or self.default_ttl_from_soa):
            return self.last_ttl
        return self.default_ttl


@dataclass
class _Reading:
    """Everything read so far from the top file and its includes."""

    #: the tree includes may reach: real, and as the user named it (``Source.tree``)
    root: str
    tree: str = os.curdir
    records: list[Record] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    errors: list[ReadIssue] = field(default_factory=list)
    include_stack: list[str] = field(default_factory=list)
    #: real paths of the files read through ``$INCLUDE``
    included: set[str] = field(default_factory=set)
    #: the paths of every file read, as findings show them, the top file first
    files: list[str] = field(default_factory=list)
    #: where a relative ``$INCLUDE`` is looked for, in order (``None``: the including file's
    #: directory), as shown paths
    bases: list[str | None] = field(default_factory=list)
    #: a server's configuration declares the zone: its absolute paths are the server's
    declared: bool = False
    #: the bounds of one zone's reading (mxlint/limits.py)
    includes_opened: int = 0
    generated: int = 0
    generated_bytes: int = 0
    #: a bound of the whole zone was reached: no file of it reads on
    stopped: bool = False
    first_origin_directive: dns.name.Name | None = None
    soa_owner: dns.name.Name | None = None
    #: the server a configuration declares for the zone (``bind``, ``powerdns``, ...): its
    #: dialect decides which records are valid; ``None``: none is declared
    server: str | None = None
    #: owners of PowerDNS ``ALIAS`` records (and ``LUA`` records of addresses): they have
    #: addresses the file does not show
    aliases: dict[dns.name.Name, Position] = field(default_factory=dict)


def read_zone(source: Source) -> Zone:
    """Read the master file of ``source`` (its bytes when given in memory: then no
    ``$INCLUDE`` is followed). The source's origin (``--origin`` or configuration) fixes the
    apex; otherwise the text and the file name do (``decide_origin``). Raises ``InputError``
    when the file itself cannot be opened."""
    data = source.read()
    real = source.real_path
    shown_root = source.tree
    served = source.served
    reading = _Reading(
        root="" if real is None else os.path.realpath(shown_root),
        tree=shown_root,
        files=[source.path],
        # Where a relative $INCLUDE is looked for, in order: the directory the server reads
        # from (its configuration's `directory`), the including file's, the tree named.
        bases=([served.directory] if served and served.directory else []) + [None, shown_root],
        declared=served is not None,
        server=served.server if served else None,
    )
    # Relative names before the first $ORIGIN or SOA are completed with the apex the file
    # would have if it said nothing. The file's text is let go before the zone is made.
    state = _State(origin=decide_origin(source.origin, source.name, patterns=PATTERNS))
    _FileReader(reading, decode_source(source.path, data), real, state, may_hold_templates(data)).read()
    apex = decide_origin(
        source.origin, source.name, patterns=PATTERNS, soa_owner=reading.soa_owner, first_origin_directive=reading.first_origin_directive
    )
    if apex is None:
        apex = dns.name.root
        errors = [error for error in reading.errors if error.message != NO_ORIGIN]
        reading.errors = [ReadIssue(Position(source.path, 1, 1), NO_ORIGIN, kind=IssueKind.UNNAMED, incomplete=True), *errors]
    return Zone(
        apex, source.path, reading.records, reading.comments, reading.errors, aliases=reading.aliases, included=reading.included, files=reading.files, source=source
    )


def read_zone_file(path: str, origin: dns.name.Name | None = None, include_root: str | None = None) -> Zone:
    """Read a master file from disk (``read_zone``). Raises ``InputError``."""
    return read_zone(Source(path, FORMAT.name, origin, include_root=include_root))


def read_zone_text(text: str, origin: dns.name.Name, path: str = "<string>") -> Zone:
    """Read master-file text as the bytes of a file at ``path`` would be (for tests and the
    rule pages); ``$INCLUDE`` is refused."""
    return read_zone(Source(path, FORMAT.name, origin, text.encode("utf-8")))


class _LinesIO:
    """A read-only text stream over a file's lines from a given line on, for dnspython's
    tokenizer (which reads one character at a time) without copying the rest of the file."""

    def __init__(self, lines: list[str], index: int) -> None:
        self.lines = lines
        self.index = index
        self.current = lines[index] + "\n" if index < len(lines) else ""
        self.position = 0

    def after_line_end(self) -> bool:
        """Whether the last character read ended a line."""
        return self.position >= len(self.current) and self.current.endswith("\n") and self.position > 0

    def read(self, size: int = 1) -> str:
        position, current = self.position, self.current
        if position + size <= len(current):  # the tokenizer asks for one character at a time
            self.position = position + size
            return current[position : position + size]
        while self.position >= len(self.current):
            self.index += 1
            if self.index >= len(self.lines):
                return ""
            self.current = self.lines[self.index] + "\n"
            self.position = 0
        char = self.current[self.position : self.position + size]
        self.position += len(char)
        return char


class _FileReader:
    """The record loop over one file.

    Most lines hold one record of a common type: ``fastline`` checks them and they become
    records of text, whose dnspython objects are made when a rule asks. Every other line —
    parentheses, escapes, directives, other types, anything the fast path cannot vouch for —
    is read by dnspython's tokenizer, which continues from that line and words the errors.
    A differential test holds the two to dnspython's own zone parser.
    """

    def __init__(self, reading: _Reading, source: SourceText, real_path: str | None, state: _State, templated: bool = False) -> None:
        self.reading = reading
        self.source = source
        self.path = source.path
        self.real_path = real_path
        self.state = state
        self.tok: dns.tokenizer.Tokenizer | None = None
        self._origin_seen: dns.name.Name | None = None
        self._origin_text = ""
        self.errors_here = 0
        self.stopped = False  # too many errors in this file
        self.unclosed: set[int] | None = None  # found on the first line with a parenthesis
        self.reported_unclosed = False
        self.paren_lines_left = len(source.lines)
        self.released = 0  # lines before this index are released (``_release_lines``)
        #: the file's bytes hold characters of template syntax: each line is looked at for it
        #: (most files hold none, and their lines are read without looking)
        self.templated = templated
        #: the last owner written was a placeholder: records that inherit it are set aside too
        self.placeholder_owner = False
        self.placeholders = _SetAside()
        self.unknown = _SetAside()

    def _origin_text_now(self) -> str:
        """The text of the origin in force ("" when there is none yet)."""
        origin = self.state.origin
        if origin is not self._origin_seen:
            self._origin_seen, self._origin_text = origin, origin.to_text() if origin is not None else ""
        return self._origin_text

    # -- the loop -------------------------------------------------------------------------

    def read(self) -> None:
        self.reading.errors.extend(self.source.errors)
        self.reading.comments.extend(self.source.comments)
        lines = self.source.lines
        number = 1
        while number <= len(lines) and not (self.stopped or self.reading.stopped):
            with collector.paused():
                number = self._read_fast(number)
            if number > len(lines):
                break
            if "(" in lines[number - 1] and self._never_closes(number):
                number += 1
            else:
                number = self._with_tokenizer(number)
            self._release_lines(number)
        self._report_set_aside()

    def _release_lines(self, number: int) -> None:
        """Let go of the lines before line ``number``: reading never goes back, and a big
        zone's lines held until its last record is read were a fifth of the reader's peak
        memory (90 MB per million lines). A released line reads as empty. Lines are released
        many at a time: freed one by one among the records being made, their memory would be
        refilled piecemeal and never handed back whole (50 MB per million lines)."""
        upto = min(number - 1, len(self.source.lines))
        if upto > self.released:
            self.source.lines[self.released : upto] = [""] * (upto - self.released)
            self.released = upto

    def _read_fast(self, number: int) -> int:
        """Add the records of the lines the fast path vouches for, from line ``number`` on; the
        number of the first line it does not take (one that needs what only the tokenizer
        path says: no owner to inherit, no TTL that applies, the zone's bound on records)."""
        state = self.state
        if state.origin is None:
            return number
        # Nothing but these lines changes the origin or the default TTL while they last.
        origin, origin_text = state.origin, self._origin_text_now()
        lines, path, records = self.source.lines, self.path, self.reading.records
        room = MAX_RECORDS - len(records)
        last_owner, implicit_ttl = state.last_owner, state.implicit_ttl()
        # The owner records inherit, as its key and text: an ``_Owner`` is made at the end.
        owner_key, owner_text = (last_owner.key, last_owner.text) if last_owner is not None else (b"", None)
        new_record, key_of, read = Record.from_text, text_key, fastline.line_reader(origin_text)
        if self.templated:
            read = _unless_templated(read)
        index, end = number - 1, len(lines)
        release_at = index + _LINES_RELEASED_TOGETHER
        while index < end:
            if index >= release_at:
                self._release_lines(index + 1)
                release_at = index + _LINES_RELEASED_TOGETHER
            line = lines[index]
            fast = read(line)
            if fast is NOTHING:
                index += 1
                continue
            if fast is None or room <= 0:
                break
            written_owner, ttl, rdclass, rdtype, data = fast
            if written_owner is not None:
                column = 1
            elif owner_text is None:
                break
            elif line[1] not in " \t":
                column = 2  # one blank before the type: most lines that inherit their owner
            else:
                column = len(line) - len(line.lstrip(" \t")) + 1  # lstrip copies the line
            if ttl is not None:
                state.last_ttl = ttl
                implicit_ttl = state.implicit_ttl()
            elif implicit_ttl is None:
                break
            else:
                ttl = implicit_ttl
            if written_owner is not None and written_owner != owner_text:
                owner_key, owner_text = key_of(written_owner), written_owner
            index += 1
            records.append(new_record(owner_key, owner_text, ttl, rdtype, rdclass, data, path, index, column, origin))
            room -= 1
        if owner_text is not None and (last_owner is None or owner_text is not last_owner.text):
            state.last_owner = _Owner(owner_key, owner_text)
        return index + 1

    def _with_tokenizer(self, line: int) -> int:
        """Read one record or directive from ``line`` with dnspython's tokenizer; the number
        of the line after it."""
        if self.templated:
            after = self._set_aside_if_templated(line)
            if after is not None:
                return after
        self.tok = tok = _Tokenizer(_LinesIO(self.source.lines, line - 1), self.path)
        tok.line_number = line
        try:
            token = tok.get(want_leading=True, want_comment=True)
            if token.is_eof():
                return len(self.source.lines) + 1
            if token.is_comment():
                tok.get_eol()
            elif token.is_identifier() and token.value.startswith("$"):
                self._directive(token.value.upper(), line)
            elif not token.is_eol():
                tok.unget(token)
                self._record(line)
            return tok.line_number
        except _StopFile as stop:
            self._error(line, str(stop), incomplete=True)
            return len(self.source.lines) + 1
        except _Rejected as rejected:
            self._error(line, str(rejected), incomplete=rejected.incomplete)
            return tok.line_number
        except (_RecordError, dns.exception.DNSException, ValueError, UnicodeError) as error:
            self._error(line, describe_error(error), incomplete=getattr(error, "incomplete", False))
            return self._recover(line)

    def _error(self, line: int, message: str, incomplete: bool = False) -> None:
        if self.stopped:
            return
        self.errors_here += 1
        if self.errors_here > MAX_SYNTAX_ERRORS:
            message, incomplete = f"more than {MAX_SYNTAX_ERRORS:,} records of this file cannot be read; reading stopped", True
            self.stopped = True
        owner = self.state.last_owner
        self.reading.errors.append(ReadIssue(self._position(line), message, owner.name if owner else None, incomplete=incomplete))

    def _recover(self, line: int) -> int:
        """Go on after an error: at the end of the record when the tokenizer can find it,
        else at the line after the record's first line (an unclosed quote). A record whose
        data ended early (``@ MX 5``) failed on its line end, already read: the next line is
        the next record's, as named-checkzone reads it."""
        tok = self.tok
        if tok.ungotten_token is None and tok.ungotten_char is None and tok.multiline == 0 and tok.file.after_line_end():
            return tok.line_number
        try:
            self._skip_record()
            return tok.line_number
        except dns.exception.DNSException:
            return line + 1

    def _never_closes(self, number: int) -> bool:
        """Whether a record starting at line ``number`` opens a parenthesis that the rest of
        the file never closes. Such a record would make the tokenizer read to the end of the
        file, and again for every later line: the lines are found in one pass instead, the
        first is reported (names after it may be misread) and the others are passed over."""
        if self.unclosed is None:
            # Most parentheses close a line or two later: looking that far is enough, until
            # the looking adds up to the length of the file, when one pass finds them all.
            looked = lines_to_close(self.source.lines, number - 1, self.paren_lines_left)
            if looked is not None:
                self.paren_lines_left -= looked
                return False
            self.unclosed = unclosed_parentheses(self.source.lines, number - 1)
        if number not in self.unclosed:
            return False
        if not self.reported_unclosed:
            self.reported_unclosed = True
            self._error(number, "the parenthesis opened on this line is never closed; each line after it is read on its own", incomplete=True)
        return True

    def _position(self, line: int) -> Position:
        return Position(self.path, line, self.source.first_column(line))

    # -- records --------------------------------------------------------------------------

    def _record(self, line: int) -> None:
        tok, state = self.tok, self.state
        token = tok.get(want_leading=True)
        if token.is_whitespace():
            token = tok.get()
            if token.is_eol_or_eof():
                return  # a line of blanks
            tok.unget(token)
            if state.last_owner is None:
                raise _RecordError("the record has no owner and there is no previous owner to inherit")
        else:
            state.last_owner = _Owner.of(self._name(token.value))
        owner = state.last_owner.name
        try:
            ttl, rdclass, rdtype = self._header()
        except _UnknownType as unknown:
            self._unknown_type(unknown.header, owner, line)
            return
        if state.origin is None and rdtype == dns.rdatatype.SOA:
            state.origin = owner  # relative names in the SOA and after it belong to the apex
        if rdtype in _TXT_TYPES and self.reading.server == "powerdns":
            rdata = _split_txt(rdclass, rdtype, tok)  # PowerDNS splits a long string itself
        elif _no_text_form(rdclass, rdtype) and not self._generic_data_next():
            # A type dnspython knows by name only (MB, NULL, A6, ...): not readable here.
            self._set_aside_unknown(dns.rdatatype.to_text(rdtype), owner, line)
            return
        else:
            rdata = _rdata(rdclass, rdtype, tok, self._origin())
        self._finish(owner, ttl, rdtype, rdata, line)

    def _header(self) -> tuple[int | None, int, int]:
        """The TTL, class and type of a record (or ``$GENERATE``) from the tokenizer, read by
        the one header grammar (``fastline.parse_header``)."""
        header = parse_header(self._words())
        if isinstance(header, UnknownType):
            raise _UnknownType(header)
        if isinstance(header, str):
            raise _RecordError(header)
        ttl, rdclass, rdtype, _ = header
        if ttl is not None:
            self.state.last_ttl = ttl
        return ttl, rdclass or dns.rdataclass.IN, rdtype

    def _words(self) -> Iterator[str]:
        """The tokenizer's next words, up to the first token that is not one (left unread)."""
        while True:
            token = self.tok.get()
            if not token.is_identifier():
                self.tok.unget(token)
                return
            yield token.value

    # -- types of other servers -----------------------------------------------------------

    def _unknown_type(self, header: UnknownType, owner: dns.name.Name, line: int) -> None:
        """A record whose type dnspython does not know: valid in the declared server's dialect
        (PowerDNS's ``ALIAS`` and ``LUA``), set aside when some server defines the type, an
        error when the declared server does not (it refuses the zone) or none does (a typo)."""
        word = header.word.upper()
        if word not in OTHER_SERVERS_TYPES:
            raise _RecordError(str(header))
        server = self.reading.server
        defined = SERVER_TYPES.get(server or "", frozenset())
        if server is not None and word in VENDOR_TYPES and word not in defined:
            name = SERVER_NAMES.get(server, server)
            raise _RecordError(f"unknown record type {header.word!r}: {name} does not define it and refuses to load the zone")
        if header.ttl is not None:
            self.state.last_ttl = header.ttl
        if word in defined:
            self._powerdns_record(word, owner, line)
        else:
            self._set_aside_unknown(word, owner, line)

    def _powerdns_record(self, word: str, owner: dns.name.Name, line: int) -> None:
        """PowerDNS's ``ALIAS target`` (the owner answers with the target's addresses) and
        ``LUA TYPE "code"`` (the owner answers with records of TYPE the code computes): valid,
        and kept as addresses of the owner where they give it some."""
        tok = self.tok
        try:
            if word == "ALIAS":
                tok.get_name(self._origin())
                tok.get_eol()
                gives_addresses = True
            else:
                inner = self._identifier().value
                inner_type = rdtype_or_none(inner)
                if inner_type is None:
                    raise _RecordError(f"cannot read the LUA record's data: unknown record type {inner!r}")
                if not tok.get_remaining():
                    raise _RecordError("cannot read the LUA record's data: it has no code")
                gives_addresses = inner_type in _ADDRESS_GIVING
        except dns.exception.DNSException as error:
            raise _RecordError(f"cannot read the {word} record's data: {describe_error(error)}") from None
        if gives_addresses:
            self.reading.aliases.setdefault(owner, self._position(line))

    def _generic_data_next(self) -> bool:
        """Whether the record's data is written in RFC 3597's generic form (``\\# 0``)."""
        token = self.tok.get()
        self.tok.unget(token)
        return token.is_identifier() and token.value == "\\#"

    def _skip_record(self) -> None:
        """Read the rest of the record (its data, parentheses and all) without judging it."""
        while not self.tok.get().is_eol_or_eof():
            pass

    def _set_aside_unknown(self, word: str, owner: dns.name.Name, line: int) -> None:
        """Pass over a record of a type mxlint cannot read (``word``) and note it: its owner
        exists, with data no rule sees."""
        self._skip_record()
        self.unknown.add(self._position(line), owner, "record", word, incomplete=True)

    # -- template placeholders ------------------------------------------------------------

    def _set_aside_if_templated(self, line: int) -> int | None:
        """When the record (or directive) starting on ``line`` holds template syntax, or
        inherits an owner that was a placeholder, set it aside and give the number of the line
        after it; else ``None`` (it is read as any other)."""
        lines = self.source.lines
        first = lines[line - 1]
        span = 1
        if "(" in first:
            span = lines_to_close(lines, line - 1, len(lines) - line + 1) or 1
        contents = [without_comment(text) for text in lines[line - 1 : line - 1 + span]]
        marks = [mark for content in contents for mark in template_marks(content)]
        if not marks:
            inherited = first[:1] in (" ", "\t") and self.placeholder_owner and self.state.last_owner is None
            if not (inherited and any(content.strip() for content in contents)):
                return None
        self._set_aside(line, " ".join(contents), marks)
        return line + span

    def _set_aside(self, line: int, text: str, marks: list[tuple[str, str]]) -> None:
        """Note a record set aside for its placeholders, and carry what it says about the
        records after it: its owner (inherited by the next lines), its TTL, and for an SOA
        whose owner is written out, the apex and the default TTL."""
        state = self.state
        shown = [mark for _, mark in marks]
        if text.startswith("$"):
            directive = text.split(None, 1)[0].upper()
            # The names after a $ORIGIN, in a $INCLUDE or made by a $GENERATE are not known.
            self.placeholders.add(self._position(line), None, "directive", *shown, incomplete=directive != "$TTL")
            return
        if any(kind in CONTROL_KINDS for kind, _ in marks):
            # A loop or a condition: the records it makes are not known.
            self.placeholders.add(self._position(line), None, "control", *shown, incomplete=True)
            return
        blanked = _substituted(text, shown, _BLANK)
        words = _RECORD_WORDS.findall(blanked)
        written_owner = text[:1] not in (" ", "\t") and bool(words)
        if written_owner:
            owner_word, words = words[0], words[1:]
            state.last_owner = None
            self.placeholder_owner = _BLANK in owner_word
            if not self.placeholder_owner:
                try:
                    state.last_owner = _Owner.of(self._name(owner_word))
                except (_RecordError, _StopFile, dns.exception.DNSException, ValueError, UnicodeError):
                    pass
        # The header as written, placeholders left out: ``www {{ttl}} IN A {{ip}}`` is an A record.
        header = parse_header(word for word in itertools.takewhile(_header_word, words) if _BLANK not in word)
        ttl: int | None = None
        rdtype: int | None = None
        if isinstance(header, tuple):
            ttl, _, rdtype, _ = header
        elif isinstance(header, UnknownType):
            ttl = header.ttl
        if ttl is not None:
            state.last_ttl = ttl
        owner = state.last_owner.name if state.last_owner is not None else None
        if rdtype == dns.rdatatype.SOA and owner is not None:
            self._set_aside_soa(owner, _substituted(text, shown, "0"), written_owner)
        # An SOA, a TXT record, ... set aside leave no name without its data; an address, an
        # MX, a CNAME, a delegation or a type not known may: then no name is said missing.
        incomplete = rdtype is None or rdtype in _NAMING_TYPES
        self.placeholders.add(self._position(line), owner if written_owner or not self.placeholder_owner else None, "record", *shown, incomplete=incomplete)

    def _set_aside_soa(self, owner: dns.name.Name, text: str, written_owner: bool) -> None:
        """What an SOA set aside still says: its owner is the apex, its MINIMUM (read with the
        placeholders as 0) the default TTL when nothing else sets one."""
        state, reading = self.state, self.reading
        if state.origin is None:
            state.origin = owner
        if reading.soa_owner is None:
            reading.soa_owner = owner
        if state.default_ttl is not None:
            return
        try:
            tok = _Tokenizer(text)
            if written_owner:
                tok.get()
            words = []
            while (token := tok.get()).is_identifier():
                words.append(token.value)
                if isinstance(parse_header(words), tuple):
                    break
            soa = dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.SOA, tok, self._origin(), relativize=False)
        except (_RecordError, _StopFile, dns.exception.DNSException, ValueError, UnicodeError):
            return
        state.default_ttl, state.default_ttl_from_soa = soa.minimum, True

    def _report_set_aside(self) -> None:
        """One issue per file for the records set aside, at the first of them."""
        placeholders, unknown = self.placeholders, self.unknown
        if placeholders.count:
            parts = [_counted(placeholders.kinds[kind], noun) for kind, noun in _KIND_NOUNS if kind in placeholders.kinds]
            subject = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
            verb = "holds" if placeholders.count == 1 else "hold"
            message = f"{subject} {verb} template placeholders ({_shown_list(placeholders)}); {'it was' if placeholders.count == 1 else 'they were'} not checked"
            self.reading.errors.append(ReadIssue(placeholders.first, message, placeholders.owner, kind=IssueKind.PLACEHOLDER, incomplete=placeholders.incomplete))
        if unknown.count:
            types = sorted(unknown.names)
            kind = "a type" if len(types) == 1 else "types"
            verb = "was" if unknown.count == 1 else "were"
            message = f"{_counted(unknown.count, 'record')} of {kind} mxlint does not know ({', '.join(types)}) {verb} not judged"
            # Their owners exist, with data no rule sees: no name of the zone is said missing.
            self.reading.errors.append(ReadIssue(unknown.first, message, unknown.owner, kind=IssueKind.UNKNOWN_TYPE, incomplete=True))

    def _finish(self, owner: dns.name.Name, ttl: int | None, rdtype: int, rdata: dns.rdata.Rdata, line: int) -> None:
        state = self.state
        if rdtype == dns.rdatatype.SOA:
            if self.reading.soa_owner is None:
                self.reading.soa_owner = owner
            if state.default_ttl is None:
                state.default_ttl, state.default_ttl_from_soa = rdata.minimum, True
        if ttl is None:
            ttl = state.implicit_ttl()
        if ttl is None:
            raise _Rejected("the record has no TTL and no default applies: add $TTL or a TTL")
        self._add(owner, ttl, rdtype, rdata, line)

    def _add(self, owner: dns.name.Name, ttl: int, rdtype: int, rdata: dns.rdata.Rdata, line: int) -> None:
        self._append(Record(owner, ttl, _RDTYPES(rdtype), rdata, self._position(line), self._origin()), line)

    def _append(self, record: Record, line: int) -> None:
        if len(self.reading.records) >= MAX_RECORDS:
            self.reading.stopped = True
            raise _StopFile(f"the zone holds more than {MAX_RECORDS:,} records; reading stopped")
        self.reading.records.append(record)

    def _identifier(self) -> dns.tokenizer.Token:
        token = self.tok.get()
        if not token.is_identifier():
            raise _RecordError("the record ends before its type")
        return token

    def _origin(self) -> dns.name.Name:
        if self.state.origin is None:
            raise _StopFile(NO_ORIGIN)
        return self.state.origin

    def _name(self, text: str) -> dns.name.Name:
        """An owner or directive name: relative to the origin, which must be known."""
        name = dns.name.from_text(text, self.state.origin, dns.name.IDNA_DEFAULT)
        if not name.is_absolute():
            raise _StopFile(NO_ORIGIN)
        return name

    # -- directives -----------------------------------------------------------------------

    def _directive(self, directive: str, line: int) -> None:
        tok = self.tok
        if directive == "$TTL":
            token = self._identifier()
            if number_too_long(token.value):
                raise _RecordError(f"$TTL: {too_long_message(token.value)}")
            self.state.default_ttl, self.state.default_ttl_from_soa = dns.ttl.from_text(token.value), False
            tok.get_eol()
        elif directive == "$ORIGIN":
            origin = self._name(self._identifier().value)
            tok.get_eol()
            self.state.origin = origin
            if self.reading.first_origin_directive is None:
                self.reading.first_origin_directive = origin
        elif directive == "$INCLUDE":
            token = tok.get()
            if not (token.is_identifier() or token.is_quoted_string()):
                raise _RecordError("$INCLUDE needs a file name")
            origin_token = tok.get()
            origin = self.state.origin
            if not origin_token.is_eol_or_eof():
                origin = self._name(origin_token.value)
                tok.get_eol()
            self._include(token.value, origin, line)
        elif directive == "$GENERATE":
            self._generate(line)
        else:
            raise _RecordError(f"unknown directive {directive}")

    def _include(self, name: str, origin: dns.name.Name | None, line: int) -> None:
        reading = self.reading
        if self.real_path is None:
            raise _IncludeRefused(f"$INCLUDE {name} refused: the text has no directory")
        target = self._included_path(name)
        if os.path.commonpath([reading.root, target]) != reading.root:
            raise _IncludeRefused(f"$INCLUDE {name} refused: it leads outside {_shown(reading.root)}")
        shown = path_in_tree(target, reading.tree)
        if target in reading.include_stack or target == self.real_path:
            raise _IncludeRefused(f"$INCLUDE {name} refused: the file includes itself (a loop)")
        if len(reading.include_stack) >= MAX_INCLUDE_DEPTH:
            raise _IncludeRefused(f"$INCLUDE {name} refused: includes nest deeper than {MAX_INCLUDE_DEPTH}")
        if reading.includes_opened >= MAX_INCLUDES:
            raise _IncludeRefused(f"$INCLUDE {name} refused: the zone already included {MAX_INCLUDES} files")
        reading.includes_opened += 1
        try:
            data = read_bytes(target, shown)
        except InputError as error:
            raise _IncludeRefused(f"$INCLUDE {name} refused: {str(error).split(': ', 1)[-1]}") from None
        included = _State(
            origin=origin,
            last_owner=self.state.last_owner,
            last_ttl=self.state.last_ttl,
            default_ttl=self.state.default_ttl,
            default_ttl_from_soa=self.state.default_ttl_from_soa,
        )
        reading.included.add(target)
        reading.files.append(shown)
        reading.include_stack.append(self.real_path)
        try:
            _FileReader(reading, decode_source(shown, data), target, included, may_hold_templates(data)).read()
        finally:
            reading.include_stack.pop()

    def _included_path(self, name: str) -> str:
        """The real path of the file ``$INCLUDE name`` reads: an absolute path as it is; a
        relative one in the first of the bases where it exists (the server's directory, the
        including file's, the tree named), else beside the including file."""
        if os.path.isabs(name):
            return self._absolute_included(name)
        candidates = [
            os.path.realpath(os.path.join(os.path.dirname(self.real_path), name) if base is None else os.path.join(base, name))
            for base in self.reading.bases
        ]
        found = next((real for real in candidates if os.path.isfile(real)), None)
        return found or next(real for base, real in zip(self.reading.bases, candidates) if base is None)

    def _absolute_included(self, name: str) -> str:
        """An absolute ``$INCLUDE``: as it is; for a zone a server's configuration declares, a
        repository keeps the server's files, not its host, so then also below the tree named
        as if it were ``/``, then by its last components in the bases (as the configuration's
        own ``file`` and ``include`` paths are looked for)."""
        reading = self.reading
        candidates = [name]
        if reading.declared:
            parts = [part for part in name.split("/") if part]
            candidates.append(os.path.join(reading.bases[-1] or os.curdir, *parts))
            candidates += [os.path.join(base, *parts[first:]) for first in range(1, len(parts)) for base in reading.bases if base is not None]
        for candidate in candidates:
            real = os.path.realpath(candidate)
            if os.path.isfile(real) and os.path.commonpath([reading.root, real]) == reading.root:
                return real
        return os.path.realpath(name)

    def _generate(self, line: int) -> None:
        """``$GENERATE range lhs [ttl] [class] type rhs`` (BIND's extension)."""
        tok = self.tok
        try:
            bounds = self._identifier().value
            if number_too_long(bounds):
                raise _RecordError(f"$GENERATE range: {too_long_message(bounds)}")
            start, stop, step = dns.grange.from_text(bounds)
            if step < 1 or stop < start:
                raise ValueError
        except (dns.exception.SyntaxError, ValueError, AssertionError):  # dnspython asserts on some
            raise _RecordError("$GENERATE has a bad range (use start-stop[/step], step 1 or more)") from None
        count = (stop - start) // step + 1
        if count > MAX_GENERATE_LINE:
            raise _RecordError(f"$GENERATE range of {count} names exceeds the limit of {MAX_GENERATE_LINE:,}")
        if self.reading.generated + count > MAX_GENERATED:
            raise _GenerateRefused(f"$GENERATE refused: the zone's $GENERATE lines would make more than {MAX_GENERATED:,} names")
        lhs = GenerateTemplate(self._identifier().value)
        ttl, rdclass, rdtype = self._header()
        if ttl is None:
            ttl = self.state.implicit_ttl()
        if ttl is None:
            raise _RecordError("$GENERATE has no TTL and no default applies")
        rest = tok.get_remaining()
        if not rest:
            raise _RecordError("$GENERATE needs a right-hand side")
        # One quoted token groups the right-hand side, as in BIND: its text is the data.
        if len(rest) == 1:
            rhs = GenerateTemplate(rest[0].value)
        else:
            rhs = GenerateTemplate(" ".join(f'"{t.value}"' if t.is_quoted_string() else t.value for t in rest))
        # Bounded by the text it makes, not only the names: a long right-hand side of
        # counters makes megabytes a record.
        made = count * (lhs.longest(start, stop) + rhs.longest(start, stop))
        if self.reading.generated_bytes + made > MAX_GENERATED_BYTES:
            raise _GenerateRefused(f"$GENERATE refused: the zone's $GENERATE lines would make more than {MAX_GENERATED_BYTES // 2**20} MiB of text")
        self.reading.generated += count
        self.reading.generated_bytes += made
        origin, origin_text = self._origin(), self._origin_text_now()
        for counter in range(start, stop + 1, step):
            owner_text, data = absolute_name(lhs.text(counter), origin_text), rhs.text(counter)
            # Generated records are what the fast path reads, checked the same way.
            words = generated_data_ok(rdtype, data, origin_text) if owner_text is not None and rdclass == dns.rdataclass.IN else None
            if words is not None:
                self.state.last_owner = _Owner(text_key(owner_text), owner_text)
                column = self.source.first_column(line)
                self._append(Record.from_text(self.state.last_owner.key, owner_text, ttl, rdtype, rdclass, " ".join(words), self.path, line, column, origin), line)
                continue
            owner = self._name(lhs.text(counter))
            self.state.last_owner = _Owner.of(owner)
            self._add(owner, ttl, rdtype, _rdata(rdclass, rdtype, data, origin), line)


def unclosed_parentheses(lines: list[str], first: int = 0) -> set[int]:
    """The numbers of the lines from ``lines[first]`` on whose first ``(`` (outside quotes and
    comments) is not closed before the end of the file, were a record to start on that line:
    the depth after it never comes back down to the depth before it. One pass over the text,
    one from the end; only the characters that matter are looked at, so most lines cost one
    regular-expression scan. (Depths are compared, never counted from the top of the file:
    the lines before ``first`` do not change the answer.)"""
    starts, after_first, line_min, has_open = [], [], [], []
    depth = 0
    for line in itertools.islice(lines, first, None):
        starts.append(depth)
        lowest, lowest_after, opened = depth, None, False
        for char in _parentheses(line):
            depth += 1 if char == "(" else -1
            lowest = min(lowest, depth)
            if opened:
                lowest_after = min(lowest_after, depth)
            elif char == "(":
                opened, lowest_after = True, depth
        line_min.append(lowest)
        after_first.append(lowest_after)
        has_open.append(opened)
    unclosed = set()
    below = depth  # the lowest depth from the end of the current line to the end of the file
    for index in range(len(starts) - 1, -1, -1):
        if has_open[index] and min(after_first[index], below) > starts[index]:
            unclosed.add(first + index + 1)
        below = min(below, line_min[index])
    return unclosed


def lines_to_close(lines: list[str], index: int, limit: int) -> int | None:
    """How many lines from ``lines[index]`` on it takes for the depth after the first ``(`` of
    that line to come back down to the depth the line starts at (1 when the line opens none);
    ``None`` when that does not happen within ``limit`` lines. The same judgement as
    ``unclosed_parentheses`` for one line, by looking ahead instead of at the whole file."""
    depth, opened = 0, False
    for looked, line in enumerate(itertools.islice(lines, index, index + limit), start=1):
        for char in _parentheses(line):
            depth += 1 if char == "(" else -1
            opened = opened or char == "("
            if opened and depth <= 0:
                return looked
        if not opened:
            return looked
    return None


def _parentheses(line: str) -> Iterator[str]:
    """The parentheses of a line that count: outside quotes and comments, not escaped."""
    quoted, escaped_until = False, -1
    for match in _PAREN_SYNTAX.finditer(line):
        index, char = match.start(), match.group()
        if index <= escaped_until:
            continue
        if char == "\\":
            escaped_until = index + 1
        elif char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char == ";":
            return
        else:
            yield char


#: How many read lines ``_FileReader`` releases at a time.
_LINES_RELEASED_TOGETHER = 16_384

_PAREN_SYNTAX = re.compile(r'[()";\\]')


_RDTYPES = functools.lru_cache(maxsize=None)(dns.rdatatype.RdataType.make)


def _shown(path: str) -> str:
    """A path as messages show it: relative to the working directory when it lies below it."""
    relative = os.path.relpath(path)
    return path if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative


class _Tokenizer(dns.tokenizer.Tokenizer):
    """dnspython's tokenizer, but a number too long for any DNS field is refused as text
    before ``int()`` (which raises past 4,300 digits): every integer of a record's data is
    read through ``as_int`` or ``get_ttl``."""

    def as_int(self, token: dns.tokenizer.Token, base: int = 10) -> int:
        if base == 10 and token.is_identifier() and number_too_long(token.value):
            raise dns.exception.SyntaxError(too_long_message(token.value))
        return super().as_int(token, base)

    def get_ttl(self) -> int:
        token = self.get()
        if token.is_identifier() and number_too_long(token.value):
            raise dns.exception.SyntaxError(too_long_message(token.value))
        self.unget(token)
        return super().get_ttl()


def _rdata(rdclass: int, rdtype: int, text: dns.tokenizer.Tokenizer | str, origin: dns.name.Name) -> dns.rdata.Rdata:
    if isinstance(text, str):
        text = _Tokenizer(text)
    try:
        return dns.rdata.from_text(rdclass, rdtype, text, origin, relativize=False)
    except (dns.exception.DNSException, ValueError, UnicodeError) as error:
        raise _RecordError(f"cannot read the {dns.rdatatype.to_text(rdtype)} record's data: {describe_error(error)}") from None


# -- records set aside ------------------------------------------------------------------------

#: Record types of other DNS servers that dnspython does not know: PowerDNS's ``ALIAS`` and
#: ``LUA``, and ``ANAME`` (the draft that standardises ALIAS, which some providers serve).
VENDOR_TYPES = frozenset({"ALIAS", "ANAME", "LUA"})
#: Types of IANA's registry that dnspython does not know by name (servers such as BIND do).
REGISTERED_TYPES = frozenset({"ATMA", "CLA", "DOA", "EID", "GID", "IPN", "NIMLOC", "RKEY", "SINK", "TALINK", "UID", "UINFO"})
#: A record of one of these types is set aside, not judged; any other type word dnspython does
#: not know is a mistake no server reads (MX000).
OTHER_SERVERS_TYPES = VENDOR_TYPES | REGISTERED_TYPES
#: The vendor types each server defines; a declared server refuses a zone with any other.
SERVER_TYPES: dict[str, frozenset[str]] = {"powerdns": frozenset({"ALIAS", "LUA"})}
SERVER_NAMES = {"bind": "BIND", "nsd": "NSD", "knot": "Knot DNS", "powerdns": "PowerDNS"}

_TXT_TYPES = frozenset({dns.rdatatype.TXT, dns.rdatatype.SPF})
#: Types whose records make a name exist with data the rules ask about (addresses, mail,
#: aliases, delegations): one set aside may leave a name without its data.
_NAMING_TYPES = frozenset({dns.rdatatype.A, dns.rdatatype.AAAA, dns.rdatatype.MX, dns.rdatatype.CNAME, dns.rdatatype.DNAME, dns.rdatatype.NS})
#: The types a PowerDNS ``LUA`` record computes that give its owner addresses.
_ADDRESS_GIVING = frozenset({dns.rdatatype.A, dns.rdatatype.AAAA, dns.rdatatype.CNAME})
#: How many placeholders (or types) a message names at most.
_SHOWN = 4
#: How long a placeholder a message shows may be.
_SHOWN_LENGTH = 40


class _SetAside:
    """The records of one file set aside for one reason: how many of each kind (``record``,
    ``directive``, ``control``), the first one's place and owner, the first few names to show
    (placeholders, types), and whether a name of the zone may now lack data. Bounded whatever
    the file holds."""

    __slots__ = ("count", "first", "incomplete", "kinds", "more", "names", "owner")

    def __init__(self) -> None:
        self.count = 0
        self.kinds: dict[str, int] = {}
        self.first: Position | None = None
        self.owner: dns.name.Name | None = None
        self.names: dict[str, None] = {}
        self.more = False
        self.incomplete = False

    def add(self, pos: Position, owner: dns.name.Name | None, kind: str, *names: str, incomplete: bool) -> None:
        if self.first is None:
            self.first, self.owner = pos, owner
        self.count += 1
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        for name in names:
            if name in self.names:
                continue
            if len(self.names) < _SHOWN:
                self.names[name] = None
            else:
                self.more = True
        self.incomplete = self.incomplete or incomplete


#: The kinds of entries set aside for their placeholders, as a message counts them.
_KIND_NOUNS = (("record", "record"), ("directive", "directive"), ("control", "template control line"))


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _shown_list(aside: _SetAside) -> str:
    shown = [name if len(name) <= _SHOWN_LENGTH else name[: _SHOWN_LENGTH - 1] + "…" for name in aside.names]
    return ", ".join(shown) + (", …" if aside.more else "")


@functools.cache
def _no_text_form(rdclass: int, rdtype: int) -> bool:
    """Whether dnspython knows the type by name only (``MB``, ``NULL``, ``A6``): it reads its
    data in RFC 3597's generic form alone."""
    return dns.rdata.get_rdata_class(rdclass, rdtype) is dns.rdata.GenericRdata and not dns.rdatatype.to_text(rdtype).startswith("TYPE")


def _split_txt(rdclass: int, rdtype: int, tok: dns.tokenizer.Tokenizer) -> dns.rdata.Rdata:
    """TXT data as PowerDNS reads it: a string longer than 255 octets is split into strings of
    255 (dnspython's ``TXT.from_text`` but for that)."""
    strings: list[bytes] = []
    try:
        for token in tok.get_remaining():
            token = token.unescape_to_bytes()
            if not (token.is_quoted_string() or token.is_identifier()):
                raise dns.exception.SyntaxError("expected a string")
            value = token.value
            strings.extend(value[start : start + 255] for start in range(0, max(len(value), 1), 255))
        if not strings:
            raise dns.exception.UnexpectedEnd
        return dns.rdata.get_rdata_class(rdclass, rdtype)(rdclass, rdtype, strings)
    except (dns.exception.DNSException, ValueError, UnicodeError) as error:
        raise _RecordError(f"cannot read the {dns.rdatatype.to_text(rdtype)} record's data: {describe_error(error)}") from None


#: Stands for a placeholder in a record's text while its header is read (no line holds it).
_BLANK = "\x01"
#: The words of a record's text: quoted strings, parentheses, and the words between.
_RECORD_WORDS = re.compile(r'"(?:[^"\\]|\\.)*"?|[()]|[^\s"()]+')


def _header_word(word: str) -> bool:
    return word != "(" and word != ")" and word[0] != '"'


def _substituted(text: str, marks: list[str], replacement: str) -> str:
    for mark in sorted(set(marks), key=len, reverse=True):
        text = text.replace(mark, replacement)
    return text


def _unless_templated(read: Callable[[str], object]) -> Callable[[str], object]:
    """A fast-path line reader that leaves a line holding template syntax to the general path
    (which sets its record aside)."""

    def guarded(line: str) -> object:
        if ("{" in line or "%" in line) and template_marks(without_comment(line)):
            return None
        return read(line)

    return guarded


_MODIFIER = re.compile(r"\{([+-]?\d+)(?:,(\d+)(?:,([doxXnN]))?)?\}")


class GenerateTemplate:
    """A ``$GENERATE`` side with its counters found once: the text of each counter value is
    its literal parts joined with the formatted counters (``$``, ``${offset,width,base}``;
    ``$$`` and ``\\$`` are a literal dollar). Raises ``_RecordError`` for a bad modifier."""

    __slots__ = ("literal_length", "parts", "widest")

    def __init__(self, template: str) -> None:
        parts: list[str | tuple[int, int, str]] = []
        literal: list[str] = []
        i = 0
        while i < len(template):
            # The text up to the next escape or dollar is taken whole (a long side in one step).
            stop = min((found for found in (template.find("\\", i), template.find("$", i)) if found >= 0), default=len(template))
            literal.append(template[i:stop])
            i = stop
            if i >= len(template):
                break
            if template[i] == "\\":
                literal.append(template[i : i + 2])
                i += 2
            elif template.startswith("$", i + 1):
                literal.append("$")
                i += 2
            else:
                i += 1
                offset, width, base = 0, 0, "d"
                if template.startswith("{", i):
                    match = _MODIFIER.match(template, i)
                    if match is None:
                        raise _RecordError("$GENERATE has a bad ${offset,width,base} modifier")
                    if number_too_long(match.group()) or len(match.group()) > 300:  # \d: other scripts too
                        raise _RecordError(f"$GENERATE modifier: {too_long_message(match.group())}")
                    offset = int(match.group(1))
                    width = min(int(match.group(2) or 0), 255)
                    base = match.group(3) or "d"
                    i = match.end()
                parts.append("".join(literal))
                literal = []
                parts.append((offset, width, base))
        parts.append("".join(literal))
        self.parts = parts
        self.literal_length = sum(len(part) for part in parts if type(part) is str)
        self.widest = [part for part in parts if type(part) is not str]

    def text(self, counter: int) -> str:
        """The side for one counter value."""
        if len(self.parts) == 1:
            return self.parts[0]  # type: ignore[return-value]
        return "".join(part if type(part) is str else _format_counter(counter + part[0], part[1], part[2]) for part in self.parts)

    def longest(self, start: int, stop: int) -> int:
        """An upper bound of the length of the text of any counter in ``start..stop``: what a
        line may make is measured before it is made."""
        return self.literal_length + sum(
            max(len(_format_counter(value + offset, width, base)) for value in (start, stop)) for offset, width, base in self.widest  # type: ignore[misc]
        )


def generate_text(template: str, counter: int) -> str:
    """Substitute a ``$GENERATE`` counter (``GenerateTemplate``)."""
    return GenerateTemplate(template).text(counter)


def _format_counter(value: int, width: int, base: str) -> str:
    if base not in "nN":
        return format(value, base).zfill(width)
    if value < 0:
        raise _RecordError("$GENERATE nibble mode needs a non-negative value")
    digits = "0123456789ABCDEF" if base == "N" else "0123456789abcdef"
    nibbles = []
    while True:
        nibbles.append(digits[value & 0xF])
        value >>= 4
        if value == 0 and len(".".join(nibbles)) >= width:
            return ".".join(nibbles)


# -- recognising ----------------------------------------------------------------------------


#: How many lines with content the recogniser looks at, at most (in the first ``HEAD_BYTES``).
HEAD_LINES = 50
#: Lines that read as neither records nor directives allowed before a directive or an SOA
#: still decides (a zone quoted deep inside another text does not make it a zone).
MAX_PREAMBLE = 3
CLASSES = frozenset({"IN", "CH", "CS", "HS", "ANY", "NONE"})
DIRECTIVES = frozenset({"$ORIGIN", "$TTL", "$INCLUDE", "$GENERATE"})

_TTL = re.compile(r"^(?:\d+|(?:\d+[wdhms])+)$", re.IGNORECASE)
_GENERIC = re.compile(r"^(?:TYPE|CLASS)\d+$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z0-9_*@$./\\-]+$")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"?')


EMPTY = Verdict(False, "empty or only comments")
NOT_RECORDS = Verdict(False, "no SOA, $ORIGIN, $TTL or records in its first lines")


def sniff_zone_text(head: bytes, truncated: bool = False) -> Verdict:
    """Whether the first bytes of a file read as a master file: a directive or an SOA decides;
    otherwise at least half of the lines with content must read as resource records. A
    template of a zone (``template_verdict``) is not one."""
    if b"\x00" in head:
        return Verdict(False, "binary data")
    text = _decode(head, truncated)
    if text is None:
        return Verdict(False, "not UTF-8 text")
    lines = re.split(r"\r\n|\r|\n", text)
    if truncated:
        lines = lines[:-1]  # the last line may be cut short
    if "{" in text or "%" in text:
        template = template_verdict(lines, _reads_as_zone)
        if template is not None:
            return template
    records = others = 0
    depth = 0
    for line in lines:
        content = _strip_comment(line)
        if depth > 0:  # inside a record's parentheses
            depth = max(0, depth + _depth_change(content))
            continue
        if not content.strip():
            continue
        if line.startswith(("```", "~~~")):
            return Verdict(False, "Markdown text")  # a zone quoted in documentation is not a zone
        kind = _line_kind(line, content)
        if kind in ("directive", "soa") and others <= MAX_PREAMBLE:
            return MINE
        if kind != "other":
            records += 1
            depth = max(0, _depth_change(content))
        else:
            others += 1
        if records + others >= HEAD_LINES:
            break
    if records == 0:
        return EMPTY if others == 0 else NOT_RECORDS
    return MINE if records >= others else NOT_RECORDS


def template_in_head(head: bytes, truncated: bool) -> Verdict | None:
    """``template_verdict`` of a file's first bytes (``None`` for what is not UTF-8 text)."""
    if not may_hold_templates(head):
        return None
    text = _decode(head, truncated)
    if text is None:
        return None
    lines = re.split(r"\r\n|\r|\n", text)
    return template_verdict(lines[:-1] if truncated else lines, _reads_as_zone)


def _reads_as_zone(line: str, content: str, marks: list[tuple[str, str]]) -> bool:
    """Whether a line is a zone's, its template syntax aside: a record or a directive, or a
    line with a class or a record type (upper case) where a record has them (what
    ``template_verdict`` is given to judge lines by: it rests on this module's reading of them)."""
    if not content.strip():
        return False
    if not marks:
        return _line_kind(line, _strip_comment(line)) != "other" if _strip_comment(line).strip() else False
    words = _substituted(content, [text for _, text in marks], f" {_BLANK} ").split()
    if not words:
        return False
    if words[0].upper() in DIRECTIVES and not line[:1].isspace():
        return True
    for word in words[(0 if line[:1].isspace() else 1) :][:3]:
        if word in CLASSES:
            return True
        if word != _BLANK and not _TTL.match(word):
            return word in RECORD_TYPES or word in OTHER_SERVERS_TYPES
    return False


def _decode(head: bytes, truncated: bool) -> str | None:
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A read cut in the middle of a character is not an encoding error.
        if truncated and error.start >= len(head) - 3:
            return head[: error.start].decode("utf-8", errors="replace")
        return None


def _strip_comment(line: str) -> str:
    """The line without its ``;`` comment and with quoted strings blanked (they may hold
    ``;`` or parentheses)."""
    blanked = _QUOTED.sub('""', line) if '"' in line else line
    return blanked.split(";", 1)[0]


def _depth_change(content: str) -> int:
    return content.count("(") - content.count(")")


def _line_kind(line: str, content: str) -> str:
    words = content.replace("(", " ( ").replace(")", " ) ").split()
    if words[0].upper() in DIRECTIVES and len(words) > 1 and not line[:1].isspace():
        return "directive"
    if line[:1].isspace():
        fields = words
    elif _NAME.match(words[0]):
        fields = words[1:]
    else:
        return "other"
    return _record_kind(fields)


def _record_kind(fields: list[str]) -> str:
    """``[ttl] [class] TYPE rdata`` (TTL and class in either order)."""
    prefixed = False
    index = 0
    while index < min(2, len(fields)) and (_TTL.match(fields[index]) or fields[index].upper() in CLASSES or _GENERIC.match(fields[index]) and fields[index].upper().startswith("CLASS")):
        index += 1
        prefixed = True
    if index >= len(fields) - 1:
        return "other"
    word, rdata = fields[index], [field for field in fields[index + 1 :] if field not in "()"]
    rdtype = word.upper()
    if rdtype not in RECORD_TYPES and rdtype not in OTHER_SERVERS_TYPES and not _GENERIC.match(word):
        return "other"
    if rdtype == "SOA":
        if not rdata and "(" in fields:
            return "soa"
        names = rdata[:2]
        return "soa" if len(names) == 2 and all(map(_is_name, names)) and any("." in n or n == "@" for n in names) else "other"
    check = _RDATA_CHECKS.get(rdtype)
    if check is not None:
        return "record" if rdata and check(rdata) else "other"
    # Lower-case type words in prose ("a txt thing") need a TTL or class to count.
    return "record" if (word.isupper() or prefixed) and (rdata or "(" in fields) else "other"


def _is_ip(text: str, version: int) -> bool:
    try:
        return ipaddress.ip_address(text).version == version
    except ValueError:
        return False


def _is_name(text: str) -> bool:
    return bool(_NAME.match(text)) and not text.startswith("$")


_RDATA_CHECKS = {
    "A": lambda rdata: len(rdata) == 1 and _is_ip(rdata[0], 4),
    "AAAA": lambda rdata: len(rdata) == 1 and _is_ip(rdata[0], 6),
    "MX": lambda rdata: len(rdata) == 2 and rdata[0].isdigit() and _is_name(rdata[1]),
    "NS": lambda rdata: len(rdata) == 1 and _is_name(rdata[0]),
    "CNAME": lambda rdata: len(rdata) == 1 and _is_name(rdata[0]),
    "PTR": lambda rdata: len(rdata) == 1 and _is_name(rdata[0]),
    "DNAME": lambda rdata: len(rdata) == 1 and _is_name(rdata[0]),
}


# -- locating a record's fields (fixes, ranges) -----------------------------------------------


class _Cursor:
    """A file-like reader of ``text`` from ``start`` that knows where it is."""

    def __init__(self, text: str, start: int) -> None:
        self.text, self.index = text, start

    def read(self, size: int = 1) -> str:
        chunk = self.text[self.index : self.index + size]
        self.index += len(chunk)
        return chunk


class _Tokens:
    """The tokens of the record that starts on a line: whether the line names an owner, the
    tokens (``None`` for a quoted string), the line the record ends on, the index in
    ``Text.plain`` after its last token, and the index where the tokenizer stopped (after the
    line end, parentheses and comments that close the record)."""

    __slots__ = ("owner", "tokens", "last_line", "end", "stop")

    def __init__(self, owner: bool, tokens: list[Token | None], last_line: int, end: int, stop: int) -> None:
        self.owner, self.tokens, self.last_line, self.end, self.stop = owner, tokens, last_line, end, stop


def _zone_tokens(text: Text, line: int, limit: int | None = 16) -> _Tokens | None:
    """The tokens of the record that starts on ``line`` (at most ``limit`` + 1), by
    dnspython's tokenizer; ``None`` when they cannot be read."""
    cursor = _Cursor(text.plain, text.plain_starts[line - 1])
    tokenizer = dns.tokenizer.Tokenizer(cursor)
    tokens: list[Token | None] = []
    owner = True
    end = text.plain_starts[line - 1]
    try:
        first = tokenizer.get(want_leading=True)
        if first.is_whitespace():
            owner = False
        else:
            tokenizer.unget(first)
        while True:
            token = tokenizer.get()
            if token.is_eol_or_eof():
                break
            if limit is not None and len(tokens) > limit:
                return None  # no MX record has this many tokens
            # The tokenizer reads one character past a token and keeps it for the next one;
            # past a quoted string that is its closing quote, which it reads again then.
            end = cursor.index - (1 if tokenizer.ungotten_char and not token.is_quoted_string() else 0)
            if token.is_quoted_string() or not token.is_identifier():
                tokens.append(None)
                continue
            start = end - len(token.value)
            if text.plain[start:end] != token.value:
                return None
            tokens.append(Token(start, token.value))
    except (dns.exception.DNSException, dns.tokenizer.UngetBufferFull):
        return None
    last_line = text.position(max(cursor.index - 1, 0))[0]
    return _Tokens(owner, tokens, last_line, end, cursor.index)


def _closed(plain: str, end: int, stop: int) -> int:
    """The index after the last ``)`` outside comments between a record's last token and
    where the tokenizer stopped (``end`` when there is none)."""
    in_comment = False
    for index in range(end, stop):
        char = plain[index]
        if in_comment:
            in_comment = char != "\n"
        elif char == ";":
            in_comment = True
        elif char == ")":
            end = index + 1
    return end


class _ZoneMx(MxFields):
    """An MX record's fields in a zone file, with the line(s) it takes, whether it names its
    owner, its TTL token and the first token after the owner (where a TTL would go)."""

    def __init__(self, text: Text, preference: Token, exchange: Token, lines: tuple[int, int], owner: bool, ttl: Token | None, after_owner: Token | None) -> None:
        super().__init__(text, preference, exchange, relative_names=True)
        self.lines, self.owner, self.ttl, self.after_owner = lines, owner, ttl, after_owner

    def removal(self) -> Edit | None:
        first, last = self.lines
        if not self._removable(first, last):
            return None
        old = self.text.whole_lines(first, last)
        return Edit(self.text.path, first, 1, old, "") if old else None

    def _removable(self, first: int, last: int) -> bool:
        if self.ttl is not None and not _ttl_directive_before(self.text, first):
            return False
        if not self.owner:
            return True
        # A record line that starts with white space takes the owner of the record before it.
        for line in self.text.lines[last:]:
            content = line.strip()
            if not content or content.startswith(";") or line.startswith("$"):
                continue
            return not line[:1].isspace()
        return True

    def ttl_edit(self, ttl: int) -> Edit | None:
        if not _ttl_directive_before(self.text, self.lines[0]):
            return None
        if self.ttl is not None:
            return self.text.edit(self.ttl, str(ttl))
        if self.after_owner is None:
            return None
        return self.text.insertion(self.after_owner.start, f"{ttl} ")


def _zone_mx(text: Text, line: int) -> _ZoneMx | None:
    if text.line(line).startswith("$"):
        return None  # a directive ($GENERATE): its records have no tokens of their own
    found = _zone_tokens(text, line)
    if found is None or any(token is None for token in found.tokens):
        return None
    data = [token for token in found.tokens if token is not None]
    if found.owner:
        data = data[1:]
    ttl = None
    after_owner = data[0] if data else None
    index = 0
    seen_class = False
    while index < len(data) and index < 2:
        word = data[index].text
        if ttl is None and word[:1].isdigit() and ttl_or_none(word) is not None:
            ttl = data[index]
        elif not seen_class and class_or_none(word) is not None:
            seen_class = True
        else:
            break
        index += 1
    if len(data) != index + 3 or data[index].text.upper() != "MX":
        return None
    return _ZoneMx(text, data[index + 1], data[index + 2], (line, found.last_line), found.owner, ttl, after_owner)


_TTL_DIRECTIVE = re.compile(r"^\$TTL\s", re.I)


def _ttl_directive_before(text: Text, line: int) -> bool:
    """Whether a ``$TTL`` precedes ``line``: without one, a record without a TTL takes the
    last TTL written (RFC 1035), so adding or changing one would change later records. The
    first ``$TTL`` is found once per text: a fix is asked for each of 10,000 records."""
    first = text.derived.get("zonefile.first-ttl")
    if first is None:
        first = text.derived["zonefile.first-ttl"] = next((index for index, written in enumerate(text.lines, start=1) if _TTL_DIRECTIVE.match(written)), len(text.lines) + 1)
    return first < line  # type: ignore[operator]


# -- the format -------------------------------------------------------------------------------


class ZoneFile(Format):
    """RFC 1035 master files, whatever their name."""

    name = "zonefile"
    patterns = PATTERNS
    comment = COMMENT
    sniffs_any_name = True
    claimed_names_are_zones = True

    def recognise(self, probe: Probe, trust: Trust) -> Verdict:
        # A `*.zone` file the user named, or bytes given under a name this format claims, is
        # read whatever it holds, and the reader reports what is wrong with it.
        named_zone = probe.name.endswith(".zone")
        if trust is Trust.GIVEN:
            return MINE
        try:
            head = probe.head()
        except OSError as error:
            # A `*.zone` file named is read all the same: the reader says what is wrong.
            return MINE if trust is Trust.NAME and named_zone else Verdict(False, f"cannot be read: {error.strerror or error}")
        if named_zone:  # only binary data and templates are refused; the reader reports the rest
            if trust is not Trust.NAME and b"\x00" in head:
                return Verdict(False, "binary data")
            template = template_in_head(head, probe.truncated())
            return MINE if template is None else template
        verdict = sniff_zone_text(head, truncated=probe.truncated())
        if not verdict and verdict.reason == EMPTY.reason and self.claims(probe.name):
            return MINE  # an empty db.example.com is a zone still to be filled
        return verdict

    def read(self, source: Source) -> list[Zone]:
        return [read_zone(source)]

    def locate(self, text: Text, pos: Position) -> MxFields | None:
        return _zone_mx(text, pos.line)

    def extent(self, text: Text, pos: Position) -> tuple[int, int]:
        """The end of the record (or directive) that starts at ``pos``: its last token, or the
        parenthesis that closes it, across lines, before any comment. Elsewhere (a comment),
        the end of the line's content."""
        if text.line(pos.line)[: pos.column - 1].strip():
            return super().extent(text, pos)
        found = _zone_tokens(text, pos.line, limit=None)
        if found is None or not found.tokens:
            return super().extent(text, pos)
        return text.position(_closed(text.plain, found.end, found.stop))


FORMAT = ZoneFile()
