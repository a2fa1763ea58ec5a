"""An MX record's exchange and preference, read from its checked text, are what its dnspython
rdata says; a zone's answers do not depend on the order or the letter case of the questions."""

from __future__ import annotations

import pickle

import dns.name
import dns.rdatatype

from mxlint.formats.zonefile import read_zone_text
from mxlint.zone import Zone, is_null_mx, name_key

N = dns.name.from_text

TEXT = (
    "$TTL 60\n"
    "@ SOA ns1 hostmaster 1 2 3 4 5\n"
    "@ MX 10 mail\n"
    "@ MX 010 Mail.Example.COM.\n"
    "@ MX 20 @\n"
    "null MX 0 .\n"
    "null2 MX 5 .\n"
    "$ORIGIN sub.example.com.\n"
    "x MX 65535 mx1\n"
    "x MX 1 mx1.other.example.\n"
    "$ORIGIN .\n"
    "rooted.example.com. MX 3 @\n"
    "mail.example.com. A 198.18.0.1\n"
    "mail.example.com. A 198.18.0.1\n"
    "mail.example.com. AAAA ::FFFF:198.18.0.9\n"
    "mail.example.com. AAAA 2001:DB8::1\n"
)


def _fresh_mx(zone: Zone) -> list:
    return zone.by_type(dns.rdatatype.MX)


def test_exchange_and_preference_equal_the_rdata() -> None:
    zone = read_zone_text(TEXT, N("example.com."))
    records = _fresh_mx(zone)
    assert len(records) == 8
    for record in records:
        exchange, preference, null = record.exchange, record.preference, is_null_mx(record)
        rdata = record.rdata  # built after the fields were read from the text
        assert exchange == rdata.exchange and exchange.labels == rdata.exchange.labels
        assert name_key(exchange) == name_key(rdata.exchange)
        assert preference == rdata.preference
        assert null == (rdata.exchange == dns.name.root)
    # and the same once the rdata exists
    assert [r.exchange.labels for r in records] == [r.rdata.exchange.labels for r in records]


def test_fields_survive_a_worker_round_trip() -> None:
    zone = read_zone_text(TEXT, N("example.com."))
    for record in _fresh_mx(zone):
        record.exchange  # noqa: B018 - cached before pickling: the copy recomputes it
        copy = pickle.loads(pickle.dumps(record))
        assert copy.exchange.labels == record.rdata.exchange.labels and copy.preference == record.preference


def test_answers_ignore_letter_case_and_are_stable() -> None:
    zone = read_zone_text(TEXT, N("example.com."))
    upper, lower = N("MAIL.EXAMPLE.COM."), N("mail.example.com.")
    first = zone.addresses(upper)
    assert [str(a) for a in first] == ["198.18.0.1", "198.18.0.1", "::ffff:c612:9", "2001:db8::1"]
    assert zone.addresses(lower) == first
    assert zone.has_address(lower) and zone.knows(upper) and zone.exists(upper)
    assert not zone.has_address(N("nothing.example.com.")) and zone.addresses(N("nothing.example.com.")) == []


def test_mx_set_owner_key_and_wildcard() -> None:
    zone = read_zone_text("$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n* MX 10 mail\n*.w MX 10 mail\nx.* MX 1 mail\nMail CNAME x\nmail MX 5 y\n", N("example.com."))
    sets = zone.mx_sets()
    assert [mx.is_wildcard for mx in sets] == [Zone.is_wildcard(mx.owner) for mx in sets] == [True, True, False, False]
    for mx in sets:
        assert mx.key == name_key(mx.owner)
        assert zone.rrset(mx.key, dns.rdatatype.CNAME) == zone.rrset(mx.owner, dns.rdatatype.CNAME)
    assert len(zone.rrset(sets[-1].key, dns.rdatatype.CNAME)) == 1


def test_contradicting_ranks_are_reported_at_the_minority() -> None:
    from conftest import lint_zone_text

    text = "$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n" + "".join(
        f"{owner} MX {first} a.mx.example.\n{owner} MX {second} b.mx.example.\n{owner} MX 30 c.mx.example.\n"
        for owner, first, second in (("o1", 10, 20), ("o2", 10, 20), ("o3", 20, 10), ("o4", 10, 20))
    ) + "o5 MX 40 c.mx.example.\no5 MX 50 a.mx.example.\no6 MX 5 c.mx.example.\no6 MX 9 b.mx.example.\n"
    findings = [(f.line, f.message) for f in lint_zone_text(text) if f.rule == "MX205"]
    majority = "but o1.example.com. (zone.txt:{}) ranks {} before {}"
    assert findings == [
        (9, "o3.example.com. ranks b.mx.example. before a.mx.example., " + majority.format(3, "a.mx.example.", "b.mx.example.")),
        (16, "o5.example.com. ranks c.mx.example. before a.mx.example., " + majority.format(3, "a.mx.example.", "c.mx.example.")),
        (18, "o6.example.com. ranks c.mx.example. before b.mx.example., " + majority.format(4, "b.mx.example.", "c.mx.example.")),
    ]
