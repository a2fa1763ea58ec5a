"""Which rules run, at which severity, with which options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mxlint.registry import Registry
from mxlint.rule import Rule, Severity


class ConfigError(Exception):
    """A configuration that cannot be used (exit 2)."""


@dataclass(frozen=True)
class RuleSetting:
    """What configuration says of one rule; ``None`` keeps the rule's default."""

    enabled: bool | None = None
    severity: Severity | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: Severity
    options: Mapping[str, Any]


@dataclass
class Config:
    fail_on: Severity = Severity.ERROR
    rules: dict[str, RuleSetting] = field(default_factory=dict)  # by rule id

    def active_rules(self, registry: Registry) -> list[ActiveRule]:
        active = []
        for rule in registry:
            setting = self.rules.get(rule.id, RuleSetting())
            if not (rule.enabled if setting.enabled is None else setting.enabled):
                continue
            severity = setting.severity or rule.severity
            active.append(ActiveRule(rule, severity, {**rule.options, **setting.options}))
        return active
