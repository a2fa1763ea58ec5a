"""octoDNS's configuration (``octodns.yaml``, ``config/*.yaml``: a YAML document with top-level
``providers:`` and ``zones:``): the zones it declares and, for each, the YAML files and split
directories octoDNS would read the zone's records from, in the order it populates them.

Nothing is executed and octoDNS is not imported; its rules are followed as its source states
them (``octodns/manager.py``, ``octodns/provider/yaml.py``):

- A zone's ``sources`` populate it in the order listed. A ``YamlProvider`` (or the deprecated
  ``SplitYamlProvider``) gathers the files of its split directory (``<zone><split_extension>``,
  only with ``split_extension`` set), its zone file (``<zone>yaml``, the name with its trailing
  dot, unless ``disable_zonefile``) and its ``shared_filename``, then reads them sorted by
  path: a shared file ``_common.yaml`` comes before ``example.com.yaml``, ``shared.yaml``
  after it. Other providers (Route 53, SPF sources, ...) read no file of the tree.
- A record (name and type) that an earlier file or source already gave is an error for octoDNS
  (``DuplicateRecordException``) unless the provider reading it sets
  ``populate_should_replace``: then it replaces the earlier one.
- A zone key starting with ``*`` is a dynamic zone: its sources' ``list_zones`` name the zones
  (for a ``YamlProvider``: files ``*.yaml`` of its directory with at least two dots, and
  directories ending in ``split_extension``), less the zones already configured, filtered by
  ``glob`` or ``regex``; dynamic keys claim zones in the order they are written.
- ``alias: other.zone.`` gives a zone the records of another, which must not be an alias.
- ``directory`` is relative to the working directory of ``octodns-sync`` (by convention the
  repository's top, the configuration often sits in ``config/``): it is looked for beside the
  configuration, then in ``root``, then in the directories between; it must stay inside
  ``root``. ``env/NAME`` values come from the environment (octoDNS's secrets) and are unknown
  here.

Work is linear in the configuration: a few ``stat`` calls a zone, each directory listed once
and at most ``MAX_DIRECTORY_ENTRIES`` entries of it; a dynamic zone's ``regex`` runs only when
its shape cannot backtrack without bound, and for at most ``MAX_REGEX_SECONDS`` in all.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import dns.exception
import dns.name
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mxlint import collector
from mxlint.limits import MAX_SYNTAX_ERRORS, MAX_YAML_DEPTH, MAX_YAML_NODES
from mxlint.record import Position, ReadIssue
from mxlint.safe_text import printable
from mxlint.source import MAX_TEXT_BYTES, decode_source, read_bytes
from mxlint.yamlload import (
    MERGE_TAG,
    NULL_TAG,
    REFUSED_TAG,
    Includer,
    YamlProblem,
    syntax_error,
)

YAML_PROVIDER = "octodns.provider.yaml.YamlProvider"
SPLIT_YAML_PROVIDER = "octodns.provider.yaml.SplitYamlProvider"
#: How much of a file ``looks_like_octodns_config`` is given.
HEAD_BYTES = 8192
#: Entries of one directory looked at to list a provider's zones.
MAX_DIRECTORY_ENTRIES = 100_000
#: A dynamic zone's ``regex``: how much backtracking its shape allows (in bits: a repeat
#: tries up to a name's 255 characters, 8 bits; an optional part 2 ways, 1 bit), and the time
#: all of the configuration's regexes may take together.
MAX_REGEX_BITS = 16
MAX_REGEX_SECONDS = 2.0
MAX_REGEX_CHARS = 1000
#: Characters of a value from the input shown in a message.
SHOWN_CHARS = 80
#: The secret handler octoDNS always has (``env/NAME`` reads an environment variable).
ENV_HANDLER = "env"

_STR_TAG = "tag:yaml.org,2002:str"
_CONSTRUCTOR = yaml.SafeLoader("")


@dataclass(frozen=True)
class OctoZone:
    """One zone the configuration declares, and where octoDNS finds its records."""

    #: the zone's apex, absolute
    name: dns.name.Name
    #: the zone's key in the configuration (a dynamic zone: the ``'*'`` key that claimed it),
    #: so that what is said about the declaration points at it
    pos: Position
    #: the files and split directories octoDNS reads its records from that exist, in the
    #: order it populates them: later ones add to or (``populate_should_replace``) replace
    #: what earlier ones gave
    paths: list[str] = field(default_factory=list)
    #: why a declared source gives nothing (an unknown provider, a missing file, a provider
    #: that is not read from files); empty when every source gives what it should
    missing: list[str] = field(default_factory=list)


@dataclass
class OctoConfig:
    """What one octoDNS configuration declares."""

    #: the configuration file, as the caller named it
    path: str
    #: the zones, in the order octoDNS holds them (written ones, then dynamic ones as claimed)
    zones: list[OctoZone] = field(default_factory=list)
    #: every directory a ``YamlProvider`` that is a zone's source reads, so that a search
    #: for zones knows which YAML files the configuration covers (zones, shared files)
    provider_directories: list[str] = field(default_factory=list)
    #: what octoDNS would refuse or could not be read, at its place in the configuration
    issues: list[ReadIssue] = field(default_factory=list)


# -- recognising ------------------------------------------------------------------------------

_PROVIDERS_KEY = re.compile(
    rb"""(?m)^(?:\xef\xbb\xbf)?["']?providers["']?[ \t]*:(?:[ \t]|\r?$)"""
)
_ZONES_KEY = re.compile(rb"""(?m)^["']?zones["']?[ \t]*:(?:[ \t]|\r?$)""")
_OCTODNS_CLASS = re.compile(
    rb"""(?m)^[ \t]+["']?class["']?[ \t]*:[ \t]*["']?octodns[._]"""
)


def looks_like_octodns_config(head: bytes) -> bool:
    """Whether the first bytes of a file are an octoDNS configuration rather than a zone:
    top-level ``providers:`` and ``zones:`` keys. A long ``providers:`` section can push
    ``zones:`` past the head: an octoDNS provider class there says enough."""
    head = head[:HEAD_BYTES]
    if _PROVIDERS_KEY.search(head) is None:
        return False
    return (
        _ZONES_KEY.search(head) is not None or _OCTODNS_CLASS.search(head) is not None
    )


# -- reading ----------------------------------------------------------------------------------


def read_octodns_config(path: str, root: str) -> OctoConfig:
    """The zones an octoDNS configuration declares and the files each one's records come
    from, inside ``root`` (the tree being checked, where ``octodns-sync`` is run from).
    Everything wrong with the configuration is an issue; raises ``InputError`` only when
    ``path`` itself cannot be read."""
    return _Reader(path, root).read()


class _Stop(Exception):
    """Too much is wrong with the configuration: reading stops."""


@dataclass
class _Provider:
    """A provider of the configuration, as far as it matters for files."""

    name: str
    pos: Position
    cls: str
    yaml: bool = False
    #: the directory found on this machine (a shown path), or ``None`` and why
    directory: str | None = None
    problem: str | None = None
    problem_pos: Position | None = None
    split_extension: str | None = None
    disable_zonefile: bool = False
    ignore_missing: bool = False
    replace: bool = False
    #: the shared file: the shown path when it is there, else why it gives nothing
    shared: str | None = None
    shared_name: str = ""
    shared_problem: str | None = None
    shared_pos: Position | None = None
    #: the zones ``list_zones`` gives (``None``: not asked yet), or why there are none
    listed: list[str] | None = None
    list_problem: str | None = None


@dataclass
class _Entry:
    """A zone of the ``zones`` mapping (or claimed by a dynamic key)."""

    raw: str
    key: Node
    config: Node | None
    dynamic: bool = False


class _Reader:
    """Reads one configuration: its providers first (a zone's sources name them), then its
    zones, dynamic keys claiming theirs before each zone's files are looked for."""

    def __init__(self, path: str, root: str) -> None:
        self.path = path
        self.root = root
        self.real_root = os.path.realpath(root)
        self.config = OctoConfig(path)
        self.includer = Includer(self.real_root, self._decode_included, self._refused)
        self.seen_issues: set[tuple[Position, str]] = set()
        self.visited = 0
        self.secret_handlers = {ENV_HANDLER}
        self.providers: dict[str, _Provider] = {}
        self.used: dict[str, _Provider] = {}
        self.sources_cache: dict[int, list[tuple[str, Node]] | None] = {}
        self.mappings: dict[int, dict[str, tuple[Node, Node]]] = {}
        self.regex_seconds = 0.0

    # -- issues and positions --

    def issue(
        self,
        where: Node | yaml.Mark | Position | None,
        message: str,
        incomplete: bool = False,
    ) -> None:
        pos = where if isinstance(where, Position) else self.position(where)
        if (pos, message) in self.seen_issues:
            return
        issues = self.config.issues
        if len(issues) >= MAX_SYNTAX_ERRORS:
            issues.append(
                ReadIssue(
                    pos,
                    f"more than {MAX_SYNTAX_ERRORS} problems: reading stops here",
                    incomplete=True,
                )
            )
            raise _Stop
        self.seen_issues.add((pos, message))
        issues.append(ReadIssue(pos, message, incomplete=incomplete))

    def position(self, where: Node | yaml.Mark | None) -> Position:
        if isinstance(where, Node):
            start, end = where.start_mark, where.end_mark
        else:
            start, end = where, None
        if start is None:
            return Position(self.path, 1, 1)
        same_file = end is not None and end.name == start.name
        return Position(
            self.includer.shown_path(start),
            start.line + 1,
            start.column + 1,
            end.line + 1 if same_file else None,
            end.column + 1 if same_file else None,
        )

    def _decode_included(self, shown: str, data: bytes) -> str:
        text = decode_source(shown, data, comment_char="#")
        for error in text.errors:
            self.issue(error.pos, error.message)
        return text.text

    def _refused(self, mark: yaml.Mark, message: str) -> None:
        self.issue(mark, printable(message), incomplete=True)

    # -- the document --

    def read(self) -> OctoConfig:
        try:
            size = os.stat(self.path).st_size
        except (OSError, ValueError):
            size = -1
        if size > MAX_TEXT_BYTES:
            self.config.issues.append(
                ReadIssue(
                    Position(self.path, 1),
                    f"larger than {MAX_TEXT_BYTES // (1024 * 1024)} MiB: not read",
                    incomplete=True,
                )
            )
            return self.config
        data = read_bytes(self.path, self.path)
        # A configuration of many zones makes millions of nodes and no cycle worth collecting.
        with collector.paused():
            try:
                self._read(data)
            except _Stop:
                pass
        return self.config

    def _read(self, data: bytes) -> None:
        text = decode_source(self.path, data, comment_char="#")
        for error in text.errors:
            self.issue(error.pos, error.message)
        try:
            document = self.includer.compose(
                text.text, os.path.realpath(self.path), self.path
            )
        except YamlProblem as problem:
            self.issue(problem.mark, printable(str(problem)), incomplete=True)
            return
        except yaml.YAMLError as error:
            mark, message = syntax_error(error)
            self.issue(mark, printable(message), incomplete=True)
            return
        except RecursionError:
            self.issue(
                None,
                f"the document nests deeper than {MAX_YAML_DEPTH} levels",
                incomplete=True,
            )
            return
        if document is None or _absent(document):
            self.issue(None, "the configuration is empty: it needs providers and zones")
            return
        top = self.mapping(document, "the configuration")
        if top is None:
            return
        handlers = top.get("secret_handlers")
        if handlers is not None:
            self.secret_handlers.update(
                self.mapping(handlers[1], "secret_handlers") or {}
            )
        for key in ("providers", "zones"):
            if key not in top or _absent(top[key][1]):
                where = top[key][0] if key in top else document
                self.issue(
                    where,
                    f"the configuration has no {key}: octoDNS needs a mapping of them",
                )
        if "providers" in top:
            self.read_providers(top["providers"][1])
        if "zones" in top:
            self.read_zones(top["zones"][1])
        self.config.provider_directories = list(
            dict.fromkeys(
                p.directory for p in self.used.values() if p.directory is not None
            )
        )

    def mapping(self, node: Node, what: str) -> dict[str, tuple[Node, Node]] | None:
        """A mapping's keys and values as octoDNS's loader builds it: merge keys (``<<``)
        applied, a later key replacing an earlier one where the first stood. ``None`` after
        an issue when the node is no mapping."""
        if _absent(node):
            return None
        if not isinstance(node, MappingNode):
            self.issue(node, f"{what} must be a mapping")
            return None
        cached = self.mappings.get(id(node))
        if cached is not None:
            return cached
        written: dict[str, Node] = {}
        for key, _ in node.value:
            if isinstance(key, ScalarNode) and key.tag != MERGE_TAG:
                if key.value in written:
                    line = written[key.value].start_mark.line + 1
                    self.issue(
                        key,
                        f"{_q(key.value)} appears twice in {what} (first at line {line}): octoDNS uses this one",
                    )
                written[key.value] = key
        result: dict[str, tuple[Node, Node]] = {}
        for key, value in self.flatten(node, 0):
            if not isinstance(key, ScalarNode):
                self.issue(key, f"a key of {what} must be a plain value")
                continue
            result[key.value] = (key, value)
        # Dynamic zones share their configuration node: it is read once.
        self.mappings[id(node)] = result
        return result

    def flatten(self, node: MappingNode, depth: int) -> list[tuple[Node, Node]]:
        """The pairs of a mapping, merged mappings first (the first of a merged list last, so
        that it wins), as PyYAML flattens them; every pair counted against the node bound."""
        if depth > MAX_YAML_DEPTH:
            self.issue(node, f"merge keys nest deeper than {MAX_YAML_DEPTH} levels")
            return []
        self.visited += 1 + len(node.value)  # a merge of empty mappings counts too
        if self.visited > MAX_YAML_NODES:
            self.issue(
                node,
                f"the configuration expands to more than {MAX_YAML_NODES:,} keys (aliases or merge keys)",
                incomplete=True,
            )
            raise _Stop
        merged: list[tuple[Node, Node]] = []
        explicit: list[tuple[Node, Node]] = []
        for key, value in node.value:
            if key.tag != MERGE_TAG:
                explicit.append((key, value))
                continue
            parts = []
            for source in value.value if isinstance(value, SequenceNode) else [value]:
                if isinstance(source, MappingNode):
                    parts.append(self.flatten(source, depth + 1))
                else:
                    self.issue(
                        source,
                        "a merge key (<<) must name a mapping or a list of mappings",
                    )
            for part in reversed(parts):
                merged.extend(part)
        return merged + explicit

    def scalar(self, node: Node) -> object:
        """A scalar's value as octoDNS sees it, ``None`` for what is no scalar."""
        if not isinstance(node, ScalarNode) or node.tag == REFUSED_TAG:
            return None
        if node.tag == _STR_TAG:
            return node.value
        try:
            return _CONSTRUCTOR.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            return node.value

    def secret(self, value: object) -> str | None:
        """The secret handler a value is fetched from (``env/NAME``), if any: octoDNS replaces
        such a string with what the handler returns."""
        if isinstance(value, str) and "/" in value:
            handler = value.split("/", 1)[0]
            if handler in self.secret_handlers:
                return handler
        return None

    # -- providers --

    def read_providers(self, node: Node) -> None:
        providers = self.mapping(node, "providers")
        for name, (key, value) in (providers or {}).items():
            provider = _Provider(name, self.position(key), "")
            self.providers[name] = provider
            settings = self.mapping(value, f"provider {_q(name)}")
            if settings is None:
                self.issue(key, f"provider {_q(name)} has no class")
                continue
            cls = self.scalar(settings["class"][1]) if "class" in settings else None
            if not isinstance(cls, str):
                self.issue(
                    settings["class"][1] if "class" in settings else key,
                    f"provider {_q(name)} has no class",
                )
                continue
            provider.cls = cls
            if cls in (YAML_PROVIDER, SPLIT_YAML_PROVIDER):
                provider.yaml = True
                self.yaml_provider(provider, key, settings)

    def yaml_provider(
        self, provider: _Provider, key: Node, settings: dict[str, tuple[Node, Node]]
    ) -> None:
        """A YamlProvider's options, defaulted as octoDNS defaults them; secrets in options
        other than the directory keep the default (they are unknown here)."""

        def option(name: str, default: object) -> object:
            if name not in settings:
                return default
            value = self.scalar(settings[name][1])
            return default if self.secret(value) else value

        if provider.cls == SPLIT_YAML_PROVIDER:
            extension = option("extension", ".")
            provider.split_extension = (
                extension if isinstance(extension, str) and extension else None
            )
            provider.disable_zonefile = True
        else:
            extension = option("split_extension", False)
            if extension and not isinstance(extension, str):
                self.issue(
                    settings["split_extension"][1],
                    "split_extension must be a string such as '.'",
                )
                extension = False
            provider.split_extension = (
                extension if isinstance(extension, str) and extension else None
            )
            provider.disable_zonefile = bool(option("disable_zonefile", False))
        provider.ignore_missing = bool(option("ignore_missing_zones", False))
        provider.replace = bool(option("populate_should_replace", False))
        self.directory(provider, key, settings.get("directory"))
        if "shared_filename" in settings:
            self.shared(
                provider,
                settings["shared_filename"][1],
                option("shared_filename", False),
            )

    def directory(
        self, provider: _Provider, key: Node, entry: tuple[Node, Node] | None
    ) -> None:
        """Where the provider's ``directory`` is on this machine, inside the root."""
        if entry is None:
            provider.problem, provider.problem_pos = (
                "it has no directory",
                self.position(key),
            )
            return
        node = entry[1]
        provider.problem_pos = self.position(node)
        value = self.scalar(node)
        handler = self.secret(value)
        if handler is not None:
            provider.problem = f"its directory {_q(str(value))} comes from the secret handler {_q(handler)}: not known here"
            return
        if not isinstance(value, str) or not value:
            provider.problem = "its directory must be a path"
            return
        if "\x00" in value:
            provider.problem = "its directory holds a NUL byte"
            return
        outside = False
        for candidate in self.candidates(value):
            if not self.inside(candidate):
                outside = True
                continue
            if os.path.isdir(candidate):
                provider.directory = candidate
                return
        if outside:
            provider.problem = (
                f"its directory {_q(value)} leads outside {_p(self.root)}: not read"
            )
        else:
            provider.problem = f"its directory {_q(value)} is found neither beside the configuration nor in {_p(self.root)}"

    def candidates(self, directory: str) -> list[str]:
        """Where a directory relative to octoDNS's working directory may be, in turn: beside
        the configuration, in the root, then in each directory between them."""
        if os.path.isabs(directory):
            # a repository may keep what the server sees as ``/`` below its top
            return [
                os.path.normpath(directory),
                os.path.normpath(os.path.join(self.root, directory.lstrip("/"))),
            ]
        base = os.path.dirname(self.path) or "."
        bases = [base, self.root]
        current = base
        for _ in range(MAX_YAML_DEPTH):
            real = os.path.realpath(current)
            if (
                real == self.real_root
                or not _within(self.real_root, real)
                or real == os.path.dirname(real)
            ):
                break
            current = os.path.normpath(os.path.join(current, os.pardir))
            bases.append(current)
        return list(
            dict.fromkeys(os.path.normpath(os.path.join(b, directory)) for b in bases)
        )

    def inside(self, path: str) -> bool:
        try:
            return _within(self.real_root, os.path.realpath(path))
        except (OSError, ValueError):
            return False

    def shared(self, provider: _Provider, node: Node, value: object) -> None:
        provider.shared_pos = self.position(node)
        if not value:
            return
        if not isinstance(value, str) or "\x00" in value:
            provider.shared_problem = "its shared_filename must be a file name"
            return
        if provider.directory is None:
            return
        path = os.path.normpath(os.path.join(provider.directory, value))
        if not self.inside(path):
            provider.shared_problem = (
                f"its shared file {_p(path)} leads outside {_p(self.root)}: not read"
            )
        elif not os.path.isfile(path):
            provider.shared_problem = f"no shared file {_p(path)}"
        else:
            provider.shared, provider.shared_name = path, value

    # -- zones --

    def read_zones(self, node: Node) -> None:
        zones = self.mapping(node, "zones")
        if zones is None:
            return
        entries: dict[str, _Entry] = {}
        dynamic: dict[str, _Entry] = {}
        for raw, (key, value) in zones.items():
            if key.tag != _STR_TAG:
                self.issue(
                    key,
                    f"zone {_q(raw)} is not a string: octoDNS cannot read it (quote it)",
                )
                continue
            normal = _idna_encode(raw)
            if normal is None:
                self.issue(key, f"zone {_q(raw)} is not a valid internationalised name")
                continue
            entry = _Entry(raw, key, value)
            table = dynamic if raw.startswith("*") else entries
            earlier = table.get(normal)
            if earlier is not None:
                if earlier.raw.lower() == raw.lower():
                    line = earlier.key.start_mark.line + 1
                    self.issue(
                        key,
                        f"zone {_q(raw)} is declared again as {_q(earlier.raw)} (line {line}): octoDNS uses this one",
                    )
                else:
                    self.issue(
                        key,
                        f"zones {_q(earlier.raw)} and {_q(raw)} are the same zone in UTF-8 and IDNA: octoDNS refuses the configuration",
                    )
            table[normal] = entry
        for entry in dynamic.values():
            self.claim(entry, entries)
        self.build(entries)

    def claim(self, entry: _Entry, entries: dict[str, _Entry]) -> None:
        """The zones a dynamic key claims: those its sources list, not configured yet, that
        its glob or regex matches."""
        config = (
            self.mapping(entry.config, f"zone {_q(entry.raw)}")
            if entry.config is not None
            else None
        )
        if config is None:
            self.issue(entry.key, f"dynamic zone {_q(entry.raw)} has no configuration")
            return
        sources = self.sources(entry, config)
        if not sources:
            return
        candidates: set[str] = set()
        for name, node in sources:
            provider = self.providers.get(name)
            if provider is None:
                return  # octoDNS stops at the unknown source (its issue is made)
            if not provider.yaml:
                self.issue(
                    node,
                    f"source {_q(name)} ({_q(provider.cls)}) lists its zones from a service: the zones it would add to {_q(entry.raw)} are not known here",
                )
                continue
            self.use(provider)
            listed = self.list_zones(provider)
            if (
                provider.list_problem is not None
                and provider.list_problem != provider.problem
            ):
                self.issue(
                    node,
                    f"source {_q(name)} for {_q(entry.raw)}: {provider.list_problem}",
                )
            candidates.update(listed)
        # octoDNS leaves out the zones configured so far by their keys (lower case, IDNA),
        # so that a file named otherwise (``Example.com.yaml``) claims its zone again.
        candidates -= set(entries)
        for match in self.match(entry, config, candidates):
            normal = _idna_encode(match)
            if normal is None:
                self.issue(
                    entry.key,
                    f"the zone {_q(match)} listed for {_q(entry.raw)} is not a valid internationalised name",
                )
                continue
            if normal in entries:
                self.issue(
                    entries[normal].key,
                    f"zone {_q(entries[normal].raw)} is claimed again by {_q(entry.raw)} through the name {_q(match)}: octoDNS replaces its configuration",
                )
            entries[normal] = _Entry(match, entry.key, entry.config, dynamic=True)

    def match(
        self, entry: _Entry, config: dict[str, tuple[Node, Node]], candidates: set[str]
    ) -> list[str]:
        ordered = sorted(candidates)
        if "glob" in config:
            pattern = self.scalar(config["glob"][1])
            if not isinstance(pattern, str):
                self.issue(config["glob"][1], "glob must be a string")
                return []
            return fnmatch.filter(ordered, pattern)
        if "regex" in config:
            return self.regex(config["regex"][1], ordered)
        return ordered

    def regex(self, node: Node, candidates: list[str]) -> list[str]:
        """The candidates a dynamic zone's ``regex`` finds (``re.search``, as octoDNS), when
        its shape keeps each search bounded, within the time all regexes may take."""
        pattern = self.scalar(node)
        if not isinstance(pattern, str):
            self.issue(node, "regex must be a string")
            return []
        problem = regex_problem(pattern)
        if problem is not None:
            self.issue(
                node,
                f"regex {_q(pattern)} is not run: {problem}; the zones it would claim are not known",
            )
            return []
        compiled = re.compile(pattern)
        found = []
        started = time.monotonic()
        for candidate in candidates:
            if compiled.search(candidate):
                found.append(candidate)
            if self.regex_seconds + time.monotonic() - started > MAX_REGEX_SECONDS:
                self.issue(
                    node,
                    f"regex {_q(pattern)} takes more than {MAX_REGEX_SECONDS:g} s: the zones it claims are listed only in part",
                    incomplete=True,
                )
                break
        self.regex_seconds += time.monotonic() - started
        return found

    def list_zones(self, provider: _Provider) -> list[str]:
        """The zones ``YamlProvider.list_zones`` gives: directories ending in the split
        extension (the extension trimmed but for its first character) and files ``*.yaml``
        with at least two dots (``.yaml`` trimmed, the zone's dot kept)."""
        if provider.listed is not None:
            return provider.listed
        provider.listed = []
        if provider.directory is None:
            provider.list_problem = provider.problem
            return provider.listed
        zones: set[str] = set()
        extension = provider.split_extension
        try:
            with os.scandir(provider.directory) as scan:
                entries = list(itertools.islice(scan, MAX_DIRECTORY_ENTRIES + 1))
        except OSError as error:
            provider.list_problem = (
                f"its directory cannot be listed ({error.strerror or error})"
            )
            return provider.listed
        if len(entries) > MAX_DIRECTORY_ENTRIES:
            provider.list_problem = f"its directory holds more than {MAX_DIRECTORY_ENTRIES:,} entries: only the first are listed"
            entries = entries[:MAX_DIRECTORY_ENTRIES]
        for item in entries:
            name = item.name
            try:
                if extension and name.endswith(extension) and item.is_dir():
                    trim = len(extension) - 1
                    zones.add(name[:-trim] if trim else name)
                if (
                    not provider.disable_zonefile
                    and name.endswith(".yaml")
                    and name.count(".") >= 2
                    and item.is_file()
                ):
                    zones.add(name[:-4])
            except OSError:
                continue
        provider.listed = sorted(zones)
        return provider.listed

    def sources(
        self, entry: _Entry, config: dict[str, tuple[Node, Node]]
    ) -> list[tuple[str, Node]] | None:
        """A zone's sources by name with their nodes; ``None`` after an issue when octoDNS
        would refuse the list. Read once per configuration node (dynamic zones share one)."""
        cached = id(entry.config)
        if cached in self.sources_cache:
            return self.sources_cache[cached]
        result: list[tuple[str, Node]] | None = None
        if "sources" not in config:
            self.issue(entry.key, f"zone {_q(entry.raw)} has no sources")
        else:
            node = config["sources"][1]
            if _absent(node):
                result = []
            elif not isinstance(node, SequenceNode):
                self.issue(
                    node,
                    f"the sources of zone {_q(entry.raw)} must be a list of provider names",
                )
            else:
                result = []
                for item in node.value:
                    name = self.scalar(item)
                    name = (
                        name
                        if isinstance(name, str)
                        else str(name)
                        if isinstance(item, ScalarNode)
                        else None
                    )
                    if name is None:
                        self.issue(item, "a source is the name of a provider")
                        continue
                    result.append((name, item))
                    if name not in self.providers:
                        self.issue(
                            item,
                            f"source {_q(name)} is not a provider of this configuration",
                        )
        self.sources_cache[cached] = result
        return result

    def use(self, provider: _Provider) -> None:
        """A YAML provider that is some zone's source: its directory is read, and what is
        wrong with it is said once."""
        if provider.name in self.used:
            return
        self.used[provider.name] = provider
        if provider.problem is not None:
            self.issue(
                provider.problem_pos or provider.pos,
                f"provider {_q(provider.name)}: {provider.problem}",
            )
        if provider.shared_problem is not None:
            self.issue(
                provider.shared_pos or provider.pos,
                f"provider {_q(provider.name)}: {provider.shared_problem}",
            )

    # -- each zone's files --

    def build(self, entries: dict[str, _Entry]) -> None:
        resolved: dict[str, tuple[OctoZone, bool]] = {}
        aliases: list[tuple[str, _Entry, Node]] = []
        for normal, entry in entries.items():
            zone_name = self.zone_name(entry, normal)
            if zone_name is None:
                continue
            if entry.config is None or _absent(entry.config):
                self.issue(
                    entry.key,
                    f"zone {_q(entry.raw)} has no configuration: octoDNS refuses it",
                )
                resolved[normal] = (
                    OctoZone(
                        zone_name,
                        self.position(entry.key),
                        [],
                        ["the zone has no configuration"],
                    ),
                    False,
                )
                continue
            config = self.mapping(entry.config, f"zone {_q(entry.raw)}")
            if config is None:
                resolved[normal] = (
                    OctoZone(
                        zone_name,
                        self.position(entry.key),
                        [],
                        ["octoDNS refuses the zone's configuration"],
                    ),
                    False,
                )
                continue
            if "alias" in config:
                aliases.append((normal, entry, config["alias"][1]))
                resolved[normal] = (OctoZone(zone_name, self.position(entry.key)), True)
                continue
            paths, missing = self.zone_files(entry, normal, config)
            resolved[normal] = (
                OctoZone(zone_name, self.position(entry.key), paths, missing),
                False,
            )
        for normal, entry, node in aliases:
            zone = resolved[normal][0]
            target = self.scalar(node)
            target_normal = _idna_encode(target) if isinstance(target, str) else None
            other = resolved.get(target_normal) if target_normal is not None else None
            if other is None or target_normal not in entries:
                self.issue(
                    node,
                    f"alias zone {_q(entry.raw)}: the zone {_q(str(target))} it aliases is not configured",
                )
                missing = [f"the zone {_q(str(target))} it aliases is not configured"]
                resolved[normal] = (OctoZone(zone.name, zone.pos, [], missing), True)
            elif other[1]:
                self.issue(
                    node,
                    f"alias zone {_q(entry.raw)}: the zone {_q(str(target))} it aliases is an alias itself",
                )
                missing = [f"the zone {_q(str(target))} it aliases is an alias itself"]
                resolved[normal] = (OctoZone(zone.name, zone.pos, [], missing), True)
            else:
                resolved[normal] = (
                    OctoZone(
                        zone.name,
                        zone.pos,
                        list(other[0].paths),
                        list(other[0].missing),
                    ),
                    True,
                )
        self.config.zones = [zone for zone, _ in resolved.values()]

    def zone_name(self, entry: _Entry, normal: str) -> dns.name.Name | None:
        """The zone's name when octoDNS accepts it (a trailing dot, no empty label, no blank)."""
        raw = entry.raw
        if not raw.endswith("."):
            problem = "does not end with a dot: octoDNS refuses it"
        elif ".." in raw or " " in raw or "\t" in raw:
            problem = "holds an empty label or a blank: octoDNS refuses it"
        else:
            try:
                return dns.name.from_text(normal)
            except dns.exception.DNSException as error:
                problem = f"is not a valid domain name ({printable(str(error))})"
        claimed = f" (claimed by {_q(_text(entry.key))})" if entry.dynamic else ""
        self.issue(entry.key, f"zone {_q(raw)}{claimed} {problem}")
        return None

    def zone_files(
        self, entry: _Entry, normal: str, config: dict[str, tuple[Node, Node]]
    ) -> tuple[list[str], list[str]]:
        sources = self.sources(entry, config)
        if sources is None:
            return [], ["octoDNS refuses the zone's sources"]
        if not sources:
            return [], ["the zone has no sources: octoDNS skips it"]
        decoded = _idna_decode(normal)
        paths: list[str] = []
        missing: list[str] = []
        readers: dict[str, str] = {}
        for name, node in sources:
            provider = self.providers.get(name)
            if provider is None:
                missing.append(
                    f"source {_q(name)} is not a provider of this configuration"
                )
                continue
            if not provider.yaml:
                what = (
                    f"source {_q(name)} ({_q(provider.cls)})"
                    if provider.cls
                    else f"source {_q(name)}"
                )
                missing.append(
                    f"{what} is not a YamlProvider: its records are not read from files"
                )
                continue
            self.use(provider)
            found, why = self.provider_files(provider, normal, decoded)
            missing.extend(why)
            for path in found:
                if path in readers:
                    if not provider.replace:
                        again = (
                            "is listed twice"
                            if readers[path] == name
                            else f"reads a file source {_q(readers[path])} already read"
                        )
                        self.issue(
                            node,
                            f"source {_q(name)} {again}: octoDNS refuses the duplicate records unless {_q(name)} sets populate_should_replace",
                        )
                    continue
                readers[path] = name
                paths.append(path)
        return paths, missing

    def provider_files(
        self, provider: _Provider, normal: str, decoded: str
    ) -> tuple[list[str], list[str]]:
        """The files one YamlProvider reads for a zone, in the order it reads them (sorted by
        path; a split directory stands for its files), and why it gives less than it should."""
        directory = provider.directory
        if directory is None:
            return [], [f"source {_q(provider.name)}: {provider.problem}"]
        found: list[
            tuple[str, str]
        ] = []  # octoDNS's sort key (the name in the directory), path
        problems: list[str] = []
        looked: list[tuple[str, str]] = []
        if provider.split_extension:
            ext = provider.split_extension
            looked.append(("directory", decoded[:-1] + ext))
            name, path, problem = self.lookup(
                directory, decoded[:-1] + ext, normal[:-1] + ext, stat.S_ISDIR
            )
            if path is not None:
                found.append((name + "/", path))
            elif problem:
                problems.append(problem)
        if not provider.disable_zonefile:
            looked.append(("file", decoded + "yaml"))
            name, path, problem = self.lookup(
                directory, decoded + "yaml", normal + "yaml", stat.S_ISREG
            )
            if path is not None:
                found.append((name, path))
            elif problem:
                problems.append(problem)
        own = bool(found) or bool(problems)
        if provider.shared_problem is not None:
            problems.append(provider.shared_problem)
        elif provider.shared is not None:
            if any(path == provider.shared for _, path in found):
                # ``shared_filename: common.example.yaml`` is also the zone ``common.example.``
                # to ``list_zones``: octoDNS reads the file twice for it.
                if not provider.replace:
                    problems.append(
                        "the shared file is this zone's file too: octoDNS reads it twice and refuses the duplicate records"
                    )
            else:
                found.append((provider.shared_name, provider.shared))
        if not own:
            if found:
                note = " (only the shared file)"
            elif provider.ignore_missing:
                note = " (ignore_missing_zones: octoDNS adds nothing)"
            else:
                note = ": octoDNS refuses the zone"
            if looked:
                what = " nor ".join(
                    f"{kind} {_p(os.path.normpath(os.path.join(directory, name)))}"
                    for kind, name in looked
                )
                problems.append(f"no {what}{note}")
            else:
                problems.append(
                    f"disable_zonefile without split_extension reads no zone file{note}"
                )
        if len(found) > 1:
            found.sort()
        label = f"source {_q(provider.name)}: " if problems else ""
        return [path for _, path in found], [label + problem for problem in problems]

    def lookup(
        self, directory: str, utf8: str, idna: str, kind: Callable[[int], bool]
    ) -> tuple[str, str | None, str | None]:
        """A zone's file or split directory (``kind`` tells a mode) under its UTF-8 name, else
        its IDNA name, as octoDNS looks for it (both there is an error): the name found, its
        path, or ``None`` and why (``None`` too when there is simply none)."""
        there: list[tuple[str, str]] = []
        for name in (utf8,) if utf8 == idna else (utf8, idna):
            slash = "/" in name
            path = (
                os.path.normpath(os.path.join(directory, name))
                if slash
                else os.path.join(directory, name)
            )
            try:
                mode = os.lstat(path).st_mode
                # The directory is inside the root: only a link or a name with a slash leads out.
                link = slash or stat.S_ISLNK(mode)
                if link:
                    mode = os.stat(path).st_mode
            except (OSError, ValueError):
                continue
            if not kind(mode):
                continue
            if link and not self.inside(path):
                return name, None, f"{_p(path)} leads outside {_p(self.root)}: not read"
            there.append((name, path))
        if len(there) > 1:
            return (
                utf8,
                None,
                f"both {_p(there[0][1])} and {_p(there[1][1])} exist: octoDNS refuses the zone",
            )
        if not there:
            return utf8, None, None
        return there[0][0], there[0][1], None


# -- helpers ------------------------------------------------------------------------------------


def _absent(node: Node) -> bool:
    """A null value, or an ``!include`` that was refused (its issue is made)."""
    return isinstance(node, ScalarNode) and (node.tag in (NULL_TAG, REFUSED_TAG))


def _text(node: Node) -> str:
    return node.value if isinstance(node, ScalarNode) else "?"


def _q(text: str) -> str:
    """A value from the input, quoted, shortened and made printable for a message."""
    shown = text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"
    return "'" + printable(shown) + "'"


def _p(path: str) -> str:
    """A path for a message: quoted and printable, whole (the caller may shorten it)."""
    return "'" + printable(path) + "'"


def _within(root: str, real: str) -> bool:
    try:
        return os.path.commonpath([root, real]) == root
    except ValueError:
        return False


def _codec_labels(name: str, convert: Callable[[str], str]) -> str | None:
    try:
        return ".".join(convert(label) for label in name.lower().split("."))
    except (dns.exception.DNSException, UnicodeError, ValueError):
        return None


def _encode_label(label: str) -> str:
    if label.isascii():
        return label
    try:
        return dns.name.IDNA_2008_Strict.encode(label).decode("ascii")
    except dns.name.NoIDNA2008:
        return dns.name.IDNA_2003.encode(label).decode("ascii")


def _decode_label(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return dns.name.IDNA_2008_Strict.decode(label.encode("ascii"))
    except dns.name.NoIDNA2008:
        return dns.name.IDNA_2003.decode(label.encode("ascii"))


def _idna_encode(name: str) -> str | None:
    """A zone name as octoDNS keys it: lower case, each non-ASCII label in IDNA."""
    if name.isascii():
        return name.lower()
    return _codec_labels(name, _encode_label)


def _idna_decode(name: str) -> str:
    """A zone name as octoDNS shows it (and names its files first): IDNA labels decoded."""
    if "xn--" not in name.lower():
        return name.lower()
    return _codec_labels(name, _decode_label) or name


_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}
_REFUSED_OPS = {
    "GROUPREF",
    "GROUPREF_EXISTS",
    "GROUPREF_IGNORE",
    "GROUPREF_LOC_IGNORE",
    "GROUPREF_UNI_IGNORE",
}


def regex_problem(pattern: str) -> str | None:
    """Why a dynamic zone's regex is not run, ``None`` when it may be: Python's engine
    backtracks, and a regex from a pull request could make one search last for hours. A
    regex runs when it compiles, holds no back-reference, no repeat inside a repeat, no
    alternatives inside a repeat, and at most two repeats (``*``, ``+``, ``{m,n}``) or, for
    each repeat fewer, eight optional parts (``?``): then one search of a file name (at most
    255 bytes) is bounded, a fraction of a second at worst."""
    if len(pattern) > MAX_REGEX_CHARS:
        return f"it is longer than {MAX_REGEX_CHARS} characters"
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as error:
        return f"it is no valid regular expression ({printable(str(error))})"
    try:
        from re import _parser  # the structure of a pattern, as ``re`` compiles it

        parsed = _parser.parse(pattern)
    except Exception:  # noqa: BLE001 - the private parser may change: then nothing runs
        return "its structure cannot be checked"
    bits = 0

    def walk(items: object, in_repeat: bool) -> str | None:
        nonlocal bits
        for op, argument in items:  # type: ignore[attr-defined]
            kind = getattr(op, "name", str(op))
            if kind in _REFUSED_OPS:
                return "it holds a back-reference"
            if kind in _REPEATS:
                if in_repeat:
                    return "it holds a repeat inside a repeat"
                many = argument[1] > 1
                bits += 8 if many else 1
                problem = walk(argument[2], many)
            elif kind == "BRANCH":
                if in_repeat:
                    return "it holds alternatives inside a repeat"
                problem = next(
                    (
                        p
                        for p in (walk(branch, in_repeat) for branch in argument[1])
                        if p
                    ),
                    None,
                )
            elif kind == "SUBPATTERN":
                problem = walk(argument[3], in_repeat)
            elif kind in ("ASSERT", "ASSERT_NOT"):
                problem = walk(argument[1], in_repeat)
            elif kind == "ATOMIC_GROUP":
                problem = walk(argument, in_repeat)
            else:
                problem = None
            if problem:
                return problem
        return None

    problem = walk(parsed, False)
    if problem is None and bits > MAX_REGEX_BITS:
        problem = (
            "it holds too many repeats and optional parts to search in bounded time"
        )
    return problem
