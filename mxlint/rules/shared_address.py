from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Record, Target, Zone


@rule("MX202", "shared-address", Severity.WARNING, "Two exchanges of one RRset share an address")
def shared_address(zone: Zone, options: Options) -> Iterator[Problem]:
    # Each exchange asked once, however many owners name it (an owner's set holds its own
    # target for an exchange other owners name too: by key, not by target).
    addresses: dict[bytes, list[Record]] = {}
    for mx in zone.mx_sets():
        if len(mx.targets) < 2:
            continue  # one exchange shares with none: no address to look up
        seen: dict[str | bytes, Target] = {}
        for target in mx.targets:  # each exchange once: its addresses do not change
            records = addresses.get(target.key)
            if records is None:
                records = addresses[target.key] = zone.address_records(target)
            for record in records:
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
