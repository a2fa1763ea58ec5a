"""The zone's MX index, built in one pass, groups as the plain definitions do: owners in the
order of their first MX record, each owner's exchanges and the zone's in order of first
appearance, whatever the interleaving of owners; a ``Target`` is shared by an owner's set and
the zone's list only when that owner alone names the exchange."""

from __future__ import annotations

import dns.name
import dns.rdatatype
from hypothesis import given, settings
from hypothesis import strategies as st

from mxlint.formats.zonefile import read_zone_text
from mxlint.lookup import Answer, Lookups
from mxlint.record import Record, is_null_mx
from mxlint.zone import MxSet, Target, Zone

OWNERS = ["@", "a", "B", "b.c"]
EXCHANGES = [".", "mx1", "MX1", "mx2.example.com.", "Mx2.Example.COM.", "mx3.other.", "a"]


def _zone(lines: list[tuple[int, int, int]]) -> Zone:
    text = "".join(f"{OWNERS[owner]} MX {preference} {EXCHANGES[exchange]}\n" for owner, exchange, preference in lines)
    return read_zone_text("$TTL 60\n" + text, dns.name.from_text("example.com."))


def _lines(records: list[Record]) -> list[int]:
    return [record.pos.line for record in records]


def _grouped(records: list[Record]) -> dict[bytes, list[Record]]:
    """Records by exchange key, in order of first appearance (the definition)."""
    groups: dict[bytes, list[Record]] = {}
    for record in records:
        groups.setdefault(record.exchange_key, []).append(record)
    return groups


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(OWNERS) - 1), st.integers(0, len(EXCHANGES) - 1), st.integers(0, 3)), max_size=14))
def test_the_index_groups_as_the_definitions_do(lines: list[tuple[int, int, int]]) -> None:
    zone = _zone(lines)
    records = zone.records
    hosts = [record for record in records if not is_null_mx(record)]
    owners: dict[bytes, list[Record]] = {}
    for record in records:
        owners.setdefault(record.key, []).append(record)

    assert [_lines(mx.records) for mx in zone.mx_sets()] == [_lines(group) for group in owners.values()]
    for mx, group in zip(zone.mx_sets(), owners.values()):
        assert _lines(mx.null) == _lines([record for record in group if is_null_mx(record)])
        expected = {key: found for key, found in _grouped(group).items() if key}
        assert [(target.key, _lines(target.records)) for target in mx.targets] == [(key, _lines(found)) for key, found in expected.items()]

    zone_wide = _grouped(hosts)
    assert [(target.key, _lines(target.records)) for target in zone.exchanges()] == [(key, _lines(found)) for key, found in zone_wide.items()]
    assert _lines(zone.mx_hosts()) == _lines(hosts)
    by_key = {target.key: target for target in zone.exchanges()}
    assert all(target is by_key[record.exchange_key] for record, target in zone.mx_targets())

    # One Target for an exchange one owner alone names, else the owner's and the zone's apart.
    for mx in zone.mx_sets():
        for target in mx.targets:
            named_by = {record.key for record in zone_wide[target.key]}
            assert (target is by_key[target.key]) == (len(named_by) == 1)
    assert zone.shared_exchanges() == {key for key, found in zone_wide.items() if len({record.key for record in found}) > 1}


def test_interleaved_owners_keep_the_zone_order_of_first_appearance() -> None:
    # a names mx1, B names mx3, a names mx3 and MX1 later: the zone's order is mx1, mx3 (B's first).
    zone = _zone([(1, 1, 10), (2, 5, 10), (1, 5, 20), (1, 2, 20), (1, 0, 0)])
    assert [target.exchange.to_text() for target in zone.exchanges()] == ["mx1.example.com.", "mx3.other."]
    mx3 = zone.exchanges()[1]
    assert _lines(mx3.records) == [3, 4]
    a, b = zone.mx_sets()
    assert [(t.exchange.to_text(), _lines(t.records)) for t in a.targets] == [("mx1.example.com.", [2, 5]), ("mx3.other.", [4])]
    assert [(t.exchange.to_text(), _lines(t.records)) for t in b.targets] == [("mx3.other.", [3])]
    assert _lines(a.null) == [6] and b.null == ()
    assert a.targets[0] is zone.exchanges()[0]  # mx1: a's alone, one Target
    assert [target for _, target in zone.mx_targets()] == [zone.exchanges()[i] for i in (0, 1, 1, 0)]


def test_a_target_knows_what_its_zone_has_at_the_exchange() -> None:
    zone = read_zone_text(
        "$TTL 60\n@ MX 10 mx1\n@ MX 20 mail.b.example.\nmx1 A 192.0.2.1\nmx1 AAAA 2001:db8::1\n", dns.name.from_text("a.example.")
    )
    inside, outside = zone.exchanges()
    assert [record.rdtype for record in inside.node] == [1, 28]
    assert inside.key is inside.node[0].key  # the owner's key object, not a second copy
    assert outside.node is None  # outside the zone: asked the general way
    assert zone.has_address(inside) and not zone.has_address(outside)
    assert zone.owns(inside) and not zone.owns(outside)


def test_a_target_is_answered_by_the_zone_asked_and_anew_after_linking() -> None:
    parent = read_zone_text("$TTL 60\n@ MX 10 mail.b\nmail.b A 192.0.2.1\n", dns.name.from_text("example."))
    child = read_zone_text("$TTL 60\n@ MX 10 mail\nmx A 192.0.2.2\n", dns.name.from_text("b.example."))
    (held,) = parent.exchanges()
    assert parent.has_address(held)
    assert not child.has_address(held)  # another zone answers from its own records
    Zone.link([parent, child])  # the deeper zone now answers for mail.b.example.
    (made_again,) = parent.exchanges()
    for target in (held, made_again):
        assert not parent.has_address(target) and not parent.exists(target)
        assert parent.address_records(target) == []


def test_a_target_made_before_lookups_is_answered_by_them() -> None:
    class NoSuchName(Lookups):
        def _query(self, name: dns.name.Name, rdtype: int, where: str) -> Answer:
            return Answer(nxdomain=True)

    zone = read_zone_text("$TTL 60\n@ MX 10 mx.example.net.\nmx.example.net. A 192.0.2.1\n", dns.name.from_text("example.com."))
    (target,) = zone.exchanges()
    assert zone.has_address(target)
    lookups = NoSuchName(server=None)
    for rdtype in (1, 28):
        lookups.ask(dns.name.from_text("mx.example.net."), rdtype, "test")
    zone.lookups = lookups  # names outside the zone are now answered by lookups
    assert not zone.has_address(target) and zone.address_records(target) == [] and not zone.exists(target)


def test_a_target_takes_its_records_as_any_sequence() -> None:
    zone = read_zone_text("$TTL 60\n@ MX 10 mx1\nmx1 A 192.0.2.1\n", dns.name.from_text("a.example."))
    (record,) = zone.mx_hosts()

    class Pool(Target):
        __slots__ = ()

    for target in (Target((record,), record.exchange_key), Pool([record], record.exchange_key)):
        assert target.records == (record,) or target.records == [record]
        assert target.first is record and target.exchange == dns.name.from_text("mx1.a.example.")
        assert zone.has_address(target)


def test_a_zone_and_its_index_are_freed_without_the_cycle_collector() -> None:
    # A cycle (a target referring to its zone) kept a big zone alive until the collector's pass
    # at exit: a second after the 1M bench zone.
    import gc
    import weakref

    zone = read_zone_text("$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2.b.example.\nmx1 A 192.0.2.1\n", dns.name.from_text("a.example."))
    Zone.link([zone])
    assert [zone.has_address(target) for target in zone.exchanges()] == [True, False]
    freed = weakref.ref(zone)
    gc.disable()
    try:
        del zone
        assert freed() is None
    finally:
        gc.enable()


def test_an_empty_set_and_a_record_of_a_subclass_are_held() -> None:
    zone = read_zone_text("$TTL 60\n@ MX 10 mx1\nmx1 A 192.0.2.1\n", dns.name.from_text("a.example."))
    (record,) = zone.mx_hosts()

    class Kept(Record):
        __slots__ = ()

    kept = Kept.from_text(record.key, "a.example.", 60, record.rdtype, record.rdclass, "10 mx1", "f", 2, 1, record.origin)
    assert Target(kept, kept.exchange_key).records == (kept,)
    assert MxSet([], [], []).key is None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(0, len(OWNERS) - 1), st.integers(0, len(EXCHANGES) - 1), st.integers(0, 3)), max_size=8), min_size=1, max_size=3))
def test_the_exchanges_named_twice_are_found_within_and_across_zones(zones_lines: list[list[tuple[int, int, int]]]) -> None:
    from mxlint.rules.inconsistent_preferences import _named_by_several

    zones = [_zone(lines) for lines in zones_lines]
    naming: dict[bytes, set[tuple[int, bytes]]] = {}  # exchange -> (zone, owner) that name it
    for number, zone in enumerate(zones):
        for record in zone.mx_hosts():
            naming.setdefault(record.exchange_key, set()).add((number, record.key))
    assert _named_by_several(zones) == {key for key, names in naming.items() if len(names) > 1}


def test_a_held_target_s_cname_is_answered_anew_after_linking_and_by_lookups() -> None:
    # ``cname`` tests the index's answer itself (as ``has_address`` and ``address_records`` do).
    parent = read_zone_text("$TTL 60\n@ MX 10 alias.b\nalias.b CNAME mx.example.net.\n", dns.name.from_text("example."))
    child = read_zone_text("$TTL 60\n@ MX 10 mail\n", dns.name.from_text("b.example."))
    (held,) = parent.exchanges()
    assert parent.cname(held) == dns.name.from_text("mx.example.net.")
    Zone.link([parent, child])  # the deeper zone, with no CNAME there, now answers for alias.b
    assert parent.cname(held) is None and parent.cname(parent.exchanges()[0]) is None

    class NoSuchName(Lookups):
        def _query(self, name: dns.name.Name, rdtype: int, where: str) -> Answer:
            return Answer(nxdomain=True)

    zone = read_zone_text("$TTL 60\n@ MX 10 mx.example.net.\nmx.example.net. CNAME mail.example.net.\n", dns.name.from_text("example.com."))
    (target,) = zone.exchanges()
    assert zone.cname(target) is not None
    lookups = NoSuchName(server=None)
    lookups.ask(dns.name.from_text("mx.example.net."), dns.rdatatype.CNAME, "test")
    zone.lookups = lookups  # names outside the zone are now answered by lookups
    assert zone.cname(target) is None
