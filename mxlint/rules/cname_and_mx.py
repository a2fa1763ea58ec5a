from collections.abc import Iterator

import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone


@rule("MX104", "cname-and-mx", Severity.ERROR, "An owner has both a CNAME and MX records")
def cname_and_mx(zone: Zone, options: Options) -> Iterator[Problem]:
    # The owners of a CNAME, gathered once: cheaper than asking each MX owner for its records.
    cname_owners = {record.key for record in zone.by_type(dns.rdatatype.CNAME)}
    for mx in zone.mx_sets():
        if mx.key in cname_owners:
            cnames = zone.rrset(mx.key, dns.rdatatype.CNAME)
            owner = mx.owner
            yield Problem.at(
                mx.first,
                f"{owner} has MX records and a CNAME (to {cnames[0].rdata.target}, line {cnames[0].pos.line}); "
                "a CNAME must be the only data at its name, so resolvers ignore the MX records",
                f"remove the CNAME and give {owner} its own records, or move the MX records to the CNAME's target",
            )
