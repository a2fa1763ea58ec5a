from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.rules.fixes import preference_fix
from mxlint.zone import Zone


@rule("MX106", "null-mx-preference", Severity.WARNING, "A null MX whose preference is not 0")
def null_mx_preference(zone: Zone, options: Options) -> Iterator[Problem]:
    for mx in zone.mx_sets():
        for record in mx.null:
            if record.preference != 0:
                yield Problem.at(
                    record,
                    f"the null MX of {record.owner} has preference {record.preference}; RFC 7505 defines it with 0",
                    "write the null MX as `MX 0 .`",
                    fix=preference_fix(zone, record, 0),
                )
