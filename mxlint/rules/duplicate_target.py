from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.rules.fixes import removal_fix
from mxlint.zone import Zone


@rule("MX201", "duplicate-target", Severity.WARNING, "The same exchange appears more than once in one MX RRset")
def duplicate_target(zone: Zone, options: Options) -> Iterator[Problem]:
    for mx in zone.mx_sets():
        if len(mx.records) == len(mx.targets) + (1 if mx.null else 0):
            continue  # one record per exchange: nothing repeated (most owners)
        # Each exchange (in any letter case), and the null MX: every record after the first.
        for records in (mx.null, *(target.records for target in mx.targets)):
            for record in records[1:]:
                earlier, exchange = records[0], record.exchange
                yield Problem.at(
                    record,
                    f"MX target {exchange} of {mx.owner} is listed again (preference {record.preference}; "
                    f"first at line {earlier.pos.line} with preference {earlier.preference})",
                    "remove the repeated record: a second entry for the same host adds no redundancy",
                    exchange,
                    # Unsafe: the repeated line may be a backup host half typed, not a copy.
                    fix=removal_fix(zone, record, safe=False),
                )
