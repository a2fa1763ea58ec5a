from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Position, Zone


@rule("MX002", "lookup-failed", Severity.WARNING, "A DNS lookup a rule needed timed out or failed; that name is not judged")
def lookup_failed(zone: Zone, options: Options) -> Iterator[Problem]:
    if zone.lookups is None:
        return
    hint = "check that the resolver answers for this name (--resolver, --timeout), then run again"
    if zone.looked_up_below_apex and zone.lookups.failure(zone.origin):
        yield Problem(Position(zone.path, 1, 1), f"lookup at {zone.origin} failed: {zone.lookups.failure(zone.origin)}", hint, zone.origin)
    for target in zone.exchanges():
        reason = zone.lookups.failure(target.exchange)  # each exchange asked once
        if not reason:
            continue
        for record in target.records:
            exchange = record.exchange
            yield Problem.at(
                record,
                f"lookup of MX target {exchange} failed: {reason}; the rules that need its data do not judge it",
                hint,
                exchange,
            )
