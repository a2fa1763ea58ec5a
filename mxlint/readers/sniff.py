"""Is this file a zone? Decided from its first lines (zone files) or its shape (YAML).

A directory walk offers every file here, so the zone-file test reads at most ``HEAD_BYTES``
and looks at most at ``HEAD_LINES`` lines with content: repositories hold thousands of files
and most are not zones.
"""

from __future__ import annotations

import ipaddress
import os
import re
import stat
from typing import NamedTuple

HEAD_BYTES = 8192
HEAD_LINES = 50
#: Lines that read as neither records nor directives allowed before a directive or an SOA
#: still decides (a zone quoted deep inside another text does not make it a zone).
MAX_PREAMBLE = 3
#: YAML is parsed whole to see its shape; beyond this size a YAML file is judged by its name
#: (a big YAML file in a zone repository is a zone far more often than anything else).
YAML_SNIFF_BYTES = 4 * 1024 * 1024

ZONE_SUFFIXES = (".zone",)
#: Names shared with databases (``app.db``) and modules (``db.py``): zones only by content.
AMBIGUOUS_SUFFIXES = (".db",)
AMBIGUOUS_PREFIXES = ("db.",)
YAML_SUFFIXES = (".yaml", ".yml")

RECORD_TYPES = frozenset(
    """A AAAA AFSDB APL AVC CAA CDNSKEY CDS CERT CNAME CSYNC DHCID DLV DNAME DNSKEY DS EUI48 EUI64
    GPOS HINFO HIP HTTPS IPSECKEY ISDN KEY KX L32 L64 LOC LP MB MD MF MG MINFO MR MX NAPTR NID NS
    NSAP NSAP-PTR NSEC NSEC3 NSEC3PARAM NULL NXT OPENPGPKEY PTR PX RP RRSIG RT SIG SMIMEA SOA SPF
    SRV SSHFP SVCB TA TLSA TXT URI WKS X25 ZONEMD""".split()
)
#: octoDNS's own record types, which are not DNS data but are what its zone files hold.
OCTODNS_TYPES = frozenset({"ALIAS", "URLFWD"})
CLASSES = frozenset({"IN", "CH", "CS", "HS", "ANY", "NONE"})
DIRECTIVES = frozenset({"$ORIGIN", "$TTL", "$INCLUDE", "$GENERATE"})

_TTL = re.compile(r"^(?:\d+|(?:\d+[wdhms])+)$", re.IGNORECASE)
_GENERIC = re.compile(r"^(?:TYPE|CLASS)\d+$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z0-9_*@$./\\-]+$")
_PROVIDER_TYPE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*/[A-Z][A-Z0-9]*$")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"?')


class Verdict(NamedTuple):  # not a dataclass: cheaper to create at import
    """``kind`` is ``"zone"`` or ``"yaml"`` for a zone (the reader to use), ``None`` for a
    file that is not one; ``reason`` says why not, for the user."""

    kind: str | None
    reason: str = ""

    def __bool__(self) -> bool:
        return self.kind is not None


NOT_RECORDS = Verdict(None, "no SOA, $ORIGIN, $TTL or records in its first lines")


def sniff(path: str, trust_name: bool = False) -> Verdict:
    """What ``path`` holds: a zone file, a YAML zone, or neither (with the reason).
    ``trust_name``: a file the user named that is named as a zone (``example.com.zone``,
    ``example.com.yaml``) is one whatever it holds, and its reader reports what is wrong."""
    base = os.path.basename(path).lower()
    if base.endswith(YAML_SUFFIXES):
        if trust_name and _by_name(path, ""):
            return Verdict("yaml")
        return sniff_yaml(path)
    if trust_name and base.endswith(ZONE_SUFFIXES):
        return Verdict("zone")
    try:
        head = _head(path)
    except OSError as error:
        return Verdict(None, f"cannot be read: {error.strerror or error}")
    if base.endswith(ZONE_SUFFIXES):
        # Named a zone by the user: only binary data is refused; the reader reports the rest.
        return Verdict(None, "binary data") if b"\x00" in head else Verdict("zone")
    verdict = sniff_zone_text(head, truncated=len(head) >= HEAD_BYTES)
    if not verdict and verdict.reason == EMPTY.reason and (base.endswith(AMBIGUOUS_SUFFIXES) or base.startswith(AMBIGUOUS_PREFIXES)):
        return Verdict("zone")  # an empty db.example.com is a zone still to be filled
    return verdict


def _head(path: str) -> bytes:
    # stat before open: opening a FIFO would wait for a writer forever.
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(0, "not a regular file")
    with open(path, "rb") as handle:
        return handle.read(HEAD_BYTES)


EMPTY = Verdict(None, "empty or only comments")


def sniff_zone_text(head: bytes, truncated: bool = False) -> Verdict:
    """Whether the first bytes of a file read as a master file: a directive or an SOA decides;
    otherwise at least half of the lines with content must read as resource records."""
    if b"\x00" in head:
        return Verdict(None, "binary data")
    text = _decode(head, truncated)
    if text is None:
        return Verdict(None, "not UTF-8 text")
    lines = re.split(r"\r\n|\r|\n", text)
    if truncated:
        lines = lines[:-1]  # the last line may be cut short
    records = others = 0
    depth = 0
    for line in lines:
        content = _strip_comment(line)
        if depth > 0:  # inside a record's parentheses
            depth = max(0, depth + _depth_change(content))
            continue
        if not content.strip():
            continue
        if line.startswith(("```", "~~~")):
            return Verdict(None, "Markdown text")  # a zone quoted in documentation is not a zone
        kind = _line_kind(line, content)
        if kind in ("directive", "soa") and others <= MAX_PREAMBLE:
            return Verdict("zone")
        if kind != "other":
            records += 1
            depth = max(0, _depth_change(content))
        else:
            others += 1
        if records + others >= HEAD_LINES:
            break
    if records == 0:
        return EMPTY if others == 0 else NOT_RECORDS
    return Verdict("zone") if records >= others else NOT_RECORDS


def _decode(head: bytes, truncated: bool) -> str | None:
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A read cut in the middle of a character is not an encoding error.
        if truncated and error.start >= len(head) - 3:
            return head[: error.start].decode("utf-8", errors="replace")
        return None


def _strip_comment(line: str) -> str:
    """The line without its ``;`` comment and with quoted strings blanked (they may hold
    ``;`` or parentheses)."""
    blanked = _QUOTED.sub('""', line) if '"' in line else line
    return blanked.split(";", 1)[0]


def _depth_change(content: str) -> int:
    return content.count("(") - content.count(")")


def _line_kind(line: str, content: str) -> str:
    words = content.replace("(", " ( ").replace(")", " ) ").split()
    if words[0].upper() in DIRECTIVES and len(words) > 1 and not line[:1].isspace():
        return "directive"
    if line[:1].isspace():
        fields = words
    elif _NAME.match(words[0]):
        fields = words[1:]
    else:
        return "other"
    return _record_kind(fields)


def _record_kind(fields: list[str]) -> str:
    """``[ttl] [class] TYPE rdata`` (TTL and class in either order)."""
    prefixed = False
    index = 0
    while index < min(2, len(fields)) and (_TTL.match(fields[index]) or fields[index].upper() in CLASSES or _GENERIC.match(fields[index]) and fields[index].upper().startswith("CLASS")):
        index += 1
        prefixed = True
    if index >= len(fields) - 1:
        return "other"
    word, rdata = fields[index], [field for field in fields[index + 1 :] if field not in "()"]
    rdtype = word.upper()
    if rdtype not in RECORD_TYPES and not _GENERIC.match(word):
        return "other"
    if rdtype == "SOA":
        if not rdata and "(" in fields:
            return "soa"
        names = rdata[:2]
        return "soa" if len(names) == 2 and all(map(_is_name, names)) and any("." in n or n == "@" for n in names) else "other"
    check = _RDATA_CHECKS.get(rdtype)
    if check is not None:
        return "record" if rdata and check(rdata) else "other"
    # Lower-case type words in prose ("a txt thing") need a TTL or class to count.
    return "record" if (word.isupper() or prefixed) and (rdata or "(" in fields) else "other"


def _is_ip(text: str, version: int) -> bool:
    try:
        return ipaddress.ip_address(text).version == version
    except ValueError:
        return False


def _is_name(text: str) -> bool:
    return bool(_NAME.match(text)) and not text.startswith("$")


_RDATA_CHECKS = {
    "A": lambda rdata: len(rdata) == 1 and _is_ip(rdata[0], 4),
    "AAAA": lambda rdata: len(rdata) == 1 and _is_ip(rdata[0], 6),
    "MX": lambda rdata: len(rdata) == 2 and rdata[0].isdigit() and _is_name(rdata[1]),
    "NS": lambda rdata: len(rdata) == 1 and _is_name(rdata[0]),
    "CNAME": lambda rdata: len(rdata) == 1 and _is_name(rdata[0]),
    "PTR": lambda rdata: len(rdata) == 1 and _is_name(rdata[0]),
    "DNAME": lambda rdata: len(rdata) == 1 and _is_name(rdata[0]),
}


# -- YAML -----------------------------------------------------------------------------------


def sniff_yaml(path: str) -> Verdict:
    """A YAML file is a zone when shaped like one (octoDNS records or native origin/records).
    One that cannot be parsed is a zone only when its name names a zone (``example.com.yaml``):
    then its errors are worth reporting; a broken Helm template is not."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return Verdict(None, "not a regular file")
        if os.path.getsize(path) > YAML_SNIFF_BYTES:
            return _by_name(path, "YAML too large to sniff")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return Verdict(None, f"cannot be read: {error.strerror or error}")
    return sniff_yaml_bytes(data, path)


def sniff_yaml_bytes(data: bytes, path: str) -> Verdict:
    import yaml

    from mxlint.readers.yamlzone import compose

    if b"\x00" in data:
        return Verdict(None, "binary data")
    try:
        root = compose(data.decode("utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError, ValueError):
        return _by_name(path, "not valid YAML")
    except Exception:  # noqa: BLE001 - the composer's own bound errors (depth, documents, aliases)
        return _by_name(path, "YAML the reader refuses")
    if root is None or root.tag == "tag:yaml.org,2002:null" or (_is_mapping(root) and not root.value):
        return _by_name(path, "an empty YAML document")
    if yaml_zone_shape(root):
        return Verdict("yaml")
    return Verdict(None, "YAML that holds no records (neither octoDNS records with a DNS type nor origin and records)")


def _by_name(path: str, reason: str) -> Verdict:
    from mxlint.origin import origin_from_file_name

    origin = origin_from_file_name(path)
    # Two labels at least: `config.yaml` and `values.yaml` name no zone, `example.com.yaml` does.
    if origin is not None and len(origin.labels) >= 3:
        return Verdict("yaml")
    return Verdict(None, reason)


def _is_mapping(node: object) -> bool:
    from yaml.nodes import MappingNode

    return isinstance(node, MappingNode)


def yaml_zone_shape(root: object) -> bool:
    """octoDNS: a mapping whose values are records (or lists of records) with a ``type`` that
    is a record type, at least half of them so (one broken record still leaves a zone to
    report on). Native: ``origin`` and a list of ``records``, or rows with name and type."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if not isinstance(root, MappingNode):
        return False
    keys = {_scalar(key): value for key, value in root.value if isinstance(key, ScalarNode)}
    records = keys.get("records")
    if isinstance(records, SequenceNode):
        if "origin" in keys:
            return True
        return any(isinstance(row, MappingNode) and {"name", "type"} <= {_scalar(k) for k, _ in row.value} for row in records.value)
    typed = shaped = 0
    for _, value in root.value:
        items = value.value if isinstance(value, SequenceNode) else [value]
        kinds = [_record_type(item) for item in items]
        if items and all(kind is not None for kind in kinds):
            shaped += 1
            typed += any(kinds)
        elif isinstance(value, ScalarNode) and value.tag == "!include":
            shaped += 1
    return typed > 0 and shaped * 2 >= len(root.value)


def _record_type(node: object) -> bool | None:
    """``None`` when ``node`` is no record; else whether its ``type`` is a record type."""
    from yaml.nodes import MappingNode, ScalarNode

    if isinstance(node, ScalarNode) and node.tag == "!include":
        return False
    if not isinstance(node, MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == "type":
            return isinstance(value, ScalarNode) and is_record_type(value.value)
    return None


def is_record_type(text: str) -> bool:
    """A type octoDNS loads: a DNS type in upper case, its own (``ALIAS``), or a provider's
    (``Route53Provider/ALIAS``)."""
    return text in RECORD_TYPES or text in OCTODNS_TYPES or bool(_PROVIDER_TYPE.match(text)) or bool(re.match(r"^TYPE\d+$", text))


def _scalar(node: object) -> str:
    return str(getattr(node, "value", ""))
