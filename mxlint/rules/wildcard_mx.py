from collections.abc import Iterator

import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone


@rule("MX208", "wildcard-mx", Severity.INFO, "MX records at a wildcard owner")
def wildcard_mx(zone: Zone, options: Options) -> Iterator[Problem]:
    for owner, records in zone.owners(dns.rdatatype.MX):
        if owner.labels and owner.labels[0] == b"*":
            yield Problem.at(
                records[0],
                f"MX records at the wildcard {owner} make every name below {owner.parent()} that has no records "
                "of its own accept mail, including names that were never meant to",
                "list the names that receive mail explicitly, or make sure catch-all delivery below "
                f"{owner.parent()} is intended",
            )
