from collections.abc import Iterator

import dns.name
import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import IPAddress, Zone, is_null_mx


@rule("MX202", "shared-address", Severity.WARNING, "Two exchanges of one RRset share an address")
def shared_address(zone: Zone, options: Options) -> Iterator[Problem]:
    for owner, records in zone.owners(dns.rdatatype.MX):
        seen: dict[IPAddress, dns.name.Name] = {}
        reported: set[dns.name.Name] = set()
        for record in records:
            exchange = record.rdata.exchange
            if is_null_mx(record) or exchange in reported:
                continue
            for address in zone.addresses(exchange):
                other = seen.setdefault(address, exchange)
                if other != exchange:
                    reported.add(exchange)
                    yield Problem.at(
                        record,
                        f"MX targets {other} and {exchange} of {owner} share the address {address}: "
                        "the second adds no redundancy",
                        "put the backup exchanger on a different host (and ideally a different network)",
                        exchange,
                    )
                    break
