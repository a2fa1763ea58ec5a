from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone


@rule("MX208", "wildcard-mx", Severity.INFO, "MX records at a wildcard owner")
def wildcard_mx(zone: Zone, options: Options) -> Iterator[Problem]:
    for mx in zone.mx_sets():
        if mx.is_wildcard:
            owner = mx.owner
            yield Problem.at(
                mx.first,
                f"MX records at the wildcard {owner} make every name below {owner.parent()} that has no records "
                "of its own accept mail, including names that were never meant to",
                "list the names that receive mail explicitly, or make sure catch-all delivery below "
                f"{owner.parent()} is intended",
            )
