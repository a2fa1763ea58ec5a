from collections.abc import Iterator

from mxlint.names import address_literal, doubled_origin, reserved_domain
from mxlint.rule import Options, Problem, Severity, rule
from mxlint.rules.unqualified_external_target import forgotten_dot
from mxlint.zone import Target, Zone


@rule("MX103", "target-no-address", Severity.ERROR, "The MX exchange has no A/AAAA record or does not exist")
def target_no_address(zone: Zone, options: Options) -> Iterator[Problem]:
    hosts = zone.mx_hosts()
    served: dict[Target, bool] = {}  # each exchange asked once, however many records name it
    for position, target in enumerate(zone.mx_host_targets()):
        # Most exchanges have an address: asked first (by the target's key, no Name made), it
        # spares the other questions and the record.
        if served[target] if target in served else served.setdefault(target, zone.has_address(target) or not zone.knows(target)):
            continue
        record = hosts[position]
        exchange = record.exchange
        # Names another rule explains better, or whose data lives elsewhere.
        if (
            zone.cname(exchange)
            or zone.zone_cut(exchange)
            or zone.dname_above(exchange)
            or address_literal(record, exchange)
            or doubled_origin(record, exchange, zone.origin)
            or forgotten_dot(zone, record, target)
            or reserved_domain(exchange, zone.origin)
        ):
            continue
        why = "has no A or AAAA record" if zone.exists(exchange) else "does not exist"
        yield Problem.at(
            record,
            f"MX target {exchange} {why}",
            f"add an A or AAAA record for {exchange}, or point the MX at a host that has one",
            exchange,
        )
