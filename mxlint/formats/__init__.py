"""The formats of a run, and the one place where a source's format is chosen.

The built-in formats (``zonefile``, ``octodns``, ``native``, ``route53``, ``dnscontrol``) and the plugins' are found through
the entry-point group ``mxlint.formats``, built-ins first, and each is imported when a path
first needs it: a run over zone files never imports the YAML formats. ``choose`` decides,
once, which format reads a file or a buffer; the choice travels with the ``Source``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from importlib.metadata import EntryPoint
from typing import TypeVar

import dns.name

from mxlint.format import FORMAT_NAME, Format, MxFields, Probe, Trust, Verdict
from mxlint.origin import file_name_stem
from mxlint.origin import origin_from_file_name as _origin_from_name
from mxlint.plugins import PluginError, entry_points_in
from mxlint.record import Comment, Position, ReadIssue, Record
from mxlint.source import InputError, Source, Text
from mxlint.zone import Zone

T = TypeVar("T")

GROUP = "mxlint.formats"
#: The built-in formats, in the order they are asked; found through the entry-point group as
#: plugins are, and from this list when running from a checkout that is not installed.
BUILTIN = (
    EntryPoint(name="zonefile", value="mxlint.formats.zonefile:FORMAT", group=GROUP),
    EntryPoint(name="octodns", value="mxlint.formats.octodns:FORMAT", group=GROUP),
    EntryPoint(name="native", value="mxlint.formats.native:FORMAT", group=GROUP),
    EntryPoint(name="route53", value="mxlint.formats.route53:FORMAT", group=GROUP),
    EntryPoint(name="dnscontrol", value="mxlint.formats.dnscontrol:FORMAT", group=GROUP),
    EntryPoint(name="terraform-json", value="mxlint.formats.terraform_json:FORMAT", group=GROUP),
)
_BUILTIN_VALUES = frozenset(point.value for point in BUILTIN)
_DOMAIN_LIKE = re.compile(r"(?:[a-z0-9_-]+\.)+[a-z][a-z0-9-]*\.?")


class Formats:
    """The formats in the order they are asked (built-ins first), each loaded the first time
    it is needed. Raises ``PluginError`` for a plugin that cannot be loaded, is not a
    ``Format``, takes a name another format has, or fails."""

    def __init__(self, points: Sequence[EntryPoint]) -> None:
        declared = {point.value: point for point in points}
        plugins = sorted((point for point in declared.values() if point.value not in _BUILTIN_VALUES), key=lambda point: point.name)
        self._points = [declared.get(point.value, point) for point in BUILTIN] + plugins
        self._loaded: list[Format] = []
        self._plugin: dict[int, str] = {}  # id of a plugin's format -> the plugin's entry-point name

    def __iter__(self) -> Iterator[Format]:
        index = 0
        while index < len(self._points):
            if index == len(self._loaded):
                self._loaded.append(self._load(self._points[index]))
            yield self._loaded[index]
            index += 1

    def _load(self, point: EntryPoint) -> Format:
        try:
            loaded = point.load()
            problem = _not_a_format(loaded)
        except (Exception, SystemExit) as error:  # a plugin can fail in any way; it must not become a traceback
            raise PluginError(f"plugin {point.name} ({point.value}) failed to load: {type(error).__name__}: {error}") from None
        if problem is not None:
            raise PluginError(f"plugin {point.name} ({point.value}) provides {loaded!r}, which {problem}")
        for other in self._loaded:
            if other.name == loaded.name:
                raise PluginError(f"format {loaded.name} from plugin {point.name} collides with the format of that name from {self._origin(other)}")
        if point.value not in _BUILTIN_VALUES:
            self._plugin[id(loaded)] = point.name
        return loaded

    def _origin(self, format: Format) -> str:
        plugin = self._plugin.get(id(format))
        return f"plugin {plugin}" if plugin else "mxlint"

    def get(self, name: str) -> Format:
        """The format of that name (``Source.format``). Raises ``PluginError`` when none has it."""
        for format in self:
            if format.name == name:
                return format
        raise PluginError(f"no installed format is named {name!r}")

    # -- choosing ----------------------------------------------------------------------------

    def choose(self, probe: Probe, trust: Trust) -> Format | Verdict:
        """The format that reads ``probe``, or the verdict that says why none does.

        The formats that claim the name are asked first, in order, with ``trust``; when none
        claims it, the formats that recognise their content under any name (zone files) are
        asked on the content alone. Bytes given to be read (``Trust.GIVEN``) are always read:
        by the first format that claims the name, else by the first whose content they are,
        else by the first that recognises content under any name, which says what is wrong."""
        claimants: list[Format] = []
        reasons: list[str] = []
        for format in self:  # the first that claims and takes it ends the search: later ones stay unloaded
            if self._claims(format, probe.name, probe.path):
                claimants.append(format)
                verdict = self._recognise(format, probe, trust)
                if verdict:
                    return format
                reasons.append(verdict.reason)
        if claimants:
            return claimants[0] if trust is Trust.GIVEN else Verdict(False, reasons[0])
        anywhere = [format for format in self if format.sniffs_any_name]
        for format in anywhere:
            verdict = self._recognise(format, probe, Trust.CONTENT)
            if verdict:
                return format
            reasons.append(verdict.reason)
        if trust is Trust.GIVEN:
            # Standard input named nothing a format claims: its content decides.
            for format in self:
                if not format.sniffs_any_name and self._recognise(format, probe, Trust.CONTENT):
                    return format
            if anywhere:
                return anywhere[0]
        return Verdict(False, reasons[0] if reasons else "no format reads it")

    def _claims(self, format: Format, name: str, path: str) -> bool:
        return bool(self._guarded(format, path, lambda: format.claims(name)))

    def holds(self, format: Format, directory: str, path: str) -> bool:
        """Whether ``format`` reads ``directory`` whole and claims its file ``path``."""
        try:
            return self._claims(format, path, path) and bool(self._guarded(format, directory, lambda: format.reads_directory(directory)))
        except OSError:
            return False

    def _recognise(self, format: Format, probe: Probe, trust: Trust) -> Verdict:
        verdict = self._guarded(format, probe.path, lambda: format.recognise(probe, trust))
        if not isinstance(verdict, Verdict):
            self._garbage(format, probe.path, verdict)
            return Verdict(False, "its format could not tell")
        return verdict

    def directory_format(self, path: str) -> Format | None:
        """The format that reads the directory ``path`` whole (octoDNS's split layout), if any."""
        for format in self:
            try:
                if self._guarded(format, path, lambda: format.reads_directory(path)):
                    return format
            except OSError:
                continue  # a directory that cannot be listed is no format's
        return None

    def names_zone(self, name: str) -> bool:
        """Whether a file's name alone says zone: a name a format claims as a zone's
        (``*.zone``, ``*.db``, ``db.*``), or a domain name once the suffix of a format that
        claims it is dropped (``example.com``, ``example.com.yaml``, ``example.com.``)."""
        base = name.lower()
        stems = []
        for format in self:
            if self._claims(format, base, name):
                if format.claimed_names_are_zones:
                    return True
                stems.append(file_name_stem(base, format.patterns))
        return any(_DOMAIN_LIKE.fullmatch(stem) for stem in stems or [base])

    def origin_from_file_name(self, path: str) -> dns.name.Name | None:
        """The zone a file name names, as the format that claims the name reads it."""
        for format in self:
            if self._claims(format, path, path):
                return self._guarded(format, path, lambda: format.origin_from_name(path))
        return _origin_from_name(path)

    # -- reading, and finding what was read ------------------------------------------------

    def read(self, source: Source) -> list[Zone]:
        """The zones of ``source``, read by its format; each zone keeps the source. Raises
        ``InputError`` and, for a plugin's format that fails, ``PluginError``."""
        format = self.get(source.format)
        zones = self._guarded(format, source.path, lambda: format.read(source))
        if not isinstance(zones, list) or not all(isinstance(zone, Zone) for zone in zones):
            self._garbage(format, source.path, zones)
            raise InputError(f"{source.path}: its format read no zones")
        if id(format) in self._plugin:
            for zone in zones:
                problem = _not_a_zone(zone)
                if problem is not None:
                    raise PluginError(f"format {format.name} ({self._origin(format)}) read {source.path} into a zone whose {problem}")
        served = source.served
        for zone in zones:
            if zone.source is None:
                zone.source = source
            if served is not None:  # the view is the configuration's, whatever the format
                zone.view, zone.internal = served.view, served.internal
        return zones

    def locate(self, source: Source, pos: Position) -> MxFields | None:
        """The fields of the MX record or value at ``pos`` in a file of ``source``, as its
        format finds them (``None``: no text, or not found for certain)."""
        text = _text_at(source, pos)
        if text is None:
            return None
        format = self.get(source.format)
        fields = self._guarded(format, pos.file, lambda: format.locate(text, pos))
        if fields is not None and not isinstance(fields, MxFields):
            return self._garbage(format, pos.file, fields)
        return fields

    def extent(self, source: Source, pos: Position) -> tuple[int, int] | None:
        """Where what starts at ``pos`` in a file of ``source`` ends, as its format says."""
        text = _text_at(source, pos)
        if text is None:
            return None
        format = self.get(source.format)
        end = self._guarded(format, pos.file, lambda: format.extent(text, pos))
        if not (isinstance(end, tuple) and len(end) == 2 and all(type(part) is int for part in end) and end >= (pos.line, pos.column)):
            return self._garbage(format, pos.file, end)
        return end

    def _guarded(self, format: Format, path: str, call: Callable[[], T]) -> T:
        try:
            return call()
        except InputError:
            raise  # a source that cannot be had: the format says so, as the built-ins do
        except Exception as error:
            if id(format) not in self._plugin:
                raise
            raise PluginError(f"format {format.name} ({self._origin(format)}) failed on {path}: {type(error).__name__}: {error}") from None

    def _garbage(self, format: Format, path: str, value: object) -> None:
        """A format's answer that is not what was asked: a plugin's is an error, a built-in
        format's a doubt (no fix, no range)."""
        if id(format) in self._plugin:
            raise PluginError(f"format {format.name} ({self._origin(format)}) answered {value!r} for {path}")
        return None


def _not_a_format(value: object) -> str | None:
    """What makes ``value`` unfit to be a format (``None``: nothing)."""
    if not isinstance(value, Format):
        return "is not an mxlint Format"
    if not isinstance(value.name, str) or not FORMAT_NAME.match(value.name):
        return "has no name of lower-case words joined by dashes"
    if isinstance(value.patterns, str) or not isinstance(value.patterns, (tuple, list)) or not all(isinstance(p, str) for p in value.patterns):
        return "has patterns that are not a tuple of file-name patterns"
    if value.comment is not None and (not isinstance(value.comment, str) or not value.comment):
        return "has a comment mark that is neither a string nor None"
    if not isinstance(value.sniffs_any_name, bool) or not isinstance(value.claimed_names_are_zones, bool):
        return "has flags that are not true or false"
    return None


def _not_a_zone(zone: Zone) -> str | None:
    """What in a plugin's zone the rules could not read (``None``: nothing)."""
    if not isinstance(zone.origin, dns.name.Name) or not zone.origin.is_absolute():
        return "origin is not an absolute domain name"
    for what, kind, items in (("records", Record, zone.records), ("errors", ReadIssue, zone.errors), ("comments", Comment, zone.comments)):
        if not all(isinstance(item, kind) for item in items):
            return f"{what} are not all {kind.__name__}s"
    return None


def _text_at(source: Source, pos: Position) -> Text | None:
    text = source.text(pos.file)
    return text if text is not None and 0 < pos.line <= len(text.lines) else None


_installed: Formats | None = None


def installed() -> Formats:
    """The formats of this process (loaded as they are needed)."""
    global _installed
    if _installed is None:
        _installed = Formats(entry_points_in(GROUP))
    return _installed


def origin_from_file_name(path: str) -> dns.name.Name | None:
    """The zone a file name names, as the format that claims the name reads it."""
    return installed().origin_from_file_name(path)


def read_text(text: str, origin: dns.name.Name | None, path: str, format: str | None = None) -> Zone:
    """Text read as the bytes of a file of that path would be (for tests, rule pages and
    editors): by ``format``, else by the format chosen as for standard input."""
    data = text.encode("utf-8")
    formats = installed()
    if format is None:
        chosen = formats.choose(Probe(path, data), Trust.GIVEN)
        assert isinstance(chosen, Format)
        format = chosen.name
    [zone] = formats.read(Source(path, format, origin, data))
    return zone


def read_yaml_text(text: str, origin: dns.name.Name | None, path: str = "<string>") -> Zone:
    """YAML text read as YAML given on standard input is: by the octoDNS format, which reads a
    native document with the native dialect."""
    return read_text(text, origin, path, "octodns")


def read_path(path: str, origin: dns.name.Name | None = None, include_root: str | None = None) -> Zone:
    """The zone of a file or directory read as a named source is (for tests and tools): by
    the format that reads the directory whole, else by the one chosen for its name and
    content. Raises ``InputError``."""
    formats = installed()
    whole = formats.directory_format(path) if os.path.isdir(path) else None
    format = whole or formats.choose(Probe(path), Trust.GIVEN)
    assert isinstance(format, Format)
    [zone] = formats.read(Source(path, format.name, origin, include_root=include_root))
    return zone
