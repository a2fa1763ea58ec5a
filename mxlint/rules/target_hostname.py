from collections.abc import Iterator

from mxlint.names import address_literal, host_name_problem, is_host_name_key
from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone


@rule("MX108", "target-hostname", Severity.ERROR, "The MX exchange is not a valid host name")
def target_hostname(zone: Zone, options: Options) -> Iterator[Problem]:
    hosts = zone.mx_hosts()
    for position, target in enumerate(zone.mx_host_targets()):  # the root of a null MX is no host
        if is_host_name_key(target.key):
            continue  # the common answer, without the exchange's Name or the record
        record = hosts[position]
        exchange = record.exchange
        if address_literal(record, exchange):
            continue  # an address is MX102's finding
        problem = host_name_problem(exchange)
        if problem:
            yield Problem.at(
                record,
                f"MX target {exchange} is not a valid host name: {problem}",
                "use a host name of letters, digits and hyphens (no '_' or '*'), such as mail.example.com.",
                exchange,
            )
