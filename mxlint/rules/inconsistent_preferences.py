from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from operator import itemgetter

from mxlint.limits import MAX_FINDINGS_PER_RULE
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
    # Most pairs of exchanges are ranked one way only: find those ranked both ways first, then
    # collect their records (keeping every ranked pair's records costs more than a second pass).
    several = _named_by_several(zones)
    if not several:
        return  # no exchange named twice: no pair can be ranked twice (most big zones)
    first_order: dict[Order, Order] = {}  # by the pair in a fixed order
    contradicted: set[Order] = set()
    for order, _, _ in _ranked_pairs(zones, several, distinct=True):
        pair = _unordered(order)
        if first_order.setdefault(pair, order) != order:
            contradicted.add(pair)
    if not contradicted:
        return
    # For each contradicted pair, each order it is ranked in: how many owners rank it so, and
    # the (first, second) records of the first of them (at most as many as can be reported).
    places: dict[Order, dict[Order, list[tuple[Record, Record]]]] = defaultdict(lambda: defaultdict(list))
    counts: Counter[Order] = Counter()
    keys = {key for pair in contradicted for key in pair}
    for order, first, second in _ranked_pairs(zones, keys):
        pair = _unordered(order)
        if pair in contradicted:
            counts[order] += 1
            if counts[order] <= MAX_FINDINGS_PER_RULE + 1:
                places[pair][order].append((first, second))
    for orders in places.values():  # both orders of each pair
        (_, major), (_, minor) = sorted(
            orders.items(), key=lambda item: (-counts[item[0]], item[1][0][0].pos.file, item[1][0][0].pos.line)
        )
        other_first, other_second = major[0]
        for first, record in minor:
            yield Problem.at(
                record,
                f"{record.owner} ranks {first.exchange} before {record.exchange}, but {other_first.owner} "
                f"({other_first.pos.file}:{other_first.pos.line}) ranks {other_first.exchange} before {other_second.exchange}",
                "rank the same exchangers in the same order everywhere (usually: copy the majority's preferences)",
            )


def _unordered(order: Order) -> Order:
    """The pair of an order, in one fixed order: equal for both orders of two exchanges."""
    return order if order[0] < order[1] else (order[1], order[0])


def _named_by_several(zones: Sequence[Zone]) -> set[ExchangeKey]:
    """The exchanges two owners or more name, in any zones of the run."""
    several: set[ExchangeKey] = set()
    named: set[ExchangeKey] = set()  # by the zones before
    for zone in zones:
        several |= zone.shared_exchanges()  # by two owners of one zone: its index knows them
        if len(zones) > 1:
            keys = {target.key for target in zone.exchanges()}
            several |= named & keys
            named |= keys
    return several


def _ranked_pairs(zones: Sequence[Zone], several: set[ExchangeKey], distinct: bool = False) -> Iterator[tuple[Order, Record, Record]]:
    """Each pair of exchanges of ``several`` an owner ranks apart: their order and their best
    records. ``distinct``: an owner that ranks them as an owner before did is passed over (a
    generated zone's 4,096 owners rank 32 exchanges alike: their pairs are found once)."""
    seen: set[tuple[tuple[int, ExchangeKey], ...]] = set()
    for zone in zones:
        # The owners that name one of them at all (few), from the zone's distinct exchanges.
        naming = {record.key for target in zone.exchanges() if target.key in several for record in target.records}
        for mx in zone.mx_sets():
            if mx.key not in naming or sum(target.key in several for target in mx.targets) < 2:
                continue  # most owners of a big zone
            # Each exchange at its best (lowest) preference; ties keep the order written.
            best = sorted(((target.preference, target.key, target.best) for target in mx.targets), key=itemgetter(0))
            # Of the most preferred, those others name too: no other pair can be ranked twice.
            ranked = [entry for entry in best[:MAX_RANKED] if entry[1] in several]
            if distinct:
                ranking = _ranking(ranked)
                if ranking in seen:
                    continue
                seen.add(ranking)
            for i, (first_preference, first_key, first) in enumerate(ranked):
                for second_preference, second_key, second in ranked[i + 1 :]:
                    if first_preference < second_preference:
                        yield (first_key, second_key), first, second


def _ranking(ranked: list[tuple[int, ExchangeKey, Record]]) -> tuple[tuple[int, ExchangeKey], ...]:
    """The order of ranked exchanges, whatever their preferences: (rank, exchange), equal
    preferences sharing a rank. Owners with equal rankings rank the same pairs the same way."""
    rank, previous, ranking = 0, None, []
    for preference, key, _ in ranked:
        if preference != previous:
            rank, previous = rank + 1, preference
        ranking.append((rank, key))
    return tuple(ranking)
