"""Fixes: finding the token a fix edits in the source, and applying fixes to files.

A rule knows the answer (the preference should be 0, the exchange was meant as
``mx1.example.com.``); where that token is written, the record model does not keep: only the
position of the record's first line. The helpers here re-read the record's source text and
find the token: in a zone file with dnspython's tokenizer from the record's first line (it
handles parentheses and comments), in YAML with the project's bounded composer. Each helper
checks that what it found is what the reader read (the same preference, the same exchange):
when in doubt there is no fix, never a wrong one.

Edits replace exactly a token's text; every other byte of the file (line ends, a BOM,
comments, alignment) stays. ``plan`` chooses the fixes to apply (conflicting ones are
dropped) and ``Plan.write`` writes atomically, never through a symbolic link nor outside the
trees named on the command line.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import dns.exception
import dns.name
import dns.tokenizer

from mxlint.readers.fastline import class_or_none, ttl_or_none
from mxlint.readers.source import BOM
from mxlint.rule import Edit, Finding, Fix
from mxlint.safe_text import printable
from mxlint.zone import Position, Record, Zone

_LINE_END = re.compile(r"\r\n|\r|\n")
#: Above this size a file is not re-read for fixes (the readers bound what they read too).
MAX_FIX_FILE_BYTES = 64 * 1024 * 1024


# -- the source texts of a run ------------------------------------------------------------------


class Text:
    """A file's bytes as text: the BOM set aside, line ends kept (``original``), and the
    lines joined with ``\\n`` (``plain``), which is what the readers tokenize and compose."""

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self.data = data
        self.bom = data.startswith(BOM)
        self.original = data[len(BOM) :].decode("utf-8") if self.bom else data.decode("utf-8")
        self.lines = _LINE_END.split(self.original)
        self.plain = "\n".join(self.lines)
        self.plain_starts = _starts(self.lines, [1] * len(self.lines))
        ends = [match.group() for match in _LINE_END.finditer(self.original)]
        self.ends = ends + [""]
        self.original_starts = _starts(self.lines, [len(end) for end in self.ends])
        #: the composed YAML document (or None when it cannot be composed), once
        self.yaml_root: object = _UNSET

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

    def edited(self, edits: Iterable[Edit]) -> bytes | None:
        """The bytes with ``edits`` applied (they must not overlap), or None when an edit's
        old text is not where it says."""
        text = self.original
        for start, edit in sorted(((self.original_offset(e.line, e.column), e) for e in edits), key=lambda pair: pair[0], reverse=True):
            if text[start : start + len(edit.old)] != edit.old:
                return None
            text = text[:start] + edit.new + text[start + len(edit.old) :]
        return (BOM if self.bom else b"") + text.encode("utf-8")


_UNSET = object()


def _starts(lines: Sequence[str], end_lengths: Sequence[int]) -> list[int]:
    starts, offset = [], 0
    for line, end in zip(lines, end_lengths):
        starts.append(offset)
        offset += len(line) + end
    return starts


@dataclass
class SourceTexts:
    """What fixes may read during one run: the zones read from files or standard input (live
    data and transfers have no text), and standard input's bytes by the path it stands for."""

    stdin: Mapping[str, bytes] = field(default_factory=dict)
    zones: set[int] = field(default_factory=set)
    cache: dict[str, Text | None] = field(default_factory=dict)

    def allow(self, zones: Iterable[Zone]) -> None:
        self.zones.update(id(zone) for zone in zones)

    def text(self, path: str) -> Text | None:
        """The text of ``path`` as it was when first asked for in this run (None when it
        cannot be read, is too large or is not UTF-8: such a file is not fixed)."""
        if path not in self.cache:
            self.cache[path] = self._read(path)
        return self.cache[path]

    def _read(self, path: str) -> Text | None:
        data = self.stdin.get(path)
        if data is None:
            try:
                if not stat.S_ISREG(os.stat(path).st_mode) or os.path.getsize(path) > MAX_FIX_FILE_BYTES:
                    return None
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError:
                return None
        try:
            return Text(path, data)
        except UnicodeDecodeError:
            return None


_CURRENT: contextvars.ContextVar[SourceTexts | None] = contextvars.ContextVar("mxlint_fix_sources", default=None)


@contextlib.contextmanager
def reading(texts: SourceTexts) -> Iterator[SourceTexts]:
    """Rules that run inside may compute fixes from ``texts``; outside, they compute none."""
    token = _CURRENT.set(texts)
    try:
        yield texts
    finally:
        _CURRENT.reset(token)


def _text_for(zone: Zone, pos: Position) -> Text | None:
    texts = _CURRENT.get()
    if texts is None or id(zone) not in texts.zones:
        return None
    return texts.text(pos.file)


def _is_yaml(path: str) -> bool:
    from mxlint.readers import YAML_FILE

    return YAML_FILE.claims(path)


# -- fixes rules ask for ------------------------------------------------------------------------


def preference_fix(zone: Zone, record: Record, preference: int, safe: bool = True) -> Fix | None:
    """The MX record's preference token rewritten as ``preference``."""
    found = _locate(zone, record)
    if found is None:
        return None
    text, mx = found
    return _fix([_edit(text, mx.preference, str(preference))], safe)


def exchange_fix(zone: Zone, record: Record, meant: dns.name.Name, safe: bool = True) -> Fix | None:
    """The MX record's exchange token rewritten to name ``meant``: in a zone file the
    smaller of the edits to an absolute name (``mx1.example.com.``) or to a name relative to
    the record's origin; in YAML an absolute name."""
    found = _locate(zone, record)
    if found is None:
        return None
    text, mx = found
    old = mx.exchange.value
    candidates = [meant.to_text()]
    if mx.zone_file and meant.is_subdomain(record.origin):
        candidates.append("@" if meant == record.origin else meant.relativize(record.origin).to_text())
    valid = [new for new in candidates if _names(new, record.origin, mx.zone_file) == meant and new != old]
    if not valid:
        return None
    new = min(valid, key=lambda candidate: _cost(old, candidate))  # min keeps the first (absolute) on a tie
    return _fix([_edit(text, mx.exchange, new)], safe)


def trailing_dot_fix(zone: Zone, pos: Position, safe: bool = False) -> Fix | None:
    """An octoDNS exchange at ``pos`` (a YAML scalar, or the second word of one) given its
    trailing dot."""
    text = _text_for(zone, pos)
    if text is None:
        return None
    mx = _yaml_mx_at(text, pos)
    if mx is None or not mx.exchange.value or mx.exchange.value.endswith("."):
        return None
    written = mx.exchange.value
    try:
        dns.name.from_text(written + ".")
    except (dns.exception.DNSException, ValueError):
        return None
    return _fix([_edit(text, mx.exchange, written + ".")], safe)


def removal_fix(zone: Zone, record: Record, safe: bool = False) -> Fix | None:
    """The record removed: its whole line(s) in a zone file, its list item in YAML. None when
    removing it would change another record (an owner or TTL the next line inherits) or when
    the lines hold more than the record."""
    found = _locate(zone, record)
    if found is None:
        return None
    text, mx = found
    if mx.lines is None:
        return None
    first, last = mx.lines
    if mx.zone_file and not _zone_removable(text, mx, first, last):
        return None
    old = text.whole_lines(first, last)
    if not old:
        return None
    return _fix([Edit(record.pos.file, first, 1, old, "")], safe)


def ttl_fix(zone: Zone, records: Sequence[Record], ttl: int, safe: bool = False) -> Fix | None:
    """Each record given the TTL ``ttl``: its TTL token edited, or one inserted. None unless
    every record can be edited (half an RRset fixed would still be a mismatch)."""
    edits: list[Edit] = []
    for record in records:
        found = _locate(zone, record)
        if found is None:
            return None
        text, mx = found
        edit = _zone_ttl_edit(text, mx, ttl) if mx.zone_file else _yaml_ttl_edit(text, mx, ttl)
        if edit is None:
            return None
        if edit not in edits:  # records of one YAML entry share its ttl
            edits.append(edit)
    return _fix(edits, safe) if edits else None


def _fix(edits: list[Edit | None], safe: bool) -> Fix | None:
    if not edits or any(edit is None for edit in edits):
        return None
    # Old and new texts are printed by every format: a fix never carries text that the
    # sanitiser would change (line ends aside, which JSON escapes and a diff needs).
    for edit in edits:
        for part in (edit.old, edit.new):
            if any(printable(piece) != piece for piece in _LINE_END.split(part)):
                return None
    return Fix(tuple(edits), safe)  # type: ignore[arg-type]


def _cost(old: str, new: str) -> int:
    prefix = len(os.path.commonprefix([old, new]))
    rest_old, rest_new = old[prefix:], new[prefix:]
    suffix = len(os.path.commonprefix([rest_old[::-1], rest_new[::-1]]))
    return len(rest_old) + len(rest_new) - 2 * suffix


def _names(text: str, origin: dns.name.Name, zone_file: bool) -> dns.name.Name | None:
    try:
        if zone_file:
            return dns.name.from_text(text, origin)
        return dns.name.from_text(text if text.endswith(".") else text + ".")
    except (dns.exception.DNSException, ValueError):
        return None


# -- locating a record's tokens -----------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    """A token as written: its index in ``Text.plain`` and its text."""

    start: int
    text: str
    #: the quote around it in YAML (kept when the token is rewritten), or ""
    quote: str = ""

    @property
    def value(self) -> str:
        """The text without its quotes."""
        return self.text[len(self.quote) : len(self.text) - len(self.quote)]


@dataclass
class _Mx:
    preference: _Token
    exchange: _Token
    zone_file: bool
    #: the lines a removal takes (first, last), or None when the record cannot be removed
    lines: tuple[int, int] | None = None
    #: zone file: whether the line names the owner; the TTL and the first token after the owner
    owner: bool = False
    ttl: _Token | None = None
    after_owner: _Token | None = None
    #: YAML: the record's mapping (for its ttl)
    node: object = None


def _edit(text: Text, token: _Token, new: str) -> Edit:
    line, column = text.position(token.start)
    return Edit(text.path, line, column, token.text, f"{token.quote}{new}{token.quote}" if token.quote else new)


def _locate(zone: Zone, record: Record) -> tuple[Text, _Mx] | None:
    """The tokens of an MX record, checked against what the reader read."""
    text = _text_for(zone, record.pos)
    if text is None or not 0 < record.pos.line <= len(text.lines):
        return None
    mx = None
    if not _is_yaml(record.pos.file):
        mx = _zone_mx(text, record)
    if mx is None:
        mx = _yaml_mx_at(text, record.pos)
    if mx is None or not _same(mx, record):
        return None
    return text, mx


def _same(mx: _Mx, record: Record) -> bool:
    if not mx.preference.value.isdigit() or int(mx.preference.value) != record.rdata.preference:
        return False
    return _names(mx.exchange.value, record.origin, mx.zone_file) == record.rdata.exchange


class _Cursor:
    """A file-like reader of ``text`` from ``start`` that knows where it is."""

    def __init__(self, text: str, start: int) -> None:
        self.text, self.index = text, start

    def read(self, size: int = 1) -> str:
        chunk = self.text[self.index : self.index + size]
        self.index += len(chunk)
        return chunk


def _zone_tokens(text: Text, line: int) -> tuple[bool, list[_Token | None], int] | None:
    """The tokens of the record that starts on ``line``: whether the line names an owner,
    the tokens (None for a quoted string), and the line the record ends on."""
    cursor = _Cursor(text.plain, text.plain_starts[line - 1])
    tokenizer = dns.tokenizer.Tokenizer(cursor)
    tokens: list[_Token | None] = []
    owner = True
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
            if len(tokens) > 16:
                return None  # no MX record has this many tokens
            if token.is_quoted_string() or not token.is_identifier():
                tokens.append(None)
                continue
            # The tokenizer reads one character past a token and keeps it for the next one.
            end = cursor.index - (1 if tokenizer.ungotten_char else 0)
            start = end - len(token.value)
            if text.plain[start:end] != token.value:
                return None
            tokens.append(_Token(start, token.value))
    except (dns.exception.DNSException, dns.tokenizer.UngetBufferFull):
        return None
    last_line = text.position(max(cursor.index - 1, 0))[0]
    return owner, tokens, last_line


def _zone_mx(text: Text, record: Record) -> _Mx | None:
    if text.line(record.pos.line).startswith("$"):
        return None  # a directive ($GENERATE): its records have no tokens of their own
    found = _zone_tokens(text, record.pos.line)
    if found is None:
        return None
    owner, tokens, last = found
    if any(token is None for token in tokens):
        return None
    data = [token for token in tokens if token is not None]
    if owner:
        data = data[1:]
    ttl = None
    after_owner = data[0] if data else None
    index = 0
    seen_class = False
    while index < len(data) and index < 2:
        word = data[index].text
        if ttl is None and _is_ttl(word):
            ttl = data[index]
        elif not seen_class and _is_class(word):
            seen_class = True
        else:
            break
        index += 1
    if len(data) != index + 3 or data[index].text.upper() != "MX":
        return None
    return _Mx(data[index + 1], data[index + 2], True, (record.pos.line, last), owner, ttl, after_owner)


def _is_ttl(word: str) -> bool:
    return word[:1].isdigit() and ttl_or_none(word) is not None


def _is_class(word: str) -> bool:
    return class_or_none(word) is not None


_TTL_DIRECTIVE = re.compile(r"^\$TTL\s", re.I)


def _ttl_directive_before(text: Text, line: int) -> bool:
    """Whether a ``$TTL`` precedes ``line``: without one, a record without a TTL takes the
    last TTL written (RFC 1035), so adding or changing one would change later records."""
    return any(_TTL_DIRECTIVE.match(text.lines[index]) for index in range(line - 1))


def _zone_removable(text: Text, mx: _Mx, first: int, last: int) -> bool:
    if mx.ttl is not None and not _ttl_directive_before(text, first):
        return False
    if not mx.owner:
        return True
    # A record line that starts with white space takes the owner of the record before it.
    for line in text.lines[last:]:
        content = line.strip()
        if not content or content.startswith(";") or line.startswith("$"):
            continue
        return not line[:1].isspace()
    return True


def _zone_ttl_edit(text: Text, mx: _Mx, ttl: int) -> Edit | None:
    assert mx.lines is not None
    if not _ttl_directive_before(text, mx.lines[0]):
        return None
    if mx.ttl is not None:
        return _edit(text, mx.ttl, str(ttl))
    if mx.after_owner is None:
        return None
    line, column = text.position(mx.after_owner.start)
    return Edit(text.path, line, column, "", f"{ttl} ")


# -- YAML ---------------------------------------------------------------------------------------


def _yaml_root(text: Text) -> object:
    if text.yaml_root is _UNSET:
        import yaml
        from yaml.nodes import ScalarNode

        from mxlint.readers.yamlzone import compose

        # An !include stays a placeholder: only this file's own nodes are edited here.
        def placeholder(event, depth):  # noqa: ANN001, ANN202
            return ScalarNode("tag:mxlint,2026:fix-include", event.value, event.start_mark, event.end_mark)

        try:
            text.yaml_root = compose(text.plain, placeholder)
        except (yaml.YAMLError, RecursionError, Exception):  # noqa: BLE001 - no fix is the answer to any doubt
            text.yaml_root = None
    return text.yaml_root


def _walk(root: object) -> Iterator[tuple[object, object | None]]:
    """Every node with its parent, each once (aliases share nodes)."""
    from yaml.nodes import MappingNode, SequenceNode

    seen: set[int] = set()
    stack: list[tuple[object, object | None]] = [(root, None)]
    while stack:
        node, parent = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node, parent
        if isinstance(node, SequenceNode):
            stack.extend((child, node) for child in node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend(((key, node), (value, node)))


def _fields(node: object) -> dict[str, object] | None:
    from yaml.nodes import MappingNode, ScalarNode

    if not isinstance(node, MappingNode):
        return None
    fields = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode) or key.value == "<<" or key.tag.endswith(":merge"):
            return None  # merged keys are not written here
        fields[key.value] = value
    return fields


def _yaml_mx_at(text: Text, pos: Position) -> _Mx | None:
    from yaml.nodes import MappingNode, ScalarNode

    root = _yaml_root(text)
    if root is None:
        return None
    parents = {}
    at = []
    for node, parent in _walk(root):
        parents[id(node)] = parent
        mark = node.start_mark  # type: ignore[attr-defined]
        if mark is not None and (mark.line + 1, mark.column + 1) == (pos.line, pos.column):
            at.append(node)
    for node in sorted(at, key=lambda n: not isinstance(n, MappingNode)):
        mx = _yaml_value(text, node)
        if mx is None:
            continue
        mx.lines = _yaml_item_lines(text, node, parents)
        mx.node = _yaml_record(node, parents)
        return mx
    # MX111 points at the exchange scalar itself.
    for node in at:
        if isinstance(node, ScalarNode):
            parent = parents.get(id(node))
            fields = _fields(parent) or {}
            if fields.get("exchange") is node or fields.get("value") is node:
                mx = _yaml_value(text, parent)
                if mx is not None:
                    return mx
    return None


def _yaml_value(text: Text, node: object) -> _Mx | None:
    """The preference and exchange tokens of an MX value: a mapping (octoDNS ``exchange`` and
    ``preference``, a native row's ``priority`` and ``value``) or a ``"10 mx1"`` string."""
    from yaml.nodes import MappingNode, ScalarNode

    if isinstance(node, MappingNode):
        fields = _fields(node)
        if fields is None:
            return None
        preference = fields.get("preference", fields.get("priority"))
        exchange = fields.get("exchange", fields.get("value"))
        if preference is None:
            return _yaml_value(text, exchange) if isinstance(exchange, ScalarNode) else None
        first, second = _scalar_token(text, preference), _scalar_token(text, exchange)
        if first is None or second is None:
            return None
        return _Mx(first, second, False)
    if isinstance(node, ScalarNode):
        token = _scalar_token(text, node)
        if token is None:
            return None
        inner = token.start + len(token.quote)
        words = [(match.start(), match.group()) for match in re.finditer(r"\S+", token.text[len(token.quote) : len(token.text) - len(token.quote)])]
        if len(words) != 2:
            return None
        # A word keeps no quote of its own: the scalar's quotes stay where they are.
        return _Mx(_Token(inner + words[0][0], words[0][1]), _Token(inner + words[1][0], words[1][1]), False)
    return None


def _scalar_token(text: Text, node: object) -> _Token | None:
    """A one-line scalar as written: plain, or quoted without escapes."""
    from yaml.nodes import ScalarNode

    if not isinstance(node, ScalarNode) or node.start_mark is None or node.end_mark is None or not node.tag.startswith("tag:yaml.org"):
        return None
    start, end = node.start_mark, node.end_mark
    if start.line != end.line or start.line >= len(text.lines):
        return None
    begin = text.plain_starts[start.line] + start.column
    written = text.plain[begin : text.plain_starts[end.line] + end.column]
    if node.style in (None, "") and written == node.value:
        return _Token(begin, written)
    if node.style in ("'", '"') and len(written) >= 2 and written[0] == written[-1] == node.style and written[1:-1] == node.value and "\\" not in written:
        return _Token(begin, written, node.style)
    return None


def _yaml_record(node: object, parents: Mapping[int, object]) -> object | None:
    """The mapping that carries the record's ``type`` (and ``ttl``): the value itself (a
    native row) or the entry it is listed under."""
    current: object | None = node
    for _ in range(3):
        fields = _fields(current)
        if fields is not None and "type" in fields:
            return current
        current = parents.get(id(current))
        if current is None:
            return None
    return None


def _yaml_item_lines(text: Text, node: object, parents: Mapping[int, object]) -> tuple[int, int] | None:
    """The lines of the block-list item a duplicate value is: the value itself (``values:``)
    or its entry, when the entry holds that one value. None when the item shares its lines."""
    from yaml.nodes import SequenceNode

    item, parent = node, parents.get(id(node))
    if not isinstance(parent, SequenceNode):
        fields = _fields(parent)
        if fields is None or fields.get("value") is not node or not isinstance(parents.get(id(parent)), SequenceNode):
            return None
        item, parent = parent, parents.get(id(parent))
    if parent.flow_style or item.start_mark is None:  # type: ignore[attr-defined]
        return None
    first = item.start_mark.line + 1  # type: ignore[attr-defined]
    before = text.line(first)[: item.start_mark.column]  # type: ignore[attr-defined]
    if not re.fullmatch(r"\s*-\s+", before):
        return None  # the item does not start its line with "- "
    last = _last_line(item)
    # Nothing after the item on its last line but a comment.
    tail = text.line(last)[_end_column(item, last) :]
    if tail.strip() and not tail.strip().startswith("#"):
        return None
    return first, last


def _last_line(node: object) -> int:
    from yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return _last_line(node.value[-1][1])
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _last_line(node.value[-1])
    return node.end_mark.line + 1  # type: ignore[attr-defined]


def _end_column(node: object, line: int) -> int:
    from yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return _end_column(last[1] if isinstance(node, MappingNode) else last, line)
    return node.end_mark.column  # type: ignore[attr-defined]


def _yaml_ttl_edit(text: Text, mx: _Mx, ttl: int) -> Edit | None:
    from yaml.nodes import MappingNode

    node = mx.node
    fields = _fields(node)
    if fields is None or not isinstance(node, MappingNode) or not node.value:
        return None
    if "ttl" in fields:
        token = _scalar_token(text, fields["ttl"])
        if token is None or token.quote or not token.text.isdigit():
            return None
        return _edit(text, token, str(ttl))
    key = node.value[0][0]
    line, column = key.start_mark.line + 1, key.start_mark.column + 1
    if node.flow_style:
        return Edit(text.path, line, column, "", f"ttl: {ttl}, ")
    end = text.ends[line - 1] or "\n"
    return Edit(text.path, line, column, "", f"ttl: {ttl}{end}{' ' * (column - 1)}")


# -- applying -----------------------------------------------------------------------------------


@dataclass
class Plan:
    """The fixes chosen for a run: the findings they fix and each file's new bytes."""

    texts: SourceTexts
    fixed: list[Finding] = field(default_factory=list)
    #: findings whose fix touches a token another chosen fix touches: neither is applied
    conflicts: list[Finding] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)

    def diff(self) -> str:
        """A unified diff of every changed file, paths as given without ``a/``/``b/``
        (``patch -p0`` applies it). Lines are sanitised as every printed input is; tabs and
        line ends stay, which the diff needs to apply."""
        from difflib import unified_diff  # only --diff shows one: not on every run's start-up path

        out: list[str] = []
        for path in sorted(self.files):
            text = self.texts.text(path)
            assert text is not None
            before = text.original.splitlines(keepends=True)
            after = self.files[path][len(BOM) if text.bom else 0 :].decode("utf-8").splitlines(keepends=True)
            shown = _printable_line(path)
            for line in unified_diff(before, after, shown, shown):
                if not line.endswith(("\n", "\r")):
                    line += "\n\\ No newline at end of file\n"
                out.append(_printable_line(line))
        return "".join(out)

    def write(self, roots: Sequence[str], stdin: Iterable[str] = ()) -> tuple[list[str], list[str], bool]:
        """Write the changed files: atomically, keeping their permissions. Returns the paths
        written, one line for each file refused or not written, and whether a write failed
        (an I/O error: exit 2) rather than being refused."""
        written, notes, failed = [], [], False
        real_roots = [os.path.realpath(root) for root in roots]
        for path in sorted(self.files):
            text = self.texts.text(path)
            assert text is not None
            why = None if path not in set(stdin) else "standard input is not written (use --diff to see the fixes)"
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


@dataclass
class Outcome:
    """What ``--fix`` or ``--diff`` did: the findings left, how many were fixed, the diff (for
    ``--diff``), lines for stderr, and whether a file could not be written (exit 2)."""

    findings: list[Finding]
    fixed: int = 0
    diff: str = ""
    notes: list[str] = field(default_factory=list)
    failed: bool = False


def apply(
    findings: Sequence[Finding],
    texts: SourceTexts,
    relint: Callable[[], list[Finding]],
    *,
    write: bool,
    unsafe: bool,
    roots: Sequence[str],
    stdin: Iterable[str] = (),
) -> Outcome:
    """Fix what can be fixed: with ``write``, edit the files and ``relint`` them for what is
    left; without, only say what would change (``--diff``)."""
    chosen = plan(findings, texts, unsafe)
    notes = [
        f"mxlint: {finding.path}:{finding.line}:{finding.column}: {finding.rule} not fixed: another fix edits the same text"
        for finding in chosen.conflicts
    ]
    fixed_now = set(chosen.fixed)
    if not write:
        count, files = len(chosen.fixed), len(chosen.files)
        notes.append(f"mxlint: would fix {count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}")
        return Outcome([finding for finding in findings if finding not in fixed_now], diff=chosen.diff(), notes=notes)
    written, refusals, failed = chosen.write(roots, stdin)
    if not written:
        return Outcome(list(findings), notes=notes + refusals, failed=failed)
    # What is left is what the files now say: read them again.
    fixed = sum(1 for finding in chosen.fixed if all(edit.path in written for edit in finding.fix.edits))  # type: ignore[union-attr]
    return Outcome(relint(), fixed, notes=notes + refusals, failed=failed)


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


def plan(findings: Sequence[Finding], texts: SourceTexts, unsafe: bool) -> Plan:
    """The fixes to apply: every applicable one whose edits touch no token another one
    touches (two fixes of the same token are both left out, and their findings stay)."""
    result = Plan(texts)
    chosen: list[tuple[Finding, list[tuple[str, int, int]]]] = []
    for finding in findings:
        if not applicable(finding, unsafe):
            continue
        spans = []
        for edit in finding.fix.edits:  # type: ignore[union-attr]
            text = texts.text(edit.path)
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
        text = texts.text(path)
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
