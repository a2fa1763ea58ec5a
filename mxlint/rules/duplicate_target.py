from collections.abc import Iterator

import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Record, Zone, name_key


@rule("MX201", "duplicate-target", Severity.WARNING, "The same exchange appears more than once in one MX RRset")
def duplicate_target(zone: Zone, options: Options) -> Iterator[Problem]:
    for owner, records in zone.owners(dns.rdatatype.MX):
        first: dict[bytes, Record] = {}  # by name key: letter case does not matter
        for record in records:
            exchange = record.rdata.exchange
            earlier = first.setdefault(name_key(exchange), record)
            if earlier is record:
                continue
            yield Problem.at(
                record,
                f"MX target {exchange} of {owner} is listed again (preference {record.rdata.preference}; "
                f"first at line {earlier.pos.line} with preference {earlier.rdata.preference})",
                "remove the repeated record: a second entry for the same host adds no redundancy",
                exchange,
            )
