"""Knot DNS's ``knot.conf``: the primary zones it declares, as Knot loads them.

Reading: ``knot.conf`` is "simplified YAML", and not YAML: Knot's own parser (``yparser``,
``ypbody.rl``) reads one item a line, ``section:`` at the start of a line, ``- id: value``
starting a block, ``key: value`` inside it; values are plain words (``%s.zone`` is one, which
YAML refuses) or double-quoted strings, or ``[a, b]`` lists; a section may come back, a key
may be repeated (a list's values add up, another value replaces), tabs and a wrong indentation
are errors. A YAML loader would merge the repeated sections and refuse the ``%``, so this
reader follows Knot's grammar line by line, which gives each item its line.

Zones: a ``zone:`` block's item, else its template's (the zone's ``template:``, else the
template ``default``), else Knot's default: ``file`` ``%s.zone`` relative to ``storage``
(``/var/lib/knot``). ``file`` is expanded as Knot expands it (``%s``, ``%c[N]``, ``%c[N-M]``,
``%l[N]``, ``%%``). A zone with ``master:`` (its own or its template's) is a secondary and is
not declared. ``include:`` (a path or a glob, relative to the including file, read in sorted
order where it is written) and ``clear:`` (which forgets the sections it matches) are top-level
items.

Includes are confined to the tree ``root`` names (no loop, at most ``MAX_INCLUDES`` files
``MAX_INCLUDE_DEPTH`` deep). An absolute path, as BIND's reader does it, is looked for below the
tree as if the tree were ``/``, then by its last components beside the including file
(``_candidates``). Knot refuses a whole configuration at its first error; this reader
reports each problem as a ``ReadIssue`` at its line and goes on with the next line. Whatever
the bytes, nothing raises but a top file that cannot be read (``InputError``).
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
from dataclasses import dataclass, field

import dns.exception
import dns.name

from mxlint.formats.servers import Declarations, DeclaredZone, TooManyProblems, bounded_glob, host_candidates, inside, literal_prefix, shown_path
from mxlint.limits import MAX_INCLUDE_DEPTH, MAX_INCLUDES
from mxlint.record import Position
from mxlint.source import InputError, decode_source, read_bytes

SERVER = "knot"
#: The longest text a domain name may be written with (255 octets as ``\DDD``).
MAX_NAME_TEXT = 4 * 255
#: Knot's ``storage`` when no zone or template sets one (Debian's ``--with-storage``).
DEFAULT_STORAGE = "/var/lib/knot"
#: Knot's ``file`` when no zone or template sets one.
DEFAULT_FILE = "%s.zone"
#: The longest include path followed (Linux's PATH_MAX).
MAX_PATH = 4096
#: Knot expands a ``file`` in a buffer of this many bytes (``conf_get_filename_txn``).
FILE_BUFFER = 1024
#: The key that starts a block of the sections this reader reads.
ID_KEYS = {"zone": "domain", "template": "id"}

_DATA = r'(?:[^\x00-\x20\x7f"#\[\],\\]|\\[\x20-\x7e])+'
_QUOTED = r'"(?:[^\x00-\x1f\x7f"\\]|\\[\x20-\x7e])*"'
_ITEM = rf"(?:{_DATA}|{_QUOTED})"
#: One item line as ``ypbody.rl`` reads it: ``key0:`` at the start of a line, an indented
#: ``key1:``, or ``- id:`` (a dash, then spaces, then the key); a value, a list or nothing; then
#: blanks, and a comment after at least one blank.
_LINE = re.compile(
    rf"(?P<lead> *)(?:(?P<dash>-)(?P<after> +))?(?P<key>[A-Za-z0-9\\/._*][A-Za-z0-9\\/._*-]*) *:"
    rf"(?: ++(?:(?P<value>{_ITEM})|(?P<bracket>\[ *(?P<list>{_ITEM}(?: *, *{_ITEM})*)? *\])))?(?: +#.*| *)"
)
_BLANK = re.compile(r" *(?:#.*)?")
_LIST_ITEMS = re.compile(_ITEM)
_FORMATTER_INDEX = re.compile(r"\[(\d+)(?:\]|-(\d+)\])")
_SECTION_LINE = re.compile(
    r"^(?:server|zone|template|remote|remotes|acl|key|log|control|database|policy|keystore|submission|statistics|module|mod-[\w-]+) *:[ ]*(?:#.*)?$", re.M
)
_BLOCK_LINE = re.compile(r"^ *- +(?:domain|id|target) *: +\S", re.M)
_ZONES_LINE = re.compile(r"^(?:zone|template|include) *:", re.M)
_NOT_KNOT = re.compile(r"^(?:---|\t|\S+ *= )", re.M)


def looks_like_knot_conf(head: bytes) -> bool:
    """Whether the first bytes of a file read as ``knot.conf``: a Knot section at the start of
    a line (``server:``, ``zone:``, ``template:``, ...), a block started by ``- domain:``,
    ``- id:`` or ``- target:``, and a ``zone:``, ``template:`` or ``include:`` item; no YAML
    document marker or tab indentation (Knot refuses both)."""
    text = head[:8192].decode("utf-8", "replace")
    return bool(_SECTION_LINE.search(text) and _BLOCK_LINE.search(text) and _ZONES_LINE.search(text) and not _NOT_KNOT.search(text))


def read_knot_conf(path: str, root: str) -> Declarations:
    """The primary zones ``path`` (and the files it includes, inside ``root``) declares, in the
    order Knot reads them. Raises ``InputError`` when ``path`` itself cannot be read."""
    data = read_bytes(path, path)
    reader = _Reader(root)
    try:
        reader.read_file(data, os.path.realpath(path), path)
    except TooManyProblems:
        pass  # what was read so far stands
    return reader.declarations()


@dataclass
class _Block:
    """A ``zone:`` or ``template:`` block: the items that decide whether and where a zone loads
    (``None``: not set; ``master`` an empty list: set to nothing)."""

    file: str | None = None
    storage: str | None = None
    template: str | None = None
    master: list[str] | None = None


@dataclass
class _Zone(_Block):
    name: dns.name.Name = dns.name.root
    pos: Position = field(default_factory=lambda: Position("", 0))


#: A block that is not read (of a section this reader ignores, or refused).
_IGNORED = _Block()


@dataclass
class _FileState:
    """Where Knot's parser is in one file: its section and block, and the indentation the
    next item must keep."""

    section: str | None = None
    block: _Block | None = None
    indent: int = 0
    id_pos: int = 0


class _Reader:
    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)
        self.decl = Declarations(SERVER)
        self.stack: list[str] = []
        self.opened = 0
        #: the zones by their labels in lower case (Knot compares names so)
        self.zones: dict[tuple[bytes, ...], _Zone] = {}
        self.templates: dict[str, _Block] = {}

    def issue(self, pos: Position, message: str, incomplete: bool = False) -> None:
        self.decl.problem(pos, message, incomplete)

    def declarations(self) -> Declarations:
        """The zones read, each with its template's items and Knot's defaults filled in."""
        try:
            self._resolve()
        except TooManyProblems:
            pass  # the zones resolved so far stand
        return self.decl

    def _resolve(self) -> None:
        for zone in self.zones.values():
            template = self.templates.get(zone.template) if zone.template is not None else self.templates.get("default")
            master = zone.master if zone.master is not None else template.master if template else None
            if master and any(master):
                continue  # a secondary: transferred, not read from a file
            file = zone.file if zone.file is not None else template.file if template and template.file is not None else DEFAULT_FILE
            storage = zone.storage if zone.storage is not None else template.storage if template and template.storage is not None else DEFAULT_STORAGE
            try:
                expanded = expand_file(file, zone.name)
            except ValueError as error:
                self.issue(zone.pos, f"zone {zone.name}: file {_shown(file)} cannot be expanded: {error}")
                continue
            if not expanded:
                self.issue(zone.pos, f"zone {zone.name}: its file is empty: Knot has no zone file to load")
                continue
            self.decl.zones.append(DeclaredZone(zone.name, expanded, SERVER, zone.pos, storage))

    # -- lines -------------------------------------------------------------------------------

    def read_file(self, data: bytes, real: str, shown: str) -> None:
        """Read one file's items, the files it includes where they are included."""
        self.decl.files.append(shown)
        self.stack.append(real)
        source = decode_source(shown, data, "#")
        for error in source.errors:
            self.issue(error.pos, error.message)
        state = _FileState()
        try:
            for number, line in enumerate(source.lines, start=1):
                self._line(state, line, Position(shown, number, 1), real, shown)
        finally:
            self.stack.pop()

    def _line(self, state: _FileState, line: str, pos: Position, real: str, shown: str) -> None:
        match = _LINE.fullmatch(line)
        if match is None:
            if not _BLANK.fullmatch(line):
                tab, comment = line.find("\t"), line.find("#")
                if tab >= 0 and (comment < 0 or tab < comment):
                    self.issue(_at(pos, tab + 1), "a tab character: Knot allows none outside comments")
                else:
                    self.issue(pos, "not an item Knot reads (key: value, - key: value, or key: [a, b])")
            return
        lead, dash, key = match["lead"], match["dash"], match["key"]
        values = [] if match["value"] is None and match["list"] is None else [_unquote(item) for item in _LIST_ITEMS.findall(match["list"] or match["value"])]
        at = _at(pos, len(lead) + 1)
        # The indentation rules of ``ypbody.rl`` (``_key_init``, ``_dash_init``).
        if dash:
            if match["value"] is None:
                self.issue(at, f"- {key}: needs a value")
                return
            if lead and state.id_pos and len(lead) != state.id_pos:
                self.issue(at, "invalid indentation: the dash is not where the section's other dashes are")
                return
            state.indent, state.id_pos = len(lead) + 1 + len(match["after"]), len(lead)
            self._block(state, key, values[0], at)
        elif lead:
            if state.indent and len(lead) != state.indent:
                self.issue(at, f"invalid indentation: {key}: is not aligned with the item before it")
                return
            state.indent = len(lead)
            self._item(state, key, values, at)
        else:
            state.indent = state.id_pos = 0
            self._top(state, key, values, match["bracket"] is not None, at, real, shown)

    def _top(self, state: _FileState, key: str, values: list[str], is_list: bool, at: Position, real: str, shown: str) -> None:
        state.section, state.block = None, None
        if key in ("include", "clear"):
            if is_list:
                self.issue(at, f"{key}: takes one value, not a list")
            elif values and values[0] and key == "include":
                self._include(values[0], at, real, shown)
            elif values and values[0]:
                self._clear(values[0])
        elif values or is_list:
            self.issue(at, f"{key}: is a section and takes no value")
        else:
            state.section = key

    def _block(self, state: _FileState, key: str, value: str, at: Position) -> None:
        """``- key: value``: a block of the current section begins."""
        state.block = _IGNORED
        if state.section is None:
            self.issue(at, f"- {key}: is outside a section")
            return
        id_key = ID_KEYS.get(state.section)
        if id_key is None:
            return
        if key != id_key:
            self.issue(at, f"a {state.section}: block starts with - {id_key}:, not - {key}:")
            return
        if state.section == "template":
            if value in self.templates:
                self.issue(at, f"template {_shown(value)} is defined twice; Knot refuses the second")
                return
            state.block = self.templates[value] = _Block()
            return
        try:
            # A name's text is at most 255 octets, each at most 4 characters (\DDD): no need
            # to read a longer one through.
            if len(value) > MAX_NAME_TEXT:
                raise dns.name.NameTooLong
            name = dns.name.from_text(value)
        except (dns.exception.DNSException, ValueError):
            self.issue(at, f"zone name {_shown(value)} is not a domain name")
            return
        labels = tuple(label.lower() for label in name.labels)
        if labels in self.zones:
            self.issue(at, f"zone {name} is declared twice; Knot refuses the second")
            return
        state.block = self.zones[labels] = _Zone(name=name, pos=at)

    def _item(self, state: _FileState, key: str, values: list[str], at: Position) -> None:
        """``key: value`` inside a block (or a section without blocks)."""
        if state.section is None:
            self.issue(at, f"{key}: is outside a section")
            return
        id_key = ID_KEYS.get(state.section)
        block = state.block
        if id_key is None or block is _IGNORED:
            return
        if block is None:
            self.issue(at, f"{key}: comes before the block's - {id_key}:")
            return
        if key == id_key:
            self.issue(at, f"{key}: starts a block and needs its dash (- {key}:)")
        elif key in ("file", "storage"):
            setattr(block, key, values[-1] if values else "")
        elif key == "master":
            block.master = (block.master or []) + (values or [""])
        elif key == "template" and isinstance(block, _Zone) and values:
            if values[-1] not in self.templates:
                self.issue(at, f"template {_shown(values[-1])} is not defined above")
                return
            block.template = values[-1]

    # -- include and clear -------------------------------------------------------------------

    def _include(self, name: str, at: Position, including: str, shown: str) -> None:
        """``include: PATH``: the files it names are read here, in sorted order."""
        where = f"include: {_shown(name)}"
        if len(name) > MAX_PATH:
            self.issue(at, f"{where} refused: a path longer than {MAX_PATH} characters", incomplete=True)
            return
        matches, outside = self._locate(name, including)
        if not matches:
            if outside:
                self.issue(at, f"{where} refused: it leads outside {self.root}", incomplete=True)
            elif "*" not in name:  # Knot: only a pattern with '*' may match nothing
                self.issue(at, f"{where} not read: no such file", incomplete=True)
            return
        for match in matches:
            if os.path.isdir(match):  # Knot skips directories
                continue
            if self.opened >= MAX_INCLUDES:
                self.issue(at, f"{where} not read: more than {MAX_INCLUDES} files included (here and after)", incomplete=True)
                return
            self._included(where, match, shown_path(match, including, shown), at)

    def _locate(self, name: str, including: str) -> tuple[list[str], bool]:
        """The files an include names, inside the root, sorted, from the first place that has
        any (see ``_candidates``); and whether a file was found outside the root."""
        outside = False
        for candidate in _candidates(name, including, self.root):
            if not glob.has_magic(candidate):
                found = [candidate] if os.path.lexists(candidate) else []
            elif inside(self.root, os.path.realpath(_literal_prefix(candidate))):
                found = bounded_glob(candidate, self.root, MAX_INCLUDES)
            else:
                # The host's own directories are not listed: an absolute pattern is looked for
                # in the tree next; a relative one that leaves it is refused.
                outside = outside or not os.path.isabs(name)
                continue
            kept = [path for path in found if inside(self.root, os.path.realpath(path))]
            outside = outside or len(kept) < len(found)
            if kept:
                return kept, outside
        return [], outside

    def _included(self, where: str, target: str, shown: str, at: Position) -> None:
        real = os.path.realpath(target)
        if not inside(self.root, real):
            self.issue(at, f"{where} refused: {shown} is outside {self.root}", incomplete=True)
            return
        if real in self.stack:
            self.issue(at, f"{where} refused: {shown} includes itself (a loop)")
            return
        if len(self.stack) > MAX_INCLUDE_DEPTH:
            self.issue(at, f"{where} refused: includes nest deeper than {MAX_INCLUDE_DEPTH}", incomplete=True)
            return
        self.opened += 1
        try:
            data = read_bytes(real, shown)
        except InputError as error:
            self.issue(at, f"{where} not read: {error}", incomplete=True)
            return
        self.read_file(data, real, shown)

    def _clear(self, pattern: str) -> None:
        """``clear: PATTERN``: the sections whose names match forget what was set so far."""
        if fnmatch.fnmatchcase("zone", pattern):
            self.zones.clear()
        if fnmatch.fnmatchcase("template", pattern):
            self.templates.clear()


# -- file formatters ------------------------------------------------------------------------------


def expand_file(file: str, name: dns.name.Name) -> str:
    """``file`` as Knot expands it for zone ``name`` (``conf_get_filename_txn``): ``%s`` the
    name without its final dot, ``%c[N]`` or ``%c[N-M]`` its characters from the left (final
    dot included; none past the end), ``%l[N]`` its Nth label from the right (0 is the TLD;
    none past the first), ``%%`` a ``%``; any other ``%x`` is dropped, as Knot drops it. The name
    is written in lower case with Knot's escapes, a ``/`` as ``_``. Raises ``ValueError`` for a
    malformed index or a result longer than Knot's buffer."""
    labels = [_label_text(label) for label in name.labels if label]
    text = ".".join(labels) + "."
    out: list[str] = []
    size, index, end = 0, 0, len(file)
    while index < end:
        found = file.find("%", index)
        if found < 0:
            out.append(file[index:])
            size += end - index
            break
        out.append(file[index:found])
        size += found - index
        code = file[found + 1 : found + 2]
        index = found + 2
        if code == "%":
            piece = "%"
        elif code == "s":
            piece = text[:-1].replace("/", "_")
        elif code in ("c", "l"):
            match = _FORMATTER_INDEX.match(file, index)
            if match is None or (code == "l" and match[2] is not None):
                raise ValueError(f"%{code} needs an index such as %{code}[0]")
            first = int(match[1])
            last = int(match[2]) if match[2] is not None else first
            if first >= 256 or last >= 256 or last < first:
                raise ValueError(f"%{code}[{match[1]}{'-' + match[2] if match[2] else ''}] is out of range")
            index = match.end()
            if code == "c":
                piece = text[first : last + 1].replace("/", "_")
            else:
                piece = labels[len(labels) - 1 - first].replace("/", "_") if first < len(labels) else ""
        else:
            continue  # Knot warns and drops an unknown (or a trailing) formatter
        out.append(piece)
        size += len(piece)
        if size >= FILE_BUFFER:
            raise ValueError(f"the file name is longer than Knot's {FILE_BUFFER - 1} characters")
    if size >= FILE_BUFFER:
        raise ValueError(f"the file name is longer than Knot's {FILE_BUFFER - 1} characters")
    return "".join(out)


def _label_text(label: bytes) -> str:
    """One label as ``knot_dname_to_str`` writes it (lower case)."""
    out = []
    for byte in label.lower():
        char = chr(byte)
        if char.isascii() and (char.isalnum() or char in "-_*/"):
            out.append(char)
        elif 0x21 <= byte <= 0x7E and char != "#":
            out.append("\\" + char)
        else:
            out.append(f"\\{byte:03d}")
    return "".join(out)


# -- values and paths -----------------------------------------------------------------------------


def _unquote(item: str) -> str:
    """A value as Knot stores it: quotes removed, ``\\"`` made ``"`` (other escapes are kept
    with their backslash, as Knot keeps them)."""
    if item.startswith('"'):
        item = item[1:-1]
    return item.replace('\\"', '"') if '\\"' in item else item


def _at(pos: Position, column: int) -> Position:
    return Position(pos.file, pos.line, column)


def _candidates(name: str, including: str, root: str) -> list[str]:
    """Where an include may be, in turn. A relative path: beside the including file, as Knot
    reads it. An absolute path: as a repository keeps the host's files (``host_candidates``);
    a pattern keeps at least its directory, so that ``/etc/knot/conf.d/*.conf`` never becomes
    ``*.conf``."""
    if not os.path.isabs(name):
        return [os.path.normpath(os.path.join(os.path.dirname(including), name))]
    last = name.rstrip("/").rsplit("/", 1)[-1]
    return host_candidates(name, including, root, keep=2 if glob.has_magic(last) else 1)


def _literal_prefix(pattern: str) -> str:
    return literal_prefix(pattern, glob.has_magic)


def _shown(text: str) -> str:
    """A value as a message shows it: quoted, shortened, its control characters escaped."""
    return repr(text if len(text) <= 80 else text[:77] + "...")
