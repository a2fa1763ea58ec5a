"""Checking many files: read them and run the per-zone rules in worker processes.

Workers send back the findings and what the cross-zone rules and the suppressions need of
each zone (its MX records and comments), so little crosses between processes and the result
is the same as in one process: the engine sorts it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence

import dns.name

from mxlint.config import Config
from mxlint.lint import Finding, for_run_rules, lint, lint_zone
from mxlint.readers import read_path
from mxlint.registry import Registry
from mxlint.zone import Zone

#: Below this many files a worker, starting processes costs more than it saves.
MIN_FILES_PER_JOB = 8

Task = tuple[str, "dns.name.Name | None", "str | None"]
_shared: tuple[Config, Registry] | None = None


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

        with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(config, registry)) as pool:
            results: Iterable = pool.map(_read_and_lint, tasks, chunksize=max(1, len(tasks) // (jobs * 4)))
            done = list(progress(results, "checking", len(tasks)) if progress else results)
        zones = [zone for zone, _ in done]
        return len(zones), lint(zones, config, registry, [f for _, found in done for f in found])
    zones = [read_path(*task) for task in (progress(tasks, "checking") if progress else tasks)]
    return len(zones), lint(zones, config, registry)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start_worker(config: Config, registry: Registry) -> None:
    global _shared
    _shared = (config, registry)


def _read_and_lint(task: Task) -> tuple[Zone, list[Finding]]:
    config, registry = _shared
    zone = read_path(*task)
    return for_run_rules(zone), lint_zone(zone, config, registry)
