from collections.abc import Iterator

from mxlint.names import may_be_reserved, reserved_domain
from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone, name_key


@rule(
    "MX114",
    "target-reserved-name",
    Severity.WARNING,
    "The MX exchange is under a special-use domain that never resolves on the Internet",
)
def target_reserved_name(zone: Zone, options: Options) -> Iterator[Problem]:
    apex_key = name_key(zone.origin)
    hosts = zone.mx_hosts()
    judged: dict[bytes, object] = {}  # an exchange's domain, judged once for all its records
    for position, target in enumerate(zone.mx_host_targets()):
        if not may_be_reserved(target.key, apex_key):
            continue
        record = hosts[position]
        exchange = record.exchange
        domain = judged.get(target.key, judged)
        if domain is judged:
            domain = judged[target.key] = reserved_domain(exchange, zone.origin)
        if domain is not None:
            yield Problem.at(
                record,
                f"MX target {exchange} is under {domain}, a special-use domain that never resolves on the "
                "Internet: senders cannot deliver to it",
                "remove the record (often a leftover of a provider's domain verification), "
                "or point the MX at a host with a public name",
                exchange,
            )
