from collections.abc import Iterator

import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone


@rule(
    "MX206",
    "implicit-mx",
    Severity.INFO,
    "An owner with A/AAAA records but no MX: mail falls back to the address host",
    options={"scope": "apex"},
)
def implicit_mx(zone: Zone, options: Options) -> Iterator[Problem]:
    if options["scope"] not in ("apex", "all"):
        raise ValueError(f"option scope must be apex or all, not {options['scope']!r}")
    owners = [zone.origin] if options["scope"] == "apex" else list(dict.fromkeys(r.owner for r in zone.records))
    for owner in owners:
        addresses = zone.rrset(owner, dns.rdatatype.A) + zone.rrset(owner, dns.rdatatype.AAAA)
        if addresses and not zone.rrset(owner, dns.rdatatype.MX) and not owner.labels[0] == b"*":
            yield Problem.at(
                addresses[0],
                f"{owner} has address records but no MX: senders deliver mail to the address host itself",
                "publish MX records for the domain, or a null MX (`MX 0 .`) if it receives no mail",
            )
