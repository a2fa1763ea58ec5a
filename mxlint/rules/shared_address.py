from collections.abc import Iterator

import dns.name
import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import IPAddress, Zone, is_null_mx, name_key


@rule("MX202", "shared-address", Severity.WARNING, "Two exchanges of one RRset share an address")
def shared_address(zone: Zone, options: Options) -> Iterator[Problem]:
    for owner, records in zone.owners(dns.rdatatype.MX):
        if len(records) < 2:
            continue
        seen: dict[IPAddress, tuple[bytes, dns.name.Name]] = {}
        judged: set[bytes] = set()  # each exchange once: its addresses do not change
        for record in records:
            exchange = record.rdata.exchange
            key = name_key(exchange)
            if is_null_mx(record) or key in judged:
                continue
            judged.add(key)
            for address in zone.addresses(exchange):
                other_key, other = seen.setdefault(address, (key, exchange))
                if other_key != key:
                    yield Problem.at(
                        record,
                        f"MX targets {other} and {exchange} of {owner} share the address {address}: "
                        "the second adds no redundancy",
                        "put the backup exchanger on a different host (and ideally a different network)",
                        exchange,
                    )
                    break
