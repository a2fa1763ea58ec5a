"""Questions about how a name was written, shared by the rules that judge exchanges."""

from __future__ import annotations

import ipaddress
import re

import dns.name

from mxlint.zone import IPAddress, Record

_LDH_LABEL = re.compile(rb"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


def address_literal(record: Record, name: dns.name.Name) -> IPAddress | None:
    """The IP address ``name`` was written as, if it was written as one (with or without a
    trailing dot: ``10.0.0.1`` reads as ``10.0.0.1.<origin>``)."""
    first = name.labels[0] if name.labels else b""
    if not (first.isdigit() or b":" in first):
        return None  # neither a dotted quad nor an IPv6 literal starts like this
    try:
        return ipaddress.ip_address(record.as_written(name))
    except ValueError:
        return None


def doubled_origin(record: Record, name: dns.name.Name, apex: dns.name.Name) -> dns.name.Name | None:
    """What ``name`` probably meant when a forgotten trailing dot made the origin be appended
    to a name that already ended with it (``mail.example.com`` in ``example.com`` reads as
    ``mail.example.com.example.com.``): the written text as an absolute name. The written text
    may end with the ``$ORIGIN`` in force or with the zone apex."""
    labels, origin = name.labels, record.origin.labels
    shortest = min(len(origin), len(apex.labels))
    if len(labels) < len(origin) + shortest or len(origin) < 2:
        return None  # too short to hold a suffix twice, or the origin is the root
    if [label.lower() for label in labels[-len(origin) :]] != [label.lower() for label in origin]:
        return None
    written = labels[: -len(origin)]
    for suffix in dict.fromkeys((origin, apex.labels)):
        tail = [label.lower() for label in suffix[:-1]]
        if tail and len(written) > len(tail) and [label.lower() for label in written[-len(tail) :]] == tail:
            return dns.name.Name(written + (b"",))
    return None


def host_name_problem(name: dns.name.Name) -> str | None:
    """Why ``name`` is not a valid host name (RFC 952, RFC 1123 §2.1), or ``None``."""
    labels = name.labels[:-1] if name.is_absolute() else name.labels
    for label in labels:
        if label == b"*":
            return "it contains a wildcard label '*'"
        if b"_" in label:
            return f"the label '{_text(label)}' contains an underscore"
        if not _LDH_LABEL.match(label):
            return f"the label '{_text(label)}' is not letters, digits and inner hyphens"
    if labels and labels[-1].isdigit():
        return f"its last label '{_text(labels[-1])}' is all digits"
    return None


def _text(label: bytes) -> str:
    return dns.name.Name([label]).to_text()
