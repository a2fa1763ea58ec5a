from collections.abc import Iterator

import dns.name
import dns.rdatatype

from mxlint.rule import Option, Options, Problem, Severity, rule
from mxlint.zone import Position, Zone

LOCALHOST, INVALID = dns.name.from_text("localhost."), dns.name.from_text("invalid.")


@rule(
    "MX206",
    "implicit-mx",
    Severity.INFO,
    "An owner with A/AAAA records but no MX: mail falls back to the address host",
    options={
        "scope": Option(
            "apex", choices=("apex", "all"), help="apex checks the zone apex only; all checks every owner with addresses (wildcards aside)"
        )
    },
)
def implicit_mx(zone: Zone, options: Options) -> Iterator[Problem]:
    if zone.origin.is_subdomain(LOCALHOST) or zone.origin.is_subdomain(INVALID):
        return  # RFC 6761: no mail is ever routed to these names (BIND's stock localhost zone)
    # ALIAS owners (octoDNS) own no record, yet a provider gives them addresses.
    owners = [zone.origin] if options["scope"] == "apex" else list(dict.fromkeys([*(r.owner for r in zone.records), *zone.aliases]))
    hint = "publish MX records for the domain, or a null MX (`MX 0 .`) if it receives no mail"
    for owner in owners:
        if zone.rrset(owner, dns.rdatatype.MX) or zone.is_wildcard(owner):
            continue
        addresses = zone.rrset(owner, dns.rdatatype.A) + zone.rrset(owner, dns.rdatatype.AAAA)
        if addresses:
            yield Problem.at(addresses[0], f"{owner} has address records but no MX: senders deliver mail to the address host itself", hint)
        elif owner in zone.aliases:
            pos = zone.aliases[owner] or Position(zone.path, 1, 1)
            yield Problem(pos, f"{owner} has an ALIAS (addresses) but no MX: senders deliver mail to the address host itself", hint, owner)
