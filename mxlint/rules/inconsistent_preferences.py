from collections import defaultdict
from collections.abc import Iterator, Sequence

import dns.name
import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Record, Zone, is_null_mx

Order = tuple[dns.name.Name, dns.name.Name]  # (ranked first, ranked second)


@rule(
    "MX205",
    "inconsistent-preferences",
    Severity.WARNING,
    "The same exchanges are ranked in contradicting orders across owners and zones",
    scope="run",
)
def inconsistent_preferences(zones: Sequence[Zone], options: Options) -> Iterator[Problem]:
    # For each pair of exchanges, each order they are ranked in: the (first, second) records.
    places: dict[frozenset[dns.name.Name], dict[Order, list[tuple[Record, Record]]]] = defaultdict(lambda: defaultdict(list))
    for zone in zones:
        for _, records in zone.owners(dns.rdatatype.MX):
            best: dict[dns.name.Name, Record] = {}
            for record in records:
                if not is_null_mx(record):
                    current = best.get(record.rdata.exchange)
                    if current is None or record.rdata.preference < current.rdata.preference:
                        best[record.rdata.exchange] = record
            ranked = sorted(best.values(), key=lambda r: r.rdata.preference)
            for i, first in enumerate(ranked):
                for second in ranked[i + 1 :]:
                    if first.rdata.preference < second.rdata.preference:
                        pair = frozenset((first.rdata.exchange, second.rdata.exchange))
                        places[pair][(first.rdata.exchange, second.rdata.exchange)].append((first, second))
    for orders in places.values():
        if len(orders) < 2:
            continue
        (major_order, major), (minor_order, minor) = sorted(
            orders.items(), key=lambda item: (-len(item[1]), item[1][0][0].pos.file, item[1][0][0].pos.line)
        )
        other = major[0][0]
        for _, record in minor:
            yield Problem.at(
                record,
                f"{record.owner} ranks {minor_order[0]} before {minor_order[1]}, but {other.owner} "
                f"({other.pos.file}:{other.pos.line}) ranks {major_order[0]} before {major_order[1]}",
                "rank the same exchangers in the same order everywhere (usually: copy the majority's preferences)",
            )
