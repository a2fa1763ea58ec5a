"""The engine: run the active rules over zones and turn their problems into findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mxlint.config import ActiveRule
from mxlint.rule import Problem, Severity
from mxlint.zone import Zone


class RuleError(Exception):
    """A rule raised instead of yielding problems (exit 2)."""


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    rule: str
    name: str
    severity: Severity
    message: str
    hint: str
    owner: str | None = None
    exchange: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "hint": self.hint,
        }


def lint(zones: Sequence[Zone], active: Iterable[ActiveRule]) -> list[Finding]:
    """Every finding of every active rule over ``zones``: stamped, without exact duplicates,
    sorted by path, line, column and rule id. Raises ``RuleError``."""
    findings: set[Finding] = set()
    for entry in active:
        if entry.rule.scope == "run":
            findings.update(_run(entry, zones, "the zones of this run"))
        else:
            for zone in zones:
                findings.update(_run(entry, zone, zone.path))
    return sorted(findings)


def _run(entry: ActiveRule, subject: object, where: str) -> list[Finding]:
    rule = entry.rule
    try:
        problems = list(rule.check(subject, entry.options))
    except Exception as error:  # a rule (maybe a plugin's) must not end in a traceback
        raise RuleError(f"rule {rule.id} ({rule.name}) failed on {where}: {type(error).__name__}: {error}") from None
    return [_stamp(entry, problem) for problem in problems]


def _stamp(entry: ActiveRule, problem: Problem) -> Finding:
    return Finding(
        path=problem.pos.file,
        line=problem.pos.line,
        column=problem.pos.column,
        rule=entry.rule.id,
        name=entry.rule.name,
        severity=entry.severity,
        message=problem.message,
        hint=problem.hint,
        owner=problem.owner.to_text() if problem.owner is not None else None,
        exchange=problem.exchange.to_text() if problem.exchange is not None else None,
    )
