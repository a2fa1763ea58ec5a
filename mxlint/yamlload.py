"""The YAML loader every YAML input shares: the zone formats (octoDNS, native) and the
configuration.

Documents are parsed into events by a ``SafeLoader`` subclass and composed here into PyYAML
nodes, so that nesting is bounded and aliases are shared, never expanded; only the tags of
plain data are allowed (an unknown tag is an error, never an object). ``load_plain`` builds
plain Python data with every use of an alias or merge key counted.

octoDNS's ``!include`` is followed by an ``Includer``, like ``$INCLUDE``: confined to a
directory tree, regular files only, no loops, bounded depth and count; the included document
is composed with the same bounds and its marks name its own file.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable

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

from mxlint.limits import MAX_INCLUDE_DEPTH, MAX_INCLUDES, MAX_YAML_DEPTH
from mxlint.source import InputError, path_in_tree, read_bytes

INCLUDE_TAG = "!include"
MERGE_TAG = "tag:yaml.org,2002:merge"
NULL_TAG = "tag:yaml.org,2002:null"
#: the node that stands for an ``!include`` that was not read (its finding is already made)
REFUSED_TAG = "tag:mxlint,2026:refused-include"

_LOADER_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EventLoader(_LOADER_BASE):  # type: ignore[misc,valid-type]
    """Parses only; composition and construction happen in this module, with bounds."""


class YamlProblem(Exception):
    """A document the loader refuses (too deep, several documents, an unknown tag or alias),
    with the mark where it was found (``None``: nowhere in particular)."""

    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        super().__init__(message)
        self.mark = mark


#: ``include(event, depth)`` returns the node an ``!include`` scalar stands for
Include = Callable[[ScalarEvent, int], Node]


class _NamedText(io.StringIO):
    """Text with a file name, so that the marks of an included document name their file."""

    def __init__(self, text: str, name: str) -> None:
        super().__init__(text)
        self.name = name


def compose(text: str, include: Include | None = None, depth: int = 0, name: str | None = None) -> Node | None:
    """The first document's node graph. ``include`` reads ``!include`` scalars (without it
    the tag is refused like any other); ``depth`` is the nesting the document starts at and
    ``name`` the file its marks name. Raises ``YamlProblem`` (depth, several documents, bad
    aliases and tags) and ``yaml.YAMLError`` (syntax)."""
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
                    raise YamlProblem(event.start_mark, "only one YAML document per file is read; split the zone into files")
                continue
            if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                stack.pop().end_mark = event.end_mark
                pending_keys.pop()
                continue
            if isinstance(event, AliasEvent):
                if event.anchor not in anchors:
                    raise YamlProblem(event.start_mark, f"alias *{event.anchor} names no anchor")
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
                if depth + len(stack) >= MAX_YAML_DEPTH:
                    raise YamlProblem(event.start_mark, f"the document nests deeper than {MAX_YAML_DEPTH} levels")
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
        raise YamlProblem(event.start_mark, f"YAML tag {tag} is not allowed (only plain data is read)")
    return tag


def syntax_error(error: yaml.YAMLError) -> tuple[yaml.Mark | None, str]:
    """Where a parser's syntax error is, and what it says."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark, f"YAML syntax error: {getattr(error, 'problem', None) or error}"


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
    except YamlProblem as problem:
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


# -- !include ---------------------------------------------------------------------------------


class Includer:
    """Follows the ``!include`` tags of the documents of one zone, as octoDNS does (the
    included document replaces the node): a path relative to the including file, inside
    ``root``, a regular file, no absolute path, ``~``, loop or link out of the tree, at most
    ``MAX_INCLUDE_DEPTH`` deep and ``MAX_INCLUDES`` in all. An included file is named by
    ``path_in_tree``: the file read.

    ``decode(shown, data)`` turns an included file's bytes into its text (the caller keeps
    its comments and errors); ``refused(mark, message)`` is told about each include that is
    not read, which then stands as a ``REFUSED_TAG`` node. ``tree`` ``None``: text without a
    file, whose includes are all refused."""

    def __init__(self, tree: str | None, decode: Callable[[str, bytes], str], refused: Callable[[yaml.Mark, str], None]) -> None:
        #: the tree includes may reach, as the user named it, and its real path
        self.tree = tree
        self.root = None if tree is None else os.path.realpath(tree)
        self.decode = decode
        self.refused = refused
        #: the real paths of the files being composed, outermost first (loops, depth)
        self.stack: list[str] = []
        self.opened = 0
        #: the shown path of each included file, by the name its marks carry (its real path)
        self.shown: dict[str, str] = {}
        self.top_shown = ""

    def compose(self, text: str, real_path: str | None, shown: str) -> Node | None:
        """The document of one file of the zone (``real_path`` ``None``: text without a
        file), its includes followed. Raises as ``compose`` does."""
        self.stack = [real_path] if real_path else []
        self.top_shown = shown
        return compose(text, self)

    def shown_path(self, mark: yaml.Mark | None) -> str:
        """The path a mark's file is shown as."""
        return self.shown.get(mark.name, self.top_shown) if mark is not None else self.top_shown

    def __call__(self, event: ScalarEvent, depth: int) -> Node:
        """The document an ``!include`` names, or a placeholder after one finding when it is
        refused or cannot be read."""
        name = event.value
        try:
            return self._included(name, depth)
        except YamlProblem as problem:
            self.refused(event.start_mark, f"!include {name} refused: {problem}")
            return ScalarNode(REFUSED_TAG, name, event.start_mark, event.end_mark)

    def _included(self, name: str, depth: int) -> Node:
        if self.root is None or not self.stack:
            raise YamlProblem(None, "the text has no directory")
        # octoDNS expands ``~``: such a name, like an absolute one, leads anywhere.
        if not name or os.path.isabs(name) or name.startswith("~"):
            raise YamlProblem(None, "only a path relative to the including file is followed")
        including = self.stack[-1]
        target = os.path.realpath(os.path.join(os.path.dirname(including), name))
        if os.path.commonpath([self.root, target]) != self.root:
            raise YamlProblem(None, f"it leads outside {self.root}")
        if target in self.stack:
            raise YamlProblem(None, "the file includes itself (a loop)")
        if len(self.stack) > MAX_INCLUDE_DEPTH:
            raise YamlProblem(None, f"includes nest deeper than {MAX_INCLUDE_DEPTH}")
        if self.opened >= MAX_INCLUDES:
            raise YamlProblem(None, f"more than {MAX_INCLUDES} includes in one zone")
        self.opened += 1
        shown = path_in_tree(target, self.tree)  # type: ignore[arg-type]
        try:
            data = read_bytes(target, shown)
        except InputError as error:
            raise YamlProblem(None, str(error).split(": ", 1)[-1]) from None
        text = self.decode(shown, data)
        # The marks of the included document carry its real path, which positions map back.
        self.shown[target] = shown
        self.stack.append(target)
        try:
            root = compose(text, self, depth, name=target)
        except YamlProblem as problem:
            raise YamlProblem(None, f"{problem} ({self._where(problem.mark)})") from None
        except yaml.YAMLError as error:
            mark, message = syntax_error(error)
            raise YamlProblem(None, f"{message} ({self._where(mark)})") from None
        except RecursionError:
            raise YamlProblem(None, f"the document nests deeper than {MAX_YAML_DEPTH} levels") from None
        finally:
            self.stack.pop()
        if root is None:  # an empty file: nothing, as octoDNS reads it
            return ScalarNode(NULL_TAG, "", None, None)
        return root

    def _where(self, mark: yaml.Mark | None) -> str:
        return f"{self.shown_path(mark)} line {mark.line + 1 if mark is not None else 1}"
