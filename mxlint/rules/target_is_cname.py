from collections.abc import Iterator
from itertools import chain

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone


@rule("MX101", "target-is-cname", Severity.ERROR, "The MX exchange owns a CNAME")
def target_is_cname(zone: Zone, options: Options) -> Iterator[Problem]:
    # A host's exchange is asked by its target (no Name per record); the null MX too, by its root.
    null = ((record, record.exchange) for mx in zone.mx_sets() for record in mx.null)
    for record, exchange_or_target in chain(zone.mx_targets(), null):
        canonical = zone.cname(exchange_or_target)
        if canonical is not None:
            exchange = record.exchange
            yield Problem.at(
                record,
                f"MX target {exchange} is a CNAME to {canonical}",
                f"point the MX at {canonical}, or give {exchange} its own A/AAAA records instead of the CNAME",
                exchange,
            )
