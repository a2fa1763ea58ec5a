"""One run: sources → read → resolve when asked → lint (rules, suppressions) → findings.

The command line builds the sources and renders the result; everything between happens here,
the same way for files, live domains and zone transfers. Worker processes are a detail of
reading files: every rule then sees every zone of the run, whole, with any ``--jobs``, and the
zones answer each other's questions (sibling zones).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

import dns.name

from mxlint.config import Config
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


@dataclass(frozen=True)
class FileSource:
    """A zone file, YAML zone or octoDNS split directory; ``origin`` when the command line or
    the configuration names the apex."""

    path: str
    origin: dns.name.Name | None = None


@dataclass(frozen=True)
class UnreadSource:
    """Something a search found that looks like a zone but is not read, and why."""

    path: str
    why: str


@dataclass(frozen=True)
class LiveSource:
    """A domain whose MX data is looked up in live DNS."""

    domain: str


@dataclass(frozen=True)
class TransferSource:
    """A zone transferred (AXFR) from a server."""

    server: Server
    zone: str


Source = Union[FileSource, UnreadSource, LiveSource, TransferSource]


@dataclass(frozen=True)
class Result:
    findings: list[Finding]
    #: how many sources were checked (files, domains or zones)
    checked: int


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
    return Result(lint(zones, config, registry), len(zones))


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
