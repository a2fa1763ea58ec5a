"""MX209 tells most public addresses from their text: the text test may only rule out
addresses that ``unreachable_kind`` would not name."""

from __future__ import annotations

import ipaddress

from hypothesis import given, settings
from hypothesis import strategies as st

from mxlint.rules.target_private_address import UNREACHABLE, may_be_unreachable, unreachable_kind

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _texts(address: IPAddress) -> list[str]:
    """Ways dnspython accepts the address written: compressed, exploded, upper case."""
    forms = [str(address), address.exploded]
    return forms + [form.upper() for form in forms]


def _edges() -> list[IPAddress]:
    networks = [network for networks in UNREACHABLE.values() for network in networks]
    networks += [ipaddress.ip_network(n) for n in ("127.0.0.0/8", "169.254.0.0/16", "0.0.0.0/32", "::1/128", "::/128", "fe80::/10")]
    networks += [ipaddress.ip_network(n) for n in ("::ffff:127.0.0.0/104", "::ffff:10.0.0.0/104", "::ffff:0.0.0.0/128")]
    return [address for network in networks for address in (network[0], network[-1], network[network.num_addresses // 2])]


def test_the_text_of_every_unreachable_edge_may_be_unreachable() -> None:
    for address in _edges():
        for text in _texts(address):
            assert may_be_unreachable(text), text
    # The common answer: public addresses, also those beside the unreachable ranges.
    for public in ("198.18.0.1", "8.8.8.8", "172.15.0.1", "2001:2::20:42", "2a00:1450::1", "fec0::1"):
        assert unreachable_kind(ipaddress.ip_address(public)) is None
    assert not may_be_unreachable("198.18.0.1") and not may_be_unreachable("2001:2::20:42") and not may_be_unreachable("8.8.8.8")


@settings(max_examples=2000, deadline=None)
@given(st.ip_addresses())
def test_an_address_ruled_out_by_its_text_is_reachable(address: IPAddress) -> None:
    for text in _texts(address):
        if not may_be_unreachable(text):
            assert unreachable_kind(address) is None, text
