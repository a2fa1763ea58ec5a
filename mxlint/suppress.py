"""Inline suppressions: ``; mxlint: ignore=MX203`` (``# mxlint: …`` in YAML).

At the end of a record's line a directive covers that line; alone on its line it covers the
next line with content; ``ignore-file=`` covers its file. Rules are named by id or name and
must be named: there is no blanket form. Directives that suppress nothing, or cannot be read,
are reported by MX001.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from mxlint.limits import MAX_SHOWN
from mxlint.registry import Registry
from mxlint.rule import Finding
from mxlint.safe_text import clipped, printable
from mxlint.zone import Position, Zone

DIRECTIVE = re.compile(r"^mxlint\s*:\s*(?P<body>.*)$", re.I)
KINDS = ("ignore", "ignore-file")
BODY = re.compile(r"^(?P<kind>[\w-]+)\s*(?:=\s*(?P<rules>[\w-]+(?:\s*,\s*[\w-]+)*))?(?:\s+.*)?$")


class Directive(NamedTuple):  # not a dataclass: cheaper to create at import
    pos: Position
    kind: str
    rules: tuple[str, ...]  # ids, each once
    covers: int

    def keys(self) -> list[tuple[str, int, str]]:
        """What the directive covers, one key per rule: (file, line, rule id), the line 0 for
        the whole file. Findings are matched by key, so suppressing is linear."""
        line = 0 if self.kind == "ignore-file" else self.covers
        return [(printable(self.pos.file), line, rule_id) for rule_id in self.rules]


@dataclass
class Suppressions:
    #: the ids of the rules that ran on a path: only their suppressions can be judged unused
    active: Callable[[str], Collection[str]]
    directives: list[Directive] = field(default_factory=list)
    malformed: list[tuple[Position, str]] = field(default_factory=list)
    #: the keys (see ``Directive.keys``) that covered a finding
    used: set[tuple[str, int, str]] = field(default_factory=set)

    @classmethod
    def read(cls, zones: Iterable[Zone], registry: Registry, active: Callable[[str], Collection[str]]) -> Suppressions:
        found = cls(active)
        # A file included 256 times holds its comments 256 times: each is read once.
        seen: set[tuple[str, int, int]] = set()
        closest: dict[str, str | None] = {}  # one "did you mean" search for each unknown name
        for zone in zones:
            for comment in zone.comments:
                where = (comment.pos.file, comment.pos.line, comment.pos.column)
                if where in seen:
                    continue
                seen.add(where)
                match = DIRECTIVE.match(comment.text)
                if match:
                    found._parse(match.group("body").strip(), comment.pos, comment.covers, registry, closest)
        return found

    def _parse(self, body: str, pos: Position, covers: int, registry: Registry, closest: dict[str, str | None]) -> None:
        match = BODY.match(body)
        if match is None or match.group("kind") not in KINDS:
            self.malformed.append((pos, f"suppression {clipped(body)!r} is not `ignore=RULES` or `ignore-file=RULES`"))
            return
        if not match.group("rules"):
            self.malformed.append((pos, f"suppression `{match.group('kind')}` names no rule: write `{match.group('kind')}=MX203` (there is no blanket form)"))
            return
        ids = []
        for key in re.split(r"\s*,\s*", match.group("rules")):
            rule = registry.get(key)
            if rule is None:
                if key not in closest:
                    # A rule's id or name is short: a long word is like none of them.
                    closest[key] = registry.closest(key) if len(key) <= MAX_SHOWN else None
                suggestion = closest[key]
                self.malformed.append((pos, f"suppression names no rule {clipped(key)!r}" + (f"; did you mean {suggestion}?" if suggestion else "")))
            else:
                ids.append(rule.id)
        if ids:
            self.directives.append(Directive(pos, match.group("kind"), tuple(dict.fromkeys(ids)), covers))

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings no directive covers; what covered one is marked used."""
        covering = {key for directive in self.directives for key in directive.keys()}
        kept = []
        for finding in findings:
            keys = [key for key in ((finding.path, finding.line, finding.rule), (finding.path, 0, finding.rule)) if key in covering]
            self.used.update(keys)
            if not keys:
                kept.append(finding)
        return kept

    def unused(self) -> list[tuple[Position, str]]:
        """Directive entries that suppressed nothing, for rules that ran on their file (a
        suppression of a rule turned off cannot be judged)."""
        found = []
        for directive in self.directives:
            running = self.active(directive.pos.file)
            for key in directive.keys():
                if key not in self.used and key[2] in running:
                    found.append((directive.pos, key[2]))
        return found
