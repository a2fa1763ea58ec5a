"""The engine: run the active rules over zones, apply suppressions, and stamp findings."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from mxlint.config import ActiveRule, Config
from mxlint.limits import MAX_FINDINGS_PER_RULE, MAX_MESSAGE
from mxlint.plugins import PluginError
from mxlint.registry import Registry
from mxlint.rule import Finding, Problem
from mxlint.safe_text import clipped, printable
from mxlint.suppress import Suppressions
from mxlint.zone import Zone


class RuleError(Exception):
    """A rule raised instead of yielding problems (exit 2)."""


def lint(zones: Sequence[Zone], config: Config, registry: Registry) -> list[Finding]:
    """Every finding over ``zones``: rules as configured for each zone's path, inline
    suppressions applied, exact duplicates removed, sorted by path, line, column and rule id.
    The zones answer each other's questions (sibling zones). Raises ``RuleError``. (The steps
    of ``mxlint.run.Session.check`` between reading and fixing.)"""
    Zone.link(zones)
    engine = Engine(config, registry)
    return sorted(engine.suppress(zones, engine.lint(zones)), key=Finding.order)


class Engine:
    """The rules of a run as configured: run over the zones, then filtered."""

    def __init__(self, config: Config, registry: Registry) -> None:
        self.registry = registry
        self.active = _Active(config, registry)

    def lint(self, zones: Sequence[Zone]) -> set[Finding]:
        """What the rules find: each zone's rules on each zone, then the run's rules on every
        zone together. Raises ``RuleError``."""
        findings: set[Finding] = set()
        for zone in zones:
            for entry in self.active(zone.path):
                if entry.rule.scope == "zone":
                    findings.update(_run(entry, zone, zone.path))
        for entry in self.active(None):
            if entry.rule.scope == "run":
                findings.update(_run(entry, zones, "the zones of this run"))
        return _once(findings)

    def suppress(self, zones: Sequence[Zone], findings: set[Finding]) -> set[Finding]:
        """The findings no inline suppression of the zones covers, and what the rules that
        judge the suppressions themselves (MX001) find. Raises ``RuleError``."""
        suppressions = Suppressions.read(zones, self.registry, lambda path: {entry.rule.id for entry in self.active(path)})
        kept = set(suppressions.apply(findings))
        for entry in self.active(None):
            if entry.rule.scope == "suppressions":
                kept.update(_run(entry, suppressions, "the suppression comments"))
        return kept


def _once(findings: set[Finding]) -> set[Finding]:
    """One finding for one problem at one place: a file two zones include is read with each of
    them, and its own problems (a record it cannot read) are the same for both."""
    kept: dict[tuple, Finding] = {}
    for finding in sorted(findings, key=Finding.order):
        kept.setdefault((finding.path, finding.line, finding.column, finding.rule, finding.message, finding.hint), finding)
    return set(kept.values())


class _Active:
    """The active rules per path, computed once per path."""

    def __init__(self, config: Config, registry: Registry) -> None:
        self.config, self.registry = config, registry
        self.cache: dict[str | None, tuple[ActiveRule, ...]] = {}

    def __call__(self, path: str | None) -> tuple[ActiveRule, ...]:
        if path not in self.cache:
            self.cache[path] = tuple(self.config.active_rules(self.registry, path))
        return self.cache[path]


def _run(entry: ActiveRule, subject: object, where: str) -> list[Finding]:
    rule = entry.rule
    try:
        # A bounded number per rule and subject: 40 bytes of $GENERATE make 65,536 records,
        # and a rule that judges each would otherwise spend its time and the output on them.
        problems = list(islice(rule.check(subject, entry.options), MAX_FINDINGS_PER_RULE + 1))
    except (PluginError, MemoryError):
        raise  # a plugin's format the rule asked, which names itself; the run's size, not the rule
    except Exception as error:  # a rule (maybe a plugin's) must not end in a traceback
        raise RuleError(f"rule {rule.id} ({rule.name}) failed on {where}: {type(error).__name__}: {error}") from None
    if len(problems) > MAX_FINDINGS_PER_RULE:
        last = problems.pop()
        problems.append(
            Problem(last.pos, f"more than {MAX_FINDINGS_PER_RULE:,} findings of this rule in {where}; the rest are not listed", "fix the ones listed and run again")
        )
    return [_stamp(entry, problem) for problem in problems]


def _stamp(entry: ActiveRule, problem: Problem) -> Finding:
    # Messages quote names and data from the input: every format prints them sanitised.
    return Finding(
        path=printable(problem.pos.file),
        line=problem.pos.line,
        column=problem.pos.column,
        rule=entry.rule.id,
        name=entry.rule.name,
        severity=entry.severity,
        message=printable(clipped(problem.message, MAX_MESSAGE)),
        hint=printable(problem.hint),
        owner=problem.owner.to_text() if problem.owner is not None else None,
        exchange=problem.exchange.to_text() if problem.exchange is not None else None,
        fix=problem.fix,
        end_line=problem.pos.end_line,
        end_column=problem.pos.end_column,
    )
