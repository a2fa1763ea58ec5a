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
from mxlint.readers import read_path
from mxlint.registry import Registry

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
) -> tuple[int, list[Finding]]:
    """Read and lint every file: (how many were read, the findings). Raises what the readers
    and the engine raise (``InputError``, ``RuleError``)."""
    tasks = [(path, origin(path), config.include_root) for path in paths]
    if jobs > 1 and len(tasks) >= MIN_FILES_PER_JOB * 2:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results: Iterable = pool.map(_read, tasks, chunksize=max(1, len(tasks) // (jobs * 4)))
            zones = list(progress(results, "checking", len(tasks)) if progress else results)
    else:
        zones = [_read(task) for task in (progress(tasks, "checking") if progress else tasks)]
    return len(zones), lint(zones, config, registry)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _read(task: Task):  # noqa: ANN202 - a Zone; named for the worker pool
    return read_path(*task)
