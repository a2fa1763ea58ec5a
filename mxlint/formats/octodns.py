"""octoDNS's YAML zones: top-level keys are record names relative to the zone (``''`` is the
apex), each holding one record or a list of them with ``type``, ``ttl`` and
``value``/``values``; and octoDNS's split layout, a directory named after its zone with a
trailing dot (``example.com./``) holding one YAML file per name.

What octoDNS loads is read without an issue: its own types that are not DNS data (``ALIAS``,
``URLFWD``) and providers' types (``Route53Provider/ALIAS``) become no record, and an alias
gives its owner addresses. An exchange written without a trailing dot is read as absolute,
as octoDNS and Route 53 read it (MX111 says so).

Both YAML dialects are named ``*.yaml``: this format is asked first, and takes a file named
after a zone, or bytes given under a YAML name, without parsing them to tell; its reader then
reads a native document with the native dialect (``mxlint.formats.native``), so that each
document is parsed once.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from mxlint.formats import native
from mxlint.formats.yamlbase import YamlFormat
from mxlint.source import Source, path_in_tree

if TYPE_CHECKING:
    import dns.name
    from yaml.nodes import MappingNode, Node

    from mxlint.formats.yamlzone import YamlZone
    from mxlint.zone import Zone


def walk(zone: YamlZone, root: MappingNode) -> None:
    """Read an octoDNS document: each name's record or records. A native document met under a
    name this format took without parsing it (see ``yamlzone.recognise``), or in a split
    directory, is read with the native dialect."""
    from yaml.nodes import SequenceNode

    from mxlint.formats.yamlzone import is_native, node_text

    if is_native(root):
        native.walk(zone, root)
        return
    if zone.origin is None:
        return
    for key, value in zone.pairs(root):
        owner = zone.guard(key, lambda: zone.owner(node_text(key)))
        if owner is None:
            continue
        zone.current_owner = owner
        for data in value.value if isinstance(value, SequenceNode) else [value]:
            zone.guard(data, lambda: _record(zone, owner, data))
    zone.current_owner = None


def _record(zone: YamlZone, owner: dns.name.Name, node: Node) -> None:
    from yaml.nodes import SequenceNode

    from mxlint.formats.yamlzone import DEFAULT_TTL, Problem

    fields = zone.fields(node, "a record is a mapping with type, ttl and value or values")
    rdtype_text = zone.record_type(fields, node)
    if rdtype_text is None:
        zone.note_alias(owner, fields)
        return
    ttl = zone.ttl(fields.get("ttl"), DEFAULT_TTL)
    values = fields.get("values", fields.get("value"))
    if values is None:
        raise Problem(node, f"the {rdtype_text} record of {owner} has no value or values")
    # octoDNS reads a list under ``value:`` as it reads ``values:``.
    items = values.value if isinstance(values, SequenceNode) else [values]
    for item in items:
        zone.guard(item, lambda: zone.value(owner, ttl, rdtype_text, item, octodns=True))


class OctoDns(YamlFormat):
    name = "octodns"

    def reads_directory(self, path: str) -> bool:
        """octoDNS's split layout: a directory named after a zone, with a trailing dot (not
        ``.`` or ``..``), holding YAML files."""
        name = os.path.basename(os.path.abspath(path))
        return len(name) > 1 and name != ".." and name.endswith(".") and any(self.claims(entry) for entry in os.listdir(path))

    def read(self, source: Source) -> list[Zone]:
        from mxlint.formats.yamlzone import read_document

        if source.served is not None and source.served.parts:
            return [self._read_parts(source, source.served.parts)]
        if source.in_memory or not os.path.isdir(source.path):
            return [read_document(source, self.patterns, walk)]
        return [self._read_parts(source, (source.path,))]

    def _read_parts(self, source: Source, parts: tuple[str, ...]) -> Zone:
        """One zone from several files and split directories, in the order given: an octoDNS
        configuration's sources for the zone, or one split directory."""
        from mxlint.formats.yamlzone import YamlZone

        tree = source.include_root or source.path
        zone = YamlZone(source, self.patterns, tree)
        for part in parts:
            if os.path.isdir(part):
                self._read_split(zone, part, tree)
            else:
                zone.read_file(part, walk)
        return zone.zone()

    def _read_split(self, zone: YamlZone, path: str, tree: str) -> None:
        root = os.path.realpath(tree)
        for name in sorted(os.listdir(path)):
            file = os.path.join(path, name)
            if not self.claims(name) or not os.path.isfile(file):
                continue
            real = os.path.realpath(file)
            if os.path.commonpath([root, real]) != root:  # confined like !include and $INCLUDE
                zone.refuse_file(file, f"not read: {name} is a symbolic link leading outside {path}")
                continue
            # A link to another file of the tree is named as the file it reads.
            zone.read_file(file if real == os.path.realpath(path) + os.sep + name else path_in_tree(real, tree), walk)


FORMAT = OctoDns()
