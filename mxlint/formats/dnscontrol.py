"""DNSControl's intermediate representation: the JSON ``dnscontrol print-ir --pretty`` writes
from ``dnsconfig.js`` (mxlint runs no JavaScript). One file holds every domain, each a zone.

    {"registrars": [...], "dns_providers": [...], "domains": [
        {"name": "example.com", "records": [
            {"type": "MX", "name": "@", "ttl": 300, "target": "mx1.example.com.", "mxpreference": 10},
            {"type": "A", "name": "mx1", "ttl": 300, "target": "192.0.2.1"}]}]}

A record's ``name`` is relative to its domain (``@`` the apex) and a ``target`` without a
trailing dot is completed with the domain, as DNSControl completes it, so MX112 and MX113 catch
a forgotten dot. ``ALIAS`` and ``R53_ALIAS`` give their name addresses the file does not list;
DNSControl's other pseudo-types (redirects, provider settings) are no DNS data. JSON is read by
the bounded YAML composer, with each value's line and column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mxlint.format import MxFields, Probe
from mxlint.formats.jsonbase import JsonFormat
from mxlint.source import Source

if TYPE_CHECKING:
    from yaml.nodes import MappingNode, Node

    from mxlint.formats.yamlzone import YamlZone
    from mxlint.record import Position
    from mxlint.source import Text
    from mxlint.zone import Zone

#: What marks the IR among a repository's JSON files.
MARKS = (b'"dns_providers"', b'"registrars"')
#: DNSControl's default TTL.
DEFAULT_TTL = 300
#: Pseudo-types that give their name addresses, and those that are no DNS data at all.
ADDRESS_ALIASES = frozenset({"ALIAS", "R53_ALIAS", "AZURE_ALIAS", "AKAMAICDN"})
NOT_DATA = frozenset({"CF_REDIRECT", "CF_TEMP_REDIRECT", "CF_WORKER_ROUTE", "CF_SINGLE_REDIRECT", "URL", "URL301", "FRAME", "PORKBUN_URLFWD"})


class DnsControl(JsonFormat):
    name = "dnscontrol"
    not_mine = "JSON without registrars, dns_providers and domains: not DNSControl's print-ir output"

    def marked(self, probe: Probe, head: bytes) -> bool:
        return any(mark in head for mark in MARKS) and b'"domains"' in head + _tail(probe)

    def read(self, source: Source) -> list[Zone]:
        from mxlint.formats.yamlzone import YamlZone

        real = source.real_path
        tree = None if real is None else source.tree
        first = YamlZone(source, self.patterns, tree)
        others: list[YamlZone] = []

        def another() -> YamlZone:
            others.append(first.another())
            return others[-1]

        def walk(zone: YamlZone, root: MappingNode) -> None:
            _domains(zone, root, another)

        first.read(source.path, source.read(), real, walk)
        if first.origin is None and not first.issues:
            return []  # an IR without domains holds no zone
        # A file that could not be read names no zone, but its findings are reported.
        first.origin_unreadable = first.origin is None
        return [first.zone(), *(zone.zone() for zone in others)]

    def locate(self, text: Text, pos: Position) -> MxFields | None:
        return None  # an exchange and its preference are two values: no fix edits both


def _tail(probe: Probe) -> bytes:
    """The file's bytes after its head (``"domains"`` follows the providers, which may be long)."""
    if probe.data is not None:
        return probe.data
    if len(probe.head()) < 8192:
        return b""
    try:
        with open(probe.path, "rb") as handle:
            return handle.read(4 * 2**20)
    except OSError:
        return b""


def _domains(first: YamlZone, root: MappingNode, another: Callable[[], YamlZone]) -> None:
    from yaml.nodes import SequenceNode

    from mxlint.formats.yamlzone import node_text, origin_key

    fields = {node_text(key): value for key, value in first.pairs(root)}
    domains = fields.get("domains")
    if not isinstance(domains, SequenceNode):
        first.issue(domains or root, "domains must be a list of domains with name and records")
        return
    zone = first
    for index, domain in enumerate(domains.value):
        zone = first if index == 0 else another()
        entry = zone.guard(domain, lambda domain=domain, zone=zone: zone.fields(domain, "a domain is a mapping with name and records"))
        if entry is None or "name" not in entry:
            zone.issue(domain, "the domain has no name")
            continue
        # "example.com!tag" is a tagged domain
        found = zone.guard(entry["name"], lambda zone=zone, node=entry["name"]: origin_key(str(zone.scalar(node, str, "name")).split("!", 1)[0]))
        if found is None:
            continue
        zone.origin = found
        records = entry.get("records")
        if records is None:
            continue
        if not isinstance(records, SequenceNode):
            zone.issue(records, f"the records of {found} must be a list")
            continue
        for record in records.value:
            zone.current_owner = None
            zone.guard(record, lambda record=record, zone=zone: _record(zone, record))


def _record(zone: YamlZone, node: Node) -> None:
    import dns.rdatatype
    from yaml.nodes import SequenceNode

    from mxlint.formats.yamlzone import Problem, quoted_strings

    fields = zone.fields(node, "a record is a mapping with type, name, ttl and target")
    if "type" not in fields or "name" not in fields:
        raise Problem(node, "the record has no type or no name")
    owner = zone.current_owner = zone.owner(str(zone.scalar(fields["name"], str, "name")))
    rdtype_text = str(zone.scalar(fields["type"], str, "type")).strip().upper()
    if rdtype_text in ADDRESS_ALIASES:
        zone.aliases.setdefault(owner, zone.position(fields["type"]))
        return
    if rdtype_text in NOT_DATA:
        return
    try:
        rdtype = dns.rdatatype.from_text(rdtype_text)
    except (dns.rdatatype.UnknownRdatatype, ValueError):
        raise Problem(fields["type"], f"{rdtype_text} is neither a DNS record type nor one DNSControl's IR holds") from None
    ttl = zone.ttl(fields.get("ttl"), DEFAULT_TTL)
    target = fields.get("target")
    if target is None:
        raise Problem(node, f"the {rdtype_text} record of {owner} has no target")
    zone.count_value(node)
    if rdtype_text == "MX":
        zone.mx(owner, ttl, target, fields.get("mxpreference"), target, octodns=False)
        return
    if rdtype_text in ("TXT", "SPF"):
        strings = fields.get("txtstrings")  # older IRs split a TXT's strings here
        if isinstance(strings, SequenceNode):
            parts = [str(zone.scalar(item, (str, int, float), "txtstrings")) for item in strings.value]
        else:
            parts = [str(zone.scalar(target, (str, int, float), "target"))]
        zone.add(owner, ttl, rdtype, " ".join(quoted_strings(part) for part in parts), target)
        return
    text = str(zone.scalar(target, (str, int, float), "target"))
    extra = [fields.get(key) for key in _FIELDS_BEFORE_TARGET.get(rdtype_text, ())]
    if any(value is None for value in extra):
        raise Problem(node, f"the {rdtype_text} record of {owner} lacks {', '.join(_FIELDS_BEFORE_TARGET[rdtype_text])}")
    words = [str(zone.scalar(value, (str, int), rdtype_text)) for value in extra]  # type: ignore[arg-type]
    if rdtype_text == "CAA":
        text = quoted_strings(text)
    zone.add(owner, ttl, rdtype, " ".join([*words, text]), target)


#: The IR's fields that a type's data holds before its target.
_FIELDS_BEFORE_TARGET = {
    "SRV": ("srvpriority", "srvweight", "srvport"),
    "CAA": ("caaflag", "caatag"),
}


FORMAT = DnsControl()
