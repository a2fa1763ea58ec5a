"""Questions about how a name was written, shared by the rules that judge exchanges."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import TYPE_CHECKING

import dns.name

from mxlint.origin import icann_section
from mxlint.record import origin_key
from mxlint.zone import ExchangeKey, IPAddress, Record

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

_LDH_LABEL = re.compile(rb"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


# The ``may_*`` questions below answer from an exchange's key (``Record.exchange_key``,
# ``Target.key``) whether the question of the same name can find anything: a rule asks every
# MX record, and only the few that may are worth their exchange's ``Name``.


def may_be_address_literal(key: ExchangeKey) -> bool:
    """Whether ``address_literal`` can find an address in the exchange of ``key``: its first
    label is all digits or holds a colon."""
    return _ADDRESS_START(key) is not None


# One match, no label cut out of the key.
_ADDRESS_START = re.compile(rb"[0-9]++(?:\x00|\Z)|[^\x00:]*+:").match


def doubled_endings(origin: dns.name.Name, apex_key: bytes) -> tuple[bytes, bytes]:
    """How the key of an exchange completed with ``origin`` ends when ``doubled_origin`` can
    find a doubled origin in it: with the origin or the apex (of ``apex_key``, its
    ``name_key``), then the origin. A rule asks once per origin (a zone's records share one)
    and compares each key with ``endswith``."""
    key = origin_key(origin)
    return key + key, apex_key + key


def may_be_unqualified_external(record: Record, key: ExchangeKey) -> bool:
    """Whether ``unqualified_external`` can find a name in the exchange of ``key``: it must be
    two or more labels completed with the origin, the last of them a top-level label."""
    origin = origin_key(record.origin)
    if not origin or not key.endswith(origin):
        return False
    written = key[: len(key) - len(origin)]
    return written.count(b"\x00") >= 2 and _is_top_level(written[:-1].rpartition(b"\x00")[2])


def may_be_reserved(key: ExchangeKey, apex_key: bytes) -> bool:
    """Whether ``reserved_domain`` can find a special-use domain above the exchange of ``key``
    (not a top-level one the zone itself is under: ``apex_key`` is its apex's ``name_key``)."""
    top = _top_label(key)
    if top == b"arpa":
        return True
    return top in _RESERVED_TOP and top != _top_label(apex_key)


def _top_label(key: bytes) -> bytes:
    return key[:-1].rpartition(b"\x00")[2]


def is_host_name_key(key: ExchangeKey) -> bool:
    """Whether ``host_name_problem`` finds nothing wrong with the exchange of ``key``: letters,
    digits and inner hyphens in every label, the last not all digits."""
    return _HOST_KEY.fullmatch(key) is not None


#: Possessive labels that check their hyphens by looking around (a label pattern that ends in
#: a letter or digit backtracks at every label), the last label not all digits.
_HOST_LABEL = rb"(?!-)[a-z0-9-]{1,63}+(?<!-)\x00"
_HOST_KEY = re.compile(rb"(?:(?:" + _HOST_LABEL + rb"(?=.))*+(?![0-9]++\x00\Z)" + _HOST_LABEL + rb")?", re.DOTALL)


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


@lru_cache(maxsize=1)
def public_suffixes() -> PublicSuffixList:
    """The bundled public-suffix list (ICANN section), built on first use: it costs ~40 ms, and
    most runs never ask."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList(only_icann=True)


def unqualified_external(record: Record, name: dns.name.Name, apex: dns.name.Name) -> dns.name.Name | None:
    """What ``name`` was meant to be when it was written without its trailing dot although its
    text is already a name on the Internet (``ASPMX.L.GOOGLE.COM`` in ``bookfriend.me`` reads
    as ``ASPMX.L.GOOGLE.COM.bookfriend.me.``): the written text as an absolute name, or ``None``.

    The text must end in a public suffix and hold a registrable domain below it (``google.com``),
    so a host name (``mail``), a public suffix alone (``co.uk``) and names under unknown or
    reserved top-level labels (``mx.internal``) are left alone. A doubled origin is
    ``doubled_origin``'s case (MX112), not this one. When the origin itself is a public suffix
    (``$ORIGIN com.``), relative names are how such a file writes every domain: not judged."""
    origin = record.origin
    labels, tail = name.labels, origin.labels
    # Cheap tests first: this runs on every MX record of a zone.
    if len(tail) < 2 or len(labels) < len(tail) + 2 or not _is_top_level(labels[-len(tail) - 1]):
        return None  # no origin to complete with, one written label (`mail`), or no TLD before the origin
    if [label.lower() for label in labels[-len(tail) :]] != [label.lower() for label in tail]:
        return None  # a name outside the origin was written absolute
    written = labels[: len(labels) - len(tail)]
    suffixes = public_suffixes()
    if suffixes.is_public(origin.to_text(omit_final_dot=True).lower()):
        return None
    text = b".".join(written).decode("ascii", "replace").lower()
    if suffixes.privatesuffix(text, accept_unknown=False) is None:
        return None  # no known public suffix, or only a public suffix
    if doubled_origin(record, name, apex) is not None:
        return None
    return dns.name.Name(written + (b"",))


#: Special-use domains that never resolve on the Internet: RFC 2606 §2 (test, example,
#: invalid, localhost), RFC 6761 §6, RFC 6762 (local: multicast DNS only), RFC 8375
#: (home.arpa: home networks only). Only the top-level ``example`` is here: example.com and
#: example.net are registered and resolve.
RESERVED_DOMAINS = tuple(dns.name.from_text(text) for text in ("invalid.", "test.", "localhost.", "example.", "local.", "home.arpa."))
_RESERVED_TOP = {domain.labels[-2]: domain for domain in RESERVED_DOMAINS if len(domain.labels) == 2}


def reserved_domain(name: dns.name.Name, apex: dns.name.Name) -> dns.name.Name | None:
    """The special-use domain ``name`` lies at or under, unless the zone (``apex``) is itself
    at or under that domain (a test zone may well point at its own hosts)."""
    labels = name.labels
    if len(labels) < 2:
        return None
    # By the top-level label first: this runs on every MX record of a zone.
    domain = _RESERVED_TOP.get(labels[-2].lower())
    if domain is None and len(labels) >= 3 and labels[-2].lower() == b"arpa" and labels[-3].lower() == b"home":
        domain = RESERVED_DOMAINS[-1]
    if domain is None:
        return None
    return None if apex.is_subdomain(domain) else domain


def _is_top_level(label: bytes) -> bool:
    """Whether a label is a top-level domain of the public-suffix list (``com``, ``uk``,
    ``xn--p1ai``)."""
    label = label.lower()
    if label in _top_level_labels()[0]:
        return True
    # Only an ACE label can be one of the internationalised TLDs: IDNA-encoding them (~180,
    # ~15 ms) waits until a zone writes one. (A U-label always encodes to an ``xn--`` label:
    # the IANA's IDN TLDs are valid IDNA 2008 labels, never ones nameprep maps to ASCII.)
    return label.startswith(b"xn--") and label in _encoded_idn_top_level_labels()


@lru_cache(maxsize=1)
def _top_level_labels() -> tuple[frozenset[bytes], tuple[str, ...]]:
    """The top-level labels of the list's ICANN section, read straight from its file: the ASCII
    ones, and the internationalised ones as written (Unicode). Building the whole
    PublicSuffixList (IDNA-encoding 7,000 rules) costs more than a small zone's run, and this
    question is asked of every MX record."""
    labels = {line.rsplit(b".", 1)[-1] for line in map(bytes.strip, icann_section().split(b"\n")) if line and not line.startswith(b"//")}
    ascii_labels = frozenset(label for label in labels if label.isascii())
    return ascii_labels, tuple(sorted(label.decode("utf-8") for label in labels if not label.isascii()))


@lru_cache(maxsize=1)
def _encoded_idn_top_level_labels() -> frozenset[bytes]:
    encoded = set()
    for label in _top_level_labels()[1]:
        try:
            encoded.add(label.encode("idna"))
        except UnicodeError:
            continue  # a label Python's IDNA 2003 codec cannot write is not one a zone writes either
    return frozenset(encoded)


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
