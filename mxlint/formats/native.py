"""The native YAML zones: the columns of a DNS provider's record table.

    origin: example.com.
    ttl: 3600
    records:
      - {name: "@", type: MX, priority: 10, value: mx1.example.com.}
      - {name: "@", type: MX, value: "20 mx2.example.com."}

``@`` is the apex and a name without a trailing dot is relative to the origin; ``value`` is
the record data as in a zone file, so an MX exchange without a trailing dot is completed with
the origin too, and MX112/MX113 catch a forgotten dot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mxlint.formats.yamlbase import YamlFormat
from mxlint.source import Source

if TYPE_CHECKING:
    from yaml.nodes import MappingNode, Node

    from mxlint.formats.yamlzone import YamlZone
    from mxlint.zone import Zone


def walk(zone: YamlZone, root: MappingNode) -> None:
    """Read a native document: ``origin``, ``ttl`` and the ``records`` rows."""
    from yaml.nodes import SequenceNode

    from mxlint.formats.yamlzone import DEFAULT_TTL, node_text, origin_key
    from mxlint.yamlload import REFUSED_TAG

    fields = dict((node_text(k), v) for k, v in zone.pairs(root))
    if "origin" in fields and zone.given is None:  # a given origin wins: the key is not read
        found = zone.guard(fields["origin"], lambda: origin_key(zone.scalar(fields["origin"], str, "origin")))
        # A key that cannot be read leaves the zone without an origin: the file name is no
        # better a guess than the origin its author wrote.
        zone.origin = zone.origin_from_key(found) if found is not None else None
        zone.origin_unreadable = found is None
    if zone.origin is None:
        return
    default_ttl = zone.guard(fields.get("ttl", root), lambda: zone.ttl(fields.get("ttl"), DEFAULT_TTL)) or DEFAULT_TTL
    rows = fields.get("records")
    if rows is not None and rows.tag == REFUSED_TAG:
        return
    if not isinstance(rows, SequenceNode):
        zone.issue(rows or root, "records must be a list of rows with name, type and value")
        return
    for row in rows.value:
        zone.current_owner = None
        zone.guard(row, lambda: _row(zone, row, default_ttl))


def _row(zone: YamlZone, node: Node, default_ttl: int) -> None:
    from mxlint.formats.yamlzone import Problem, node_text

    fields = zone.fields(node, "a row is a mapping with name, type, ttl, priority and value")
    if "name" not in fields:
        raise Problem(node, "the row has no name")
    owner = zone.current_owner = zone.owner(node_text(fields["name"]))
    rdtype_text = zone.record_type(fields, node)
    if rdtype_text is None:
        zone.note_alias(owner, fields)
        return
    ttl = zone.ttl(fields.get("ttl"), default_ttl)
    if "value" not in fields:
        raise Problem(node, f"the {rdtype_text} row of {owner} has no value")
    if rdtype_text == "MX" and "priority" in fields:
        zone.count_value(node)
        zone.mx(owner, ttl, node, fields["priority"], fields["value"], octodns=False)
    else:
        zone.value(owner, ttl, rdtype_text, fields["value"], octodns=False, at=node)


class Native(YamlFormat):
    name = "native"
    native = True

    def read(self, source: Source) -> list[Zone]:
        from mxlint.formats.yamlzone import read_document

        return [read_document(source, self.patterns, walk)]


FORMAT = Native()
