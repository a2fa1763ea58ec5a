"""Checking many files: read them in worker processes, lint them together in this one.

Workers only read: every rule then sees every zone of the run whole, with any number of
workers, so sibling zones answer each other's questions and cross-zone rules see the same
data as in one process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence

import dns.name

from mxlint.config import Config
from mxlint.lint import Finding, lint
from mxlint.limits import MAX_RECORDS
from mxlint.readers import InputError, read_path
from mxlint.readers import unread as unread_zone
from mxlint.registry import Registry
from mxlint.zone import Zone

#: Below this many files a worker, starting processes costs more than it saves.
MIN_FILES_PER_JOB = 8

Task = tuple[str, "dns.name.Name | None", "str | None"]


def check_files(
    paths: Sequence[str],
    origin: Callable[[str], dns.name.Name | None],
    config: Config,
    registry: Registry,
    jobs: int,
    progress: Callable[..., Iterable] | None = None,
    unread: Sequence[tuple[str, str]] = (),
) -> tuple[int, list[Finding]]:
    """Read and lint every file: (how many were read, the findings). ``unread`` are the
    (path, why) of sources found but not read: each gets its finding. Raises what the readers
    and the engine raise (``InputError``, ``RuleError``)."""
    tasks = [(path, origin(path), config.include_root) for path in paths]
    if jobs > 1 and len(tasks) >= MIN_FILES_PER_JOB * 2:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results: Iterable = pool.map(_read, tasks, chunksize=max(1, len(tasks) // (jobs * 4)))
            zones = list(progress(results, "checking", len(tasks)) if progress else results)
    else:
        zones = [_read(task) for task in (progress(tasks, "checking") if progress else tasks)]
    zones = without_included(zones) + [unread_zone(path, why) for path, why in unread]
    within_record_limit(zones)
    return len(zones), lint(zones, config, registry)


def within_record_limit(zones: Sequence[Zone]) -> None:
    """Raises ``InputError`` when the zones of a run hold more records than one run reads."""
    total = sum(len(zone.records) for zone in zones)
    if total > MAX_RECORDS:
        raise InputError(f"the run holds {total:,} records, more than the {MAX_RECORDS:,} one run reads; check fewer files at once")


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


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _read(task: Task):  # noqa: ANN202 - a Zone; named for the worker pool
    return read_path(*task)
