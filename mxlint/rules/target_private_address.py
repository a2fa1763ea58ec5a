import ipaddress
from collections.abc import Iterator
from functools import lru_cache

from mxlint.rule import Options, Problem, Severity, listing, rule
from mxlint.zone import IPAddress, Target, Zone

#: Address space no sender on the Internet can deliver to (beyond loopback, link-local and
#: unspecified, which ipaddress knows by name).
UNREACHABLE = {
    "RFC 1918 private": [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")],
    "unique local (ULA)": [ipaddress.ip_network("fc00::/7")],
    "documentation": [
        ipaddress.ip_network(n)
        for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "3fff::/20")
    ],
}


@lru_cache(maxsize=65536)
def unreachable_kind(address: IPAddress) -> str | None:
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_unspecified:
        return "unspecified"
    value, version = int(address), address.version
    return next((kind for kind, net_version, network, mask in _RANGES if net_version == version and value & mask == network), None)


#: ``UNREACHABLE`` as integers, which is what ``address in network`` compares at ten times the cost.
_RANGES = [(kind, net.version, int(net.network_address), int(net.netmask)) for kind, nets in UNREACHABLE.items() for net in nets]


@rule("MX209", "target-private-address", Severity.WARNING, "Every address of the MX exchange is private, loopback or otherwise unreachable")
def target_private_address(zone: Zone, options: Options) -> Iterator[Problem]:
    if zone.internal:
        return  # a view only internal clients match: private addresses are what it is for
    for target in zone.exchanges():  # each exchange judged once, however many records name it
        listed = _unreachable_listing(zone, target)
        if listed is None:
            continue
        exchange = target.exchange
        owners: set[bytes] = set()
        for record in target.records:  # reported once per owner: a repeated record is MX201's
            if record.key in owners:
                continue
            owners.add(record.key)
            yield Problem.at(
                record,
                f"MX target {exchange} has only addresses senders on the Internet cannot reach: {listed}",
                f"give {exchange} a public address, or keep its MX records in an internal view of the zone only",
                exchange,
            )


def _unreachable_listing(zone: Zone, target: Target) -> str | None:
    """The exchange's addresses with their kinds when every one is unreachable, else None."""
    records = zone.address_records(target)
    # A public address ends the question (the common answer): most are told from their text.
    for record in records:  # a loop, not any() over a generator: asked of every exchange
        if not may_be_unreachable(record.address_text):
            return None
    addresses = [record.address for record in records]
    kinds = []
    for address in addresses:
        kind = unreachable_kind(address)
        if kind is None:
            return None
        kinds.append(kind)
    # Only a name whose every address is known can be said to have no public one.
    if not addresses or not zone.knows(target) or zone.has_alias(target):
        return None
    return listing(f"{address} ({kind})" for address, kind in zip(addresses, kinds))


#: How the text of every address ``unreachable_kind`` names begins (with others' too): IPv4
#: text has no leading zeros (dnspython refuses them); an IPv6 group written with fewer than
#: four digits is below 0x1000, and the loopback, unspecified and IPv4-mapped addresses
#: begin with "0" or ":".
_UNREACHABLE_TEXT = (
    "0", "10.", "127.", "169.254.", "172.1", "172.2", "172.3", "192.168.", "192.0.2.", "198.51.100.", "203.0.113.",
    ":", "fe8", "fe9", "fea", "feb", "fc", "fd", "2001:db8:", "2001:0db8:", "3fff",
)  # fmt: skip


def may_be_unreachable(address_text: str) -> bool:
    """False when the text of an address dnspython accepted shows it is reachable (no parsing)."""
    return address_text.lower().startswith(_UNREACHABLE_TEXT)
