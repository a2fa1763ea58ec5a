"""Terraform's resolved view of a configuration: the JSON ``terraform show -json`` writes for a
plan (``planned_values``) or a state (``values``). Every variable, local and ``for_each`` is
resolved there, so each DNS resource's values are what the provider will send.

The DNS resources of the AWS, Cloudflare, Google, Azure and HashiCorp DNS providers become
records, grouped into zones: a record's zone is the zone resource of the same configuration
whose name is the longest suffix of the record's name (Route 53, Cloudflare), or the one the
resource names (``managed_zone``, ``zone_name``, ``zone``). A record name that is not below
any zone is relative to the only zone there is, else it is not read (one finding says so).
Route 53 ``alias`` blocks and Azure ``target_resource_id`` give their name addresses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from mxlint.format import MxFields, Probe
from mxlint.formats.jsonbase import JsonFormat, mapping, scalar_text
from mxlint.formats.route53 import decimal_preference
from mxlint.source import Source

if TYPE_CHECKING:
    import dns.name
    from yaml.nodes import MappingNode, Node

    from mxlint.formats.yamlzone import YamlZone
    from mxlint.record import Position
    from mxlint.source import Text
    from mxlint.zone import Zone

#: The zone resources, and the value that holds the zone's name.
ZONES = {
    "aws_route53_zone": "name",
    "cloudflare_zone": "zone",
    "google_dns_managed_zone": "dns_name",
    "azurerm_dns_zone": "name",
}


class TerraformJson(JsonFormat):
    name = "terraform-json"
    not_mine = "JSON without format_version and planned_values or values: not terraform show -json output"

    def marked(self, probe: Probe, head: bytes) -> bool:
        # ``terraform validate -json`` and other tools' reports carry the versions too: only a
        # plan or a state has a root module.
        return b'"format_version"' in head and b'"terraform_version"' in head and b'"root_module"' in head

    def read(self, source: Source) -> list[Zone]:
        from mxlint.formats.yamlzone import YamlZone

        real = source.real_path
        tree = None if real is None else source.tree
        first = YamlZone(source, self.patterns, tree)
        zones: dict[dns.name.Name, YamlZone] = {}

        def zone_for(origin: dns.name.Name) -> YamlZone:
            if origin not in zones:
                zone = first if not zones else first.another()
                zone.origin = origin
                zones[origin] = zone
            return zones[origin]

        first.read(source.path, source.read(), real, lambda zone, root: _walk(zone, root, zone_for))
        # A file that could not be read names no zone, but its findings are reported.
        first.origin_unreadable = first.origin is None
        if not zones:
            return [first.zone()] if first.issues else []
        return [zone.zone() for zone in zones.values()]

    def locate(self, text: Text, pos: Position) -> MxFields | None:
        return None  # a plan or a state is made by Terraform, not edited: no fix


def _walk(first: YamlZone, root: MappingNode, zone_for: Callable[[dns.name.Name], YamlZone]) -> None:
    import dns.exception

    from mxlint.formats.yamlzone import Problem, origin_key
    from mxlint.source import describe_error

    fields = mapping(first, root)
    values = fields.get("planned_values") or fields.get("values")
    if values is None:
        first.issue(root, "neither planned_values nor values: not a plan or a state terraform show -json writes")
        return
    resources = list(_resources(first, mapping(first, values).get("root_module")))
    # The zones first, each by what a record may name it with: its name, its id (a state's
    # zone_id), the resource's own name (google's managed_zone).
    zone_names: dict[str, dns.name.Name] = {}
    for kind, _, data, node in resources:
        if kind in ZONES and ZONES[kind] in data:
            found = first.guard(node, lambda data=data, kind=kind: origin_key(scalar_text(data[ZONES[kind]])))
            if found is not None:
                zone_for(found)  # a zone the configuration declares is checked, records or not
                zone_names[found.to_text(omit_final_dot=True).lower()] = found
                for key in ("id", "zone_id", "name"):
                    if scalar_text(data.get(key)):
                        zone_names.setdefault(scalar_text(data.get(key)).rstrip(".").lower(), found)
    origins = sorted(set(zone_names.values()), key=lambda origin: -len(origin))
    for kind, _, data, node in resources:
        reader = READERS.get(kind)
        if reader is None:
            continue
        try:
            for owner_text, zone_hint, rdtype, ttl, items in reader(first, data):
                try:
                    owner, origin = _place(owner_text, zone_hint, origins, zone_names)
                except (dns.exception.DNSException, ValueError) as error:
                    raise Problem(node, f"{kind} {owner_text!r}: not a domain name ({describe_error(error)})") from None
                if origin is None:
                    raise Problem(node, f"{kind} {owner_text}: no zone of this plan holds it (add its zone resource to the configuration)")
                zone = zone_for(origin)
                zone.current_owner = owner
                for item in items:
                    zone.guard(item[0], lambda item=item, zone=zone, owner=owner, rdtype=rdtype, ttl=ttl: _record(zone, owner, rdtype, ttl, item))
        except Problem as problem:
            first.issue(problem.mark or node.start_mark, str(problem), problem.kind, problem.incomplete)


def _resources(zone: YamlZone, module: Node | None) -> Iterator[tuple[str, str, dict[str, Node], Node]]:
    """Each managed resource of a module and its child modules: type, name, values, node."""
    from yaml.nodes import SequenceNode

    fields = mapping(zone, module)
    resources = fields.get("resources")
    for node in resources.value if isinstance(resources, SequenceNode) else ():
        entry = mapping(zone, node)
        if scalar_text(entry.get("mode"), "managed") != "managed":
            continue
        yield scalar_text(entry.get("type")), scalar_text(entry.get("name")), mapping(zone, entry.get("values")), node
    children = fields.get("child_modules")
    for child in children.value if isinstance(children, SequenceNode) else ():
        yield from _resources(zone, child)


def _place(owner_text: str, zone_hint: str | None, origins: list[dns.name.Name], zone_names: dict[str, dns.name.Name]) -> tuple[dns.name.Name, dns.name.Name | None]:
    """The absolute owner and its zone: below the zone the resource names, else the deepest
    zone the name lies below, else relative to the only zone there is."""
    import dns.name

    hint = zone_names.get(zone_hint.rstrip(".").lower()) if zone_hint else None
    if hint is None and zone_hint and "." in zone_hint.strip("."):
        hint = dns.name.from_text(zone_hint.rstrip("."), dns.name.root)  # a zone named by the record (Azure, the DNS provider)
    candidates = [hint] if hint is not None else origins
    written = owner_text.rstrip(".")
    if written in ("", "@"):
        return (candidates[0], candidates[0]) if len(candidates) == 1 else (dns.name.root, None)
    absolute = dns.name.from_text(written, dns.name.root)
    for origin in candidates:
        if absolute.is_subdomain(origin):
            return absolute, origin
    if len(candidates) == 1:
        return dns.name.from_text(written, candidates[0]), candidates[0]
    return absolute, None


Item = tuple  # (node to report at, data text | (preference node, exchange node))


def _record(zone: YamlZone, owner: dns.name.Name, rdtype_text: str, ttl: int, item: Item) -> None:
    import dns.rdatatype

    from mxlint.formats.yamlzone import Problem

    node = item[0]
    zone.count_value(node)
    if rdtype_text == "ALIAS":
        zone.aliases.setdefault(owner, zone.position(node))
        return
    if rdtype_text == "MX":
        if len(item) == 3:  # separate preference and exchange
            preference, exchange = item[1], item[2]
        else:
            parts = scalar_text(node).split()
            if len(parts) != 2:
                raise Problem(node, f"the MX value of {owner} must be a preference and an exchange")
            preference, exchange = zone.part(node, decimal_preference(node, parts[0], owner)), zone.part(node, parts[1])
        text = scalar_text(exchange)
        # The providers send names as absolute: a missing final dot is implied, not forgotten.
        exchange = zone.part(exchange, text if text.endswith(".") else text + ".")
        zone.mx(owner, ttl, node, preference, exchange, octodns=False)
        return
    try:
        rdtype = dns.rdatatype.from_text(rdtype_text)
    except (dns.rdatatype.UnknownRdatatype, ValueError):
        raise Problem(node, f"{rdtype_text} is not a DNS record type") from None
    zone.add(owner, ttl, rdtype, scalar_text(node), node, absolute=True)


Reader = Callable[["YamlZone", dict], Iterator[tuple[str, "str | None", str, int, list[Item]]]]


def _aws(zone: YamlZone, data: dict) -> Iterator:
    rdtype = scalar_text(data.get("type")).upper()
    aliases = _list(data.get("alias"))
    if aliases and rdtype in ("A", "AAAA"):
        yield scalar_text(data.get("name")), scalar_text(data.get("zone_id")), "ALIAS", 0, [(aliases[0],)]
        return
    yield scalar_text(data.get("name")), scalar_text(data.get("zone_id")), rdtype, _ttl(zone, data), [(record,) for record in _list(data.get("records"))]


def _cloudflare(zone: YamlZone, data: dict) -> Iterator:
    rdtype = scalar_text(data.get("type")).upper()
    value = next((data[key] for key in ("content", "value") if scalar_text(data.get(key))), None)  # the other may be null
    if value is None:
        return
    hint = scalar_text(data.get("zone_id"))
    if rdtype == "MX":
        yield scalar_text(data.get("name")), hint, "MX", _ttl(zone, data, 1), [(value, data.get("priority"), value)]
    else:
        yield scalar_text(data.get("name")), hint, rdtype, _ttl(zone, data, 1), [(value,)]


def _google(zone: YamlZone, data: dict) -> Iterator:
    yield scalar_text(data.get("name")), scalar_text(data.get("managed_zone")), scalar_text(data.get("type")).upper(), _ttl(zone, data), [(value,) for value in _list(data.get("rrdatas"))]


def _azure(rdtype: str, field: str) -> Reader:
    def read(zone: YamlZone, data: dict) -> Iterator:
        name, hint = scalar_text(data.get("name")), scalar_text(data.get("zone_name"))
        if rdtype != "MX" and data.get("target_resource_id") is not None and scalar_text(data.get("target_resource_id")):
            yield name, hint, "ALIAS", 0, [(data["target_resource_id"],)]
            return
        values = _list(data.get(field)) if field != "record" or rdtype == "MX" else [data.get(field)]
        if rdtype == "MX":
            rows = [mapping(zone, row) for row in values]
            yield name, hint, "MX", _ttl(zone, data), [(row.get("exchange"), row.get("preference"), row.get("exchange")) for row in rows if row.get("exchange") is not None]
        else:
            yield name, hint, rdtype, _ttl(zone, data), [(value,) for value in values if value is not None]

    return read


def _hashicorp(rdtype: str, field: str) -> Reader:
    def read(zone: YamlZone, data: dict) -> Iterator:
        name, hint = scalar_text(data.get("name"), ""), scalar_text(data.get("zone"))
        if rdtype == "MX":
            rows = [mapping(zone, row) for row in _list(data.get(field))]
            yield name, hint, "MX", _ttl(zone, data), [(row.get("exchange"), row.get("preference"), row.get("exchange")) for row in rows if row.get("exchange") is not None]
        elif rdtype == "CNAME":
            yield name, hint, "CNAME", _ttl(zone, data), [(data[field],)] if field in data else []
        else:
            yield name, hint, rdtype, _ttl(zone, data), [(value,) for value in _list(data.get(field))]

    return read


READERS: dict[str, Reader] = {
    "aws_route53_record": _aws,
    "cloudflare_record": _cloudflare,
    "cloudflare_dns_record": _cloudflare,
    "google_dns_record_set": _google,
    "azurerm_dns_mx_record": _azure("MX", "record"),
    "azurerm_dns_a_record": _azure("A", "records"),
    "azurerm_dns_aaaa_record": _azure("AAAA", "records"),
    "azurerm_dns_cname_record": _azure("CNAME", "record"),
    "dns_mx_record_set": _hashicorp("MX", "mx"),
    "dns_a_record_set": _hashicorp("A", "addresses"),
    "dns_aaaa_record_set": _hashicorp("AAAA", "addresses"),
    "dns_cname_record": _hashicorp("CNAME", "cname"),
}


def _list(node: Node | None) -> list[Node]:
    from yaml.nodes import SequenceNode

    return list(node.value) if isinstance(node, SequenceNode) else []


def _ttl(zone: YamlZone, data: dict, default: int = 300) -> int:
    return zone.ttl(data.get("ttl"), default) if scalar_text(data.get("ttl")) else default


FORMAT = TerraformJson()
