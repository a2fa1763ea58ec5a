from collections.abc import Iterator

import dns.name

from mxlint.names import address_literal, may_be_unqualified_external, unqualified_external
from mxlint.rule import Options, Problem, Severity, rule
from mxlint.rules.fixes import exchange_fix
from mxlint.zone import Record, Target, Zone


def forgotten_dot(zone: Zone, record: Record, target: Target) -> dns.name.Name | None:
    """The name an MX record's exchange (of ``target``) was meant as when MX113 applies to it
    (MX103 stays silent there: "does not exist" would send the reader after the wrong name)."""
    # A name the zone has records at was written relative on purpose: the common answer, so
    # asked first, of the target (no Name made).
    if zone.owns(target) or not may_be_unqualified_external(record, target.key):
        return None
    exchange = record.exchange
    meant = unqualified_external(record, exchange, zone.origin)
    # A name the zone delegates was written relative on purpose too.
    if meant is None or address_literal(record, exchange) or zone.zone_cut(exchange):
        return None
    return meant


@rule(
    "MX113",
    "unqualified-external-target",
    Severity.ERROR,
    "The MX exchange was written without its trailing dot and the origin was appended to a name on the Internet",
)
def unqualified_external_target(zone: Zone, options: Options) -> Iterator[Problem]:
    hosts = zone.mx_hosts()
    for position, target in enumerate(zone.mx_host_targets()):
        if zone.owns(target):
            continue  # ``forgotten_dot``'s first answer, asked before the record is read
        record = hosts[position]
        meant = forgotten_dot(zone, record, target)
        if meant is None:
            continue
        exchange = record.exchange
        written = record.as_written(exchange)
        yield Problem.at(
            record,
            f"MX target {exchange} has a forgotten trailing dot: {written} was completed with the origin "
            f"{record.origin}; it was meant as {meant}",
            f"add the trailing dot: `{written}.`",
            exchange,
            fix=exchange_fix(zone, record, meant),
        )
