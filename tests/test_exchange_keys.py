"""An MX record's exchange key read from its text, and the questions asked of keys alone, agree
with the ones asked of the exchange's Name."""

import dns.name
import pytest

from mxlint.names import (
    address_literal,
    doubled_endings,
    doubled_origin,
    host_name_problem,
    is_host_name_key,
    may_be_address_literal,
    may_be_reserved,
    may_be_unqualified_external,
    reserved_domain,
    unqualified_external,
)
from mxlint.record import Record, name_key, text_key

ORIGINS = ["example.com.", ".", "Sub.Example.COM.", "com."]
WRITTEN = [
    "@", ".", "mail", "Mail.Example.com.", "mail.example.com", "mail.example.com.example.com", "10.0.0.1", "10.0.0.1.",
    "ASPMX.L.GOOGLE.COM", "mx.test.", "mx.home.arpa.", "mx_1.example.com.", "*.example.com.", "mx.123.", "a-.example.",
    "mx.sub.example.com",
]


def _record(written: str, origin: str) -> Record:
    origin_name = dns.name.from_text(origin)
    owner = "example.com."
    return Record.from_text(text_key(owner), owner, 300, 15, 1, f"10 {written}", "z", 1, 1, origin_name)


@pytest.mark.parametrize("origin", ORIGINS)
@pytest.mark.parametrize("written", WRITTEN)
def test_key_from_text_is_the_names_key(written: str, origin: str) -> None:
    record = _record(written, origin)
    assert record.exchange_key == name_key(record.exchange)
    assert record.exchange_key == name_key(record.rdata.exchange)


@pytest.mark.parametrize("origin", ORIGINS)
@pytest.mark.parametrize("written", WRITTEN)
def test_questions_of_keys_miss_nothing(written: str, origin: str) -> None:
    record, apex = _record(written, origin), dns.name.from_text("example.com.")
    key, exchange = record.exchange_key, record.exchange
    assert may_be_address_literal(key) or address_literal(record, exchange) is None
    assert key.endswith(doubled_endings(record.origin, name_key(apex))) or doubled_origin(record, exchange, apex) is None
    assert may_be_unqualified_external(record, key) or unqualified_external(record, exchange, apex) is None
    assert may_be_reserved(key, name_key(apex)) or reserved_domain(exchange, apex) is None
    for zone_apex in (apex, dns.name.from_text("mx.test."), dns.name.from_text("zone.home.arpa.")):
        assert may_be_reserved(key, name_key(zone_apex)) or reserved_domain(exchange, zone_apex) is None
    assert not is_host_name_key(key) or host_name_problem(exchange) is None


def test_origin_keys_of_alternating_origins() -> None:
    from mxlint.record import origin_key

    names = [dns.name.from_text(text) for text in ORIGINS] * 2
    for name in names + names[::-1]:
        assert origin_key(name) == name_key(name)
