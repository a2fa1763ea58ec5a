"""The fixes rules offer, beside the rules that offer them.

A rule knows the answer (the preference should be 0, the exchange was meant as
``mx1.example.com.``); where the token is written, the record model does not keep. A builder
here asks the zone's source for the text of the record's file and the source's format for the
record's fields (``Format.locate``), checks that they are what the reader read (the same
preference, the same exchange) and makes the edit: when in doubt there is no fix, never a
wrong one. A zone without a source (live DNS, a transfer) has no fixes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import dns.exception
import dns.name

from mxlint.format import MxFields
from mxlint.formats import installed
from mxlint.rule import Edit, Fix
from mxlint.safe_text import printable
from mxlint.source import LINE_END
from mxlint.zone import Position, Record, Zone


def preference_fix(zone: Zone, record: Record, preference: int, safe: bool = True) -> Fix | None:
    """The MX record's preference token rewritten as ``preference``."""
    fields = _record_fields(zone, record)
    return _fix([fields.text.edit(fields.preference, str(preference))], safe) if fields else None


def exchange_fix(zone: Zone, record: Record, meant: dns.name.Name, safe: bool = True) -> Fix | None:
    """The MX record's exchange token rewritten to name ``meant``: where the text reads names
    relative to the origin, the smaller of the edits to an absolute name
    (``mx1.example.com.``) or to a relative one; elsewhere an absolute name."""
    fields = _record_fields(zone, record)
    if fields is None:
        return None
    old = fields.exchange.value
    candidates = [meant.to_text()]
    if fields.relative_names and meant.is_subdomain(record.origin):
        candidates.append("@" if meant == record.origin else meant.relativize(record.origin).to_text())
    valid = [new for new in candidates if _name(new, record.origin, fields.relative_names) == meant and new != old]
    if not valid:
        return None
    new = min(valid, key=lambda candidate: _cost(old, candidate))  # min keeps the first (absolute) on a tie
    return _fix([fields.text.edit(fields.exchange, new)], safe)


def trailing_dot_fix(zone: Zone, pos: Position, safe: bool = False) -> Fix | None:
    """The exchange of the MX value at ``pos`` (or the exchange written there) given its
    trailing dot."""
    fields = _fields(zone, pos)
    if fields is None or not fields.exchange.value or fields.exchange.value.endswith("."):
        return None
    written = fields.exchange.value
    try:
        dns.name.from_text(written + ".")
    except (dns.exception.DNSException, ValueError):
        return None
    return _fix([fields.text.edit(fields.exchange, written + ".")], safe)


def removal_fix(zone: Zone, record: Record, safe: bool = False) -> Fix | None:
    """The record removed: its whole line(s) in a zone file, its list item in YAML. None when
    removing it would change another record (an owner or TTL the next line inherits) or when
    the lines hold more than the record."""
    fields = _record_fields(zone, record)
    edit = fields.removal() if fields else None
    return _fix([edit], safe) if edit else None


def ttl_fix(zone: Zone, records: Sequence[Record], ttl: int, safe: bool = False) -> Fix | None:
    """Each record given the TTL ``ttl``: its TTL token edited, or one inserted. None unless
    every record can be edited (half an RRset fixed would still be a mismatch)."""
    edits: list[Edit] = []
    for record in records:
        fields = _record_fields(zone, record)
        edit = fields.ttl_edit(ttl) if fields else None
        if edit is None:
            return None
        if edit not in edits:  # records of one YAML entry share its ttl
            edits.append(edit)
    return _fix(edits, safe) if edits else None


def _fields(zone: Zone, pos: Position) -> MxFields | None:
    """The fields of the MX record or value at ``pos``, as the zone's format finds them."""
    return installed().locate(zone.source, pos) if zone.source is not None else None


def _record_fields(zone: Zone, record: Record) -> MxFields | None:
    """The fields of an MX record, checked against what the reader read."""
    fields = _fields(zone, record.pos)
    if fields is None or not fields.preference.value.isdigit() or int(fields.preference.value) != record.rdata.preference:
        return None
    return fields if _name(fields.exchange.value, record.origin, fields.relative_names) == record.rdata.exchange else None


def _fix(edits: list[Edit], safe: bool) -> Fix | None:
    # Old and new texts are printed by every format: a fix never carries text that the
    # sanitiser would change (line ends aside, which JSON escapes and a diff needs).
    for edit in edits:
        for part in (edit.old, edit.new):
            if any(printable(piece) != piece for piece in LINE_END.split(part)):
                return None
    return Fix(tuple(edits), safe)


def _cost(old: str, new: str) -> int:
    prefix = len(os.path.commonprefix([old, new]))
    rest_old, rest_new = old[prefix:], new[prefix:]
    suffix = len(os.path.commonprefix([rest_old[::-1], rest_new[::-1]]))
    return len(rest_old) + len(rest_new) - 2 * suffix


def _name(text: str, origin: dns.name.Name, relative: bool) -> dns.name.Name | None:
    try:
        if relative:
            return dns.name.from_text(text, origin)
        return dns.name.from_text(text if text.endswith(".") else text + ".")
    except (dns.exception.DNSException, ValueError):
        return None
