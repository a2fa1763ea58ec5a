"""What the JSON formats (Route 53 exports, DNSControl's IR) share: the name they claim, no
comments, recognition by a key in the file's first bytes, and where a value ends. Their
documents are read by the bounded YAML composer (JSON is YAML's flow style)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mxlint.format import MINE, Format, Probe, Trust, Verdict

if TYPE_CHECKING:
    from yaml.nodes import Node

    from mxlint.formats.yamlzone import YamlZone
    from mxlint.record import Position
    from mxlint.source import Text


class JsonFormat(Format):
    patterns = ("*.json",)
    comment = None
    #: why a JSON file is not this format's (``package.json`` and the like are passed over)
    not_mine = ""

    def recognise(self, probe: Probe, trust: Trust) -> Verdict:
        try:
            head = probe.head()
        except OSError as error:
            return Verdict(False, f"cannot be read: {error.strerror or error}")
        return MINE if self.marked(probe, head) else Verdict(False, self.not_mine)

    def marked(self, probe: Probe, head: bytes) -> bool:
        """Whether the file's first bytes (``head``) carry the format's keys."""
        raise NotImplementedError

    def extent(self, text: Text, pos: Position) -> tuple[int, int]:
        from mxlint.formats import yamlzone

        return yamlzone.extent(text, pos) or super().extent(text, pos)


def mapping(zone: YamlZone, node: Node | None) -> dict[str, Node]:
    """A mapping node's values by key (merge keys applied); empty for any other node."""
    from yaml.nodes import MappingNode

    from mxlint.formats.yamlzone import node_text

    return {node_text(key): value for key, value in zone.pairs(node)} if isinstance(node, MappingNode) else {}


def scalar_text(node: Node | None, default: str = "") -> str:
    """A scalar's text as written; ``default`` for a null, a collection or nothing."""
    from yaml.nodes import ScalarNode

    return str(node.value) if isinstance(node, ScalarNode) and node.tag != "tag:yaml.org,2002:null" else default
