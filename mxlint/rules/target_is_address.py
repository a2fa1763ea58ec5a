import ipaddress
from collections.abc import Iterator

import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone


@rule("MX102", "target-is-address", Severity.ERROR, "The MX exchange is an IP address literal")
def target_is_address(zone: Zone, options: Options) -> Iterator[Problem]:
    for record in zone.by_type(dns.rdatatype.MX):
        # Judge the name as written: `MX 10 10.0.0.1` without a dot reads as 10.0.0.1.<origin>.
        written = record.as_written(record.rdata.exchange)
        try:
            address = ipaddress.ip_address(written)
        except ValueError:
            continue
        yield Problem.at(
            record,
            f"MX target {written} is an IP address, not a host name (read as {record.rdata.exchange})",
            f"give the mail server a host name with an A/AAAA record for {address} and point the MX at that name",
            record.rdata.exchange,
        )
