from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone


@rule("MX208", "wildcard-mx", Severity.INFO, "MX records at a wildcard owner")
def wildcard_mx(zone: Zone, options: Options) -> Iterator[Problem]:
    for mx in zone.mx_sets():
        # A wildcard null MX (`* MX 0 .`) refuses mail for the names below: that is no catch-all.
        if mx.is_wildcard and mx.targets:
            owner = mx.owner
            yield Problem.at(
                mx.first,
                f"MX records at the wildcard {owner} make every name below {owner.parent()} that does not exist "
                "accept mail, including names that were never meant to",
                "list the names that receive mail explicitly, or make sure catch-all delivery below "
                f"{owner.parent()} is intended",
            )
