from collections.abc import Iterator, Sequence

import dns.name

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Record, Zone


@rule("MX101", "target-is-cname", Severity.ERROR, "The MX exchange owns a CNAME")
def target_is_cname(zone: Zone, options: Options) -> Iterator[Problem]:
    for target in zone.exchanges():  # each exchange asked once, by its target (no Name made)
        canonical = zone.cname(target)
        if canonical is not None:
            yield from _problems(target.records, canonical)
    for mx in zone.mx_sets():  # the null MX too, by its root
        for record in mx.null:
            canonical = zone.cname(record.exchange)
            if canonical is not None:
                yield from _problems((record,), canonical)


def _problems(records: Sequence[Record], canonical: dns.name.Name) -> Iterator[Problem]:
    for record in records:
        exchange = record.exchange
        yield Problem.at(
            record,
            f"MX target {exchange} is a CNAME to {canonical}",
            f"point the MX at {canonical}, or give {exchange} its own A/AAAA records instead of the CNAME",
            exchange,
        )
