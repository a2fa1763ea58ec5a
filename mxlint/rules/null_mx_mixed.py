from collections.abc import Iterator

import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, listing, rule
from mxlint.zone import Zone, is_null_mx


@rule("MX105", "null-mx-mixed", Severity.ERROR, "A null MX beside other MX records at the same owner")
def null_mx_mixed(zone: Zone, options: Options) -> Iterator[Problem]:
    for owner, records in zone.owners(dns.rdatatype.MX):
        if len(records) < 2 or not any(is_null_mx(record) for record in records):
            continue
        real = [r.rdata.exchange for r in records if not is_null_mx(r)]
        listed = listing(real)
        for record in records:
            if is_null_mx(record) and real:
                yield Problem.at(
                    record,
                    f"{owner} has a null MX (\"accepts no mail\") beside MX records for {listed}",
                    "keep either the null MX (the domain takes no mail) or the real MX records, not both",
                )
