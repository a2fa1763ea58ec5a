from collections import defaultdict
from collections.abc import Iterator, Sequence
from operator import itemgetter

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import ExchangeKey, Record, Zone

Order = tuple[ExchangeKey, ExchangeKey]  # the exchanges (ranked first, ranked second)

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
    places: dict[frozenset[ExchangeKey], dict[Order, list[tuple[Record, Record]]]] = defaultdict(lambda: defaultdict(list))
    for zone in zones:
        for mx in zone.mx_sets():
            if len(mx.targets) < 2:
                continue  # no pair to rank
            # Each exchange at its best (lowest) preference; ties keep the order written.
            best = sorted(((target.preference, target.key, target.best) for target in mx.targets), key=itemgetter(0))
            ranked = best[:MAX_RANKED]
            for i, (first_preference, first_key, first) in enumerate(ranked):
                for second_preference, second_key, second in ranked[i + 1 :]:
                    if first_preference < second_preference:
                        order = (first_key, second_key)
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
                f"{record.owner} ranks {first.exchange} before {record.exchange}, but {other_first.owner} "
                f"({other_first.pos.file}:{other_first.pos.line}) ranks {other_first.exchange} before {other_second.exchange}",
                "rank the same exchangers in the same order everywhere (usually: copy the majority's preferences)",
            )
