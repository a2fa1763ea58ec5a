"""What the two YAML formats (octoDNS and native) share as formats: the names they claim,
their comments, and where an MX value's fields and a node's end are in their text. Cheap to
import: the YAML machinery (``mxlint.formats.yamlzone``) is imported when a YAML file is
looked at."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mxlint.format import Format, MxFields, Probe, Trust, Verdict

if TYPE_CHECKING:
    from mxlint.record import Position
    from mxlint.source import Text


class YamlFormat(Format):
    """A YAML dialect: its files are ``*.yaml`` and ``*.yml``, told apart by their shape."""

    patterns = ("*.yaml", "*.yml")
    comment = "#"
    #: whether the dialect's documents are the native ``origin:``/``records:`` shape
    native = False

    def recognise(self, probe: Probe, trust: Trust) -> Verdict:
        from mxlint.formats import yamlzone

        return yamlzone.recognise(probe, trust, self.patterns, native=self.native)

    def locate(self, text: Text, pos: Position) -> MxFields | None:
        from mxlint.formats import yamlzone

        return yamlzone.locate(text, pos)

    def extent(self, text: Text, pos: Position) -> tuple[int, int]:
        from mxlint.formats import yamlzone

        return yamlzone.extent(text, pos) or super().extent(text, pos)
