"""The zone apex: where it comes from, in one order, for every reader.

The order (DESIGN.md §4): what the caller gives (``--origin``, the origin the configuration
maps to the path, or the zone a server's configuration declares); the owner of the SOA record;
the native YAML ``origin:`` key; the first ``$ORIGIN``; the file name, when it is a domain
under a known top-level domain (``example.com.zone``, not ``db.local``). Readers report only
what they found in the source and call ``decide_origin``; none of them orders the clues itself.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache

import dns.exception
import dns.name

#: One message for every source whose apex nothing names.
NO_ORIGIN = "cannot tell the zone's name; pass --origin or add it to origins: in the configuration"


#: RFC 2606's top-level domains for tests and documentation: a file named ``example.test.zone``
#: names its zone as plainly as ``example.com.zone`` does.
RESERVED_FOR_EXAMPLES = (b"test", b"example")


#: The suffix dnssec-signzone gives the signed copy of a zone file.
SIGNED = ".signed"
#: Top-level domains that in a file name are the file's kind: ``common.inc`` is an include
#: fragment, ``db.example.com.save`` an editor's copy.
FILE_SUFFIXES = frozenset({b"inc", b"data", b"save", b"new", b"zone"})


def absolute_name(text: str) -> dns.name.Name:
    """``text`` as an absolute domain name: a name without the final dot is read from the
    root (``example.com`` is ``example.com.``), as users write zone names on command lines
    and in configuration. Raises ``dns.exception.DNSException`` when it is no domain name."""
    return dns.name.from_text(text if text.endswith(".") else text + ".")


def origin_from_file_name(path: str, patterns: Sequence[str] = ()) -> dns.name.Name | None:
    """The zone a file or directory name names once the suffix or prefix that ``patterns`` (a
    format's claims) give it is dropped (``file_name_stem``): ``example.com.zone``,
    ``db.example.com``, ``example.com``, ``example.com.yaml``, and octoDNS's split directory
    ``example.com.`` (whose apex file is ``$example.com.yaml``); ``None`` when it names none.
    Only a domain under a known top-level domain is a name (``db.local``, ``website`` and
    ``db.cosi`` declare nothing: their zone's name is in a configuration, or nowhere)."""
    base = os.path.basename(os.path.abspath(path))
    # dnssec-signzone's copy names the zone its source names.
    base = file_name_stem(base[: -len(SIGNED)] if base.lower().endswith(SIGNED) else base, patterns).lstrip("$")
    # A leading dot is a hidden file, not a name; `@` marks a snapshot (`db.miek.nl@85c44af6`).
    if not base.strip(".") or base.startswith(".") or "@" in base:
        return None
    try:
        name = absolute_name(base.rstrip("."))
    except dns.exception.DNSException:
        return None
    if len(name.labels) < 3 or name.labels[-2].lower() in FILE_SUFFIXES:
        return None
    return name if is_top_level_label(name.labels[-2]) else None


def is_top_level_label(label: bytes) -> bool:
    """Whether ``label`` is a top-level domain of the bundled public-suffix list (its ICANN
    section): ``com``, ``uk``, ``xn--p1ai``, and the two RFC 2606 reserves for tests and
    documentation (``test``, ``example``); not ``local``, ``localhost`` or ``internal``. One
    search of the list's text: a run that asks once does not pay for a set of its labels."""
    label = label.lower()
    if label in RESERVED_FOR_EXAMPLES:
        return True
    if label.startswith(b"xn--"):  # the list writes internationalised labels in Unicode
        try:
            label = label.decode("ascii").encode("utf-8").decode("idna").encode("utf-8")
        except UnicodeError:
            return False
    text = icann_section()
    return b"\n" + label + b"\n" in text or b"." + label + b"\n" in text


@lru_cache(maxsize=1)
def icann_section() -> bytes:
    """The ICANN section of the bundled public-suffix list (its rules, a line each), read once."""
    from publicsuffixlist import PSLFILE

    with open(PSLFILE, "rb") as handle:
        text = handle.read()
    end = text.find(b"END ICANN DOMAINS")
    return b"\n" + (text[: text.rfind(b"\n", 0, end) + 1] if end >= 0 else text).replace(b"\r\n", b"\n")


def file_name_stem(base: str, patterns: Sequence[str]) -> str:
    """A file's base name without the suffix (``*.zone`` gives ``.zone``) or, failing that,
    the prefix (``db.*`` gives ``db.``) that one of ``patterns`` adds to it."""
    lowered = base.lower()
    for pattern in patterns:
        if pattern.startswith("*") and not _wild(pattern[1:]) and lowered.endswith(pattern[1:]):
            return base[: len(base) - len(pattern) + 1]
    for pattern in patterns:
        if pattern.endswith("*") and not _wild(pattern[:-1]) and lowered.startswith(pattern[:-1]):
            return base[len(pattern) - 1 :]
    return base


def _wild(text: str) -> bool:
    return any(char in text for char in "*?[")


def decide_origin(
    given: dns.name.Name | None,
    file_name: str | None,
    *,
    patterns: Sequence[str] = (),
    soa_owner: dns.name.Name | None = None,
    origin_key: dns.name.Name | None = None,
    first_origin_directive: dns.name.Name | None = None,
) -> dns.name.Name | None:
    """The zone apex: ``given`` (``--origin`` or the configuration's ``origins:``, already
    merged by the caller), else what the source says — the SOA owner, the native YAML
    ``origin:`` key, the first ``$ORIGIN`` — else the name of ``file_name`` less what the
    format's ``patterns`` add to it (``None`` for text that comes from no file). ``None`` when nothing names it: the reader reports
    ``NO_ORIGIN``. A reader may call it before it has read anything, for the origin that
    completes relative names until the source says more."""
    for clue in (given, soa_owner, origin_key, first_origin_directive):
        if clue is not None:
            return clue
    return origin_from_file_name(file_name, patterns) if file_name is not None else None
