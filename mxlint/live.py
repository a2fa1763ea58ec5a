"""Zones from the network: a domain's MX data from a resolver, a zone by AXFR, and lookups of
the exchanges a zone file points outside itself (``--resolve``)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence

import dns.exception
import dns.name
import dns.query
import dns.rdatatype

from mxlint.limits import MAX_RECORDS
from mxlint.lookup import ADDRESS_TYPES, Lookups, Server
from mxlint.origin import absolute_name
from mxlint.source import InputError
from mxlint.zone import Position, Record, Zone, is_null_mx

MX = dns.rdatatype.MX
#: What is asked at a live domain besides MX: SPF (MX207) and addresses (MX206).
APEX_TYPES = (dns.rdatatype.TXT, dns.rdatatype.A, dns.rdatatype.AAAA)

Progress = Callable[[Sequence, str], Iterable]


def live_zones(domains: Sequence[str], lookups: Lookups, progress: Progress | None = None) -> list[Zone]:
    """One zone per domain: its MX, TXT, A and AAAA records, and lookups for every exchange.
    Raises ``InputError`` when a domain's MX records cannot be had at all."""
    names = [_domain(text) for text in domains]
    lookups.ask_all([(name, MX) for name in names], "live", progress)
    for name, text in zip(names, domains):
        answer = lookups.ask(name, MX, text)
        if answer.failure:
            raise InputError(f"{_shown(name)}: MX lookup failed: {answer.failure}")
        if answer.nxdomain:
            raise InputError(f"{_shown(name)}: the domain does not exist (NXDOMAIN)")
    questions = [(name, rdtype) for name in names for rdtype in APEX_TYPES]
    questions += [(exchange, rdtype) for name in names for exchange in _exchanges(lookups.data(name, MX)) for rdtype in ADDRESS_TYPES]
    lookups.ask_all(questions, "live", progress)
    return [_live_zone(name, lookups) for name in names]


def _live_zone(name: dns.name.Name, lookups: Lookups) -> Zone:
    shown = _shown(name)
    mx = sorted(lookups.data(name, MX), key=lambda r: (r.rdata.preference, r.rdata.exchange.to_text().lower()))
    apex = mx + [record for rdtype in APEX_TYPES for record in lookups.data(name, rdtype)]
    # A live answer has no lines: records are numbered in a stable order (MX by preference).
    records = [
        Record(r.owner, r.ttl, r.rdtype, r.rdata, Position(shown, number, 1), name)
        for number, r in enumerate(apex, start=1)
    ]
    return Zone(name, shown, records, lookups=lookups, looked_up_below_apex=True)


def transfer(server: Server, zone: str, timeout: float, budget: float) -> Zone:
    """The zone transferred from ``server`` and read like a file. Raises ``InputError`` when
    the transfer fails."""
    name = _domain(zone)
    shown = f"{server}/{_shown(name)}"
    records: list[Record] = []
    deadline = time.monotonic() + budget
    try:
        # The budget and the record cap are checked per message: a server may stream forever.
        for message in dns.query.xfr(server.host, name, port=server.port, timeout=timeout, lifetime=budget, relativize=False):
            if time.monotonic() > deadline:
                raise InputError(f"{shown}: zone transfer did not finish within the budget of {budget:g} s")
            for rrset in message.answer:
                if not rrset.name.is_subdomain(name):
                    raise InputError(f"{shown}: zone transfer refused: it holds {rrset.name}, outside the zone")
                if len(records) + len(rrset) > MAX_RECORDS:
                    raise InputError(f"{shown}: zone transfer refused: more than {MAX_RECORDS:,} records")
                for rdata in rrset:
                    records.append(
                        Record(rrset.name, rrset.ttl, dns.rdatatype.RdataType.make(rrset.rdtype), rdata, Position(shown, len(records) + 1, 1), name)
                    )
    except (dns.exception.DNSException, OSError, EOFError) as error:
        raise InputError(f"{shown}: zone transfer failed: {type(error).__name__}: {error or 'no detail'}") from None
    if len(records) > 1 and records[-1].rdtype == dns.rdatatype.SOA:
        records.pop()  # an AXFR ends with the SOA it began with
    if not records:
        raise InputError(f"{shown}: zone transfer returned no records")
    return Zone(name, shown, records)


def resolve_outside(zones: Sequence[Zone], lookups: Lookups, progress: Progress | None = None) -> None:
    """Look up the exchanges that lie outside their zone, so the rules can judge them."""
    questions = [
        (exchange, rdtype)
        for zone in zones
        for exchange in _exchanges(zone.by_type(MX))
        if not zone.contains(exchange)
        for rdtype in ADDRESS_TYPES
    ]
    lookups.ask_all(questions, "resolve", progress)
    for zone in zones:
        zone.lookups = lookups


def _exchanges(records: Iterable[Record]) -> list[dns.name.Name]:
    return list(dict.fromkeys(record.rdata.exchange for record in records if not is_null_mx(record)))


def _domain(text: str) -> dns.name.Name:
    try:
        return absolute_name(text)
    except dns.exception.DNSException as error:
        raise InputError(f"{text}: not a domain name ({error})") from None


def _shown(name: dns.name.Name) -> str:
    return name.to_text(omit_final_dot=True)
