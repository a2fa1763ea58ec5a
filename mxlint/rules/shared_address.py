from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Target, Zone


@rule("MX202", "shared-address", Severity.WARNING, "Two exchanges of one RRset share an address")
def shared_address(zone: Zone, options: Options) -> Iterator[Problem]:
    for mx in zone.mx_sets():
        if len(mx.targets) < 2:
            continue  # one exchange shares with none: no address to look up
        seen: dict[str | bytes, Target] = {}
        for target in mx.targets:  # each exchange once: its addresses do not change
            for record in zone.address_records(target):
                other = seen.setdefault(record.address_key, target)
                if other is not target:
                    yield Problem.at(
                        target.first,
                        f"MX targets {other.exchange} and {target.exchange} of {mx.owner} share the address {record.address}: "
                        "the second adds no redundancy",
                        "put the backup exchanger on a different host (and ideally a different network)",
                        target.exchange,
                    )
                    break
