from collections import defaultdict
from collections.abc import Iterator

import dns.name
import dns.rdatatype

from mxlint.names import public_suffixes
from mxlint.rule import Options, Problem, Severity, listing, rule
from mxlint.zone import Record, Zone, is_null_mx, name_key


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
    for owner, records in zone.owners(dns.rdatatype.MX):
        by_preference: dict[int, dict[bytes, Record]] = defaultdict(dict)
        for record in records:
            if not is_null_mx(record):
                by_preference[record.rdata.preference].setdefault(name_key(record.rdata.exchange), record)
        for preference, group in by_preference.items():
            if len(group) < 2:
                continue
            first = next(iter(group.values()))
            domains = {r.rdata.exchange: registrable_domain(r.rdata.exchange) for r in group.values()}
            if len(set(domains.values())) > 1:
                listed = listing(f"{exchange} ({domain})" for exchange, domain in domains.items())
                yield Problem.at(
                    first,
                    f"MX records of {owner} at preference {preference} lead to different providers: {listed}; "
                    "mail is split at random between them",
                    "give each provider its own preference (the primary lower), or keep one provider",
                )
            ttls = sorted({record.ttl for record in group.values()})
            if len(ttls) > 1:
                yield Problem.at(
                    first,
                    f"MX records of {owner} at preference {preference} have different TTLs "
                    f"({listing(ttls)}): they are not interchangeable in caches",
                    "give every record of the MX RRset the same TTL",
                )
