"""Route 53 exports: the JSON ``aws route53 list-resource-record-sets --hosted-zone-id ID``
writes, one hosted zone a file.

    {"ResourceRecordSets": [
        {"Name": "example.com.", "Type": "MX", "TTL": 300,
         "ResourceRecords": [{"Value": "10 mx1.example.com."}]},
        {"Name": "www.example.com.", "Type": "A",
         "AliasTarget": {"HostedZoneId": "Z2FDTNDATAQYW2", "DNSName": "d1.cloudfront.net.", "EvaluateTargetHealth": false}}]}

Names are absolute, with Route 53's octal escapes (``\\052`` is ``*``); each ``Value`` is the
record's data as a zone file writes it. Route 53 reads a name without its trailing dot as
absolute, so an exchange written without one is the name written, and no rule calls it
relative. An ``AliasTarget`` of type A or AAAA gives its owner addresses the export does not
list (as octoDNS's ``ALIAS``). The zone is the file's name (``example.com.json``), the
configuration's origin, the owner of the export's SOA record, or the hosted zone whose id
the file's name holds in a ``list-hosted-zones`` JSON beside it.

JSON is read by the bounded YAML composer (JSON is YAML's flow style), which keeps each
value's line and column and the YAML bounds (depth, size); nothing else is evaluated.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mxlint.format import MxFields, Probe
from mxlint.formats.jsonbase import JsonFormat, mapping, scalar_text
from mxlint.source import Source

if TYPE_CHECKING:
    import dns.name
    from yaml.nodes import MappingNode, Node

    from mxlint.formats.yamlzone import YamlZone
    from mxlint.record import Position
    from mxlint.source import Text
    from mxlint.zone import Zone

#: What marks an export among the JSON files of a repository (``package.json`` and the like).
MARK = b'"ResourceRecordSets"'
_OCTAL = re.compile(r"\\([0-7]{3})")
_ADDRESS_TYPES = ("A", "AAAA")


class Route53(JsonFormat):
    name = "route53"
    not_mine = "JSON without ResourceRecordSets: not a Route 53 export"

    def marked(self, probe: Probe, head: bytes) -> bool:
        return MARK in head

    def read(self, source: Source) -> list[Zone]:
        from mxlint.formats.yamlzone import read_document

        return [read_document(source, self.patterns, walk)]

    def locate(self, text: Text, pos: Position) -> MxFields | None:
        from mxlint.formats import yamlzone

        return yamlzone.locate(text, pos)


def walk(zone: YamlZone, root: MappingNode) -> None:
    """Each record set of the export; the zone is the SOA's owner when nothing else names it."""
    from yaml.nodes import SequenceNode

    from mxlint.formats.yamlzone import origin_key

    fields = mapping(zone, root)
    sets = fields.get("ResourceRecordSets")
    if not isinstance(sets, SequenceNode):
        zone.issue(sets or root, "ResourceRecordSets must be a list of record sets")
        return
    if zone.origin is None:
        for item in sets.value:
            found = scalar_text(mapping(zone, item).get("Type")) or None
            if found is not None and found.upper() == "SOA":
                name = scalar_text(mapping(zone, item).get("Name")) or None
                soa = zone.guard(item, lambda name=name: origin_key(_unescaped(name or "")))
                zone.origin = zone.origin_from_key(soa) if soa is not None else None
                break
    if zone.origin is None and zone.source.real_path is not None:
        # An export without its SOA: the hosted zone whose id its file name holds, as
        # ``aws route53 list-hosted-zones`` lists them beside the exports.
        named = _listed_zone(zone.source.path)
        zone.origin = zone.origin_from_key(named) if named is not None else None
    if zone.origin is None:
        return
    for item in sets.value:
        zone.current_owner = None
        zone.guard(item, lambda item=item: _record_set(zone, item))


def _record_set(zone: YamlZone, node: Node) -> None:
    import dns.rdatatype
    from yaml.nodes import MappingNode, SequenceNode

    from mxlint.formats.yamlzone import DEFAULT_TTL, Problem

    fields = zone.fields(node, "a record set is a mapping with Name, Type, TTL and ResourceRecords")
    if "Name" not in fields or "Type" not in fields:
        raise Problem(node, "the record set has no Name or no Type")
    written = _unescaped(str(zone.scalar(fields["Name"], str, "Name")))
    # Route 53 reads a name without its final dot as absolute too.
    owner = zone.current_owner = zone.owner(written if written.endswith(".") or written in ("", "@") else written + ".")
    rdtype_text = str(zone.scalar(fields["Type"], str, "Type")).strip().upper()
    try:
        rdtype = dns.rdatatype.from_text(rdtype_text)
    except (dns.rdatatype.UnknownRdatatype, ValueError):
        raise Problem(fields["Type"], f"{rdtype_text} is not a DNS record type") from None
    if "AliasTarget" in fields:
        # An alias is answered with its target's data: addresses the export does not list.
        if rdtype_text in _ADDRESS_TYPES:
            zone.aliases.setdefault(owner, zone.position(fields["AliasTarget"]))
        return
    ttl = zone.ttl(fields.get("TTL"), DEFAULT_TTL)
    records = fields.get("ResourceRecords")
    if not isinstance(records, SequenceNode):
        raise Problem(node, f"the {rdtype_text} record set of {owner} has no ResourceRecords list")
    for item in records.value:
        value = zone.fields(item, "a resource record is a mapping with a Value").get("Value") if isinstance(item, MappingNode) else None
        if value is None:
            zone.issue(item, f"a {rdtype_text} resource record of {owner} has no Value")
            continue
        zone.guard(value, lambda value=value: _value(zone, owner, ttl, rdtype, rdtype_text, value))


def _value(zone: YamlZone, owner: object, ttl: int, rdtype: int, rdtype_text: str, node: Node) -> None:
    from mxlint.formats.yamlzone import Problem

    zone.count_value(node)
    text = str(zone.scalar(node, str, f"{rdtype_text} Value")).strip()
    if rdtype_text != "MX":
        zone.add(owner, ttl, rdtype, text, node, absolute=True)  # type: ignore[arg-type]
        return
    parts = text.split()
    if len(parts) != 2:
        raise Problem(node, f"the MX value of {owner} must be a preference and an exchange")
    preference, exchange = parts
    preference = decimal_preference(node, preference, owner)
    # Route 53 reads every name as absolute: the trailing dot is implied, not forgotten.
    absolute = exchange if exchange.endswith(".") else exchange + "."
    zone.mx(owner, ttl, node, zone.part(node, preference), zone.part(node, absolute), octodns=False)  # type: ignore[arg-type]


#: The most a list of hosted zones is read of (it is a few kilobytes).
LISTING_BYTES = 2**20


def _listed_zone(path: str) -> dns.name.Name | None:
    """The name of the hosted zone whose id (``Z0123ABC``) the export's file name holds, from a
    ``list-hosted-zones`` JSON in the same directory (regular files only, 1 MiB at most)."""
    import json
    import os
    import stat

    import dns.exception
    import dns.name

    directory, base = os.path.split(path)
    stem = os.path.splitext(base)[0].lower()
    for name in sorted(os.listdir(directory or os.curdir))[:10_000]:
        listing = os.path.join(directory, name)
        if not name.lower().endswith(".json") or name == base:
            continue
        try:
            info = os.lstat(listing)
            if not stat.S_ISREG(info.st_mode) or info.st_size > LISTING_BYTES:
                continue
            with open(listing, "rb") as handle:
                data = handle.read(LISTING_BYTES)
            if b'"HostedZones"' not in data:
                continue
            zones = json.loads(data).get("HostedZones", [])
        except (OSError, ValueError, AttributeError):
            continue
        for hosted in zones if isinstance(zones, list) else []:
            if not isinstance(hosted, dict) or not isinstance(hosted.get("Id"), str) or not isinstance(hosted.get("Name"), str):
                continue
            identifier = hosted["Id"].rsplit("/", 1)[-1].lower()
            if identifier and identifier in stem:
                try:
                    return dns.name.from_text(_unescaped(hosted["Name"]))
                except (dns.exception.DNSException, ValueError):
                    return None
    return None


def decimal_preference(node: Node, text: str, owner: object) -> str:
    """An MX preference written in a value's text, read as a zone file reads it: decimal digits
    (``010`` is 10, not YAML's octal 8; ``0x10`` is no preference)."""
    from mxlint.formats.yamlzone import Problem
    from mxlint.record import IssueKind

    if not text.isascii() or not text.isdigit() or len(text.lstrip("0")) > 5:
        raise Problem(node, f"the MX preference {text[:24]!r} of {owner} is not an integer from 0 to 65535", IssueKind.MX_VALUE)
    return str(int(text))


def _unescaped(name: str) -> str:
    """A Route 53 name with its octal escapes (``\\052``) as the decimal ones dnspython reads."""
    return _OCTAL.sub(lambda match: f"\\{int(match.group(1), 8):03d}", name)


FORMAT = Route53()
