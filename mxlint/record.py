"""One resource record as written, and its place in the source.

A record keeps what the reader saw; the dnspython objects a rule reads (the owner ``Name``, the
rdata, an MX record's exchange) are made the first time a rule asks.
"""

from __future__ import annotations

import enum
import ipaddress
import socket
from dataclasses import dataclass
from functools import lru_cache

import dns.name
import dns.rdata
import dns.rdatatype

from mxlint.limits import MAX_MESSAGE
from mxlint.safe_text import clipped

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_A = dns.rdatatype.A


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a source: 1-based line and column. ``file`` is a path as the user named it
    (or a domain, or ``server/zone`` for live data). ``end_line`` and ``end_column`` say where
    what starts here ends (the column after its last character), when known: a format works
    them out from its text (``Format.extent``) for the outputs that show a range."""

    file: str
    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Record:
    """One resource record as written: no RRset merging, its own TTL, duplicates kept.

    A record is built either from dnspython objects (YAML, live DNS, transfers) or, by the
    zone-file reader, from text it has already checked: then it keeps its owner key, its
    owner and data as text and its place, and the owner ``Name`` and the dnspython ``rdata``
    are made the first time a rule asks (most records of a big zone are never asked about).
    ``origin`` is the origin relative names of this record were completed with (the
    ``$ORIGIN`` in force), so that a rule can recover a name as it was written.
    """

    # Ten slots: with the collector's header a record takes 112 bytes; an eleventh slot (a
    # cached exchange, say) would take it to pymalloc's next size, 128 bytes.
    __slots__ = ("key", "ttl", "rdtype", "rdclass", "origin", "file", "line", "column", "_owner", "_data")

    def __init__(
        self,
        owner: dns.name.Name,
        ttl: int,
        rdtype: dns.rdatatype.RdataType,
        rdata: dns.rdata.Rdata,
        pos: Position,
        origin: dns.name.Name,
    ) -> None:
        self.key = name_key(owner)
        self._owner: dns.name.Name | str = owner
        self.ttl = ttl
        self.rdtype = rdtype
        self.rdclass: int = rdata.rdclass
        self._data: dns.rdata.Rdata | str = rdata
        self.file, self.line, self.column = pos.file, pos.line, pos.column
        self.origin = origin

    @classmethod
    def from_text(
        cls, key: bytes, owner: str, ttl: int, rdtype: int, rdclass: int, data: str, file: str, line: int, column: int, origin: dns.name.Name
    ) -> Record:
        """A record whose absolute owner text and data text a reader has checked to be valid
        (dnspython will accept them): nothing is parsed until a rule asks."""
        # One statement a slot: assigning five at once packs and unpacks a tuple, a quarter
        # of the cost of making a record (the reader makes one a line).
        record = cls.__new__(cls)
        record.key = key
        record._owner = owner
        record.ttl = ttl
        record.rdtype = rdtype
        record.rdclass = rdclass
        record._data = data
        record.file = file
        record.line = line
        record.column = column
        record.origin = origin
        return record

    @property
    def owner(self) -> dns.name.Name:
        owner = self._owner
        if isinstance(owner, str):
            owner = self._owner = _checked_name(owner)
        return owner

    @property
    def rdata(self) -> dns.rdata.Rdata:
        data = self._data
        if isinstance(data, str):
            data = self._data = _rdata(self.rdclass, self.rdtype, data, self.origin)
        return data

    @property
    def exchange(self) -> dns.name.Name:
        """An MX record's exchange. Of checked text it is made from the text alone, each time
        (rules judge exchanges by their key and ask for the Name of the few they report; a
        slot to keep it would cost every record of a big zone 16 bytes)."""
        data = self._data
        return _data_name(data.split(" ")[1], self.origin) if isinstance(data, str) else data.exchange

    @property
    def exchange_key(self) -> bytes:
        """An MX record's exchange key (``name_key`` of ``exchange``). Of checked text it is read
        from the text: grouping and the zone's questions need no ``Name`` for it."""
        data = self._data
        if not isinstance(data, str):
            return name_key(data.exchange)
        written = data.partition(" ")[2]
        if written[-1] == ".":
            return text_key(written)
        if written == "@":
            return origin_key(self.origin)
        return text_key(written) + _below_origin(self.origin)  # the origin's part is kept with its key

    @property
    def preference(self) -> int:
        """An MX record's preference (of checked text: read from the text, as ``exchange``)."""
        data = self._data
        return int(data.partition(" ")[0]) if isinstance(data, str) else data.preference

    @property
    def address_text(self) -> str:
        """An A or AAAA record's address as written: of checked text, the text itself (no
        rdata is made for it)."""
        data = self._data
        return data if isinstance(data, str) else data.address

    @property
    def address(self) -> IPAddress:
        """An A or AAAA record's address, parsed from ``address_text`` (not kept: parsing
        again costs less than keeping an object per address of a big zone)."""
        return _parse_address(self.address_text, self.rdtype)

    @property
    def address_key(self) -> str | bytes:
        """Equal for two A or AAAA records of the same address, without an address object: an
        A record's text (dnspython accepts one way only to write an IPv4 address), an AAAA
        record's 16 bytes (IPv6 text has many ways)."""
        text = self.address_text
        if self.rdtype == _A:
            return text
        try:
            return socket.inet_pton(socket.AF_INET6, text)
        except OSError:  # ipaddress has the last word, as in ``address``
            return ipaddress.IPv6Address(text).packed

    @property
    def pos(self) -> Position:
        return Position(self.file, self.line, self.column)

    @property
    def type_name(self) -> str:
        return dns.rdatatype.to_text(self.rdtype)

    def as_written(self, name: dns.name.Name) -> str:
        """A name of this record's data as it was probably written: relative to the origin
        it was completed with, without the final dot (``10.0.0.1`` for ``10.0.0.1.example.``)."""
        if name != self.origin and name.is_subdomain(self.origin):
            name = name.relativize(self.origin)
        return name.to_text(omit_final_dot=True)

    def __getstate__(self) -> tuple:
        # Worker processes send records to the main one. dnspython cannot unpickle every type
        # it builds (an APL record's items refuse it), so built data travels as its text,
        # which dnspython reads back for any type, as written (an address keeps its case).
        data = self._data
        text = data if isinstance(data, str) else _BUILT + data.to_text()
        return (self.key, self._owner, self.ttl, self.rdtype, self.rdclass, text, self.file, self.line, self.column, self.origin)

    def __setstate__(self, state: tuple) -> None:
        self.key, self._owner, self.ttl, self.rdtype, self.rdclass, text, self.file, self.line, self.column, self.origin = state
        if text.startswith(_BUILT):
            text = dns.rdata.from_text(self.rdclass, self.rdtype, text[len(_BUILT) :], dns.name.root, relativize=False)
        self._data = text

    def _identity(self) -> tuple:
        return (self.key, self.ttl, self.rdtype, self.rdata, self.file, self.line, self.column)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    def __repr__(self) -> str:
        return f"Record({self.owner} {self.ttl} {self.type_name} {self.rdata} at {self.pos})"


#: Marks the text of data dnspython had built, apart from text a reader checked (a reader's
#: text never starts with a NUL).
_BUILT = "\x00"


def _checked_name(absolute: str) -> dns.name.Name:
    """The ``Name`` of an absolute name the reader checked (ASCII, no escapes, valid labels):
    its labels as they are, as ``dns.name.from_text`` would make them, without its parser."""
    return dns.name.root if absolute == "." else dns.name.Name(absolute.encode("ascii").split(b"."))


def _rdata(rdclass: int, rdtype: int, text: str, origin: dns.name.Name) -> dns.rdata.Rdata:
    """The dnspython rdata of checked text: the common types through their constructors (a
    tenth of the cost of dnspython's tokenizer), the others through ``dns.rdata.from_text``."""
    build = _BUILDERS.get(rdtype)
    if build is not None:
        # The reader joined the words with single spaces; any other character, a vertical tab
        # or a no-break space, is part of a word as dnspython reads it.
        return build(rdclass, rdtype, text.split(" "), origin)
    return dns.rdata.from_text(rdclass, rdtype, text, origin, relativize=False)


def _parse_address(text: str, rdtype: int) -> IPAddress:
    # The C parser first (a fifth of ipaddress's cost): the text is an address dnspython
    # accepted, so both read the same value from it; ipaddress has the last word otherwise.
    try:
        if rdtype == dns.rdatatype.A:
            return ipaddress.IPv4Address(socket.inet_pton(socket.AF_INET, text))
        return ipaddress.IPv6Address(socket.inet_pton(socket.AF_INET6, text))
    except OSError:
        return ipaddress.ip_address(text)


def _data_name(text: str, origin: dns.name.Name) -> dns.name.Name:
    """A name of checked record data, completed with the origin as dnspython completes it."""
    if text == "@":
        return origin
    if text.endswith("."):
        return _checked_name(text)
    return dns.name.Name(text.encode("ascii").split(b".") + list(origin.labels))


def _mx(rdclass: int, rdtype: int, words: list[str], origin: dns.name.Name) -> dns.rdata.Rdata:
    from dns.rdtypes.ANY.MX import MX

    return MX(rdclass, rdtype, int(words[0]), _data_name(words[1], origin))


def _target(rdclass: int, rdtype: int, words: list[str], origin: dns.name.Name) -> dns.rdata.Rdata:
    return _target_classes()[rdtype](rdclass, rdtype, _data_name(words[0], origin))


def _address_rdata(rdclass: int, rdtype: int, words: list[str], origin: dns.name.Name) -> dns.rdata.Rdata:
    if rdtype == dns.rdatatype.A:
        from dns.rdtypes.IN.A import A

        return A(rdclass, rdtype, words[0])
    from dns.rdtypes.IN.AAAA import AAAA

    return AAAA(rdclass, rdtype, words[0])


@lru_cache(maxsize=1)
def _target_classes() -> dict[int, type]:
    # Imported when a rule first asks for such data, not on every run's start-up.
    from dns.rdtypes.ANY.CNAME import CNAME
    from dns.rdtypes.ANY.DNAME import DNAME
    from dns.rdtypes.ANY.NS import NS
    from dns.rdtypes.ANY.PTR import PTR

    return {dns.rdatatype.NS: NS, dns.rdatatype.CNAME: CNAME, dns.rdatatype.PTR: PTR, dns.rdatatype.DNAME: DNAME}


_BUILDERS = {
    dns.rdatatype.MX: _mx,
    dns.rdatatype.A: _address_rdata,
    dns.rdatatype.AAAA: _address_rdata,
    dns.rdatatype.NS: _target,
    dns.rdatatype.CNAME: _target,
    dns.rdatatype.PTR: _target,
    dns.rdatatype.DNAME: _target,
}


class IssueKind(enum.Enum):
    """What kind of problem a reader found in its source. Readers know no rule ids: a relay
    rule reports each kind under its own id."""

    #: something that could not be read (a record, a directive, a YAML value)
    SYNTAX = "syntax"
    #: a YAML MX value with a missing, non-integer or out-of-range preference, or no exchange
    MX_VALUE = "mx-value"
    #: a YAML exchange written without a trailing dot and read as absolute
    RELATIVE_EXCHANGE = "relative-exchange"
    #: nothing names the zone (no declaration, SOA, $ORIGIN or domain-like file name): the
    #: run does not lint it, and says so
    UNNAMED = "unnamed"
    #: records of types mxlint does not know but a DNS server does (another server's type such
    #: as PowerDNS's ``LUA``, or a registered type dnspython cannot read): set aside, not
    #: judged; one issue per file
    UNKNOWN_TYPE = "unknown-type"
    #: records holding template placeholders (``{{serial}}``, ``<%= ip %>``, ``${host}``) that a
    #: tool fills in before the zone is served: set aside, not checked; one issue per file
    PLACEHOLDER = "placeholder"


@dataclass(frozen=True, slots=True)
class ReadIssue:
    """What a reader found wrong with the source itself, which only the source's text shows:
    by default something it could not read (``IssueKind.SYNTAX``)."""

    pos: Position
    message: str
    owner: dns.name.Name | None = None
    kind: IssueKind = IssueKind.SYNTAX
    #: the source may hold names the reader never saw (a refused ``$INCLUDE``, a document
    #: that could not be parsed, reading stopped): no rule may say a name of the zone is missing
    incomplete: bool = False

    def __post_init__(self) -> None:
        # A message quotes what it could not read, which may be 100,000 characters long (and
        # be quoted again for each of 65,536 records an alias repeats): kept at a line's length.
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", clipped(self.message, MAX_MESSAGE))


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment that mentions mxlint (only those can be directives). ``covers`` is the line a
    directive in it applies to: its own line, or for a comment alone on its line the next line
    with content."""

    pos: Position
    text: str
    covers: int


#: The DNS record types by name that a format's recogniser takes for record data.
RECORD_TYPES = frozenset(
    """A AAAA AFSDB APL AVC CAA CDNSKEY CDS CERT CNAME CSYNC DHCID DLV DNAME DNSKEY DS EUI48 EUI64
    GPOS HINFO HIP HTTPS IPSECKEY ISDN KEY KX L32 L64 LOC LP MB MD MF MG MINFO MR MX NAPTR NID NS
    NSAP NSAP-PTR NSEC NSEC3 NSEC3PARAM NULL NXT OPENPGPKEY PTR PX RP RRSIG RT SIG SMIMEA SOA SPF
    SRV SSHFP SVCB TA TLSA TXT URI WKS X25 ZONEMD""".split()
)


def is_null_mx(record: Record) -> bool:
    """An RFC 7505 null MX: the exchange is the root name (the root's key is empty)."""
    return not record.exchange_key


def text_key(checked: str) -> bytes:
    """``name_key`` of a name's text the reader checked (ASCII, no escapes): its bytes with
    letters lowered and dots made NUL, no ``Name`` made. An absolute name's text gives its
    key; a relative one's, the labels to put before the origin's key."""
    return b"" if checked == "." else checked.encode("ascii").translate(_KEY_BYTES)


_KEY_BYTES = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ.", b"abcdefghijklmnopqrstuvwxyz\x00")


def name_key(name: dns.name.Name) -> bytes:
    """A name's canonical key: its labels lower-cased (DNS compares ASCII without case) and
    joined by NUL. (A NUL inside a label reads as a label boundary; no host name has one.)"""
    return b"\x00".join(name.labels).lower()


# The last origin asked about, its key, and how a relative name's key ends below it (a
# tuple, replaced whole: threads never see half).
_last_origin: tuple[dns.name.Name, bytes, bytes] = (dns.name.root, b"", b"\x00")


def origin_key(origin: dns.name.Name) -> bytes:
    """``name_key`` of a record's origin. The records of a zone share one origin Name (a few
    with ``$ORIGIN``), and rules ask its key of every MX record: the last one's is kept."""
    last = _last_origin
    return (last if last[0] is origin else _remember_origin(origin))[1]


def _below_origin(origin: dns.name.Name) -> bytes:
    """How the key of a name relative to ``origin`` ends: NUL and the origin's key."""
    last = _last_origin
    return (last if last[0] is origin else _remember_origin(origin))[2]


def _remember_origin(origin: dns.name.Name) -> tuple[dns.name.Name, bytes, bytes]:
    global _last_origin
    key = name_key(origin)
    _last_origin = (origin, key, b"\x00" + key)
    return _last_origin
