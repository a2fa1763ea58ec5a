"""One run: sources → read → resolve when asked → lint (rules, suppressions) → findings.

The command line builds the sources and renders the result; everything between happens here,
the same way for files, live domains and zone transfers. Worker processes are a detail of
reading files: every rule then sees every zone of the run, whole, with any ``--jobs``, and the
zones answer each other's questions (sibling zones).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple, Union

import dns.name
import dns.rdatatype

from mxlint.config import Config
from mxlint.fix import SourceTexts, reading
from mxlint.limits import MAX_RECORDS
from mxlint.lint import lint
from mxlint.readers import InputError, read_path, unread
from mxlint.registry import Registry
from mxlint.rule import Finding
from mxlint.zone import Zone

if TYPE_CHECKING:
    from mxlint.lookup import Lookups, Server

#: Below this many files a worker, starting processes costs more than it saves.
MIN_FILES_PER_JOB = 8

Progress = Callable[..., Iterable]

#: The path of standard input on the command line and in findings (as ruff shows it).
STDIN = "-"

# The sources and the result are named tuples, not frozen dataclasses: every run pays for the
# classes created at import, ~0.5 ms for a frozen dataclass, ~0.08 ms for a named tuple.


class FileSource(NamedTuple):
    """A zone file, YAML zone or octoDNS split directory; ``origin`` when the command line or
    the configuration names the apex."""

    path: str
    origin: dns.name.Name | None = None


class StdinSource(NamedTuple):
    """A zone read from standard input (``mxlint check -``). ``path`` (``--stdin-filename``,
    else ``-``) stands for a file: it decides the reader, the origin when nothing else does,
    the configuration's ``per-path`` rules, and what findings name."""

    data: bytes
    path: str = STDIN
    origin: dns.name.Name | None = None


class UnreadSource(NamedTuple):
    """Something a search found that looks like a zone but is not read, and why."""

    path: str
    why: str


class LiveSource(NamedTuple):
    """A domain whose MX data is looked up in live DNS."""

    domain: str


class TransferSource(NamedTuple):
    """A zone transferred (AXFR) from a server."""

    server: Server
    zone: str


Source = Union[FileSource, StdinSource, UnreadSource, LiveSource, TransferSource]


class Result(NamedTuple):
    findings: list[Finding]
    #: how many sources were checked (files, domains or zones)
    checked: int
    #: the texts the findings' fixes were computed on (``mxlint.fix.plan`` applies them)
    texts: SourceTexts
    #: the zones checked: the command line holds them until its process ends, so that they
    #: are not freed one object at a time (a library caller frees them with the result)
    zones: list[Zone]


def run(
    sources: Sequence[Source],
    config: Config,
    registry: Registry,
    *,
    lookups: Lookups | None = None,
    resolve: bool = False,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Result:
    """Check ``sources``. ``lookups`` answer live DNS and ``--resolve`` questions (both need
    it); ``resolve`` looks up the exchanges outside the zones read from files and transfers.
    Raises ``InputError`` (a source that cannot be had at all) and ``RuleError``."""
    files = [source for source in sources if isinstance(source, FileSource)]
    zones = without_included(read_files(files, config.include_root, jobs, progress))
    stdin = [source for source in sources if isinstance(source, StdinSource)]
    zones += [read_stdin(source) for source in stdin]
    # Fixes are computed on texts: files and standard input, not live data or transfers.
    texts = SourceTexts(stdin={source.path: source.data for source in stdin})
    texts.allow(zones)
    zones += [unread(source.path, source.why) for source in sources if isinstance(source, UnreadSource)]
    domains = [source.domain for source in sources if isinstance(source, LiveSource)]
    transfers = [source for source in sources if isinstance(source, TransferSource)]
    if domains or transfers or resolve:
        from mxlint.readers import live as network

        if transfers:
            zones += [network.transfer(source.server, source.zone, lookups.timeout, lookups.budget) for source in transfers]
        if resolve:
            network.resolve_outside(zones, lookups, progress)
        if domains:
            zones += network.live_zones(domains, lookups, progress)
    within_record_limit(zones)
    with reading(texts):
        findings = lint(zones, config, registry)
    return Result(findings, len(zones), texts, zones)


def read_files(sources: Sequence[FileSource], include_root: str | None, jobs: int, progress: Progress | None = None) -> list[Zone]:
    """Every file read into a zone, in worker processes when there are enough of them."""
    tasks = [(source.path, source.origin, include_root) for source in sources]
    if jobs > 1 and len(tasks) >= MIN_FILES_PER_JOB * 2:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results: Iterable[Zone] = pool.map(_read, tasks, chunksize=max(1, len(tasks) // (jobs * 4)))
            return list(progress(results, "checking", len(tasks)) if progress else results)
    return [_read(task) for task in (progress(tasks, "checking") if progress else tasks)]


def _read(task: tuple[str, dns.name.Name | None, str | None]) -> Zone:
    return read_path(*task)


def read_stdin(source: StdinSource) -> Zone:
    """Standard input read as the file ``source.path`` would be, with the same order of
    origins: the one given, else what the text says, else the file name's."""
    from mxlint.origin import NO_ORIGIN, decide_origin

    name = None if source.path == STDIN else source.path
    if _stdin_is_yaml(source.data, name):
        from mxlint.readers.yamlzone import read_yaml_bytes

        zone = read_yaml_bytes(source.data, source.origin, source.path)
        named = decide_origin(source.origin, name)
        if named is not None and any(issue.message == NO_ORIGIN for issue in zone.errors):
            zone = read_yaml_bytes(source.data, named, source.path)  # no origin: key: the name's
        return zone
    from mxlint.readers.zonefile import read_zone_bytes

    # As for a file: relative names before any $ORIGIN or SOA complete with the name's apex,
    # and the SOA owner (else the first $ORIGIN) then decides the apex.
    provisional = decide_origin(source.origin, name)
    zone = read_zone_bytes(source.data, provisional, source.path)
    soa = next((record.owner for record in zone.records if record.rdtype == dns.rdatatype.SOA), None)
    directive = zone.records[0].origin if zone.records and provisional is None else None
    apex = decide_origin(source.origin, name, soa_owner=soa, first_origin_directive=directive)
    if apex is not None and apex == zone.origin:
        return zone
    from mxlint.zone import Position, ReadIssue

    errors = list(zone.errors)
    if apex is None and not any(issue.message == NO_ORIGIN for issue in errors):
        errors.append(ReadIssue(Position(source.path, 1, 1), NO_ORIGIN))
    return Zone(apex or dns.name.root, source.path, zone.records, zone.comments, errors)


def _stdin_is_yaml(data: bytes, name: str | None) -> bool:
    """YAML by the name's suffix; without a telling name, by content: text that reads as a
    master file is one, else YAML shaped like a zone is YAML, else the zone-file reader says
    what is wrong."""
    from mxlint.readers import YAML_FILE, ZONE_FILE
    from mxlint.readers.sniff import HEAD_BYTES, sniff_yaml_bytes, sniff_zone_text

    if name is not None and (YAML_FILE.claims(name) or ZONE_FILE.claims(name)):
        return YAML_FILE.claims(name)
    if sniff_zone_text(data[:HEAD_BYTES], truncated=len(data) > HEAD_BYTES):
        return False
    return bool(sniff_yaml_bytes(data, name or STDIN))


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


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
