from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import translate
from functools import lru_cache
from importlib import resources

import dns.name

from mxlint.names import doubled_origin
from mxlint.rule import Option, Options, Problem, Severity, listing, rule
from mxlint.rules.unqualified_external_target import forgotten_dot
from mxlint.zone import ExchangeKey, Record, Target, Zone, name_key

#: Shipped inside the package (hatch's wheel takes every file under mxlint/).
PROVIDERS_FILE = "single_mx_providers.json"


@dataclass(frozen=True)
class SingleMXProvider:
    """A mail service whose one MX name is a pool or a requirement, and where it says so."""

    provider: str
    patterns: tuple[str, ...]
    why: str
    source: str


@lru_cache(maxsize=1)
def single_mx_providers() -> tuple[SingleMXProvider, ...]:
    """The bundled list of single-MX providers (read once, and only when an owner has too few
    exchangers: most zones never pay for it)."""
    text = resources.files("mxlint").joinpath("data", PROVIDERS_FILE).read_text(encoding="utf-8")
    return tuple(
        SingleMXProvider(entry["provider"], tuple(entry["patterns"]), entry["why"], entry["source"])
        for entry in json.loads(text)["providers"]
    )


@lru_cache(maxsize=16)
def _exempt_matcher(extra: tuple[str, ...]) -> re.Pattern[str]:
    """One regular expression for the bundled patterns plus the configured ones: each name is
    matched once, whatever the number of patterns."""
    patterns = [pattern for provider in single_mx_providers() for pattern in provider.patterns]
    patterns += [pattern.lower().rstrip(".") + "." for pattern in extra]
    return re.compile("|".join(f"(?:{translate(pattern)})" for pattern in patterns))


def is_single_mx_provider(name: dns.name.Name, extra: Iterable[str] = ()) -> bool:
    """Whether ``name`` is the one MX name of a known single-MX provider (or matches one of
    ``extra``, the rule's ``exempt`` option)."""
    return _exempt_matcher(tuple(extra)).match(name.to_text().lower()) is not None


@rule(
    "MX203",
    "missing-backup",
    Severity.INFO,
    "Only one mail exchanger: no backup while it is down",
    options={
        "min-exchangers": Option(2, minimum=1, help="how many distinct exchangers an owner needs"),
        "exempt": Option(
            [],
            kind=list,
            help="more shell-style patterns (* matches any labels) of exchanges that stand for a pool of hosts; an owner with one is not flagged",
        ),
    },
)
def missing_backup(zone: Zone, options: Options) -> Iterator[Problem]:
    minimum = options["min-exchangers"]
    extra = tuple(options["exempt"])
    # One decision ("this host is our only MX") is often repeated at many owners; report it
    # once, at the first owner, with how many others share it. Owners are grouped by their
    # set of exchangers, so the whole pass is linear in the MX records.
    groups: dict[frozenset[ExchangeKey], tuple[Record, list[dns.name.Name], int]] = {}
    exempt: set[frozenset[ExchangeKey]] = set()
    for mx in zone.mx_sets():
        if not 0 < len(mx.targets) < minimum:
            continue
        # The exchangers meant: a forgotten trailing dot (MX112, MX113) is judged as the
        # name it was meant as, not as the broken name those rules report.
        exchanges = list(dict.fromkeys(_meant(zone, target) for target in mx.targets))
        key = frozenset(name_key(exchange) for exchange in exchanges)  # the same exchangers in any letter case
        group = groups.get(key)
        if group is not None:
            groups[key] = (group[0], group[1], group[2] + 1)
        elif key not in exempt:
            if any(is_single_mx_provider(exchange, extra) for exchange in exchanges):
                exempt.add(key)
            else:
                groups[key] = (mx.first, exchanges, 0)
    for first, exchanges, others in groups.values():
        listed = listing(exchange.to_text() for exchange in exchanges)
        count = "only one mail exchanger" if len(exchanges) == 1 else f"only {len(exchanges)} mail exchangers"
        shared = ""
        if others:
            owners = "1 other owner in this zone uses" if others == 1 else f"{others} other owners in this zone use"
            shared = f", and {owners} {'it' if len(exchanges) == 1 else 'them'} alone too"
        yield Problem.at(
            first,
            f"{first.owner} has {count} ({listed}){shared}; {minimum} or more keep mail flowing while one is down",
            "senders queue and retry for days, so one exchanger is often a sound choice; if mail must "
            "flow while it is down, add a backup MX on another host with a higher preference value "
            "(a pooled provider's name can go under the rule's `exempt` option)",
        )


def _meant(zone: Zone, target: Target) -> dns.name.Name:
    """The exchange a target names, or the one it was meant as when its trailing dot was
    forgotten."""
    record = target.first
    exchange = record.exchange
    return doubled_origin(record, exchange, zone.origin) or forgotten_dot(zone, record, target) or exchange
