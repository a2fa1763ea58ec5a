"""One run, owned by one object: sources in, then read → link siblings → lint → filter
(suppressions) → fix → lint again → findings out (``Session``).

The command line turns its arguments into sources and renders the outcome; the pre-commit hook
and the GitHub Action run the command line, and an editor's server hands its buffers in as
sources: every front end goes through a ``Session``. Worker processes are a detail of reading
files: every rule then sees every zone of the run, whole, with any ``--jobs``, and the zones
answer each other's questions (sibling zones).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple, Union

import dns.name

from mxlint.config import Config
from mxlint.formats import installed
from mxlint.limits import MAX_RECORDS
from mxlint.lint import Engine
from mxlint.origin import NO_ORIGIN
from mxlint.record import Position, ReadIssue
from mxlint.registry import Registry
from mxlint.rule import Finding
from mxlint.safe_text import printable
from mxlint.source import InputError, Source, Text
from mxlint.zone import Zone

if TYPE_CHECKING:
    from mxlint.lookup import Lookups, Server

#: Below this many files a worker, starting processes costs more than it saves.
MIN_FILES_PER_JOB = 8

Progress = Callable[..., Iterable]

#: The path of standard input on the command line and in findings (as ruff shows it).
STDIN = "-"

# The inputs and the outcome are named tuples, not frozen dataclasses: every run pays for the
# classes created at import, ~0.5 ms for a frozen dataclass, ~0.08 ms for a named tuple.


class UnreadSource(NamedTuple):
    """Something a search found that looks like a zone but is not read, and why."""

    path: str
    why: str


class ConfigProblems(NamedTuple):
    """What a server configuration got wrong (a syntax error, a zone whose file is missing),
    at its places in that configuration."""

    path: str
    issues: tuple[ReadIssue, ...]


class LiveSource(NamedTuple):
    """A domain whose MX data is looked up in live DNS."""

    domain: str


class TransferSource(NamedTuple):
    """A zone transferred (AXFR) from a server."""

    server: Server
    zone: str


#: What a run checks: files, directories and buffers (``Source``), and the network's zones.
Input = Union[Source, UnreadSource, ConfigProblems, LiveSource, TransferSource]


class FixRequest(NamedTuple):
    """``--fix`` (``write``) or ``--diff``, with or without ``--unsafe-fixes``; ``roots`` are
    the trees named on the command line, outside which nothing is written."""

    write: bool
    unsafe: bool
    roots: Sequence[str]


class Outcome(NamedTuple):
    findings: list[Finding]
    #: how many sources were checked (files, domains or zones)
    checked: int
    #: the zones of the last check: the command line holds them until its process ends, so
    #: that they are not freed one object at a time (a library caller frees them with this)
    zones: list[Zone]
    #: how many findings ``--fix`` fixed (``findings`` are those left)
    fixed: int = 0
    #: what ``--diff`` shows
    diff: str = ""
    #: lines for stderr: fixes refused or in conflict
    notes: Sequence[str] = ()
    #: a fixed file could not be written (exit 2)
    failed: bool = False


class Session:
    """One run's settings, and the run. ``lookups`` answer live DNS and ``--resolve``
    questions (both need it); ``resolve`` looks up the exchanges outside the zones read from
    files and transfers; ``progress`` shows a run over many files."""

    # A plain class, not a dataclass: every run would build its methods at import.
    def __init__(
        self,
        config: Config,
        registry: Registry,
        *,
        lookups: Lookups | None = None,
        resolve: bool = False,
        jobs: int = 1,
        progress: Progress | None = None,
        skip_unnamed: bool = False,
    ) -> None:
        self.config, self.registry, self.lookups = config, registry, lookups
        self.resolve, self.jobs, self.progress = resolve, jobs, progress
        #: a zone whose name nothing tells is skipped even when named, as a file that is no
        #: zone is under ``--skip-non-zones`` (pre-commit names files, not the user)
        self.skip_unnamed = skip_unnamed

    def run(self, inputs: Sequence[Input], fixes: FixRequest | None = None, ranges: bool = False) -> Outcome:
        """Check ``inputs``; fix what ``fixes`` asks and check again; with ``ranges``, work
        out where each finding ends (for the outputs that show it). Raises ``InputError``,
        ``RuleError`` and ``PluginError``."""
        outcome = self.check(inputs) if fixes is None else self._fix(inputs, fixes)
        if ranges:
            outcome = outcome._replace(findings=with_ranges(outcome.findings, outcome.zones))
        return outcome

    def check(self, inputs: Sequence[Input], progress: bool = True) -> Outcome:
        """Read, link the sibling zones, lint, filter: the findings of ``inputs``."""
        zones, checked, notes = self.read(inputs, self.progress if progress else None)
        Zone.link(zones)
        engine = Engine(self.config, self.registry)
        findings = engine.lint(zones)
        findings = engine.suppress(zones, findings)  # the filters: inline suppressions
        return Outcome(sorted(findings, key=Finding.order), checked, zones, notes=notes)

    def read(self, inputs: Sequence[Input], progress: Progress | None = None) -> tuple[list[Zone], int, list[str]]:
        """Every input read into zones (files in worker processes when there are enough of
        them, a fragment another zone includes left to that zone, the network asked last), how
        many sources that is (a file, a buffer, a domain, a transfer), and lines for stderr
        about what was not linted. Raises ``InputError`` for a zone the user named whose name
        nothing tells, and when no zone is left to lint."""
        formats = installed()
        # Fresh handles: the texts fixes and ranges read are those of this check.
        sources = [source.fresh() for source in inputs if isinstance(source, Source)]
        from_files = read_files([source for source in sources if not source.in_memory], self.jobs, progress)
        given = [formats.read(source) for source in sources if source.in_memory]
        empty = sum(1 for zones in from_files + given if not zones)  # a source may hold no zone, and was checked
        zones = without_included([zone for zones in from_files for zone in zones])
        zones += [zone for zones in given for zone in zones]
        zones += [unread(source.path, source.why) for source in inputs if isinstance(source, UnreadSource)]
        zones += [Zone(dns.name.root, source.path, errors=list(source.issues)) for source in inputs if isinstance(source, ConfigProblems)]
        domains = [source.domain for source in inputs if isinstance(source, LiveSource)]
        transfers = [source for source in inputs if isinstance(source, TransferSource)]
        if domains or transfers or self.resolve:
            from mxlint import live as network

            lookups = self.lookups
            assert lookups is not None, "live DNS, transfers and --resolve need lookups"
            if transfers:
                zones += [network.transfer(source.server, source.zone, lookups.timeout, lookups.budget) for source in transfers]
            if self.resolve:
                network.resolve_outside(zones, lookups, progress)
            if domains:
                zones += network.live_zones(domains, lookups, progress)
        zones, notes = _named(zones, self.skip_unnamed)
        within_record_limit(zones)
        checked = empty + len({id(zone.source) for zone in zones if zone.source is not None}) + sum(1 for zone in zones if zone.source is None)
        return zones, checked, notes

    def _fix(self, inputs: Sequence[Input], request: FixRequest) -> Outcome:
        """Check ``inputs`` and apply (or, for ``--diff``, show) the fixes of the findings;
        after writing, what is left is what the files now say: they are checked again."""
        from mxlint.fix import plan

        outcome = self.check(inputs)
        texts: dict[str, Text] = {}
        for zone in outcome.zones:
            if zone.source is not None:
                for path, text in zone.source.texts().items():
                    # Bytes given under a file's name stand for it: that file is not written.
                    if path not in texts or text.in_memory:
                        texts[path] = text
        chosen = plan(outcome.findings, texts, request.unsafe)
        notes = chosen.notes()
        if not request.write:
            fixed = set(chosen.fixed)
            left = [finding for finding in outcome.findings if finding not in fixed]
            diff, hidden = chosen.diff()
            return outcome._replace(findings=left, diff=diff, notes=[*outcome.notes, *notes, *hidden, chosen.would_fix()])
        written, refusals, failed = chosen.write(request.roots)
        if not written:
            return outcome._replace(notes=[*outcome.notes, *notes, *refusals], failed=failed)
        fixed_count = chosen.fixed_in(written)
        del outcome, texts, chosen  # checking the fixed files reads the zones again: not twice at once
        again = self.check(inputs, progress=False)
        return again._replace(fixed=fixed_count, notes=[*again.notes, *notes, *refusals], failed=failed)


def read_files(sources: Sequence[Source], jobs: int, progress: Progress | None = None) -> list[list[Zone]]:
    """The zones of each file source, in worker processes when there are enough of them."""
    if jobs > 1 and len(sources) >= MIN_FILES_PER_JOB * 2:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results: Iterable[list[Zone]] = pool.map(_read, sources, chunksize=max(1, len(sources) // (jobs * 4)))
            return list(progress(results, "checking", len(sources)) if progress else results)
    return [_read(source) for source in (progress(sources, "checking") if progress else sources)]


def _read(source: Source) -> list[Zone]:
    return installed().read(source)


def _named(zones: list[Zone], skip: bool = False) -> tuple[list[Zone], list[str]]:
    """The zones whose name something tells, and a line for each a search found whose name
    nothing tells (no configuration, SOA, ``$ORIGIN`` or domain-like file name): it is not
    linted under an invented name. Raises ``InputError`` for such a zone the user named, and
    when no zone is left (unless ``skip``: every such zone is skipped with its line)."""
    unnamed = [zone for zone in zones if zone.unnamed]
    if not unnamed:
        return zones, []
    for zone in unnamed:
        if zone.source is not None and zone.source.named and not skip:
            raise InputError(f"{printable(zone.path)}: {NO_ORIGIN}")
    named = [zone for zone in zones if not zone.unnamed]
    if not named and not skip:
        raise InputError(f"no zone to check: {_count(len(unnamed), 'zone file')} found cannot tell the zone's name; pass --origin or add it to origins: in the configuration")
    return named, [f"mxlint: {printable(zone.path)}: skipped: {NO_ORIGIN}" for zone in unnamed]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def unread(path: str, why: str) -> Zone:
    """A source a search found but does not read, as a zone whose only content is the
    finding that says why (MX000): a zone must not be passed over in silence."""
    return Zone(dns.name.root, path, errors=[ReadIssue(Position(path, 1, 1), f"not read: {why}", incomplete=True)])


def without_included(zones: Sequence[Zone]) -> list[Zone]:
    """The zones but those another zone of the run included: a fragment was checked inside
    the zone that includes it, where its names mean something. Files that include each other
    (a loop the reader reports) all stay."""
    includers: dict[str, list[int]] = {}
    for index, zone in enumerate(zones):
        for real in zone.included:
            includers.setdefault(real, []).append(index)
    if not includers:
        return list(zones)
    reals = [os.path.realpath(zone.path) for zone in zones]
    return [
        zone
        for index, zone in enumerate(zones)
        if not any(other != index and reals[other] not in zone.included for other in includers.get(reals[index], ()))
    ]


def within_record_limit(zones: Sequence[Zone]) -> None:
    """Raises ``InputError`` when the zones of a run hold more records than one run reads."""
    total = sum(len(zone.records) for zone in zones)
    if total > MAX_RECORDS:
        raise InputError(f"the run holds {total:,} records, more than the {MAX_RECORDS:,} one run reads; check fewer files at once")


def with_ranges(findings: Sequence[Finding], zones: Sequence[Zone]) -> list[Finding]:
    """``findings`` with where each ends, as the format of the zone whose file it points into
    works it out from the text (``Format.extent``); a finding outside any text (live DNS)
    keeps none."""
    sources: dict[str, tuple[str, Source]] = {}
    for zone in zones:
        if zone.source is not None:
            for path in zone.files:
                sources.setdefault(printable(path), (path, zone.source))
    formats = installed()
    result = []
    for finding in findings:
        found = sources.get(finding.path)
        if finding.end_line is None and found is not None:
            path, source = found
            end = formats.extent(source, Position(path, finding.line, finding.column))
            if end is not None:
                finding = replace(finding, end_line=end[0], end_column=end[1])
        result.append(finding)
    return result


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
