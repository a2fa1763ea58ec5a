"""MX202 compares addresses, not how they are written."""

import dns.name

from mxlint.formats.zonefile import read_zone_text
from mxlint.rules.shared_address import shared_address


def _findings(addresses: str) -> list[str]:
    zone = read_zone_text("$TTL 60\n@ MX 10 a\n@ MX 20 b\n" + addresses, dns.name.from_text("example.com."))
    return [problem.message for problem in shared_address.check(zone, shared_address.defaults)]


def test_one_ipv6_address_written_two_ways_is_shared() -> None:
    (message,) = _findings("a AAAA 2001:DB8::1\nb AAAA 2001:db8:0:0::0001\n")
    assert "share the address 2001:db8::1" in message


def test_an_ipv4_address_and_its_ipv6_mapping_are_not_the_same_address() -> None:
    assert _findings("a A 192.0.2.1\nb AAAA ::ffff:192.0.2.1\n") == []
    (message,) = _findings("a A 192.0.2.1\nb A 192.0.2.1\n")
    assert "share the address 192.0.2.1" in message


def test_an_ipv6_address_with_embedded_ipv4_text_is_the_same_as_in_hex() -> None:
    (message,) = _findings("a AAAA ::ffff:192.0.2.1\nb AAAA ::FFFF:c000:201\n")
    assert "share the address ::ffff:c000:201" in message
