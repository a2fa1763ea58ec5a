"""The DNS questions `Zone` answers for rules."""

from __future__ import annotations

import ipaddress

import dns.name

from mxlint.config import Config, RuleSetting
from mxlint.formats.zonefile import read_zone_text
from mxlint.lint import lint
from mxlint.registry import Registry
from mxlint.rule import Problem, Severity, rule
from mxlint.zone import Position, Zone

N = dns.name.from_text
ZONE = read_zone_text(
    "$TTL 60\n"
    "@ SOA ns1 hostmaster 1 2 3 4 5\n"
    "@ NS ns1\n"
    "ns1 A 198.18.0.1\n"
    "host A 198.18.0.2\n"
    "host AAAA 2001:2::2\n"
    "host CH A host.example.com. 1\n"
    "a.b.c TXT x\n"
    "*.wild A 198.18.0.3\n"
    "*.nodata TXT x\n"
    "alias CNAME host\n"
    "*.walias CNAME host\n"
    "sub NS ns.elsewhere.example.\n"
    "dn DNAME target.example.net.\n",
    N("example.com."),
)


def test_addresses_in_source_order_and_in_class_only() -> None:
    assert ZONE.addresses(N("HOST.example.com.")) == [ipaddress.ip_address("198.18.0.2"), ipaddress.ip_address("2001:2::2")]
    assert ZONE.addresses(N("nothing.example.com.")) == []


def test_empty_non_terminals_exist_without_data() -> None:
    assert ZONE.exists(N("b.c.example.com.")) and ZONE.exists(N("c.example.com."))
    assert ZONE.addresses(N("c.example.com.")) == []
    assert not ZONE.exists(N("x.c.example.com."))


def test_wildcards_synthesise_data_for_names_that_do_not_exist() -> None:
    assert ZONE.exists(N("anything.wild.example.com."))
    assert ZONE.addresses(N("a.b.wild.example.com.")) == [ipaddress.ip_address("198.18.0.3")]
    assert ZONE.exists(N("x.nodata.example.com.")) and ZONE.addresses(N("x.nodata.example.com.")) == []
    assert ZONE.cname(N("x.walias.example.com.")) == N("host.example.com.")


def test_cname_zone_cut_and_dname() -> None:
    assert ZONE.cname(N("alias.example.com.")) == N("host.example.com.")
    assert ZONE.cname(N("host.example.com.")) is None
    assert ZONE.zone_cut(N("mail.sub.example.com.")) == N("sub.example.com.")
    assert ZONE.zone_cut(N("sub.example.com.")) == N("sub.example.com.")
    assert ZONE.zone_cut(N("host.example.com.")) is None  # the apex NS is not a cut
    assert ZONE.dname_above(N("mx.dn.example.com.")) == N("dn.example.com.")
    assert ZONE.dname_above(N("dn.example.com.")) is None


def test_contains_is_about_the_apex() -> None:
    assert ZONE.contains(N("example.com.")) and ZONE.contains(N("x.y.example.com."))
    assert not ZONE.contains(N("example.net."))
    assert not ZONE.exists(N("example.net."))


@rule("MX990", "twice", Severity.INFO, "yields one problem twice and one elsewhere")
def twice(zone, options):
    yield Problem(Position("b.zone", 3, 1), "same")
    yield Problem(Position("b.zone", 3, 1), "same")
    yield Problem(Position("a.zone", 9, 2), "other")


def test_engine_stamps_removes_exact_duplicates_and_sorts() -> None:
    findings = lint([ZONE], Config(rules={"MX990": RuleSetting(severity=Severity.WARNING)}), Registry([twice]))
    assert [(f.path, f.line, f.severity, f.rule, f.name) for f in findings] == [
        ("a.zone", 9, Severity.WARNING, "MX990", "twice"),
        ("b.zone", 3, Severity.WARNING, "MX990", "twice"),
    ]


# -- the MX questions -------------------------------------------------------------------------

MX_ZONE = read_zone_text(
    "$TTL 60\n"
    "@ MX 20 Mail\n"
    "@ MX 10 mx2\n"
    "@ MX 0 .\n"
    "@ MX 5 MAIL\n"
    "@ MX 30 mail\n"
    "b MX 10 mx2\n"
    "b MX 20 MAIL.example.com.\n"
    "c MX 0 .\n"
    "*.w MX 10 mx2\n",
    N("example.com."),
)


def test_mx_sets_group_each_owner_by_exchange_in_any_case() -> None:
    apex, b, c, wild = MX_ZONE.mx_sets()
    assert [r.pos.line for r in apex.records] == [2, 3, 4, 5, 6]  # as written, null MX included
    assert [r.pos.line for r in apex.null] == [4]
    assert [r.pos.line for r in apex.hosts] == [2, 3, 5, 6]
    assert [(t.exchange.to_text(), [r.pos.line for r in t.records]) for t in apex.targets] == [
        ("Mail.example.com.", [2, 5, 6]),  # the name as first written
        ("mx2.example.com.", [3]),
    ]
    mail = apex.targets[0]
    assert (mail.first.pos.line, mail.best.pos.line, mail.preference) == (2, 5, 5)
    assert apex.exchanges == [N("mail.example.com."), N("mx2.example.com.")]
    # Owners with the same exchanges in another order and letter case have equal sets.
    assert apex.exchange_set == b.exchange_set and apex.targets[0].key == b.targets[1].key
    assert not c.targets and c.exchange_set == frozenset() and wild.owner == N("*.w.example.com.")
    assert {p: [r.pos.line for r in g] for p, g in apex.at_preference().items()} == {20: [2], 10: [3], 5: [5], 30: [6]}


def test_exchanges_of_the_zone_once_each_null_mx_aside() -> None:
    assert [(t.exchange.to_text(), [r.pos.line for r in t.records]) for t in MX_ZONE.exchanges()] == [
        ("Mail.example.com.", [2, 5, 6, 8]),
        ("mx2.example.com.", [3, 7, 10]),
    ]
    assert [r.pos.line for r in MX_ZONE.mx_hosts()] == [2, 3, 5, 6, 7, 8, 10]
    assert MX_ZONE.mx_sets() is MX_ZONE.mx_sets()  # computed once


def test_wildcards_are_owners_whose_first_label_is_a_star() -> None:
    assert ZONE.is_wildcard(N("*.wild.example.com.")) and ZONE.is_wildcard(N("*."))
    assert not ZONE.is_wildcard(N("a.*.example.com.")) and not ZONE.is_wildcard(dns.name.root)


def test_a_dname_of_a_sibling_zone_counts_for_the_names_it_answers() -> None:
    parent = read_zone_text("$TTL 60\n@ MX 10 mail.x.b\n", dns.name.from_text("example."))
    child = read_zone_text("$TTL 60\nx DNAME other.example.\n", dns.name.from_text("b.example."))
    assert not parent.has_dnames() and child.has_dnames()
    Zone.link([parent, child])
    assert parent.has_dnames()
    (target,) = parent.exchanges()
    assert parent.dname_above(target) == dns.name.from_text("x.b.example.")
