from collections.abc import Iterator

import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone


@rule("MX107", "target-below-dname", Severity.ERROR, "The MX exchange lies below a DNAME in the zone")
def target_below_dname(zone: Zone, options: Options) -> Iterator[Problem]:
    if not zone.has_dnames():
        return  # most zones: nothing to ask of each exchange
    for record, target in zone.mx_targets():  # a null MX's root lies below no DNAME
        owner = zone.dname_above(target)
        if owner is None:
            continue
        exchange = record.exchange
        # Asked of the zone that answers for the name: the DNAME may be a sibling zone's.
        dname_target = zone.data(owner, dns.rdatatype.DNAME)[0].rdata.target
        rewritten = exchange.relativize(owner).concatenate(dname_target)
        yield Problem.at(
            record,
            f"MX target {exchange} lies below the DNAME at {owner} and is rewritten to {rewritten}: "
            "an MX target must be a canonical name",
            f"point the MX at {rewritten} (or at another canonical host name)",
            exchange,
        )
