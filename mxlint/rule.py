"""The whole rule-author API: Severity, Problem, Rule and the @rule decorator — and Finding,
what the engine makes of a Problem (id, name and severity stamped).

A rule is a function that receives a ``Zone`` (or, for a rule with ``scope="run"``, every
zone of the run) and its options, and yields ``Problem``s. The engine stamps the rule id,
name and severity, applies configuration and suppressions, and sorts.

    @rule("MX101", "target-is-cname", Severity.ERROR, "The exchange owns a CNAME")
    def target_is_cname(zone: Zone, options: Options) -> Iterator[Problem]:
        ...

A rule declares its options with ``Option`` (kind, choices, range, help); configuration is
checked against the declarations when it loads, so ``options`` holds only allowed values.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import dns.name

from mxlint.limits import MAX_LISTED
from mxlint.safe_text import clipped
from mxlint.source import Edit  # a Fix is Edits; rules and plugins take both from here
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
class Fix:
    """How to fix a problem: edits applied together. ``safe`` fixes have one right answer and
    are applied by ``--fix``; the others choose for the user and need ``--unsafe-fixes`` too.
    ``mxlint.rules.fixes`` finds the tokens to edit (``exchange_fix``, ``preference_fix``, ...)."""

    edits: tuple[Edit, ...]
    safe: bool = True

    def as_dict(self) -> dict[str, object]:
        return {"edits": [edit.as_dict() for edit in self.edits], "safe": self.safe}


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule found. ``pos`` is where it is reported; ``owner`` and ``exchange`` say
    which names it is about (for machine-readable output); ``fix``, when the rule knows the
    one right edit (or, unsafe, a likely one)."""

    pos: Position
    message: str
    hint: str = ""
    owner: dns.name.Name | None = None
    exchange: dns.name.Name | None = None
    fix: Fix | None = None

    @classmethod
    def at(cls, record: Record, message: str, hint: str = "", exchange: dns.name.Name | None = None, fix: Fix | None = None) -> Problem:
        """A problem reported at a record's position, about that record's owner."""
        return cls(record.pos, message, hint, record.owner, exchange, fix)


@dataclass(frozen=True)
class Finding:
    """A problem as reported: stamped with its rule's id, name and configured severity, and
    with the path, line and column it is reported at (and where what it points at ends, when
    an output that shows ranges asked for it)."""

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
    fix: Fix | None = None
    end_line: int | None = None
    end_column: int | None = None

    def order(self) -> tuple:
        """Sort key: path, line, column, rule id, then the rest (owner and exchange may be None)."""
        return (self.path, self.line, self.column, self.rule, self.message, self.hint, self.owner or "", self.exchange or "")

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
        } | ({"fix": self.fix.as_dict()} if self.fix is not None else {})


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """What identifies each finding across runs and edits that move lines: its path, rule and
    message (which names the owner and exchange), with a count for identical findings, in the
    order given (sorted, as every output lists them)."""
    from collections import Counter
    from hashlib import sha256

    seen: Counter[tuple[str, str, str]] = Counter()
    result = []
    for finding in findings:
        key = (finding.path, finding.rule, finding.message)
        seen[key] += 1
        text = "\x00".join((*key, str(seen[key])))
        result.append(sha256(text.encode("utf-8")).hexdigest())
    return result


Check = Callable[..., Iterable[Problem]]


def listing(items: Iterable[object], limit: int = MAX_LISTED) -> str:
    """``a, b, c`` — or ``a, b, … j and 3,997 more`` past ``limit`` items, each item at most
    ``MAX_SHOWN`` characters (``clipped``): a hostile zone can put 65,536 exchanges of 250
    characters in one RRset, and a message must stay a line."""
    shown: list[str] = []
    more = 0
    for item in items:
        if len(shown) < limit:
            shown.append(clipped(str(item)))
        else:
            more += 1
    return ", ".join(shown) + (f" and {more:,} more" if more else "")



#: The kinds an option may have; ``list`` means a list of strings (what YAML and TOML give).
OPTION_KINDS: dict[type, str] = {bool: "true or false", int: "an integer", str: "a string", list: "a list of strings"}
#: Keys of a rule's configuration mapping that are not options.
RESERVED_OPTION_NAMES = ("severity", "enabled")


@dataclass(frozen=True)
class Option:
    """A rule option as the rule declares it: its default, its kind and what values it allows.

    ``kind`` is one of ``bool``, ``int``, ``str`` or ``list`` (a list of strings); without it,
    the default's kind. ``choices`` limits a string (or each string of a list); ``minimum``
    and ``maximum`` bound an integer. Configuration is checked against the declaration when
    it loads, so a rule's body only ever sees allowed values.

        @rule("MX901", "acme-relay", Severity.WARNING, "...",
              options={"mode": Option("strict", choices=("strict", "lenient"), help="...")})
    """

    default: Any
    kind: type | None = None
    choices: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    help: str = ""

    def __post_init__(self) -> None:
        # The declaration is checked once, at import (its default by ``declared``), so a
        # mistake in it is the plugin author's, found when the plugin loads, never a user's
        # configuration error.
        kind = self.kind if self.kind is not None else _kind_of(self.default)
        if kind not in OPTION_KINDS:
            raise ValueError(f"option kind {kind!r} is not one of bool, int, str, list")
        object.__setattr__(self, "kind", kind)
        if self.choices is not None:
            if kind not in (str, list) or not self.choices or not all(isinstance(c, str) for c in self.choices):
                raise ValueError("option choices must be a non-empty sequence of strings, for a str or list option")
            object.__setattr__(self, "choices", tuple(self.choices))
        if (self.minimum is not None or self.maximum is not None) and kind is not int:
            raise ValueError("option minimum and maximum bound an int option only")

    def allowed(self) -> str:
        """What values are allowed, in words: ``an integer of at least 1``, ``'apex' or 'all'``."""
        if self.choices is not None:
            words = _either(self.choices)
            return words if self.kind is str else f"a list of strings, each {words}"
        if self.kind is int and self.minimum is not None and self.maximum is not None:
            return f"an integer from {self.minimum} to {self.maximum}"
        if self.kind is int and self.minimum is not None:
            return f"an integer of at least {self.minimum}"
        if self.kind is int and self.maximum is not None:
            return f"an integer of at most {self.maximum}"
        return OPTION_KINDS[self.kind]  # type: ignore[index]

    def problem(self, value: Any) -> str | None:
        """``None`` when ``value`` is allowed; otherwise why not, naming what is allowed
        (``must be 'apex' or 'all', not 'alll'; did you mean 'all'?``)."""
        if not self._of_kind(value):
            return f"must be {self.allowed()}, not {_shown(value)}"
        if self.choices is not None:
            for item in value if isinstance(value, list) else [value]:
                if item not in self.choices:
                    return f"must be {self.allowed()}, not {_shown(item)}{_closest(item, self.choices)}"
        if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
            return f"must be {self.allowed()}, not {value}"
        return None

    def _of_kind(self, value: Any) -> bool:
        # bool is an int in Python, but `min-exchangers: yes` is a mistake, not 1.
        if self.kind is bool or isinstance(value, bool):
            return self.kind is bool and isinstance(value, bool)
        if self.kind is list:
            return isinstance(value, list) and all(isinstance(item, str) for item in value)
        return isinstance(value, self.kind)  # type: ignore[arg-type]


def _kind_of(default: Any) -> type:
    for kind in OPTION_KINDS:  # bool before int: True is an int too
        if isinstance(default, kind):
            return kind
    raise ValueError(f"option default {default!r} is not a bool, int, str or list of strings")


def _either(choices: Sequence[str]) -> str:
    quoted = [repr(choice) for choice in choices]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _shown(value: Any) -> str:
    # A configuration value can be long; an error is one line.
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _closest(value: str, candidates: Sequence[str]) -> str:
    import difflib  # only for error messages

    matches = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.5)
    return f"; did you mean {matches[0]!r}?" if matches else ""


def declared(options: Mapping[str, Any] | None) -> dict[str, Option]:
    """A rule's options as declarations: a plain default (``{"floor": 15}``, as older plugins
    write it) becomes an ``Option`` of the default's kind, with no other limit."""
    result: dict[str, Option] = {}
    for name, value in (options or {}).items():
        if name in RESERVED_OPTION_NAMES:
            raise ValueError(f"option name {name!r} is reserved for the rule's configuration")
        option = value if isinstance(value, Option) else Option(value)
        # Checked here rather than in Option, where the option's name is not known yet.
        problem = option.problem(option.default)
        if problem is not None:
            raise ValueError(f"option {name}: the default {problem}")
        result[name] = option
    return result


@dataclass(frozen=True)
class Rule:
    """A check and what describes it: id (``MXnnn``), name, default severity, summary, declared
    options, scope, whether it runs by default, and where it comes from."""

    id: str
    name: str
    severity: Severity
    summary: str
    check: Check
    #: The declared options by name. A plain default given here (or to ``@rule``) becomes an
    #: ``Option`` of its kind; declaring an ``Option`` is preferred: it states what is allowed.
    options: Mapping[str, Option] = field(default_factory=dict)
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
        try:
            object.__setattr__(self, "options", declared(self.options))
        except ValueError as error:
            raise ValueError(f"rule {self.id}: {error}") from None

    @property
    def defaults(self) -> dict[str, Any]:
        """The options' default values by name (a fresh copy: a rule may not change them)."""
        return {name: list(option.default) if option.kind is list else option.default for name, option in self.options.items()}


def rule(
    id: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    options: Mapping[str, Option | Any] | None = None,
    scope: str = "zone",
    enabled: bool = True,
) -> Callable[[Check], Rule]:
    """Turn a check function into a ``Rule``. ``options`` maps each option's name to an
    ``Option`` (or, as older plugins do, to a plain default value)."""

    def wrap(check: Check) -> Rule:
        return Rule(id, name, severity, summary, check, dict(options or {}), scope, enabled)

    return wrap
