from collections.abc import Iterator

import dns.rdatatype

from mxlint.names import address_literal, host_name_problem
from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone, is_null_mx


@rule("MX108", "target-hostname", Severity.ERROR, "The MX exchange is not a valid host name")
def target_hostname(zone: Zone, options: Options) -> Iterator[Problem]:
    for record in zone.by_type(dns.rdatatype.MX):
        exchange = record.rdata.exchange
        if is_null_mx(record) or address_literal(record, exchange):
            continue  # the root of a null MX is no host; an address is MX102's finding
        problem = host_name_problem(exchange)
        if problem:
            yield Problem.at(
                record,
                f"MX target {exchange} is not a valid host name: {problem}",
                "use a host name of letters, digits and hyphens (no '_' or '*'), such as mail.example.com.",
                exchange,
            )
