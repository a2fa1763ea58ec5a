"""YAML zones: octoDNS's format and the native provider-table format, with node positions.

The document is parsed into events by a ``SafeLoader`` subclass and composed here into
PyYAML nodes, so that depth is bounded and aliases are shared, never expanded; scalars are
constructed by the safe constructor only (an unknown tag is an error, never an object).
Every value becomes RDATA text that ``dns.rdata.from_text`` parses.

octoDNS's ``!include`` tag is followed like ``$INCLUDE``: confined to the directory tree of
the file named on the command line (or ``include-root``), regular files only, no loops, with
bounded depth and count; the included document is composed with the same bounds.
"""

from __future__ import annotations

import io
import ipaddress
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import dns.exception
import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mxlint.limits import MAX_INCLUDE_DEPTH, MAX_INCLUDES, MAX_YAML_NODES
from mxlint.limits import MAX_YAML_DEPTH as MAX_DEPTH
from mxlint.readers.source import InputError, SourceText, decode_source, describe_error, read_bytes
from mxlint.origin import NO_ORIGIN, absolute_name, decide_origin
from mxlint.zone import Comment, IssueKind, Position, ReadIssue, Record, Zone

DEFAULT_TTL = 3600  # octoDNS's default_ttl
YAML_SUFFIXES = (".yaml", ".yml")

MX = dns.rdatatype.MX
#: Types octoDNS itself registers that are not DNS data (``Record.registered_types()`` less
#: what dnspython knows): a provider turns them into something else, so they are valid input
#: but no DNS record. An ALIAS gives its owner the addresses of its target.
OCTODNS_TYPES = frozenset({"ALIAS", "URLFWD"})
#: A provider's own type, registered by its octoDNS package as ``<Provider>/<TYPE>``
#: (octodns-route53's ``Route53Provider/ALIAS``); what it becomes is the provider's business.
PROVIDER_TYPE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*/[A-Za-z][A-Za-z0-9_-]*\Z")
#: Route 53 alias values name the type of the record set they stand for (A, AAAA, TXT, ...).
ADDRESS_TYPES = frozenset({"A", "AAAA"})

INCLUDE_TAG = "!include"
MERGE_TAG = "tag:yaml.org,2002:merge"
#: the node that stands for an ``!include`` that was not read (its finding is already made)
REFUSED_TAG = "tag:mxlint,2026:refused-include"

#: octoDNS's field names of the structured values, in RDATA order; quoted fields are strings.
STRUCTURED: dict[str, tuple[tuple[str, ...], frozenset[str], str]] = {
    "SRV": (("priority", "weight", "port", "target"), frozenset(), ""),
    "CAA": (("flags", "tag", "value"), frozenset({"value"}), ""),
    "SSHFP": (("algorithm", "fingerprint_type", "fingerprint"), frozenset(), ""),
    "NAPTR": (("order", "preference", "flags", "service", "regexp", "replacement"), frozenset({"flags", "service", "regexp"}), ""),
    "TLSA": (("certificate_usage", "selector", "matching_type", "certificate_association_data"), frozenset(), ""),
    "DS": (("key_tag", "algorithm", "digest_type", "digest"), frozenset(), ""),
    "LOC": (
        (
            "lat_degrees", "lat_minutes", "lat_seconds", "lat_direction",
            "long_degrees", "long_minutes", "long_seconds", "long_direction",
            "altitude", "size", "precision_horz", "precision_vert",
        ),
        frozenset(),
        "m",  # the last four fields are metres
    ),
}

_LOADER_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EventLoader(_LOADER_BASE):  # type: ignore[misc,valid-type]
    """Parses only; composition and construction happen in this module, with bounds."""


class _Skip(Exception):
    """A value that stands for a refused ``!include``: nothing to read and nothing more to say."""


class _Problem(Exception):
    def __init__(
        self, node_or_mark: Node | yaml.Mark | None, message: str, kind: IssueKind = IssueKind.SYNTAX, incomplete: bool = False
    ) -> None:
        super().__init__(message)
        self.mark = node_or_mark.start_mark if isinstance(node_or_mark, Node) else node_or_mark
        self.kind = kind
        self.incomplete = incomplete


class _StopDocument(_Problem):
    """A problem after which the rest of the document is not read (a bound was reached)."""


def read_yaml_file(path: str, origin: dns.name.Name | None = None, include_root: str | None = None) -> Zone:
    """Read an octoDNS or native YAML zone. ``origin`` (from ``--origin`` or configuration)
    fixes the apex; otherwise a native ``origin:`` key, else the file name (``decide_origin``).
    ``include_root`` widens where ``!include`` may reach (default: the file's directory).
    Raises ``InputError`` when it cannot be opened."""
    builder = _ZoneBuilder(origin, path, file_name=path)
    builder.include_root = os.path.realpath(include_root or os.path.dirname(os.path.realpath(path)))
    builder.read(decode_source(path, read_bytes(path, path), comment_char="#"), os.path.realpath(path))
    return builder.zone()


def read_yaml_text(text: str, origin: dns.name.Name | None, path: str = "<string>") -> Zone:
    return read_yaml_bytes(text.encode("utf-8"), origin, path)


def read_yaml_bytes(data: bytes, origin: dns.name.Name | None, path: str = "<bytes>") -> Zone:
    builder = _ZoneBuilder(origin, path)
    builder.read(decode_source(path, data, comment_char="#"))
    return builder.zone()


def read_split_directory(path: str, origin: dns.name.Name | None = None, include_root: str | None = None) -> Zone:
    """octoDNS's split layout: a directory named after the zone with one YAML file per name."""
    builder = _ZoneBuilder(origin, path, file_name=path)
    root = builder.include_root = os.path.realpath(include_root or path)
    for name in sorted(os.listdir(path)):
        file = os.path.join(path, name)
        if not name.lower().endswith(YAML_SUFFIXES) or not os.path.isfile(file):
            continue
        real = os.path.realpath(file)
        if os.path.commonpath([root, real]) != root:  # confined like !include and $INCLUDE
            builder.source_path = file
            builder._issue(None, f"not read: {name} is a symbolic link leading outside {path}", incomplete=True)
            continue
        builder.read(decode_source(file, read_bytes(file, file), comment_char="#"), real)
    return builder.zone()


# -- composing ------------------------------------------------------------------------------


#: ``include(event, depth)`` returns the node an ``!include`` scalar stands for
Includer = Callable[[ScalarEvent, int], Node]


class _NamedText(io.StringIO):
    """Text with a file name, so that the marks of an included document name their file."""

    def __init__(self, text: str, name: str) -> None:
        super().__init__(text)
        self.name = name


def compose(text: str, include: Includer | None = None, depth: int = 0, name: str | None = None) -> Node | None:
    """The first document's node graph. ``include`` reads ``!include`` scalars (without it
    the tag is refused like any other); ``depth`` is the nesting the document starts at and
    ``name`` the file its marks name. Raises ``_Problem`` (depth, several documents, bad
    aliases) and ``yaml.YAMLError`` (syntax)."""
    loader = EventLoader(text if name is None else _NamedText(text, name))
    resolver = yaml.SafeLoader("")
    root: Node | None = None
    stack: list[Node] = []
    pending_keys: list[Node | None] = []
    anchors: dict[str, Node] = {}
    documents = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Problem(event.start_mark, "only one YAML document per file is read; split the zone into files")
                continue
            if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                stack.pop().end_mark = event.end_mark
                pending_keys.pop()
                continue
            if isinstance(event, AliasEvent):
                if event.anchor not in anchors:
                    raise _Problem(event.start_mark, f"alias *{event.anchor} names no anchor")
                node: Node = anchors[event.anchor]
            elif isinstance(event, ScalarEvent) and event.tag == INCLUDE_TAG and include is not None:
                node = include(event, depth + len(stack))
            elif isinstance(event, ScalarEvent):
                tag = event.tag if event.tag not in (None, "!") else resolver.resolve(ScalarNode, event.value, event.implicit)
                node = ScalarNode(_allowed(tag, event), event.value, event.start_mark, event.end_mark, style=event.style)
            elif isinstance(event, CollectionStartEvent):
                kind = SequenceNode if isinstance(event, SequenceStartEvent) else MappingNode
                tag = event.tag if event.tag not in (None, "!") else resolver.resolve(kind, None, event.implicit)
                node = kind(_allowed(tag, event), [], event.start_mark, None, flow_style=event.flow_style)
            else:
                continue  # stream and document ends
            if getattr(event, "anchor", None) and not isinstance(event, AliasEvent):
                anchors[event.anchor] = node
            if not stack:
                root = node
            elif isinstance(stack[-1], SequenceNode):
                stack[-1].value.append(node)
            elif pending_keys[-1] is None:
                pending_keys[-1] = node
            else:
                stack[-1].value.append((pending_keys[-1], node))
                pending_keys[-1] = None
            if isinstance(event, CollectionStartEvent):
                if depth + len(stack) >= MAX_DEPTH:
                    raise _Problem(event.start_mark, f"the document nests deeper than {MAX_DEPTH} levels")
                stack.append(node)
                pending_keys.append(None)
    finally:
        loader.dispose()
    return root


#: The tags of plain data; any other tag (``!!python/...``, application tags) is refused.
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "binary", "seq", "map", "merge", "set", "omap", "pairs", "value")
)


def _allowed(tag: str, event: yaml.Event) -> str:
    if tag not in PLAIN_TAGS:
        raise _Problem(event.start_mark, f"YAML tag {tag} is not allowed (only plain data is read)")
    return tag


class DocumentError(Exception):
    """A YAML document that cannot be read as plain data; ``line`` is 1-based, if known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def load_plain(text: str, max_values: int = 100_000) -> object:
    """A small YAML document (a configuration) as plain Python data, read by the same bounded
    composer as the zones: no tags but plain data, 64 levels at most, and aliases and merge
    keys counted each time they are used, up to ``max_values`` values in all. Raises
    ``DocumentError``."""
    try:
        root = compose(text)
    except _Problem as problem:
        raise DocumentError(str(problem), problem.mark.line + 1 if problem.mark else None) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DocumentError(f"not valid YAML: {getattr(error, 'problem', None) or error}", mark.line + 1 if mark else None) from None
    constructor = yaml.SafeLoader("")
    left = [max_values]

    def build(node: Node) -> object:
        left[0] -= 1
        if left[0] < 0:
            raise DocumentError(f"the document expands to more than {max_values:,} values (aliases or merge keys)", node.start_mark.line + 1)
        if isinstance(node, SequenceNode):
            return [build(item) for item in node.value]
        if isinstance(node, MappingNode):
            mapping: dict[object, object] = {}
            for key, value in node.value:
                if key.tag == MERGE_TAG:
                    for source in value.value if isinstance(value, SequenceNode) else [value]:
                        merged = build(source)
                        if isinstance(merged, dict):
                            mapping = {**merged, **mapping}
                    continue
                built = build(key)
                if not isinstance(built, (str, int, float, bool)) and built is not None:
                    raise DocumentError("a mapping key must be a plain value", key.start_mark.line + 1)
                mapping[built] = build(value)
            return mapping
        return constructor.construct_object(node)

    return None if root is None else build(root)


# -- building the zone ----------------------------------------------------------------------


@dataclass
class _ZoneBuilder:
    #: the origin the caller gives (``--origin`` or configuration)
    given: dns.name.Name | None
    path: str
    #: the file or split directory the zone is read from, whose name may name the zone
    file_name: str | None = None
    #: the apex: until a native document's ``origin:`` key says more, what it is without one
    origin: dns.name.Name | None = field(init=False, default=None)
    records: list[Record] = field(default_factory=list)
    issues: list[ReadIssue] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    #: the owner of the record being read, for the issues it raises
    current_owner: dns.name.Name | None = None
    #: owners of ALIAS records: a provider gives them addresses the source does not list
    aliases: dict[dns.name.Name, Position] = field(default_factory=dict)
    #: the directory tree ``!include`` may reach; None: text without a file, nothing included
    include_root: str | None = None
    #: the real paths of the files being composed, outermost first (loops, depth)
    include_stack: list[str] = field(default_factory=list)
    includes_opened: int = 0
    #: merge keys applied, by mapping (node, pairs): each is merged once however often it is used
    merged: dict[int, tuple[Node, list[tuple[Node, Node]]]] = field(default_factory=dict)
    merged_size: int = 0
    #: the shown path of each included file, by the name its marks carry
    mark_files: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.origin = decide_origin(self.given, self.file_name)

    def zone(self) -> Zone:
        if self.origin is None:
            self.issues.append(ReadIssue(Position(self.path, 1, 1), NO_ORIGIN))
        return Zone(self.origin or dns.name.root, self.path, self.records, self.comments, self.issues, aliases=self.aliases)

    def read(self, source: SourceText, real_path: str | None = None) -> None:
        self.issues.extend(source.errors)
        self.comments.extend(source.comments)
        self.source_path = source.path
        self.constructor = yaml.SafeLoader("")
        self.include_stack = [real_path] if real_path else []
        try:
            root = compose(source.text, self._include)
        except _Problem as problem:
            self._issue(problem.mark, str(problem), incomplete=True)
            return
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
            problem = getattr(error, "problem", None) or str(error)
            self._issue(mark, f"YAML syntax error: {problem}", incomplete=True)
            return
        except RecursionError:  # a parser without its own bound
            self._issue(None, f"the document nests deeper than {MAX_DEPTH} levels", incomplete=True)
            return
        if root is None or root.tag in ("tag:yaml.org,2002:null", REFUSED_TAG):
            return  # an empty document holds no records; a refused include has its finding
        if not isinstance(root, MappingNode):
            self._issue(root, "the top level must be a mapping: record names (octoDNS) or origin/records (native)")
            return
        reader = self._native if _is_native(root) else self._octodns
        try:
            reader(root)
        except _StopDocument as stop:
            self._issue(stop.mark, str(stop), stop.kind, incomplete=True)

    def _include(self, event: ScalarEvent, depth: int) -> Node:
        """The document an ``!include`` names, or a placeholder after one finding (MX000,
        incomplete: the file may have held any name) when it is refused or cannot be read."""
        name = event.value
        try:
            return self._included(name, depth)
        except _Problem as problem:
            self._issue(event.start_mark, f"!include {name} refused: {problem}", incomplete=True)
            return ScalarNode(REFUSED_TAG, name, event.start_mark, event.end_mark)

    def _included(self, name: str, depth: int) -> Node:
        if self.include_root is None or not self.include_stack:
            raise _Problem(None, "the text has no directory")
        # octoDNS expands ``~``: such a name, like an absolute one, leads anywhere.
        if not name or os.path.isabs(name) or name.startswith("~"):
            raise _Problem(None, "only a path relative to the including file is followed")
        including = self.include_stack[-1]
        target = os.path.realpath(os.path.join(os.path.dirname(including), name))
        if os.path.commonpath([self.include_root, target]) != self.include_root:
            raise _Problem(None, f"it leads outside {self.include_root}")
        if target in self.include_stack:
            raise _Problem(None, "the file includes itself (a loop)")
        if len(self.include_stack) > MAX_INCLUDE_DEPTH:
            raise _Problem(None, f"includes nest deeper than {MAX_INCLUDE_DEPTH}")
        if self.includes_opened >= MAX_INCLUDES:
            raise _Problem(None, f"more than {MAX_INCLUDES} includes in one zone")
        self.includes_opened += 1
        shown = os.path.normpath(os.path.join(os.path.dirname(self._shown(including)), name))
        try:
            data = read_bytes(target, shown)
        except InputError as error:
            raise _Problem(None, str(error).split(": ", 1)[-1]) from None
        source = decode_source(shown, data, comment_char="#")
        self.comments.extend(source.comments)
        self.issues.extend(source.errors)
        # The marks of the included document carry its real path, which positions map back.
        self.mark_files[target] = shown
        self.include_stack.append(target)
        try:
            root = compose(source.text, self._include, depth, name=target)
        except _Problem as problem:
            raise _Problem(None, f"{problem} ({self._where(problem.mark)})") from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
            raise _Problem(None, f"YAML syntax error: {getattr(error, 'problem', None) or error} ({self._where(mark)})") from None
        except RecursionError:
            raise _Problem(None, f"the document nests deeper than {MAX_DEPTH} levels") from None
        finally:
            self.include_stack.pop()
        if root is None:  # an empty file: nothing, as octoDNS reads it
            return ScalarNode("tag:yaml.org,2002:null", "", None, None)
        return root

    def _shown(self, real_path: str) -> str:
        return self.mark_files.get(real_path, self.source_path)

    def _where(self, mark: yaml.Mark | None) -> str:
        pos = self._pos(mark)
        return f"{pos.file} line {pos.line}"

    # -- the two dialects ---------------------------------------------------------------

    def _octodns(self, root: MappingNode) -> None:
        if self.origin is None:
            return
        for key, value in self._pairs(root):
            owner = self._guard(key, lambda: self._owner(_text(key)))
            if owner is None:
                continue
            self.current_owner = owner
            for data in value.value if isinstance(value, SequenceNode) else [value]:
                self._guard(data, lambda: self._octodns_record(owner, data))
        self.current_owner = None

    def _octodns_record(self, owner: dns.name.Name, node: Node) -> None:
        fields = self._fields(node, "a record is a mapping with type, ttl and value or values")
        rdtype_text = self._type(fields, node)
        if rdtype_text is None:
            self._note_alias(owner, fields)
            return
        ttl = self._ttl(fields.get("ttl"), DEFAULT_TTL)
        values = fields.get("values", fields.get("value"))
        if values is None:
            raise _Problem(node, f"the {rdtype_text} record of {owner} has no value or values")
        # octoDNS reads a list under ``value:`` as it reads ``values:``.
        items = values.value if isinstance(values, SequenceNode) else [values]
        for item in items:
            self._guard(item, lambda: self._value(owner, ttl, rdtype_text, item, octodns=True))

    def _native(self, root: MappingNode) -> None:
        fields = dict((_text(k), v) for k, v in self._pairs(root))
        if "origin" in fields and self.given is None:  # a given origin wins: the key is not read
            found = self._guard(fields["origin"], lambda: _origin_key(self._scalar(fields["origin"], str, "origin")))
            # A key that cannot be read leaves the zone without an origin: the file name is no
            # better a guess than the origin its author wrote.
            self.origin = decide_origin(self.given, self.file_name, origin_key=found) if found is not None else None
        if self.origin is None:
            return
        default_ttl = self._guard(fields.get("ttl", root), lambda: self._ttl(fields.get("ttl"), DEFAULT_TTL)) or DEFAULT_TTL
        rows = fields.get("records")
        if rows is not None and rows.tag == REFUSED_TAG:
            return
        if not isinstance(rows, SequenceNode):
            self._issue(rows or root, "records must be a list of rows with name, type and value")
            return
        for row in rows.value:
            self.current_owner = None
            self._guard(row, lambda: self._native_row(row, default_ttl))

    def _note_alias(self, owner: dns.name.Name, fields: dict[str, Node]) -> None:
        """An octoDNS ALIAS gives its owner addresses; a provider's ``…/ALIAS`` does too unless
        every value names a record type that is no address (a Route 53 alias of a TXT set)."""
        rdtype_text = _text(fields["type"]).strip()
        if rdtype_text.upper() == "ALIAS":
            self.aliases.setdefault(owner, self._pos(fields["type"]))
            return
        if not rdtype_text.upper().endswith("/ALIAS"):
            return
        values = fields.get("values", fields.get("value"))
        items = values.value if isinstance(values, SequenceNode) else [values]
        types = [self._alias_type(item) for item in items]
        if not types or any(kind is None or kind in ADDRESS_TYPES for kind in types):
            self.aliases.setdefault(owner, self._pos(fields["type"]))

    def _alias_type(self, node: Node | None) -> str | None:
        if not isinstance(node, MappingNode):
            return None
        kind = dict((_text(k), v) for k, v in self._pairs(node)).get("type")
        return _text(kind).strip().upper() if isinstance(kind, ScalarNode) and kind.value else None

    def _native_row(self, node: Node, default_ttl: int) -> None:
        fields = self._fields(node, "a row is a mapping with name, type, ttl, priority and value")
        if "name" not in fields:
            raise _Problem(node, "the row has no name")
        owner = self.current_owner = self._owner(_text(fields["name"]))
        rdtype_text = self._type(fields, node)
        if rdtype_text is None:
            self._note_alias(owner, fields)
            return
        ttl = self._ttl(fields.get("ttl"), default_ttl)
        if "value" not in fields:
            raise _Problem(node, f"the {rdtype_text} row of {owner} has no value")
        if rdtype_text == "MX" and "priority" in fields:
            self._mx(owner, ttl, node, fields["priority"], fields["value"], octodns=False)
        else:
            self._value(owner, ttl, rdtype_text, fields["value"], octodns=False, at=node)

    # -- values ---------------------------------------------------------------------------

    def _value(self, owner: dns.name.Name, ttl: int, rdtype_text: str, node: Node, octodns: bool, at: Node | None = None) -> None:
        """One value; ``at`` is where the record is reported (the value itself by default)."""
        at = at or node
        if rdtype_text == "MX":
            if isinstance(node, MappingNode):
                fields = dict((_text(k), v) for k, v in self._pairs(node))
                preference = fields.get("preference", fields.get("priority"))
                exchange = fields.get("exchange", fields.get("value"))
                self._mx(owner, ttl, node, preference, exchange, octodns)
                return
            parts = node.value.split() if isinstance(node, ScalarNode) else []
            if len(parts) != 2:
                raise _Problem(node, f"the MX value of {owner} must be a preference and an exchange", IssueKind.MX_VALUE)
            preference, exchange = (self._part(node, part) for part in parts)
            self._mx(owner, ttl, at, preference, exchange, octodns)
            return
        rdtype = dns.rdatatype.from_text(rdtype_text)
        if rdtype in (dns.rdatatype.TXT, dns.rdatatype.SPF):
            content = str(self._scalar(node, (str, int, float), f"{rdtype_text} value"))
            text = quoted_strings(content.replace("\\;", ";") if octodns else content)
        elif isinstance(node, MappingNode) and rdtype_text in STRUCTURED:
            text = self._structured(rdtype_text, node)
        else:
            text = str(self._scalar(node, (str, int, float), f"{rdtype_text} value"))
        self._add(owner, ttl, rdtype, text, at)

    def _mx(self, owner: dns.name.Name, ttl: int, node: Node, preference: Node | None, exchange: Node | None, octodns: bool) -> None:
        """An MX value. In octoDNS an exchange without a trailing dot is taken as absolute
        (and MX111 says so); in the native dialect, as in a zone file, it is completed with
        the origin (and MX112/MX113 judge the result)."""
        if preference is None:
            raise _Problem(node, f"the MX value of {owner} has no preference", IssueKind.MX_VALUE)
        value = self._construct(preference)
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Problem(preference, f"the MX preference {_text(preference)!r} of {owner} is not an integer", IssueKind.MX_VALUE)
        if not 0 <= value <= 65535:
            raise _Problem(preference, f"the MX preference {value} of {owner} is out of range 0-65535", IssueKind.MX_VALUE)
        name = self._construct(exchange) if isinstance(exchange, ScalarNode) else exchange
        if not isinstance(name, str) or not name.strip():
            raise _Problem(exchange or node, f"the MX value of {owner} has no exchange", IssueKind.MX_VALUE)
        if octodns and not name.endswith(".") and not _is_address(name):  # an address is MX102's business
            absolute = name + "."
            self._issue(exchange, f"MX exchange {name!r} of {owner} has no trailing dot: read as {absolute}, but a tool may read it as {name}.{self.origin}", IssueKind.RELATIVE_EXCHANGE)
            name = absolute
        try:
            self._add(owner, ttl, MX, f"{value} {name}", node)
        except _Problem:
            raise _Problem(exchange, f"the MX exchange {name!r} of {owner} is not a domain name", IssueKind.MX_VALUE) from None

    def _part(self, node: ScalarNode, text: str) -> ScalarNode:
        """One word of a ``"10 mail.example.com."`` value as a scalar of its own."""
        tag = self.constructor.resolve(ScalarNode, text, (True, False))
        return ScalarNode(tag, text, node.start_mark, node.end_mark)

    def _structured(self, rdtype_text: str, node: MappingNode) -> str:
        names, quoted, unit = STRUCTURED[rdtype_text]
        fields = dict((_text(k), v) for k, v in self._pairs(node))
        missing = [name for name in names if name not in fields]
        if missing:
            raise _Problem(node, f"the {rdtype_text} value lacks {', '.join(missing)}")
        parts = []
        for index, name in enumerate(names):
            value = str(self._scalar(fields[name], (str, int, float), f"{rdtype_text} {name}"))
            if name in quoted:
                value = quoted_strings(value)
            elif unit and index >= len(names) - 4:
                value += unit
            parts.append(value)
        return " ".join(parts)

    def _add(self, owner: dns.name.Name, ttl: int, rdtype: int, text: str, node: Node) -> None:
        try:
            rdata = dns.rdata.from_text(dns.rdataclass.IN, rdtype, text, self.origin, relativize=False)
        except (dns.exception.DNSException, ValueError, UnicodeError) as error:
            raise _Problem(node, f"cannot read the {dns.rdatatype.to_text(rdtype)} value {text!r}: {describe_error(error)}") from None
        self.records.append(Record(owner, ttl, dns.rdatatype.RdataType.make(rdtype), rdata, self._pos(node), self.origin))

    # -- fields and scalars ---------------------------------------------------------------

    def _type(self, fields: dict[str, Node], node: Node) -> str | None:
        if "type" not in fields:
            raise _Problem(node, "the record has no type")
        written = str(self._scalar(fields["type"], str, "type")).strip()
        rdtype_text = written.upper()
        if rdtype_text in OCTODNS_TYPES or PROVIDER_TYPE.match(written):
            return None  # valid octoDNS input that is no DNS record
        try:
            dns.rdatatype.from_text(rdtype_text)
        except (dns.rdatatype.UnknownRdatatype, ValueError):  # ValueError: TYPEnnn out of range
            raise _Problem(fields["type"], f"{written} is neither a DNS record type nor one octoDNS knows") from None
        return rdtype_text

    def _ttl(self, node: Node | None, default: int) -> int:
        if node is None:
            return default
        value = self._construct(node)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 2**31 - 1:
            raise _Problem(node, f"ttl {_text(node)!r} is not a whole number of seconds from 0 to 2147483647")
        return value

    def _owner(self, text: str) -> dns.name.Name:
        if text in ("", "@"):
            return self.origin
        try:
            return dns.name.from_text(text, self.origin)
        except dns.exception.DNSException as error:
            raise _Problem(None, f"record name {text!r} is not a domain name ({describe_error(error)})") from None

    def _fields(self, node: Node, expected: str) -> dict[str, Node]:
        if node.tag == REFUSED_TAG:
            raise _Skip
        if not isinstance(node, MappingNode):
            raise _Problem(node, expected)
        return {_text(key): value for key, value in self._pairs(node)}

    def _pairs(self, node: MappingNode) -> list[tuple[Node, Node]]:
        """A mapping's pairs with ``<<`` merge keys applied: explicit keys win, then the
        sources in order. Each mapping is merged once (aliases share it) and each key is kept
        once, so the work is bounded by the document's size, not by how its aliases fan out."""
        done = self.merged.get(id(node))
        if done is not None:
            return done[1]
        if not any(key.tag == MERGE_TAG for key, _ in node.value):
            return node.value
        self.merged[id(node)] = (node, [])  # a merge loop through an anchor merges nothing twice
        pairs: dict[str, tuple[Node, Node]] = {}
        merged: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            if key.tag != MERGE_TAG:
                pairs.setdefault(_text(key), (key, value))
                continue
            for source in value.value if isinstance(value, SequenceNode) else [value]:
                if isinstance(source, MappingNode):
                    for pair in self._pairs(source):
                        merged.setdefault(_text(pair[0]), pair)
        result = [pair for name, pair in merged.items() if name not in pairs] + list(pairs.values())
        self.merged_size += len(result)
        if self.merged_size > MAX_YAML_NODES:
            raise _StopDocument(node, f"merge keys (<<) expand to more than {MAX_YAML_NODES:,} entries; reading stopped")
        self.merged[id(node)] = (node, result)
        return result

    def _scalar(self, node: Node, kinds: type | tuple[type, ...], what: str) -> object:
        value = self._construct(node) if isinstance(node, ScalarNode) else node
        if isinstance(value, bool) or not isinstance(value, kinds):
            raise _Problem(node, f"{what} must be {_kind_names(kinds)}, not {_describe_node(node)}")
        return value

    def _construct(self, node: Node) -> object:
        if not isinstance(node, ScalarNode):
            return node
        if node.tag == REFUSED_TAG:
            raise _Skip
        try:
            return self.constructor.construct_object(node)
        except yaml.constructor.ConstructorError:
            raise _Problem(node, f"YAML tag {node.tag} is not allowed (only plain data is read)") from None

    def _guard(self, node: Node, action):  # noqa: ANN001, ANN202 - a local control helper
        """Run one record's reading; its problem becomes an issue and reading goes on."""
        if node is not None and node.tag == REFUSED_TAG:
            return None
        try:
            return action()
        except _Skip:
            return None
        except _StopDocument:
            raise  # the document's reader reports it once and stops
        except _Problem as problem:
            self._issue(problem.mark or node.start_mark, str(problem), problem.kind, problem.incomplete)
            return None

    def _issue(self, where: Node | yaml.Mark | None, message: str, kind: IssueKind = IssueKind.SYNTAX, incomplete: bool = False) -> None:
        mark = where.start_mark if isinstance(where, Node) else where
        self.issues.append(ReadIssue(self._pos(mark), message, self.current_owner, kind, incomplete))

    def _pos(self, where: Node | yaml.Mark | None) -> Position:
        mark = where.start_mark if isinstance(where, Node) else where
        if mark is None:
            return Position(self.source_path, 1, 1)
        return Position(self.mark_files.get(mark.name, self.source_path), mark.line + 1, mark.column + 1)


def _is_native(root: MappingNode) -> bool:
    """Native documents have ``origin:`` or rows with ``name:`` under ``records:``."""
    keys = {_text(key): value for key, value in root.value}
    records = keys.get("records")
    if not isinstance(records, SequenceNode):
        return False
    if "origin" in keys:
        return True
    return any(isinstance(row, MappingNode) and any(_text(k) == "name" for k, _ in row.value) for row in records.value)


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _text(node: Node) -> str:
    """A key's text as written: numeric-looking names stay names (``'01'`` is not 1)."""
    return node.value if isinstance(node, ScalarNode) else ""


def _origin_key(text: str) -> dns.name.Name:
    try:
        return absolute_name(text)
    except dns.exception.DNSException as error:
        raise _Problem(None, f"origin {text!r} is not a domain name ({describe_error(error)})") from None


def _kind_names(kinds: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", float: "a number"}
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    return " or ".join(names.get(kind, kind.__name__) for kind in kinds)


def _describe_node(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return repr(node.value)


def quoted_strings(content: str) -> str:
    """Character-string text for TXT-like data: quoted, escaped, in chunks of 255 octets."""
    data = content.encode("utf-8")
    chunks = [data[i : i + 255] for i in range(0, len(data), 255)] or [b""]
    return " ".join('"' + "".join(_escape(byte) for byte in chunk) + '"' for chunk in chunks)


def _escape(byte: int) -> str:
    if byte in (0x22, 0x5C):
        return "\\" + chr(byte)
    if 0x20 <= byte < 0x7F:
        return chr(byte)
    return f"\\{byte:03d}"
