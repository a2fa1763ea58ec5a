from collections.abc import Iterator

import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone


@rule("MX101", "target-is-cname", Severity.ERROR, "The MX exchange owns a CNAME")
def target_is_cname(zone: Zone, options: Options) -> Iterator[Problem]:
    for record in zone.by_type(dns.rdatatype.MX):
        exchange = record.exchange
        canonical = zone.cname(exchange)
        if canonical is not None:
            yield Problem.at(
                record,
                f"MX target {exchange} is a CNAME to {canonical}",
                f"point the MX at {canonical}, or give {exchange} its own A/AAAA records instead of the CNAME",
                exchange,
            )
