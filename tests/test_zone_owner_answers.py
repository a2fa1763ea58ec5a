"""The address and CNAME questions read an owner's records directly (the common answer):
they must agree with ``Zone.data``, the general way, for every kind of owner."""

from __future__ import annotations

import dns.name
import dns.rdataclass
import dns.rdatatype

from mxlint.formats.zonefile import read_zone_text

N = dns.name.from_text
ZONE = read_zone_text(
    "$TTL 60\n"
    "@ SOA ns1 hostmaster 1 2 3 4 5\n"
    "@ NS ns1\n"
    "ns1 A 198.18.0.1\n"
    "six AAAA 2001:2::1\n"
    "six A 198.18.0.2\n"
    "six TXT x\n"
    "six AAAA 2001:2::3\n"
    "chaos CH A chaos.example.com. 1\n"
    "mixed CH A mixed.example.com. 1\n"
    "mixed A 198.18.0.4\n"
    "text TXT x\n"
    "alias CNAME six\n"
    "*.wild A 198.18.0.5\n"
    "a.b TXT x\n",
    N("example.com."),
)
NAMES = ["example.com.", "ns1", "six", "chaos", "mixed", "text", "alias", "x.wild", "b", "a.b", "nothing", "mx.example.net."]


def _general_addresses(name: dns.name.Name) -> list:
    found = ZONE.data(name, dns.rdatatype.A) + ZONE.data(name, dns.rdatatype.AAAA)
    return [record for record in found if record.rdclass == dns.rdataclass.IN]


def test_owner_answers_agree_with_the_general_way() -> None:
    for text in NAMES:
        name = N(text, N("example.com."))
        general = _general_addresses(name)
        assert ZONE.address_records(name) == general, text
        assert ZONE.has_address(name) == bool(general), text
        cnames = ZONE.data(name, dns.rdatatype.CNAME)
        assert ZONE.cname(name) == (cnames[0].rdata.target if cnames else None), text


def test_address_records_list_a_records_before_aaaa_records() -> None:
    records = ZONE.address_records(N("six.example.com."))
    assert [record.address_text for record in records] == ["198.18.0.2", "2001:2::1", "2001:2::3"]
    assert ZONE.address_records(N("chaos.example.com.")) == [] and not ZONE.has_address(N("chaos.example.com."))
    assert [record.address_text for record in ZONE.address_records(N("mixed.example.com."))] == ["198.18.0.4"]
    assert ZONE.cname(N("alias.example.com.")) == N("six.example.com.")
