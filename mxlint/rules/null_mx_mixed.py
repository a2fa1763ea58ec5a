from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, listing, rule
from mxlint.zone import Zone


@rule("MX105", "null-mx-mixed", Severity.ERROR, "A null MX beside other MX records at the same owner")
def null_mx_mixed(zone: Zone, options: Options) -> Iterator[Problem]:
    for mx in zone.mx_sets():
        if not (mx.null and mx.targets):
            continue
        listed = listing(record.exchange for record in mx.hosts)
        for record in mx.null:
            yield Problem.at(
                record,
                f"{mx.owner} has a null MX (\"accepts no mail\") beside MX records for {listed}",
                "keep either the null MX (the domain takes no mail) or the real MX records, not both",
            )
