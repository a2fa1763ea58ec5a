from collections.abc import Iterator

import dns.rdatatype

from mxlint.names import address_literal
from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone


@rule("MX102", "target-is-address", Severity.ERROR, "The MX exchange is an IP address literal")
def target_is_address(zone: Zone, options: Options) -> Iterator[Problem]:
    for record in zone.by_type(dns.rdatatype.MX):
        exchange = record.exchange
        address = address_literal(record, exchange)
        if address is not None:
            yield Problem.at(
                record,
                f"MX target {record.as_written(exchange)} is an IP address, not a host name (read as {exchange})",
                f"give the mail server a host name with an A/AAAA record for {address} and point the MX at that name",
                exchange,
            )
