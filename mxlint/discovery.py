"""Which files of the paths a user names are zones, and in which format: directories walked,
exclusions applied, each file offered to the formats (``mxlint.formats.Formats.choose``).

Named files are judged by content too, but never excluded (as ruff without
``--force-exclude``): naming a file is a stronger statement than a pattern.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mxlint.format import Format, Probe, Trust
from mxlint.formats import installed
from mxlint.origin import SIGNED
from mxlint.patterns import PatternError, Patterns
from mxlint.record import ReadIssue
from mxlint.safe_text import printable
from mxlint.source import InputError

if TYPE_CHECKING:
    from mxlint.formats.configs import Expansion, Located

__all__ = ["Found", "PatternError", "Patterns", "find_sources", "git_top", "given_format"]

#: Directories that hold other people's files, never zones of the repository.
SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "site-packages"})


#: Names that end so are templates a tool fills in, not zones (``db.example.com.tmpl``).
TEMPLATE_SUFFIXES = (".tpl", ".tmpl", ".j2", ".jinja", ".jinja2", ".erb", ".mustache", ".template", ".tt")
#: Files a DNS repository holds beside its zones that are not zones to lint: DS and key sets
#: (dnssec-signzone's output) and the root hints.
NOT_ZONE_PREFIXES = {"dsset-": "a DS set (dnssec-signzone's output), not a zone", "keyset-": "a key set (dnssec-signzone's output), not a zone"}
ROOT_HINTS = frozenset({"named.root", "named.cache", "named.ca", "root.hint", "root.hints", "db.root", "db.cache"})


@dataclass
class Found:
    """What a search found: the sources to read (path and the name of its format), those of
    them the user named (not found by a search), and for each the tree it may reach into
    (``$INCLUDE``, ``!include``: the directory named on the command line, or for a named file
    the working directory when the file is inside it). Then what was not read: named files
    that are not zones (path, why not); entries that look like zones but cannot be read (a
    symbolic link out of the tree, a dangling one, a file that cannot be opened), each a
    finding; and files a search passed over on purpose (templates, DS sets, root hints, signed
    copies), which ``--show-files`` lists."""

    sources: list[tuple[str, str]] = field(default_factory=list)
    named: set[str] = field(default_factory=set)
    roots: dict[str, str] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    passed: list[tuple[str, str]] = field(default_factory=list)
    #: the zones server configurations declare (their files are not also in ``sources``),
    #: each with the tree its includes may reach, and what the configurations got wrong
    declared: list[tuple[Located, str]] = field(default_factory=list)
    #: zone files in a configuration's tree that it does not declare (also in ``passed``)
    undeclared: list[str] = field(default_factory=list)
    config_issues: list[ReadIssue] = field(default_factory=list)
    #: the configurations that declared them
    configs: list[str] = field(default_factory=list)


def not_a_zone(path: str) -> str | None:
    """Why a file is not a zone by its name alone (a template, a DS set, the root hints), or
    ``None``."""
    base = os.path.basename(path).lower()
    if base.endswith(TEMPLATE_SUFFIXES):
        return f"a template (its name ends in {os.path.splitext(base)[1]}), not a zone"
    if base in ROOT_HINTS:
        return "the root hints, not a zone"
    return next((why for prefix, why in NOT_ZONE_PREFIXES.items() if base.startswith(prefix)), None)


def find_sources(paths: Iterable[str], exclude: Sequence[Patterns] = (), trust_names: bool = True, server_configs: Sequence[str] = ()) -> Found:
    """Files as named (when they are zones), directories searched, and the zones the server
    configurations among them (or ``server_configs``) declare. ``trust_names``: a named file
    named as a zone is read whatever it holds (off when a tool, not the user, chose the
    files). Raises ``InputError`` for a path that does not exist or a ``server_configs`` file
    that is no configuration, ``PluginError`` for a plugin's format that fails."""
    formats = installed()
    found = Found()
    cwd = os.path.realpath(os.getcwd())
    # The configurations met, by the tree their files may be looked for in; and where to look
    # for one above what was named, with how far up (the working directory, when below it).
    configs: dict[str, list[tuple[str, str]]] = {}
    starts: dict[str, str] = {}
    for config in server_configs:
        server = config_server(config) if os.path.isfile(config) else None
        if server is None:
            raise InputError(f"{printable(config)}: not a server configuration (named.conf, pdns.conf, nsd.conf, knot.conf or octoDNS's configuration)")
        configs.setdefault(_named_root(config, cwd), []).append((config, server))
    for path in paths:
        if os.path.isdir(path):
            real = os.path.realpath(path)
            if real != cwd and os.path.commonpath([cwd, real]) == cwd:
                starts.setdefault(os.path.dirname(real), os.curdir)
            whole = formats.directory_format(path)
            if whole is not None:
                found.sources.append((path, whole.name))
                found.named.add(path)
                found.roots[path] = path
            else:
                walk = _Walk(path, exclude)
                for source in walk.run():
                    found.sources.append(source)
                    found.roots.setdefault(source[0], path)
                found.refused.extend(walk.refused)
                found.passed.extend(walk.passed)
                if walk.configs:
                    configs.setdefault(path, []).extend(walk.configs)
        elif os.path.exists(path):
            server = config_server(path)
            if server is not None:
                configs.setdefault(_named_root(path, cwd), []).append((path, server))
                continue
            why = not_a_zone(path)
            if why is not None:
                found.skipped.append((path, why))
                continue
            # A file of a directory read whole (octoDNS's split layout, as pre-commit passes
            # its files) is read with its zone.
            parent = os.path.dirname(path) or "."
            chosen = formats.choose(Probe(path), Trust.NAME if trust_names else Trust.CONTENT)
            whole = chosen if isinstance(chosen, Format) else formats.directory_format(parent)
            if whole is not None and formats.holds(whole, parent, path):
                path, chosen = parent, whole
            elif not isinstance(chosen, Format):
                found.skipped.append((path, chosen.reason))
                continue
            found.sources.append((path, chosen.name))
            found.named.add(path)
            found.roots.setdefault(path, _named_root(path, cwd))
            starts.setdefault(os.path.dirname(os.path.realpath(path)), found.roots[path])
        else:
            raise InputError(f"{printable(path)}: No such file or directory")
    found.sources = _without_signed_copies(list(dict.fromkeys(found.sources)), found.passed)
    if configs:
        from mxlint.formats.configs import expand

        for root, declaring in configs.items():
            _declare(found, expand(list(dict.fromkeys(declaring)), root), root)
    if not found.configs:
        _declare_from_above(found, starts, cwd)
    return found


def _declare_from_above(found: Found, starts: dict[str, str], cwd: str) -> None:
    """Zones whose configuration sits above what was named: a file named alone (pre-commit
    names the files a commit changes) or a directory below the configuration (``mxlint check
    hostedzones/`` under octoDNS's ``config.yaml``). ``starts`` maps the directories to look
    in first (real paths) to the tree the search may climb to. The files found are read as
    the zones the configuration declares them to be (``website`` beside ``named.conf``), and
    only they: the configuration's other zones and its own problems are for a run that names
    it."""
    configs: dict[str, list[tuple[str, str]]] = {}
    seen: set[str] = set()
    for directory, root in starts.items():
        real_root = os.path.realpath(root)
        while directory not in seen and os.path.commonpath([real_root, directory]) == real_root:
            seen.add(directory)
            configs.setdefault(root, []).extend(_configs_in(directory, cwd, real_root))
            if directory == real_root:
                break
            directory = os.path.dirname(directory)
    if not any(configs.values()):
        return
    from mxlint.formats.configs import expand

    shown = {os.path.realpath(path): path for path, _ in found.sources}
    for root, declaring in configs.items():
        for located in expand(declaring, root).zones:
            parts = [shown[real] for real in map(os.path.realpath, (located.path, *located.parts)) if real in shown]
            if not parts:
                continue
            found.sources = [(path, format) for path, format in found.sources if path not in parts]
            found.declared.append((located._replace(path=parts[0]), root))


def _configs_in(directory: str, cwd: str, real_root: str) -> list[tuple[str, str]]:
    """The configurations among a directory's files (none a link out of ``real_root``), as
    paths relative to the working directory when below it."""
    try:
        with os.scandir(directory) as entries:
            # The name rules most files out (a fleet's directory holds thousands of zones).
            files = sorted(entry.path for entry in entries if not entry.name.startswith(".") and _may_configure(entry.name) and entry.is_file())
    except OSError:
        return []
    files = [path for path in files if os.path.commonpath([real_root, os.path.realpath(path)]) == real_root]
    shown = [os.path.relpath(path) if os.path.commonpath([cwd, path]) == cwd else path for path in files]
    return [(path, server) for path in shown if (server := config_server(path)) is not None]


def _may_configure(name: str) -> bool:
    """Whether a file's name may be a configuration's (``*conf*``, YAML)."""
    lower = name.lower()
    return "conf" in lower or lower.endswith((".yaml", ".yml"))


def config_server(path: str) -> str | None:
    """The server whose configuration ``path`` is, or ``None``. Their readers are imported only
    for a file whose name may be one (``*conf*``): most runs have none."""
    if not _may_configure(os.path.basename(path)):
        return None
    from mxlint.formats.configs import config_server as server_of

    return server_of(path)


def _named_root(path: str, cwd: str) -> str:
    """The tree a named file may reach: the working directory when the file is below it
    (pre-commit names the files of a repository from its top), else the file's directory."""
    real = os.path.realpath(path)
    return os.curdir if os.path.commonpath([cwd, real]) == cwd else (os.path.dirname(path) or os.curdir)


def _declare(found: Found, expansion: Expansion, root: str) -> None:
    """The declared zones take the place of the zone files a search found: a file the
    configuration declares is read as the zone it declares (name, view, the server's
    directory), and a zone file in the configuration's tree that it does not declare is no
    zone that server serves (an old copy, a fragment, a test)."""
    found.configs.extend(expansion.configs)
    found.config_issues.extend(expansion.issues)
    found.passed.extend(expansion.passed)
    # One file two configurations declare as the same zone (named.conf and nsd.conf of one
    # tree) is one zone.
    seen = {(os.path.realpath(located.path), located.zone.name, located.zone.view) for located, _ in found.declared}
    for located in expansion.zones:
        key = (os.path.realpath(located.path), located.zone.name, located.zone.view)
        if key not in seen:
            seen.add(key)
            found.declared.append((located, root))
    if not expansion.configs:
        return
    declared = {os.path.realpath(part) for located in expansion.zones for part in (located.path, *located.parts)}
    kept = []
    for path, format in found.sources:
        real = os.path.realpath(path)
        if real in declared:
            continue
        if any(format in formats and os.path.commonpath([directory, real]) == directory for directory, formats in expansion.governed):
            found.passed.append((path, f"not a zone {printable(expansion.configs[0])} declares (checked where a declared zone includes it)"))
            found.undeclared.append(path)
            continue
        kept.append((path, format))
    found.sources = kept


def _without_signed_copies(sources: list[tuple[str, str]], passed: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The sources but the signed copies (``example.com.zone.signed``) of zones whose unsigned
    source is among them: the same zone, every finding twice."""
    paths = {path for path, _ in sources}
    kept = []
    for path, format in sources:
        if path.lower().endswith(SIGNED) and path[: -len(SIGNED)] in paths:
            passed.append((path, f"a signed copy of {path[: -len(SIGNED)]}, which is checked"))
        else:
            kept.append((path, format))
    return kept


def given_format(name: str | None, data: bytes) -> str:
    """The format that reads bytes standing for the file ``name`` (standard input, an
    editor's buffer): the one that claims the name, else the one whose content they are, else
    the zone-file format, which says what is wrong. Raises ``PluginError``, and ``InputError``
    when no format is installed to read it."""
    chosen = installed().choose(Probe(name or "-", data), Trust.GIVEN)
    if not isinstance(chosen, Format):
        raise InputError(f"{printable(name or '-')}: no format reads it ({chosen.reason})")
    return chosen.name


def git_top(directory: str) -> str | None:
    """The top of the git checkout holding ``directory`` (a ``.git`` entry there or above)."""
    current = os.path.abspath(directory)
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


class _Walk:
    """One named directory: sorted, depth first, each directory's files before its
    subdirectories' (as ``os.walk``), hidden entries skipped, symlinked directories not
    followed and symlinked files only when they stay inside the tree."""

    def __init__(self, root: str, exclude: Sequence[Patterns]) -> None:
        self.root = root
        self.abs_root = os.path.abspath(root)
        self.real_root = os.path.realpath(root)
        self.exclude = exclude
        self.seen: set[str] = set()
        self.refused: list[tuple[str, str]] = []
        self.passed: list[tuple[str, str]] = []
        #: the server configurations met (path, server)
        self.configs: list[tuple[str, str]] = []

    def run(self) -> list[tuple[str, str]]:
        """The sources below the root (path and format); ``passed`` and ``refused`` fill as the
        search meets what it does not read."""
        formats = installed()
        found: list[tuple[str, str]] = []
        outer = self._outer_gitignores()
        in_git = outer is not None
        stack: list[tuple[str, tuple[Patterns, ...]]] = [(self.root, outer or ())]
        while stack:
            directory, ignores = stack.pop()
            if in_git:
                ignores = ignores + _gitignore(directory)
            files, subdirectories = self._entries(directory, ignores)
            wholes = [(sub, formats.directory_format(sub)) for sub in subdirectories]
            found.extend((sub, whole.name) for sub, whole in wholes if whole is not None)
            for file in files:
                server = config_server(file)
                if server is not None:
                    self.configs.append((file, server))
                    continue
                why = not_a_zone(file)
                if why is not None:
                    self._pass(file, why)
                    continue
                chosen = formats.choose(Probe(file), Trust.CONTENT)
                if isinstance(chosen, Format):
                    found.append((file, chosen.name))
                elif chosen.reason.startswith("a template"):
                    self.passed.append((file, chosen.reason))
            stack.extend((sub, ignores) for sub, whole in reversed(wholes) if whole is None)
        return found

    def _outer_gitignores(self) -> tuple[Patterns, ...] | None:
        """The ``.gitignore`` files from the checkout's top down to (not including) the root;
        ``None`` outside a checkout."""
        top = git_top(self.abs_root)
        if top is None:
            return None
        chain: list[str] = []
        current = self.abs_root
        while current != top:
            current = os.path.dirname(current)
            chain.append(current)
        layers: tuple[Patterns, ...] = ()
        for directory in reversed(chain):
            layers += _gitignore(directory)
        return layers

    def _entries(self, directory: str, ignores: tuple[Patterns, ...]) -> tuple[list[str], list[str]]:
        try:
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            return [], []  # an unreadable directory holds nothing we can check
        files, subdirectories = [], []
        real_directory = os.path.realpath(directory)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            # Paths as the user would write them: `zones/a`, not `./zones/a`.
            path = entry.name if directory == os.curdir else os.path.join(directory, entry.name)
            try:
                is_dir = entry.is_dir()
                if is_dir and entry.is_symlink():
                    self._refuse(path, entry.name, "a symbolic link to a directory, which a search does not follow")
                    continue
                if is_dir and _foreign(path, entry.name):
                    continue
                if not is_dir and not entry.is_file():
                    if entry.is_symlink() and not os.path.exists(path):
                        self._refuse(path, entry.name, "a symbolic link to nothing")
                    continue
                if not is_dir and not self._inside(entry, real_directory):
                    continue
                if not is_dir and not os.access(path, os.R_OK):
                    self._refuse(path, entry.name, "it cannot be read (permission denied)")
                    continue
            except OSError as error:
                self._refuse(path, entry.name, f"it cannot be read ({error.strerror or error})")
                continue
            if self._excluded(path, is_dir, ignores):
                continue
            (subdirectories if is_dir else files).append(path)
        return files, subdirectories

    def _pass(self, path: str, why: str) -> None:
        """A file not read on purpose: listed when its name says zone or template."""
        if installed().names_zone(os.path.basename(path)) or "template" in why:
            self.passed.append((path, why))

    def _refuse(self, path: str, name: str, why: str) -> None:
        """An entry that is not read gets a finding when its name says zone: a search must not
        pass over a zone in silence, nor flag every stray link of a repository."""
        if installed().names_zone(name):
            self.refused.append((path, why))

    def _inside(self, entry: os.DirEntry, real_directory: str) -> bool:
        """A file not reached twice, and no symlink leading out of the tree."""
        if entry.is_symlink():
            key = os.path.realpath(entry.path)
            if os.path.commonpath([self.real_root, key]) != self.real_root:
                self._refuse(entry.path, entry.name, f"a symbolic link leading outside {self.root}")
                return False
        else:
            key = os.path.join(real_directory, entry.name)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def _excluded(self, path: str, is_dir: bool, ignores: tuple[Patterns, ...]) -> bool:
        absolute = os.path.join(self.abs_root, os.path.relpath(path, self.root))
        if any(patterns.check(absolute, is_dir, self.abs_root) for patterns in self.exclude):
            return True
        verdict = None
        for patterns in ignores:  # the deepest .gitignore that mentions the path decides
            result = patterns.check(absolute, is_dir, self.abs_root)
            if result is not None:
                verdict = result
        return bool(verdict)


def _foreign(path: str, name: str) -> bool:
    """Directories of installed packages and virtual environments."""
    return name in SKIPPED_DIRECTORIES or os.path.isfile(os.path.join(path, "pyvenv.cfg"))


#: A ``.gitignore`` larger than this is not read (git's own files are a few kilobytes).
MAX_GITIGNORE_BYTES = 1024 * 1024


def _gitignore(directory: str) -> tuple[Patterns, ...]:
    data = _read_gitignore(os.path.join(directory, ".gitignore"))
    if data is None:
        return ()
    lines = data.decode("utf-8", errors="replace").splitlines()
    patterns = Patterns.compile_lenient(directory, lines)
    # git skips lines it cannot read; a broken .gitignore must not stop a lint
    return () if patterns is None else (patterns,)


def _read_gitignore(path: str) -> bytes | None:
    """The bytes of a ``.gitignore`` that is a regular file of at most
    ``MAX_GITIGNORE_BYTES``, else ``None``: like git (2.32 on), a symbolic link is never
    followed, so neither a link out of the tree nor a device (``/dev/zero``) or FIFO is read.
    ``lstat`` before ``open``, and the open neither follows a link nor waits for a writer."""
    import stat

    try:
        before = os.lstat(path)
        if not stat.S_ISREG(before.st_mode) or before.st_size > MAX_GITIGNORE_BYTES:
            return None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        descriptor = os.open(path, flags)
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None  # replaced between lstat and open
            data = handle.read(MAX_GITIGNORE_BYTES + 1)
    except OSError:
        return None
    return None if len(data) > MAX_GITIGNORE_BYTES else data


def render_found(found: Found) -> str:
    """What ``--show-files`` prints: a line per file, sorted by path: what a run checks (the
    format, or the zone a configuration declares and where), and what it does not and why."""
    lines = [(path, f"checked as {format}") for path, format in found.sources]
    for located, _ in found.declared:
        zone = located.zone
        view = f" in view {zone.view}" if zone.view is not None else ""
        lines.append((located.path, f"checked as zone {zone.name}{view}, declared by {zone.pos.file}:{zone.pos.line} ({zone.server})"))
    lines += [(config, "read as a server configuration") for config in found.configs]
    lines += [(path, f"not read: {why}") for path, why in found.refused]
    lines += [(path, f"passed over: {why}") for path, why in found.passed + found.skipped]
    return "".join(f"{printable(path)}: {printable(what)}\n" for path, what in sorted(lines))

