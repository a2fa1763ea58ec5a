from collections.abc import Iterator

import dns.name
import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Record, Zone


@rule("MX201", "duplicate-target", Severity.WARNING, "The same exchange appears more than once in one MX RRset")
def duplicate_target(zone: Zone, options: Options) -> Iterator[Problem]:
    for owner, records in zone.owners(dns.rdatatype.MX):
        first: dict[dns.name.Name, Record] = {}  # Name compares case-insensitively
        for record in records:
            exchange = record.rdata.exchange
            if exchange not in first:
                first[exchange] = record
                continue
            earlier = first[exchange]
            yield Problem.at(
                record,
                f"MX target {exchange} of {owner} is listed again (preference {record.rdata.preference}; "
                f"first at line {earlier.pos.line} with preference {earlier.rdata.preference})",
                "remove the repeated record: a second entry for the same host adds no redundancy",
                exchange,
            )
