from collections.abc import Iterator

from mxlint.names import address_literal, may_be_address_literal
from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone


@rule("MX102", "target-is-address", Severity.ERROR, "The MX exchange is an IP address literal")
def target_is_address(zone: Zone, options: Options) -> Iterator[Problem]:
    hosts = zone.mx_hosts()
    for position, target in enumerate(zone.mx_host_targets()):  # a null MX's root is no address
        if not may_be_address_literal(target.key):
            continue
        record = hosts[position]
        exchange = record.exchange
        address = address_literal(record, exchange)
        if address is not None:
            yield Problem.at(
                record,
                f"MX target {record.as_written(exchange)} is an IP address, not a host name (read as {exchange})",
                f"give the mail server a host name with an A/AAAA record for {address} and point the MX at that name",
                exchange,
            )
