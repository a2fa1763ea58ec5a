from collections import defaultdict
from collections.abc import Iterator, Sequence

import dns.name
import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Record, Zone, is_null_mx, name_key

Order = tuple[bytes, bytes]  # the name keys of (ranked first, ranked second)

#: The exchanges of an owner compared pairwise, most preferred first. Real RRsets hold a few;
#: a generated one may hold 65,536, and comparing all its pairs would be quadratic.
MAX_RANKED = 32


@rule(
    "MX205",
    "inconsistent-preferences",
    Severity.WARNING,
    "The same exchanges are ranked in contradicting orders across owners and zones",
    scope="run",
)
def inconsistent_preferences(zones: Sequence[Zone], options: Options) -> Iterator[Problem]:
    # For each pair of exchanges, each order they are ranked in: the (first, second) records.
    places: dict[frozenset[bytes], dict[Order, list[tuple[Record, Record]]]] = defaultdict(lambda: defaultdict(list))
    for zone in zones:
        for _, records in zone.owners(dns.rdatatype.MX):
            if len(records) < 2:
                continue
            best: dict[bytes, Record] = {}
            for record in records:
                if not is_null_mx(record):
                    key = name_key(record.rdata.exchange)
                    current = best.get(key)
                    if current is None or record.rdata.preference < current.rdata.preference:
                        best[key] = record
            ranked = sorted(best.values(), key=lambda r: r.rdata.preference)[:MAX_RANKED]
            for i, first in enumerate(ranked):
                for second in ranked[i + 1 :]:
                    if first.rdata.preference < second.rdata.preference:
                        order = (name_key(first.rdata.exchange), name_key(second.rdata.exchange))
                        places[frozenset(order)][order].append((first, second))
    for orders in places.values():
        if len(orders) < 2:
            continue
        (_, major), (_, minor) = sorted(
            orders.items(), key=lambda item: (-len(item[1]), item[1][0][0].pos.file, item[1][0][0].pos.line)
        )
        other_first, other_second = major[0]
        for first, record in minor:
            yield Problem.at(
                record,
                f"{record.owner} ranks {first.rdata.exchange} before {record.rdata.exchange}, but {other_first.owner} "
                f"({other_first.pos.file}:{other_first.pos.line}) ranks {other_first.rdata.exchange} before {other_second.rdata.exchange}",
                "rank the same exchangers in the same order everywhere (usually: copy the majority's preferences)",
            )
