"""The whole rule-author API: Severity, Problem, Rule and the @rule decorator.

A rule is a function that receives a ``Zone`` (or, for a rule with ``scope="run"``, every
zone of the run) and its options, and yields ``Problem``s. The engine stamps the rule id,
name and severity, applies configuration and suppressions, and sorts.

    @rule("MX101", "target-is-cname", Severity.ERROR, "The exchange owns a CNAME")
    def target_is_cname(zone: Zone, options: Options) -> Iterator[Problem]:
        ...
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import dns.name

from mxlint.limits import MAX_LISTED
from mxlint.zone import Position, Record

RULE_ID = re.compile(r"^MX[0-9]{3}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

Options = Mapping[str, Any]


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use error, warning or info)") from None


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule found. ``pos`` is where it is reported; ``owner`` and ``exchange`` say
    which names it is about (for machine-readable output)."""

    pos: Position
    message: str
    hint: str = ""
    owner: dns.name.Name | None = None
    exchange: dns.name.Name | None = None

    @classmethod
    def at(cls, record: Record, message: str, hint: str = "", exchange: dns.name.Name | None = None) -> Problem:
        """A problem reported at a record's position, about that record's owner."""
        return cls(record.pos, message, hint, record.owner, exchange)


Check = Callable[..., Iterable[Problem]]

def listing(items: Iterable[object], limit: int = MAX_LISTED) -> str:
    """``a, b, c`` — or ``a, b, … j and 3,997 more`` past ``limit`` items: a hostile zone can
    put 65,536 exchanges in one RRset, and a message must stay a line."""
    shown: list[str] = []
    more = 0
    for item in items:
        if len(shown) < limit:
            shown.append(str(item))
        else:
            more += 1
    return ", ".join(shown) + (f" and {more:,} more" if more else "")


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    summary: str
    check: Check
    options: Mapping[str, Any] = field(default_factory=dict)
    #: "zone": ``check(zone, options)`` once per zone; "run": ``check(zones, options)`` once
    #: over every zone of the run; "suppressions": ``check(suppressions, options)`` once, after
    #: the inline suppressions were applied (for MX001).
    scope: str = "zone"
    #: Whether the rule runs without being selected (info-level extras may be opt-in).
    enabled: bool = True
    #: Where the rule comes from: "builtin" or the plugin's entry-point name.
    origin: str = "builtin"

    def __post_init__(self) -> None:
        if not RULE_ID.match(self.id):
            raise ValueError(f"rule id {self.id!r} does not match MXnnn")
        if not RULE_NAME.match(self.name):
            raise ValueError(f"rule name {self.name!r} is not lower-case-with-dashes")
        if self.scope not in ("zone", "run", "suppressions"):
            raise ValueError(f"rule {self.id} has unknown scope {self.scope!r}")


def rule(
    id: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    options: Mapping[str, Any] | None = None,
    scope: str = "zone",
    enabled: bool = True,
) -> Callable[[Check], Rule]:
    """Turn a check function into a ``Rule``."""

    def wrap(check: Check) -> Rule:
        return Rule(id, name, severity, summary, check, dict(options or {}), scope, enabled)

    return wrap
