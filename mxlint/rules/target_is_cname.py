from collections.abc import Iterator

import dns.name

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Record, Target, Zone


@rule("MX101", "target-is-cname", Severity.ERROR, "The MX exchange owns a CNAME")
def target_is_cname(zone: Zone, options: Options) -> Iterator[Problem]:
    # A host's exchange is asked by its target (no Name made, the record read only when it is one).
    hosts = zone.mx_hosts()
    canonicals: dict[Target, dns.name.Name | None] = {}  # each exchange asked once, however many records name it
    for position, target in enumerate(zone.mx_host_targets()):
        canonical = canonicals[target] if target in canonicals else canonicals.setdefault(target, zone.cname(target))
        if canonical is not None:
            yield _problem(hosts[position], canonical)
    for mx in zone.mx_sets():  # the null MX too, by its root
        for record in mx.null:
            canonical = zone.cname(record.exchange)
            if canonical is not None:
                yield _problem(record, canonical)


def _problem(record: Record, canonical: dns.name.Name) -> Problem:
    exchange = record.exchange
    return Problem.at(
        record,
        f"MX target {exchange} is a CNAME to {canonical}",
        f"point the MX at {canonical}, or give {exchange} its own A/AAAA records instead of the CNAME",
        exchange,
    )
