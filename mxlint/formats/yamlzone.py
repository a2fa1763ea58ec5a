"""What the YAML formats share (octoDNS and native, ``mxlint.formats.octodns`` and
``mxlint.formats.native``): building records from YAML nodes, recognising a YAML zone, and
finding an MX value's fields in YAML text for fixes.

A document is composed by the shared loader (``mxlint.yamlload``: bounded, aliases shared,
plain tags only, ``!include`` followed); a dialect walks it and hands each value to the
``YamlZone`` builder, which makes RDATA text that ``dns.rdata.from_text`` parses, so MX
semantics are dnspython's whatever the source. Every problem with a value is a ``ReadIssue``
at the value's node, and reading goes on.
"""

from __future__ import annotations

import ipaddress
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence

import dns.exception
import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mxlint.format import MINE, MxFields, Probe, Trust, Verdict
from mxlint.limits import MAX_GENERATED, MAX_GENERATED_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES, PYTHON_DIGITS, number_too_long, too_long_message
from mxlint.origin import NO_ORIGIN, absolute_name, decide_origin, origin_from_file_name
from mxlint.record import RECORD_TYPES, Comment, IssueKind, Position, ReadIssue, Record
from mxlint.safe_text import clipped
from mxlint.source import Edit, Source, Text, Token, decode_source, describe_error, read_bytes
from mxlint.yamlload import MERGE_TAG, NULL_TAG, REFUSED_TAG, Includer, YamlProblem, compose, syntax_error
from mxlint.zone import Zone

#: The tag of a YAML integer, the scalar ``int()`` converts.
INT_TAG = "tag:yaml.org,2002:int"

COMMENT = "#"
DEFAULT_TTL = 3600  # octoDNS's default_ttl

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


class Problem(Exception):
    """A problem with the value being read: an issue at ``node_or_mark``, and reading goes on
    with the next value."""

    def __init__(
        self, node_or_mark: Node | yaml.Mark | None, message: str, kind: IssueKind = IssueKind.SYNTAX, incomplete: bool = False
    ) -> None:
        super().__init__(message)
        self.mark = node_or_mark.start_mark if isinstance(node_or_mark, Node) else node_or_mark
        self.kind = kind
        self.incomplete = incomplete


class StopDocument(Problem):
    """A problem after which the rest of the document is not read (a bound was reached)."""


class Skip(Exception):
    """A value that stands for a refused ``!include``: nothing to read and nothing more to say."""


#: how a dialect reads a document: ``walk(zone, root)`` with the root mapping
Walk = Callable[["YamlZone", MappingNode], None]


def read_document(source: Source, patterns: Sequence[str], walk: Walk) -> Zone:
    """The zone of one YAML file (or bytes given in memory, which include nothing), read by a
    dialect's ``walk``. Raises ``InputError``."""
    real = source.real_path
    zone = YamlZone(source, patterns, None if real is None else source.tree)
    zone.read(source.path, source.read(), real, walk)
    return zone.zone()


class YamlZone:
    """The zone being read from the YAML files of one source: the records, issues and comments
    found so far, and the helpers a dialect's walk reads values with."""

    def __init__(self, source: Source, patterns: Sequence[str], tree: str | None) -> None:
        self.source = source
        self.path = source.path
        #: the origin the caller gives (``--origin`` or configuration)
        self.given = source.origin
        #: the file or split directory whose name may name the zone
        self.file_name = source.name
        self.patterns = patterns
        #: the apex: until a native document's ``origin:`` key says more, what it is without one
        self.origin: dns.name.Name | None = decide_origin(self.given, self.file_name, patterns=patterns)
        #: the document writes an ``origin:`` that is no name: it declares its zone, badly (a
        #: finding at that key), which is not a zone whose name nothing tells
        self.origin_unreadable = False
        self.records: list[Record] = []
        self.issues: list[ReadIssue] = []
        self.comments: list[Comment] = []
        self.files: list[str] = []
        #: the owner of the record being read, for the issues it raises
        self.current_owner: dns.name.Name | None = None
        #: owners of ALIAS records: a provider gives them addresses the source does not list
        self.aliases: dict[dns.name.Name, Position] = {}
        #: merge keys applied, by mapping (node, pairs): each is merged once however often it is used
        self.merged: dict[int, tuple[Node, list[tuple[Node, Node]]]] = {}
        self.merged_size = 0
        #: the value nodes read, and how many records were read again from one of them (an
        #: alias of a list of values under many names): bounded as ``$GENERATE`` is
        self.values_read: set[int] = set()
        self.values_repeated = 0
        self.bytes_repeated = 0
        #: the text of each value node and the data each distinct text reads as: a value an
        #: alias repeats is made and parsed once
        self.texts: dict[tuple[int, int, bool], str] = {}
        self.rdatas: dict[tuple[int, str], dns.rdata.Rdata | str] = {}  # one zone reads names one way
        self.constructor = yaml.SafeLoader("")
        self.includer = Includer(tree, self._decode_included, self._refused)

    def zone(self) -> Zone:
        if self.origin is None:
            kind = IssueKind.SYNTAX if self.origin_unreadable else IssueKind.UNNAMED
            self.issues.insert(0, ReadIssue(Position(self.path, 1, 1), NO_ORIGIN, kind=kind, incomplete=True))
        return Zone(self.origin or dns.name.root, self.path, self.records, self.comments, self.issues, aliases=self.aliases, files=self.files, source=self.source)

    def another(self) -> YamlZone:
        """A zone for another part of the file being read (a file that holds several zones:
        DNSControl's domains, a Terraform plan's zones), its positions in the same file."""
        zone = YamlZone(self.source, self.patterns, self.includer.tree)
        zone.includer.top_shown, zone.files, zone.comments = self.includer.top_shown, list(self.files), list(self.comments)
        return zone

    def origin_from_key(self, found: dns.name.Name) -> dns.name.Name | None:
        """The apex once a native document's ``origin:`` key names ``found``."""
        return decide_origin(self.given, self.file_name, patterns=self.patterns, origin_key=found)

    def read(self, shown: str, data: bytes, real_path: str | None, walk: Walk) -> None:
        """Read one file (or bytes) of the zone with a dialect's ``walk``."""
        text = decode_source(shown, data, comment_char=COMMENT)
        self.issues.extend(text.errors)
        self.comments.extend(text.comments)
        self.files.append(shown)
        try:
            root = self.includer.compose(text.text, real_path, shown)
        except YamlProblem as problem:
            self.issue(problem.mark, str(problem), incomplete=True)
            return
        except yaml.YAMLError as error:
            mark, message = syntax_error(error)
            if shown.lower().endswith(".json"):  # the JSON formats are composed as YAML's flow style
                message = message.replace("YAML syntax error", "JSON syntax error", 1)
            self.issue(mark, message, incomplete=True)
            return
        except RecursionError:  # a parser without its own bound
            self.issue(None, f"the document nests deeper than {MAX_YAML_DEPTH} levels", incomplete=True)
            return
        if root is None or root.tag in (NULL_TAG, REFUSED_TAG):
            return  # an empty document holds no records; a refused include has its finding
        if not isinstance(root, MappingNode):
            self.issue(root, "the top level must be a mapping: record names (octoDNS) or origin/records (native)")
            return
        try:
            walk(self, root)
        except StopDocument as stop:
            self.issue(stop.mark, str(stop), stop.kind, incomplete=True)

    def read_file(self, path: str, walk: Walk) -> None:
        """Read a file of the zone from disk. Raises ``InputError``."""
        self.read(path, read_bytes(path, path), os.path.realpath(path), walk)

    def _decode_included(self, shown: str, data: bytes) -> str:
        text = decode_source(shown, data, comment_char=COMMENT)
        self.comments.extend(text.comments)
        self.issues.extend(text.errors)
        self.files.append(shown)
        return text.text

    def _refused(self, mark: yaml.Mark, message: str) -> None:
        self.issue(mark, message, incomplete=True)

    def refuse_file(self, shown: str, message: str) -> None:
        """A file of the zone that is not read: one issue at its top."""
        self.includer.top_shown = shown
        self.issue(None, message, incomplete=True)

    def note_alias(self, owner: dns.name.Name, fields: dict[str, Node]) -> None:
        """An octoDNS ALIAS gives its owner addresses; a provider's ``…/ALIAS`` does too unless
        every value names a record type that is no address (a Route 53 alias of a TXT set)."""
        rdtype_text = node_text(fields["type"]).strip()
        if rdtype_text.upper() == "ALIAS":
            self.aliases.setdefault(owner, self.position(fields["type"]))
            return
        if not rdtype_text.upper().endswith("/ALIAS"):
            return
        values = fields.get("values", fields.get("value"))
        items = values.value if isinstance(values, SequenceNode) else [values]
        types = [self._alias_type(item) for item in items]
        if not types or any(kind is None or kind in ADDRESS_TYPES for kind in types):
            self.aliases.setdefault(owner, self.position(fields["type"]))

    def _alias_type(self, node: Node | None) -> str | None:
        if not isinstance(node, MappingNode):
            return None
        kind = dict((node_text(k), v) for k, v in self.pairs(node)).get("type")
        return node_text(kind).strip().upper() if isinstance(kind, ScalarNode) and kind.value else None

    def value(self, owner: dns.name.Name, ttl: int, rdtype_text: str, node: Node, octodns: bool, at: Node | None = None) -> None:
        """One value; ``at`` is where the record is reported (the value itself by default)."""
        at = at or node
        self.count_value(node)
        if rdtype_text == "MX":
            if isinstance(node, MappingNode):
                fields = dict((node_text(k), v) for k, v in self.pairs(node))
                preference = fields.get("preference", fields.get("priority"))
                exchange = fields.get("exchange", fields.get("value"))
                self.mx(owner, ttl, node, preference, exchange, octodns)
                return
            parts = node.value.split() if isinstance(node, ScalarNode) else []
            if len(parts) != 2:
                raise Problem(node, f"the MX value of {owner} must be a preference and an exchange", IssueKind.MX_VALUE)
            preference, exchange = (self.part(node, part) for part in parts)
            self.mx(owner, ttl, at, preference, exchange, octodns)
            return
        rdtype = dns.rdatatype.from_text(rdtype_text)
        text = self.texts.get((id(node), rdtype, octodns))
        if text is not None:  # a value an alias repeats: its text is made once
            self.add(owner, ttl, rdtype, text, at)
            return
        if rdtype in (dns.rdatatype.TXT, dns.rdatatype.SPF):
            content = str(self.scalar(node, (str, int, float), f"{rdtype_text} value"))
            text = quoted_strings(content.replace("\\;", ";") if octodns else content)
        elif isinstance(node, MappingNode) and rdtype_text in STRUCTURED:
            text = self._structured(rdtype_text, node)
        else:
            text = str(self.scalar(node, (str, int, float), f"{rdtype_text} value"))
        self.texts[(id(node), rdtype, octodns)] = text
        self.add(owner, ttl, rdtype, text, at)

    def count_value(self, node: Node) -> None:
        """Count a value read: one read again (an alias repeats it under another name) counts
        toward the bounds of what aliases may make, as ``$GENERATE`` lines are bounded."""
        if id(node) not in self.values_read:
            self.values_read.add(id(node))
            return
        self.values_repeated += 1
        if node.start_mark is not None and node.end_mark is not None:
            self.bytes_repeated += max(0, node.end_mark.index - node.start_mark.index)
        if self.values_repeated > MAX_GENERATED or self.bytes_repeated > MAX_GENERATED_BYTES:
            raise StopDocument(
                node, f"aliases repeat values into more than {MAX_GENERATED:,} records or {MAX_GENERATED_BYTES // 2**20} MiB of text; reading stopped"
            )

    def mx(self, owner: dns.name.Name, ttl: int, node: Node, preference: Node | None, exchange: Node | None, octodns: bool) -> None:
        """An MX value. In octoDNS an exchange without a trailing dot is taken as absolute
        (and MX111 says so); in the native dialect, as in a zone file, it is completed with
        the origin (and MX112/MX113 judge the result)."""
        if preference is None:
            raise Problem(node, f"the MX value of {owner} has no preference", IssueKind.MX_VALUE)
        value = self.construct(preference)
        if isinstance(value, bool) or not isinstance(value, int):
            raise Problem(preference, f"the MX preference {node_text(preference)!r} of {owner} is not an integer", IssueKind.MX_VALUE)
        if not 0 <= value <= 65535:
            raise Problem(preference, f"the MX preference {value} of {owner} is out of range 0-65535", IssueKind.MX_VALUE)
        name = self.construct(exchange) if isinstance(exchange, ScalarNode) else exchange
        if not isinstance(name, str) or not name.strip():
            raise Problem(exchange or node, f"the MX value of {owner} has no exchange", IssueKind.MX_VALUE)
        if octodns and not name.endswith(".") and not _is_address(name):  # an address is MX102's business
            absolute = name + "."
            self.issue(exchange, f"MX exchange {name!r} of {owner} has no trailing dot: read as {absolute}, but a tool may read it as {name}.{self.origin}", IssueKind.RELATIVE_EXCHANGE)
            name = absolute
        try:
            self.add(owner, ttl, MX, f"{value} {name}", node)
        except StopDocument:
            raise
        except Problem:
            raise Problem(exchange, f"the MX exchange {name!r} of {owner} is not a domain name", IssueKind.MX_VALUE) from None

    def part(self, node: ScalarNode, text: str) -> ScalarNode:
        """One word of a ``"10 mail.example.com."`` value as a scalar of its own."""
        tag = self.constructor.resolve(ScalarNode, text, (True, False))
        return ScalarNode(tag, text, node.start_mark, node.end_mark)

    def _structured(self, rdtype_text: str, node: MappingNode) -> str:
        names, quoted, unit = STRUCTURED[rdtype_text]
        fields = dict((node_text(k), v) for k, v in self.pairs(node))
        missing = [name for name in names if name not in fields]
        if missing:
            raise Problem(node, f"the {rdtype_text} value lacks {', '.join(missing)}")
        parts = []
        for index, name in enumerate(names):
            value = str(self.scalar(fields[name], (str, int, float), f"{rdtype_text} {name}"))
            if name in quoted:
                value = quoted_strings(value)
            elif unit and index >= len(names) - 4:
                value += unit
            parts.append(value)
        return " ".join(parts)

    def add(self, owner: dns.name.Name, ttl: int, rdtype: int, text: str, node: Node, absolute: bool = False) -> None:
        """A record of ``text`` (zone-file data; ``absolute``: a name in it is absolute
        whether or not it ends with a dot, as Route 53 reads one)."""
        rdata = self.rdatas.get((rdtype, text))
        if rdata is None:
            try:
                rdata = dns.rdata.from_text(dns.rdataclass.IN, rdtype, text, dns.name.root if absolute else self.origin, relativize=False)
            except (dns.exception.DNSException, ValueError, UnicodeError) as error:
                rdata = f"cannot read the {dns.rdatatype.to_text(rdtype)} value {clipped(text)!r}: {describe_error(error)}"
            self.rdatas[(rdtype, text)] = rdata
        if isinstance(rdata, str):  # what is wrong with the text, found once
            raise Problem(node, rdata)
        self.records.append(Record(owner, ttl, dns.rdatatype.RdataType.make(rdtype), rdata, self.position(node), self.origin))

    # -- fields and scalars ---------------------------------------------------------------

    def record_type(self, fields: dict[str, Node], node: Node) -> str | None:
        if "type" not in fields:
            raise Problem(node, "the record has no type")
        written = str(self.scalar(fields["type"], str, "type")).strip()
        rdtype_text = written.upper()
        if rdtype_text in OCTODNS_TYPES or PROVIDER_TYPE.match(written):
            return None  # valid octoDNS input that is no DNS record
        try:
            dns.rdatatype.from_text(rdtype_text)
        except (dns.rdatatype.UnknownRdatatype, ValueError):  # ValueError: TYPEnnn out of range
            raise Problem(fields["type"], f"{written} is neither a DNS record type nor one octoDNS knows") from None
        return rdtype_text

    def ttl(self, node: Node | None, default: int) -> int:
        if node is None:
            return default
        value = self.construct(node)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 2**31 - 1:
            raise Problem(node, f"ttl {node_text(node)!r} is not a whole number of seconds from 0 to 2147483647")
        return value

    def owner(self, text: str) -> dns.name.Name:
        if text in ("", "@"):
            return self.origin
        try:
            return dns.name.from_text(text, self.origin)
        except dns.exception.DNSException as error:
            raise Problem(None, f"record name {text!r} is not a domain name ({describe_error(error)})") from None

    def fields(self, node: Node, expected: str) -> dict[str, Node]:
        if node.tag == REFUSED_TAG:
            raise Skip
        if not isinstance(node, MappingNode):
            raise Problem(node, expected)
        return {node_text(key): value for key, value in self.pairs(node)}

    def pairs(self, node: MappingNode) -> list[tuple[Node, Node]]:
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
                pairs.setdefault(node_text(key), (key, value))
                continue
            for source in value.value if isinstance(value, SequenceNode) else [value]:
                if isinstance(source, MappingNode):
                    for pair in self.pairs(source):
                        merged.setdefault(node_text(pair[0]), pair)
        result = [pair for name, pair in merged.items() if name not in pairs] + list(pairs.values())
        self.merged_size += len(result)
        if self.merged_size > MAX_YAML_NODES:
            raise StopDocument(node, f"merge keys (<<) expand to more than {MAX_YAML_NODES:,} entries; reading stopped")
        self.merged[id(node)] = (node, result)
        return result

    def scalar(self, node: Node, kinds: type | tuple[type, ...], what: str) -> object:
        value = self.construct(node) if isinstance(node, ScalarNode) else node
        if isinstance(value, bool) or not isinstance(value, kinds):
            raise Problem(node, f"{what} must be {_kind_names(kinds)}, not {_describe_node(node)}")
        return value

    def construct(self, node: Node) -> object:
        if not isinstance(node, ScalarNode):
            return node
        if node.tag == REFUSED_TAG:
            raise Skip
        if node.tag == INT_TAG and number_too_long(node.value.replace("_", ""), PYTHON_DIGITS):
            raise Problem(node, too_long_message(node.value, PYTHON_DIGITS))  # before int() refuses it
        try:
            return self.constructor.construct_object(node)
        except yaml.constructor.ConstructorError:
            raise Problem(node, f"YAML tag {node.tag} is not allowed (only plain data is read)") from None

    def guard(self, node: Node, action):  # noqa: ANN001, ANN202 - a local control helper
        """Run one record's reading; its problem becomes an issue and reading goes on."""
        if node is not None and node.tag == REFUSED_TAG:
            return None
        try:
            return action()
        except Skip:
            return None
        except StopDocument:
            raise  # the document's reader reports it once and stops
        except Problem as problem:
            self.issue(problem.mark or node.start_mark, str(problem), problem.kind, problem.incomplete)
            return None

    def issue(self, where: Node | yaml.Mark | None, message: str, kind: IssueKind = IssueKind.SYNTAX, incomplete: bool = False) -> None:
        mark = where.start_mark if isinstance(where, Node) else where
        self.issues.append(ReadIssue(self.position(mark), message, self.current_owner, kind, incomplete))

    def position(self, where: Node | yaml.Mark | None) -> Position:
        mark = where.start_mark if isinstance(where, Node) else where
        if mark is None:
            return Position(self.includer.top_shown, 1, 1)
        return Position(self.includer.shown_path(mark), mark.line + 1, mark.column + 1)


def is_native(root: MappingNode) -> bool:
    """Native documents have ``origin:`` or rows with ``name:`` under ``records:``."""
    keys = {node_text(key): value for key, value in root.value}
    records = keys.get("records")
    if not isinstance(records, SequenceNode):
        return False
    if "origin" in keys:
        return True
    return any(isinstance(row, MappingNode) and any(node_text(k) == "name" for k, _ in row.value) for row in records.value)


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def node_text(node: Node) -> str:
    """A key's text as written: numeric-looking names stay names (``'01'`` is not 1)."""
    return node.value if isinstance(node, ScalarNode) else ""


def origin_key(text: str) -> dns.name.Name:
    try:
        return absolute_name(text)
    except dns.exception.DNSException as error:
        raise Problem(None, f"origin {text!r} is not a domain name ({describe_error(error)})") from None


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


# -- recognising a YAML zone --------------------------------------------------------------------

#: YAML is parsed whole to see its shape; beyond this size a YAML file is judged by its name
#: (a big YAML file in a zone repository is a zone far more often than anything else).
SNIFF_BYTES = 4 * 1024 * 1024


def recognise(probe: Probe, trust: Trust, patterns: Sequence[str], native: bool) -> Verdict:
    """Whether ``probe`` holds a YAML zone of one dialect: ``native`` (``origin`` and
    ``records``) or octoDNS. A file the user named after a zone (``example.com.yaml``) or
    bytes given under a YAML name are the octoDNS format's without being parsed here: its
    reader reads a native document with the native dialect, so the document is parsed once."""
    if not native and (trust is Trust.GIVEN or trust is Trust.NAME and _named_zone(probe.path, patterns)):
        return MINE
    verdict = MINE if trust is Trust.GIVEN else _verdict(probe, patterns)
    if not verdict or _native_document(probe) is native:
        return verdict
    return Verdict(False, "octoDNS records, not a native origin and records" if native else "a native origin and records, not octoDNS records")


def _verdict(probe: Probe, patterns: Sequence[str]) -> Verdict:
    """Whether ``probe`` is a YAML zone of either dialect: shaped like one, or, when it
    cannot be judged by its content, named after a zone."""
    if probe.data is not None:
        return _shape_verdict(probe, probe.data, patterns)
    try:
        if not stat.S_ISREG(os.stat(probe.path).st_mode):
            return Verdict(False, "not a regular file")
        if os.path.getsize(probe.path) > SNIFF_BYTES:
            return _by_name(probe.path, patterns, "YAML too large to sniff")
        with open(probe.path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return Verdict(False, f"cannot be read: {error.strerror or error}")
    probe.memo["yaml-bytes"] = data
    return _shape_verdict(probe, data, patterns)


def _document(probe: Probe) -> Node | None | Exception:
    """The composed document of ``probe``, once (or the error composing it raised)."""
    if "yaml-document" not in probe.memo:
        try:
            data = probe.data if probe.data is not None else probe.memo["yaml-bytes"]
            probe.memo["yaml-document"] = compose(data.decode("utf-8-sig"))  # type: ignore[union-attr]
        except Exception as error:  # noqa: BLE001 - any failure is a verdict, not a crash
            probe.memo["yaml-document"] = error
    return probe.memo["yaml-document"]  # type: ignore[return-value]


def _native_document(probe: Probe) -> bool:
    """Whether the document is native; one this module did not compose (too large to judge,
    or taken by its name) counts as octoDNS, whose reader tells the dialect when it reads."""
    if "yaml-document" not in probe.memo and probe.data is None and "yaml-bytes" not in probe.memo:
        return False
    root = _document(probe)
    return isinstance(root, MappingNode) and is_native(root)


def _shape_verdict(probe: Probe, data: bytes, patterns: Sequence[str]) -> Verdict:
    if b"\x00" in data:
        return Verdict(False, "binary data")
    root = _document(probe)
    if isinstance(root, (yaml.YAMLError, UnicodeDecodeError, RecursionError, ValueError)):
        return _by_name(probe.path, patterns, "not valid YAML")
    if isinstance(root, Exception):  # the composer's own bounds (depth, documents, aliases)
        return _by_name(probe.path, patterns, "YAML the reader refuses")
    if root is None or root.tag == NULL_TAG or (isinstance(root, MappingNode) and not root.value):
        return _by_name(probe.path, patterns, "an empty YAML document")
    if zone_shape(root):
        return MINE
    return Verdict(False, "YAML that holds no records (neither octoDNS records with a DNS type nor origin and records)")


def _named_zone(path: str, patterns: Sequence[str]) -> bool:
    origin = origin_from_file_name(path, patterns)
    # Two labels at least: `config.yaml` and `values.yaml` name no zone, `example.com.yaml` does.
    return origin is not None and len(origin.labels) >= 3


def _by_name(path: str, patterns: Sequence[str], reason: str) -> Verdict:
    return MINE if _named_zone(path, patterns) else Verdict(False, reason)


def zone_shape(root: Node) -> bool:
    """octoDNS: a mapping whose values are records (or lists of records) with a ``type`` that
    is a record type, at least half of them so (one broken record still leaves a zone to
    report on). Native: ``origin`` and a list of ``records``, or rows with name and type."""
    if not isinstance(root, MappingNode):
        return False
    keys = {node_text(key): value for key, value in root.value if isinstance(key, ScalarNode)}
    records = keys.get("records")
    if isinstance(records, SequenceNode):
        if "origin" in keys:
            return True
        return any(isinstance(row, MappingNode) and {"name", "type"} <= {node_text(k) for k, _ in row.value} for row in records.value)
    typed = shaped = 0
    for _, value in root.value:
        items = value.value if isinstance(value, SequenceNode) else [value]
        kinds = [_record_type(item) for item in items]
        if items and all(kind is not None for kind in kinds):
            shaped += 1
            typed += any(kinds)
        elif isinstance(value, ScalarNode) and value.tag == "!include":
            shaped += 1
    return typed > 0 and shaped * 2 >= len(root.value)


def _record_type(node: Node) -> bool | None:
    """``None`` when ``node`` is no record; else whether its ``type`` is a record type."""
    if isinstance(node, ScalarNode) and node.tag == "!include":
        return False
    if not isinstance(node, MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == "type":
            return isinstance(value, ScalarNode) and is_record_type(value.value)
    return None


def is_record_type(text: str) -> bool:
    """A type octoDNS loads: a DNS type in upper case, its own (``ALIAS``), or a provider's
    (``Route53Provider/ALIAS``)."""
    return text in RECORD_TYPES or text in OCTODNS_TYPES or bool(PROVIDER_TYPE.match(text)) or bool(re.match(r"^TYPE\d+$", text))


# -- locating an MX value's fields (fixes, ranges) --------------------------------------------


class YamlMx(MxFields):
    """An MX value's fields in YAML: the lines of its list item (when it has them to itself)
    and the mapping that carries the record's ``type`` and ``ttl``."""

    def __init__(self, text: Text, preference: Token, exchange: Token) -> None:
        super().__init__(text, preference, exchange, relative_names=False)
        self.lines: tuple[int, int] | None = None
        self.record: Node | None = None
        self.record_fields: dict[str, Node] | None = None

    def removal(self) -> Edit | None:
        if self.lines is None:
            return None
        first, last = self.lines
        old = self.text.whole_lines(first, last)
        return Edit(self.text.path, first, 1, old, "") if old else None

    def ttl_edit(self, ttl: int) -> Edit | None:
        node, text = self.record, self.text
        fields = self.record_fields
        if fields is None or not isinstance(node, MappingNode) or not node.value:
            return None
        if "ttl" in fields:
            token = _scalar_token(text, fields["ttl"])
            if token is None or token.quote or not token.text.isdigit():
                return None
            return text.edit(token, str(ttl))
        key = node.value[0][0]
        line, column = key.start_mark.line + 1, key.start_mark.column + 1
        if node.flow_style:
            return Edit(text.path, line, column, "", f"ttl: {ttl}, ")
        end = text.ends[line - 1] or "\n"
        return Edit(text.path, line, column, "", f"ttl: {ttl}{end}{' ' * (column - 1)}")


def locate(text: Text, pos: Position) -> YamlMx | None:
    """The MX value that starts at ``pos`` (a mapping, a ``"10 mx1"`` string, or the
    exchange scalar of a mapping), written in this file's own nodes."""
    nodes = _nodes(text)
    if nodes is None:
        return None
    at = nodes.starting.get((pos.line, pos.column), [])
    for node in sorted(at, key=lambda n: not isinstance(n, MappingNode)):
        mx = _mx_value(text, node, nodes)
        if mx is None:
            continue
        mx.lines = _item_lines(text, node, nodes)
        mx.record = _record(node, nodes)
        mx.record_fields = nodes.fields(mx.record)
        return mx
    # MX111 points at the exchange scalar itself.
    for node in at:
        if isinstance(node, ScalarNode):
            parent = nodes.parents.get(id(node))
            fields = nodes.fields(parent) or {}
            if fields.get("exchange") is node or fields.get("value") is node:
                mx = _mx_value(text, parent, nodes)
                if mx is not None:
                    return mx
    return None


def extent(text: Text, pos: Position) -> tuple[int, int] | None:
    """Where the node that starts at ``pos`` ends (the outermost one, when several start
    there): the line and column after its last character. ``None`` when no node starts there."""
    nodes = _nodes(text)
    at = nodes.starting.get((pos.line, pos.column)) if nodes is not None else None
    return max(_end(node, text) for node in at) if at else None


class _Nodes:
    """A text's nodes, indexed once for every question asked of it: each node's parent, and
    the nodes that start at each place (so a run's many findings cost one walk, not one each)."""

    def __init__(self, root: Node) -> None:
        self.root = root  # the parents are kept by id: the nodes must live as long
        self.parents: dict[int, Node | None] = {}
        self._fields: dict[int, dict[str, Node] | None] = {}
        self.starting: dict[tuple[int, int], list[Node]] = {}
        for node, parent in _walk(root):
            self.parents[id(node)] = parent
            mark = node.start_mark
            if mark is not None:
                self.starting.setdefault((mark.line + 1, mark.column + 1), []).append(node)

    def fields(self, node: object) -> dict[str, Node] | None:
        """``_fields`` of a node of the text, made once: a mapping of 3,000 keys is asked
        again for each of 10,000 findings."""
        if not isinstance(node, MappingNode):
            return None
        found = self._fields.get(id(node), self)
        if found is self:
            found = self._fields[id(node)] = _fields(node)
        return found  # type: ignore[return-value]


def _nodes(text: Text) -> _Nodes | None:
    if "yaml" not in text.derived:
        # An !include stays a placeholder: only this file's own nodes are edited here.
        def placeholder(event, depth):  # noqa: ANN001, ANN202
            return ScalarNode("tag:mxlint,2026:fix-include", event.value, event.start_mark, event.end_mark)

        try:
            root = compose(text.plain, placeholder)
        except Exception:  # noqa: BLE001 - no fix and no range is the answer to any doubt
            root = None
        text.derived["yaml"] = _Nodes(root) if root is not None else None
    return text.derived["yaml"]  # type: ignore[return-value]


def _walk(root: Node) -> Iterator[tuple[Node, Node | None]]:
    """Every node with its parent, each once (aliases share nodes)."""
    seen: set[int] = set()
    stack: list[tuple[Node, Node | None]] = [(root, None)]
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


def _fields(node: object) -> dict[str, Node] | None:
    if not isinstance(node, MappingNode):
        return None
    fields = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode) or key.value == "<<" or key.tag.endswith(":merge"):
            return None  # merged keys are not written here
        fields[key.value] = value
    return fields


def _mx_value(text: Text, node: Node, nodes: _Nodes) -> YamlMx | None:
    """The preference and exchange tokens of an MX value: a mapping (octoDNS ``exchange`` and
    ``preference``, a native row's ``priority`` and ``value``) or a ``"10 mx1"`` string."""
    if isinstance(node, MappingNode):
        fields = nodes.fields(node)
        if fields is None:
            return None
        preference = fields.get("preference", fields.get("priority"))
        exchange = fields.get("exchange", fields.get("value"))
        if preference is None:
            return _mx_value(text, exchange, nodes) if isinstance(exchange, ScalarNode) else None
        first, second = _scalar_token(text, preference), _scalar_token(text, exchange)
        if first is None or second is None:
            return None
        return YamlMx(text, first, second)
    if isinstance(node, ScalarNode):
        token = _scalar_token(text, node)
        if token is None:
            return None
        inner = token.start + len(token.quote)
        words = [(match.start(), match.group()) for match in re.finditer(r"\S+", token.text[len(token.quote) : len(token.text) - len(token.quote)])]
        if len(words) != 2:
            return None
        # A word keeps no quote of its own: the scalar's quotes stay where they are.
        return YamlMx(text, Token(inner + words[0][0], words[0][1]), Token(inner + words[1][0], words[1][1]))
    return None


def _scalar_token(text: Text, node: object) -> Token | None:
    """A one-line scalar as written: plain, or quoted without escapes."""
    if not isinstance(node, ScalarNode) or node.start_mark is None or node.end_mark is None or not node.tag.startswith("tag:yaml.org"):
        return None
    start, end = node.start_mark, node.end_mark
    if start.line != end.line or start.line >= len(text.lines):
        return None
    begin = text.plain_starts[start.line] + start.column
    written = text.plain[begin : text.plain_starts[end.line] + end.column]
    if node.style in (None, "") and written == node.value:
        return Token(begin, written)
    if node.style in ("'", '"') and len(written) >= 2 and written[0] == written[-1] == node.style and written[1:-1] == node.value and "\\" not in written:
        return Token(begin, written, node.style)
    return None


def _record(node: Node, nodes: _Nodes) -> Node | None:
    """The mapping that carries the record's ``type`` (and ``ttl``): the value itself (a
    native row) or the entry it is listed under."""
    current: Node | None = node
    for _ in range(3):
        fields = nodes.fields(current)
        if fields is not None and "type" in fields:
            return current
        current = nodes.parents.get(id(current))
        if current is None:
            return None
    return None


def _item_lines(text: Text, node: Node, nodes: _Nodes) -> tuple[int, int] | None:
    """The lines of the block-list item a duplicate value is: the value itself (``values:``)
    or its entry, when the entry holds that one value. None when the item shares its lines."""
    item, parent = node, nodes.parents.get(id(node))
    if not isinstance(parent, SequenceNode):
        fields = nodes.fields(parent)
        if fields is None or fields.get("value") is not node or not isinstance(nodes.parents.get(id(parent)), SequenceNode):
            return None
        item, parent = parent, nodes.parents.get(id(parent))
    if parent.flow_style or item.start_mark is None:  # type: ignore[union-attr]
        return None
    first = item.start_mark.line + 1
    before = text.line(first)[: item.start_mark.column]
    if not re.fullmatch(r"\s*-\s+", before):
        return None  # the item does not start its line with "- "
    last, column = _end(item, text)
    # Nothing after the item on its last line but a comment.
    tail = text.line(last)[column - 1 :]
    if tail.strip() and not tail.strip().startswith("#"):
        return None
    return first, last


def _end(node: Node, text: Text) -> tuple[int, int]:
    """The line and column after a node's last character. A block collection's end mark lies
    at the next node, and a block scalar's (``|``, ``>``) at the start of the line after it:
    both end where their last content does."""
    if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return _end(last[1] if isinstance(node, MappingNode) else last, text)
    mark = node.end_mark
    if isinstance(node, ScalarNode) and node.style in ("|", ">") and mark.column == 0 and mark.line > node.start_mark.line:
        for index in range(mark.line - 1, node.start_mark.line - 1, -1):
            content = text.line(index + 1).rstrip()
            if content:
                return index + 1, len(content) + 1
    return mark.line + 1, mark.column + 1
