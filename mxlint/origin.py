"""The zone apex: where it comes from, in one order, for every reader.

The order (DESIGN.md §4): what the caller gives (``--origin``, else the origin the
configuration maps to the path); the owner of the SOA record; the native YAML ``origin:`` key;
the first ``$ORIGIN``; the file name. Readers report only what they found in the source and
call ``decide_origin``; none of them orders the clues itself.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import dns.exception
import dns.name

#: One message for every source whose apex nothing names.
NO_ORIGIN = (
    "cannot determine the zone origin: pass --origin, write it in the source "
    "(an SOA record, $ORIGIN, or YAML's origin: key), or name the file after the zone"
)


def absolute_name(text: str) -> dns.name.Name:
    """``text`` as an absolute domain name: a name without the final dot is read from the
    root (``example.com`` is ``example.com.``), as users write zone names on command lines
    and in configuration. Raises ``dns.exception.DNSException`` when it is no domain name."""
    return dns.name.from_text(text if text.endswith(".") else text + ".")


def origin_from_file_name(path: str, patterns: Sequence[str] = ()) -> dns.name.Name | None:
    """The zone a file or directory name names once the suffix or prefix that ``patterns`` (a
    format's claims) give it is dropped (``file_name_stem``): ``example.com.zone``,
    ``db.example.com``, ``example.com``, ``example.com.yaml``, and octoDNS's split directory
    ``example.com.`` (whose apex file is ``$example.com.yaml``); ``None`` when it names none."""
    base = file_name_stem(os.path.basename(os.path.abspath(path)), patterns).lstrip("$")
    # A leading dot is a hidden file, not a name; `@` marks a snapshot (`db.miek.nl@85c44af6`).
    if not base.strip(".") or base.startswith(".") or "@" in base:
        return None
    try:
        return absolute_name(base.rstrip("."))
    except dns.exception.DNSException:
        return None


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
