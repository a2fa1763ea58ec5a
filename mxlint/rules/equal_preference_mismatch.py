from collections.abc import Iterator

import dns.name

from mxlint.names import public_suffixes
from mxlint.rule import Options, Problem, Severity, listing, rule
from mxlint.safe_text import clipped
from mxlint.zone import Zone


def registrable_domain(name: dns.name.Name) -> str:
    """The registrable domain (public suffix plus one label) of a name, e.g. google.com."""
    text = name.to_text(omit_final_dot=True).lower()
    return public_suffixes().privatesuffix(text) or text


@rule(
    "MX204",
    "equal-preference-mismatch",
    Severity.WARNING,
    "Exchanges that share a preference belong to different providers or have different TTLs",
)
def equal_preference_mismatch(zone: Zone, options: Options) -> Iterator[Problem]:
    # An exchange's name and domain, made once: the same exchanges recur under many owners,
    # and rendering a long name costs more than the rest of the rule.
    named: dict[bytes, tuple[str, str]] = {}
    for mx in zone.mx_sets():
        # Exchanges share a preference only if records do (most owners rank every record apart):
        # told from the preferences alone, before grouping by exchange.
        records = mx.records
        if len(records) == 2:  # most owners: one comparison, no set
            if records[0].preference != records[1].preference:
                continue
        elif len(records) < 2 or len({record.preference for record in records}) == len(records):
            continue
        for preference, group in mx.at_preference().items():
            if len(group) < 2:
                continue
            first, owner = group[0], mx.owner
            exchanges = {record.exchange_key: record for record in group}
            for key, record in exchanges.items():
                if key not in named:
                    named[key] = (record.exchange.to_text(), registrable_domain(record.exchange))
            if len({named[key][1] for key in exchanges}) > 1:
                listed = listing(f"{clipped(text)} ({domain})" for text, domain in map(named.__getitem__, exchanges))
                yield Problem.at(
                    first,
                    f"MX records of {owner} at preference {preference} lead to different providers: {listed}; "
                    "mail is split at random between them",
                    "give each provider its own preference (the primary lower), or keep one provider",
                )
            ttls = sorted({record.ttl for record in group})
            if len(ttls) > 1:
                yield Problem.at(
                    first,
                    f"MX records of {owner} at preference {preference} have different TTLs "
                    f"({listing(ttls)}): they are not interchangeable in caches",
                    "give every record of the MX RRset the same TTL",
                )
