"""The model every reader produces and every rule queries: the zone index and its questions
(records and positions are ``mxlint.record``'s)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

import dns.name
import dns.rdataclass
import dns.rdatatype

from mxlint import collector

# IPAddress, Position, Record, name_key and the reader's issues are part of this module's
# interface (rules and plugins import them from here); they live in mxlint.record.
from mxlint.record import Comment, IPAddress, IssueKind, Position, ReadIssue, Record, is_null_mx, name_key

if TYPE_CHECKING:
    from mxlint.lookup import Lookups
    from mxlint.source import Source


WILDCARD = b"*"

#: An opaque key of an exchange: equal for the same name in any letter case, in any zone.
#: Rules compare and group exchanges by it (across owners and zones) and never look inside.
ExchangeKey = bytes


class Target:
    """One exchange and the MX records that name it (in any letter case), in source order:
    of one owner (``MxSet.targets``) or of the whole zone (``Zone.exchanges``)."""

    # A plain class, not a dataclass: every run would build its methods at import (~1 ms).
    # Four slots take the same 64 bytes as three, and each byte counts 285,000 times on the
    # 1M bench zone.
    __slots__ = ("_records", "key", "answers", "node")

    def __init__(
        self,
        records: Record | Sequence[Record],
        key: ExchangeKey,
        answers: object = None,
        node: Record | tuple[Record, ...] | None = None,
    ) -> None:
        #: the record itself while the exchange has one (most of a big zone's), then a list
        self._records = records if type(records) is list or isinstance(records, Record) else _held(records)
        #: equal for the same exchange in any letter case, in any zone (see ``ExchangeKey``)
        self.key = key
        #: what the zone whose index made the target has written at the exchange, when that
        #: zone answers for the name from its own records, else None; and ``answers``, that
        #: zone's token for how it answers (``Zone._answers``), which a link to sibling zones
        #: renews. The questions rules ask of every exchange start from the node, without a
        #: lookup, while the token holds. (A token, not the zone: a reference cycle would keep
        #: a big zone's records alive until the collector's last pass, a second at exit.)
        self.answers, self.node = answers, node

    @property
    def records(self) -> Sequence[Record]:
        """The records that name the exchange, in source order."""
        records = self._records
        return records if type(records) is list else (records,)

    def add(self, record: Record) -> None:
        """Another record that names the exchange, after the ones it has."""
        records = self._records
        if type(records) is list:
            records.append(record)
        else:
            self._records = [records, record]

    @property
    def exchange(self) -> dns.name.Name:
        """The name as it was first written: made each time a rule asks (most exchanges of a
        big zone are judged by their key alone, and a ``Name`` costs ~200 bytes)."""
        return self.first.exchange

    def __repr__(self) -> str:
        return f"Target({self.exchange}, {len(self.records)} records)"

    @property
    def first(self) -> Record:
        records = self._records
        return records[0] if type(records) is list else records

    @property
    def best(self) -> Record:
        """The first of its records with the lowest preference (the one senders try first)."""
        records = self._records
        return min(records, key=_preference) if type(records) is list else records

    @property
    def preference(self) -> int:
        """The lowest preference the exchange is listed with."""
        return self.best.preference


class MxSet:
    """The MX records of one owner: ``records`` as written (duplicates kept), ``null`` the
    null MX records among them, ``targets`` every other record grouped by exchange, in the
    order the exchanges first appear."""

    __slots__ = ("records", "null", "targets", "key")  # a plain class, as Target (four slots as cheap as three)

    def __init__(self, records: Sequence[Record], null: Sequence[Record], targets: Sequence[Target], key: bytes | None = None) -> None:
        self.records, self.null, self.targets = records, null, targets
        #: the owner's key (``Record.key``): ``Zone.rrset`` takes it as it takes the owner
        self.key = key if key is not None or not records else records[0].key

    def __repr__(self) -> str:
        return f"MxSet({self.owner}, {len(self.records)} records)"

    @property
    def first(self) -> Record:
        return self.records[0]

    @property
    def owner(self) -> dns.name.Name:
        # Made when a rule asks (mostly to word a finding): most owners' never are.
        return self.records[0].owner

    @property
    def is_wildcard(self) -> bool:
        """Whether the owner is a wildcard (``Zone.is_wildcard``), told from its key first."""
        return self.key.startswith(WILDCARD + b"\x00") and Zone.is_wildcard(self.owner)

    @property
    def hosts(self) -> list[Record]:
        """The records that name a host (every one but the null MX), in source order."""
        return [record for record in self.records if not is_null_mx(record)]

    @property
    def exchanges(self) -> list[dns.name.Name]:
        """The distinct exchanges, as first written, in the order they first appear."""
        return [target.exchange for target in self.targets]

    @property
    def exchange_set(self) -> frozenset[ExchangeKey]:
        """Equal for two owners (of any zone) that name the same exchanges in any letter case."""
        return frozenset(target.key for target in self.targets)

    def at_preference(self) -> dict[int, list[Record]]:
        """Each preference with the first record of each distinct exchange listed at it, in
        source order (null MX aside): the exchanges a sender picks between at random."""
        groups: dict[int, dict[ExchangeKey, Record]] = {}
        for record in self.records:
            key = record.exchange_key
            if key:  # the root's key is empty: a null MX
                groups.setdefault(record.preference, {}).setdefault(key, record)
        return {preference: list(group.values()) for preference, group in groups.items()}


def _preference(record: Record) -> int:
    return record.preference


def _held(records: Sequence[Record]) -> Record | list[Record]:
    """Records as a ``Target`` holds them: the record itself when there is one, else a list."""
    return records[0] if len(records) == 1 else list(records)


#: The null MX records of the many owners that have none: one shared empty sequence.
NO_RECORDS: tuple[Record, ...] = ()


class _MxIndex:
    """A zone's MX records grouped in one pass, in source order, each exchange key computed
    once: by owner (``sets``) and zone-wide by exchange (``exchanges``). An exchange that one
    owner alone names (most of them) has one ``Target``, shared by the owner's set and the
    zone's list; an exchange several owners name has one per owner and one for the zone.
    Each target knows what the zone has written at its exchange when the zone answers for it
    from its own records (``Target.node``), and is then keyed by the owner's own key object
    (one less bytes object per exchange, and later lookups compare by identity)."""

    __slots__ = ("sets", "exchanges", "hosts", "host_targets", "shared")

    def __init__(self, zone: Zone, mx_records: Iterable[Record]) -> None:
        sets: dict[bytes, MxSet] = {}
        exchanges: dict[ExchangeKey, Target] = {}  # insertion order: first appearance
        shared: set[ExchangeKey] = set()  # the exchanges more than one owner names (few)
        owned: dict[tuple[bytes, ExchangeKey], Target] = {}  # their targets in each owner's set
        first_owners: set[bytes] = set()  # the owners that named one of them first
        hosts: list[Record] = []
        host_targets: list[Target] = []
        answers = zone._answers
        # A zone that no sibling or lookup answers for answers every name from its own records.
        written_at = zone._nodes.get if not zone._authorities and zone.lookups is None else zone._written_at
        add_host, add_host_target = hosts.append, host_targets.append
        mx, owner_seen = None, None
        for record in mx_records:
            owner = record.key
            if owner is not owner_seen:  # an owner's records mostly follow each other, sharing a key
                mx = sets.get(owner)
                if mx is None:
                    mx = sets[owner] = MxSet([], NO_RECORDS, [], owner)
                owner_seen = owner
            mx.records.append(record)
            key = record.exchange_key
            if not key:  # the root: a null MX
                if mx.null is NO_RECORDS:
                    mx.null = []
                mx.null.append(record)
                continue
            add_host(record)
            target = exchanges.get(key)
            if target is None:  # the first record to name it: the owner's target is the zone's
                node = written_at(key)
                if node is not None:
                    key = (node if type(node) is not tuple else node[0]).key
                target = exchanges[key] = Target(record, key, answers, node)
                mx.targets.append(target)
            elif key not in shared and target.first.key == owner:
                target.add(record)  # still named by this owner alone
            else:
                key = target.key
                if key not in shared:
                    # A second owner names it: the zone keeps the target (the records before
                    # point at it), and the first owner's set gets a copy of its own.
                    shared.add(key)
                    first_owner = target.first.key
                    owned[(first_owner, key)] = Target(_held(target.records), key, answers, target.node)
                    first_owners.add(first_owner)
                target.add(record)
                mine = owned.get((owner, key))
                if mine is None:
                    mine = owned[(owner, key)] = Target(record, key, answers, target.node)
                    mx.targets.append(mine)
                else:
                    mine.add(record)
            add_host_target(target)
        for first_owner in first_owners:  # their sets still hold the zone's targets: the copies go in
            mx = sets[first_owner]
            mx.targets = [owned.get((first_owner, target.key), target) for target in mx.targets]
        for mx in sets.values():  # grown by appending, a list holds room to spare
            mx.records, mx.targets = tuple(mx.records), tuple(mx.targets)
        self.sets = list(sets.values())
        self.exchanges = list(exchanges.values())
        self.hosts, self.host_targets, self.shared = hosts, host_targets, shared


_A, _AAAA = dns.rdatatype.A, dns.rdatatype.AAAA
_ADDRESS_TYPES = (_A, _AAAA)
_IN = dns.rdataclass.IN
_CNAME, _DNAME, _NS, _MX = dns.rdatatype.CNAME, dns.rdatatype.DNAME, dns.rdatatype.NS, dns.rdatatype.MX
#: Owners of more records than this are asked by type through an index (``Zone._of_types``).
_BIG_NODE = 32
#: The types ``by_type`` is asked for in every run (zone cuts, DNAMEs, MX sets, MX104's CNAMEs)
_INDEXED_TYPES = (_MX, _NS, _DNAME, _CNAME)


class Zone:
    """The records of one zone with the lookups rules need.

    Lookups follow DNS semantics within the zone: names compare case-insensitively, an
    empty non-terminal exists without data, and a name that does not exist but is covered
    by a wildcard (RFC 4592) has the wildcard's data.

    Names the records do not cover can be answered by ``lookups`` (``--resolve``: names
    outside the zone; live DNS: every name but the apex, whose records are the zone's).
    A name whose lookup failed is not known, so no rule judges it.
    """

    def __init__(
        self,
        origin: dns.name.Name,
        path: str,
        records: Iterable[Record] = (),
        comments: Iterable[Comment] = (),
        errors: Iterable[ReadIssue] = (),
        lookups: Lookups | None = None,
        looked_up_below_apex: bool = False,
        aliases: Iterable[dns.name.Name] | Mapping[dns.name.Name, Position] = (),
        included: Iterable[str] = (),
        files: Iterable[str] | None = None,
        source: Source | None = None,
        view: str | None = None,
        internal: bool = False,
    ) -> None:
        self.origin = origin
        self.path = path
        #: the source the zone was read from, through which fixes reach its text; ``None`` for
        #: data without a text (live DNS, a transfer)
        self.source = source
        #: the paths of the files the zone was read from, as positions name them, the top file
        #: (or a split directory's first) first
        self.files: list[str] = list(files) if files is not None else [path]
        #: the view of the server's configuration the zone is served in (``None``: no views);
        #: zones of one view answer each other's questions, never another view's
        self.view = view
        #: only internal clients match the zone's view: addresses the Internet cannot reach
        #: are what it is for
        self.internal = internal
        #: the other zones of the run with this origin in this view (set by ``link``): copies
        #: that shadow each other; only one a configuration declares answers the other zones
        self.copies: list[Zone] = []
        #: real paths of the files this zone's source included: they are checked as part of
        #: it, so a run does not check them again on their own
        self.included: set[str] = set(included)
        self.records: list[Record] = list(records)
        self.comments: list[Comment] = list(comments)
        self.errors: list[ReadIssue] = list(errors)
        self.lookups = lookups
        self.looked_up_below_apex = looked_up_below_apex
        #: owners of octoDNS ALIAS records (``ALIAS``, ``Route53Provider/ALIAS``): a provider
        #: gives them addresses that the source does not show. A reader that knows where each
        #: ALIAS is written passes a mapping, so that a rule can point at it.
        self.aliases: dict[dns.name.Name, Position | None] = dict(aliases) if isinstance(aliases, Mapping) else dict.fromkeys(aliases)
        self.alias_keys: set[bytes] = {name_key(name) for name in self.aliases}
        self._owners: dict[int, list[tuple[dns.name.Name, list[Record]]]] = {}
        self._by_type: dict[int, list[Record]] = {}
        self._typed_nodes: dict[bytes, dict[int, tuple[Record, ...]]] = {}
        self._authorities: dict[bytes, Zone] = {}
        self._authority_depth = 0  # labels of the deepest apex that may answer (``link``)
        self._encloses = False  # another zone of the run lies below this one
        #: renewed whenever the zones that answer this one's questions change (``link``): the
        #: targets of an index made before then no longer answer from what they hold
        self._answers = object()

    @property
    def unnamed(self) -> bool:
        """Whether nothing named the zone (its origin is then the root, and it is not linted)."""
        return any(issue.kind is IssueKind.UNNAMED for issue in self.errors)

    @cached_property
    def complete(self) -> bool:
        """Whether the reader saw every name of the source (a refused ``$INCLUDE`` may have
        held any name's data, so no rule may then say a name of the zone lacks it)."""
        return not any(issue.incomplete for issue in self.errors)

    @cached_property
    def _unread_keys(self) -> set[bytes]:
        """Owners with a record the reader could not read: their data is not all known."""
        return {name_key(issue.owner) for issue in self.errors if issue.kind is IssueKind.SYNTAX and issue.owner is not None}

    @staticmethod
    def link(zones: Iterable[Zone]) -> None:
        """Let the zones of one run answer each other's questions: a name inside a sibling
        zone (the deepest one whose apex is at or above it) is answered from that zone's
        records, offline, as a lookup would answer it. One index per view, shared by the
        zones of that view (a server's view answers its clients from its own zones only)."""
        views: dict[str | None, list[Zone]] = {}
        for zone in zones:
            views.setdefault(zone.view, []).append(zone)
        for group in views.values():
            Zone._link_view(group)

    @staticmethod
    def _link_view(zones: list[Zone]) -> None:
        # Not the root: a source whose origin is unknown (or a file not read) answers for nothing.
        authorities: dict[bytes, Zone] = {}
        copies: dict[bytes, list[Zone]] = {}
        for zone in zones:
            zone.copies = []
            key = zone._origin_key
            if key and not zone.looked_up_below_apex:
                copies.setdefault(key, []).append(zone)
                authorities.setdefault(key, zone)
        for key, same in copies.items():
            if len(same) > 1:
                # Two files of one zone: the one a configuration declares answers the other
                # zones' questions; when that is not one file, none does (which file a server
                # loads is not in the files, and a rename must not move findings).
                declared = [zone for zone in same if zone.source is not None and zone.source.served is not None]
                if len(declared) == 1:
                    authorities[key] = declared[0]
                else:
                    del authorities[key]
                for zone in same:
                    zone.copies = [other for other in same if other is not zone]
        if len(authorities) < 2:
            authorities = {}  # a zone alone answers for itself
        enclosing: set[bytes] = set()  # the apexes with another zone of the run below them
        for key in authorities:
            while key:
                key = _parent(key)
                if key in authorities:
                    enclosing.add(key)
        depth = max((_labels(key) for key in authorities), default=0)
        for zone in zones:
            zone._authorities = authorities
            zone._authority_depth = max(depth, _labels(zone._origin_key))
            zone._encloses = zone._origin_key in enclosing
            # Targets know what their zone answers at their exchange: the answer may now differ.
            zone._answers = object()
            zone.__dict__.pop("_mx_index", None)

    def authority(self, name: dns.name.Name) -> Zone:
        """The zone of the run that is authoritative for ``name``: the one with the deepest
        apex at or above it (this zone when no sibling is closer)."""
        return self._authority_of(name_key(name))

    def _answering(self, name: dns.name.Name | Target) -> tuple[Zone, bytes, Record | tuple[Record, ...] | None]:
        """The zone that answers questions about ``name``, the name's key, and the records
        written at ``name`` when that zone answers from them (an owner, not answered by
        lookups; else None): every DNS question starts here, so the key is computed once per
        question (a ``Target`` has it, and mostly its records too). ``cname``, ``has_address``
        and ``address_records``, which rules ask of every exchange, test for the first answer
        themselves: the call cost them a quarter of their time."""
        if isinstance(name, Target):
            node = name.node
            if node is not None and name.answers is self._answers and self.lookups is None:
                return self, name.key, node  # found when the index was made, and still true
            return self._answering_key(name.key)
        return self._answering_key(name_key(name))

    def _answering_key(self, key: bytes) -> tuple[Zone, bytes, Record | tuple[Record, ...] | None]:
        """``_answering`` of the name of ``key``."""
        zone = self._authority_of(key)
        return zone, key, zone._nodes.get(key) if zone.lookups is None else None

    def _written_at(self, key: bytes) -> Record | tuple[Record, ...] | None:
        """What this zone has written at the owner of ``key`` when it answers for the name from
        its own records (not a sibling zone, not a lookup), else None."""
        zone, _, node = self._answering_key(key)
        return node if zone is self else None

    def _authority_of(self, key: bytes) -> Zone:
        if not self._authorities:
            return self
        origin = self._origin_key
        if not self._encloses and (key == origin or _below(key, origin)):
            return self  # most questions are about the zone's own names
        # No apex of the run is deeper than ``_authority_depth`` labels: a name 115 labels deep
        # starts there, not at each of its 115 ancestors (each a copy of the rest of the key).
        key = _ancestor(key, self._authority_depth)
        while True:
            zone = self._authorities.get(key)
            if zone is not None:
                return zone if zone._origin_key != origin else self
            if not key or key == origin:
                return self
            key = _parent(key)

    def issues(self, kind: IssueKind) -> list[ReadIssue]:
        """The reader's issues of one kind."""
        return [issue for issue in self.errors if issue.kind is kind]

    # -- the index ------------------------------------------------------------------------
    # Names are indexed by a canonical byte key: hashing and comparing dnspython Names costs
    # twenty times more, and a big zone asks millions of questions.

    @cached_property
    def _origin_key(self) -> bytes:
        return name_key(self.origin)

    @cached_property
    def _nodes(self) -> dict[bytes, Record | tuple[Record, ...]]:
        """The records of each owner: the record itself for an owner of one (most of a big
        zone's owners), else a tuple (owners hold few records: filtering by type is cheap)."""
        nodes: dict[bytes, Record | list[Record]] = {}
        with collector.paused():
            for record in self.records:
                key = record.key
                node = nodes.get(key)
                if node is None:
                    nodes[key] = record
                elif type(node) is list:
                    node.append(record)
                else:
                    nodes[key] = [node, record]
            # Lists grown by appending hold room to spare: a tuple of three records is half
            # the size (the freed blocks are the next index's to reuse).
            for key, node in nodes.items():
                if type(node) is list:
                    nodes[key] = tuple(node)
        return nodes

    def _of_types(self, key: bytes, node: tuple[Record, ...], rdtypes: Sequence[int]) -> list[Record]:
        """The records of ``rdtypes`` (type after type) in the node of ``key``. An owner of many
        records is asked through its records grouped by type: a question about it would
        otherwise read all of them, once for every MX record that names it (``$GENERATE 0-65535
        a MX 10 a``: four billion reads)."""
        if len(node) <= _BIG_NODE:
            return [record for rdtype in rdtypes for record in node if record.rdtype == rdtype]
        typed = self._typed(key, node)
        return [record for rdtype in rdtypes for record in typed.get(rdtype, ())]

    def _typed(self, key: bytes, node: tuple[Record, ...]) -> dict[int, tuple[Record, ...]]:
        """The records of a big node by type, in source order (grouped the first time it is asked)."""
        typed = self._typed_nodes.get(key)
        if typed is None:
            grouped: dict[int, list[Record]] = {}
            for record in node:
                grouped.setdefault(record.rdtype, []).append(record)
            typed = self._typed_nodes[key] = {rdtype: tuple(records) for rdtype, records in grouped.items()}
        return typed

    def _node(self, key: bytes | None) -> Sequence[Record]:
        """The records written at the owner of ``key`` (none for None)."""
        node = self._nodes.get(key)
        if node is None:
            return ()
        return node if type(node) is tuple else (node,)

    @cached_property
    def _empty_nonterminals(self) -> set[bytes]:
        """The names between an owner and the apex that own nothing (few: a set of every
        existing name would cost a big zone 20 MB)."""
        empty: set[bytes] = set()
        nodes = self._nodes
        # ``_below`` and ``_parent`` written out: they ran once or twice for each owner (a key
        # ends with this suffix only strictly below the apex: no label is empty).
        below_apex = b"\x00" + self._origin_key
        for key in nodes:
            while key.endswith(below_apex):
                key = key.partition(b"\x00")[2]
                if key in nodes or key in empty:
                    break
                empty.add(key)
        return empty

    @cached_property
    def _deepest_owner(self) -> int:
        """The labels of the zone's deepest owner (asked only about deep names)."""
        return max((_labels(key) for key in self._nodes), default=0)

    def _exists_key(self, key: bytes) -> bool:
        """Whether the name of ``key`` is an owner or an empty non-terminal."""
        return key in self._nodes or key in self._empty_nonterminals

    @cached_property
    def _cut_keys(self) -> set[bytes]:
        """Owners of NS records below the apex (delegation points)."""
        return {r.key for r in self.by_type(_NS)} - {self._origin_key}

    @cached_property
    def _dname_keys(self) -> set[bytes]:
        return {r.key for r in self.by_type(_DNAME)}

    def by_type(self, rdtype: int) -> list[Record]:
        """All records of a type, in source order."""
        # Only the types asked for (MX, NS, DNAME, CNAME in every run): a list of every type
        # would keep a reference to every record of the zone (6 MB on the 1M bench zone).
        found = self._by_type.get(rdtype)
        if found is None:
            if rdtype in _INDEXED_TYPES:  # the index asks for each: one pass for all of them
                lists: dict[int, list[Record]] = {indexed: [] for indexed in _INDEXED_TYPES}
                for record in self.records:
                    same_type = lists.get(record.rdtype)
                    if same_type is not None:
                        same_type.append(record)
                self._by_type.update(lists)
                return lists[rdtype]
            found = self._by_type[rdtype] = [record for record in self.records if record.rdtype == rdtype]
        return found

    def owners(self, rdtype: int) -> list[tuple[dns.name.Name, list[Record]]]:
        """Each owner with its records of ``rdtype`` (an RRset as written, duplicates kept)."""
        found = self._owners.get(rdtype)
        if found is None:
            found = self._owners[rdtype] = [(records[0].owner, records) for records in self._rrsets(rdtype)]
        return found

    def _rrsets(self, rdtype: int) -> list[list[Record]]:
        keys = dict.fromkeys(record.key for record in self.by_type(rdtype))
        return [self.rrset(key, rdtype) for key in keys]

    # -- MX questions ---------------------------------------------------------------------

    @cached_property
    def _mx_index(self) -> _MxIndex:
        with collector.paused():
            return _MxIndex(self, self.by_type(_MX))

    def mx_sets(self) -> list[MxSet]:
        """Each owner's MX set, owners in the order their first MX record appears."""
        return self._mx_index.sets

    def mx_hosts(self) -> list[Record]:
        """Every MX record that names a host (null MX aside), in source order."""
        return self._mx_index.hosts

    def mx_host_targets(self) -> list[Target]:
        """The ``Target`` of each record of ``mx_hosts``, in the same order: a rule that judges
        each record by its exchange reads the record (``mx_hosts()[position]``) only when its
        target is in question, without touching the others."""
        return self._mx_index.host_targets

    def mx_targets(self) -> Iterator[tuple[Record, Target]]:
        """Every MX record that names a host, in source order, with its exchange's ``Target``
        (one per distinct exchange): the zone's questions take the target as they take a name,
        without a ``Name`` per record."""
        return zip(self._mx_index.hosts, self._mx_index.host_targets)

    def exchanges(self) -> list[Target]:
        """The zone's distinct exchanges (null MX aside) with every MX record naming each,
        across owners: for a rule that judges an exchange once however many records name it."""
        return self._mx_index.exchanges

    def shared_exchanges(self) -> frozenset[ExchangeKey]:
        """The keys of the exchanges that two owners or more of the zone name (few)."""
        return frozenset(self._mx_index.shared)

    @staticmethod
    def is_wildcard(name: dns.name.Name) -> bool:
        """Whether ``name`` is a wildcard owner (its first label is ``*``, RFC 4592)."""
        return bool(name.labels) and name.labels[0] == WILDCARD

    def rrset(self, owner: dns.name.Name | bytes, rdtype: int) -> list[Record]:
        """The records of ``rdtype`` written at exactly ``owner`` (no wildcard expansion):
        a name, or an owner's key (``Record.key``, ``MxSet.key``)."""
        key = owner if isinstance(owner, bytes) else name_key(owner)
        node = self._nodes.get(key)
        if type(node) is not tuple:
            return [node] if node is not None and node.rdtype == rdtype else []
        return self._of_types(key, node, (rdtype,))

    def at(self, owner: dns.name.Name) -> list[Record]:
        """Every record written at exactly ``owner``."""
        return list(self._node(name_key(owner)))

    def owns(self, name: dns.name.Name | Target) -> bool:
        """Whether records are written at exactly ``name`` in this zone (``at`` is not empty)."""
        return (name.key if isinstance(name, Target) else name_key(name)) in self._nodes

    # -- DNS questions --------------------------------------------------------------------

    def contains(self, name: dns.name.Name) -> bool:
        """Whether ``name`` is at or below the apex (the zone is authoritative or delegates)."""
        return self._contains_key(name_key(name))

    def _contains_key(self, key: bytes) -> bool:
        return key == self._origin_key or _below(key, self._origin_key)

    def _looked_up(self, name: dns.name.Name | Target, key: bytes) -> bool:
        """Whether ``name`` is answered by lookups rather than by the records."""
        if self.lookups is None:
            return False
        name = _name(name)
        covered = name != self.origin if self.looked_up_below_apex else not self._contains_key(key)
        return covered and self.lookups.answered(name)

    # Each question below is answered by the zone ``_answering`` names (this one or a sibling).
    # It takes a name or a ``Target``, whose key spares making a Name per exchange.

    def knows(self, name: dns.name.Name | Target) -> bool:
        """Whether the zone can tell what exists at ``name``: it is in the zone (or a sibling
        zone of the run) and the zone was read completely, or it was looked up successfully."""
        zone, key, _ = self._answering(name)
        if zone._looked_up(name, key):
            return zone.lookups.failure(_name(name)) is None
        if not zone.complete or key in zone._unread_keys:
            return False
        # Equal names have equal keys: the Name comparison only confirms a likely match.
        return zone._contains_key(key) and not zone.looked_up_below_apex or (key == zone._origin_key and _name(name) == zone.origin)

    def exists(self, name: dns.name.Name | Target) -> bool:
        """Whether ``name`` exists: as an owner, as an empty non-terminal, through a
        wildcard, or by a lookup's answer."""
        zone, key, _ = self._answering(name)
        if zone._looked_up(name, key):
            return zone.lookups.exists(_name(name))
        return zone._exists_key(key) or zone._wildcard_for(key) is not None

    def data(self, name: dns.name.Name | Target, rdtype: int) -> list[Record]:
        """The records of ``rdtype`` a query for ``name`` would be answered from: the name's
        own, a covering wildcard's when the name does not exist (RFC 4592), a sibling zone's,
        or a lookup's."""
        zone, key, _ = self._answering(name)
        return zone._data(name, key, rdtype)

    def _data(self, name: dns.name.Name | Target, key: bytes, *rdtypes: int) -> list[Record]:
        """``data`` of one or more types (type after type) once this zone answers for ``name``."""
        # The general way: names the MX index has not answered (not owners of this zone, or
        # answered by a sibling zone or a lookup) and every question asked with a Name.
        if self.lookups is not None and self._looked_up(name, key):
            return [record for rdtype in rdtypes for record in self.lookups.data(_name(name), rdtype)]
        node = self._nodes.get(key)
        if node is None:
            if key in self._empty_nonterminals:
                return []
            wildcard = self._wildcard_for(key)  # a name that does not exist: a wildcard's data
            node = self._nodes.get(wildcard) if wildcard is not None else None
            if node is None:
                return []
            key = wildcard
        if type(node) is not tuple:  # an owner of one record
            return [node] if node.rdtype in rdtypes else []
        return self._of_types(key, node, rdtypes)

    def cname(self, name: dns.name.Name | Target) -> dns.name.Name | None:
        """The CNAME target of ``name`` in the zone, if it owns one."""
        if type(name) is Target and name.node is not None and name.answers is self._answers and self.lookups is None:
            zone, key, node = self, name.key, name.node  # ``_answering``'s first answer (keep the tests equal)
        else:
            zone, key, node = self._answering(name)
        if node is None:
            records = zone._data(name, key, _CNAME)
            return records[0].rdata.target if records else None
        if type(node) is not tuple:
            return node.rdata.target if node.rdtype == _CNAME else None
        if len(node) > _BIG_NODE:
            node = zone._of_types(key, node, (_CNAME,))
        for record in node:
            if record.rdtype == _CNAME:
                return record.rdata.target
        return None

    def addresses(self, name: dns.name.Name | Target) -> list[IPAddress]:
        """The IN A and AAAA addresses of ``name`` in the zone, in source order."""
        # Not kept: parsing again costs less than keeping an object per address of a big zone.
        return [record.address for record in self.address_records(name)]

    def address_records(self, name: dns.name.Name | Target) -> list[Record]:
        """The IN A and AAAA records of ``name`` in the zone, in source order (their
        ``address_text`` is the address as written, without parsing it)."""
        if type(name) is Target and name.node is not None and name.answers is self._answers and self.lookups is None:
            zone, key, node = self, name.key, name.node  # ``_answering``'s first answer (keep the tests equal)
        else:
            zone, key, node = self._answering(name)
        if node is None:
            return [record for record in zone._data(name, key, _A, _AAAA) if record.rdclass == _IN]
        if type(node) is not tuple:  # an owner of one record
            return [node] if node.rdtype in _ADDRESS_TYPES and node.rdclass == _IN else []
        if len(node) > _BIG_NODE:
            return [record for record in zone._of_types(key, node, _ADDRESS_TYPES) if record.rdclass == _IN]
        # One loop, not two comprehensions (each a call): half the time of a two-record owner.
        found: list[Record] = []
        aaaa: list[Record] = []
        for record in node:
            if record.rdclass == _IN:
                rdtype = record.rdtype
                if rdtype == _A:
                    found.append(record)
                elif rdtype == _AAAA:
                    aaaa.append(record)
        if aaaa:
            found += aaaa
        return found

    def has_address(self, name: dns.name.Name | Target) -> bool:
        """Whether ``name`` has an IN A or AAAA record, or an ALIAS that gives it addresses."""
        if type(name) is Target and name.node is not None and name.answers is self._answers and self.lookups is None:
            zone, key, node = self, name.key, name.node  # ``_answering``'s first answer (keep the tests equal)
        else:
            zone, key, node = self._answering(name)
        if key in zone.alias_keys:
            return True
        # A loop, not any() over a generator: MX103 asks this of every MX record.
        if node is None:
            node = zone._data(name, key, _A, _AAAA)
        elif type(node) is not tuple:  # an owner of one record
            return node.rdtype in _ADDRESS_TYPES and node.rdclass == _IN
        elif len(node) > _BIG_NODE:
            typed = zone._typed(key, node)
            return any(record.rdclass == _IN for rdtype in _ADDRESS_TYPES for record in typed.get(rdtype, ()))
        for record in node:
            if record.rdtype in _ADDRESS_TYPES and record.rdclass == _IN:
                return True
        return False

    def has_alias(self, name: dns.name.Name | Target) -> bool:
        """Whether ``name`` owns an octoDNS ALIAS: it has addresses the source does not list."""
        zone, key, _ = self._answering(name)
        return key in zone.alias_keys

    def zone_cut(self, name: dns.name.Name | Target) -> dns.name.Name | None:
        """The delegation point (an NS owner below the apex) at or above ``name``, if any."""
        zone, key, _ = self._answering(name)
        return zone._nearest(key, zone._cut_keys, include_self=True)

    def has_dnames(self) -> bool:
        """Whether this zone, or a sibling zone of the run that answers for some of its names,
        has a DNAME record: without one, no name lies below a DNAME (``dname_above``)."""
        return bool(self._dname_keys) or any(zone._dname_keys for zone in self._authorities.values())

    def dname_above(self, name: dns.name.Name | Target) -> dns.name.Name | None:
        """The owner of a DNAME strictly above ``name`` that rewrites it, if any."""
        zone, key, _ = self._answering(name)
        return zone._nearest(key, zone._dname_keys, include_self=False)

    def _nearest(self, key: bytes, owners: set[bytes], include_self: bool) -> dns.name.Name | None:
        origin = self._origin_key
        if not owners or not (key == origin or _below(key, origin)):
            return None
        if not include_self:
            if key == origin:
                return None
            key = _parent(key)
        while True:
            if key in owners:
                return self._node(key)[0].owner
            if key == origin:
                return None
            key = _parent(key)

    def _wildcard_for(self, key: bytes) -> bytes | None:
        """The key of the wildcard that synthesises a name that does not exist: ``*`` below
        its closest encloser."""
        origin = self._origin_key
        if not _below(key, origin):
            return None
        encloser = _parent(key)
        if encloser.count(b"\x00") > 8:  # deep: no name deeper than the deepest owner exists
            encloser = _ancestor(encloser, self._deepest_owner)
        while not self._exists_key(encloser):
            if encloser == origin:
                return None
            encloser = _parent(encloser)
        wildcard = b"*\x00" + encloser
        return wildcard if wildcard in self._nodes else None


def _labels(key: bytes) -> int:
    """How many labels the name of ``key`` has (the root none)."""
    return key.count(b"\x00") + 1 if key else 0


def _ancestor(key: bytes, labels: int) -> bytes:
    """The key of the ancestor of ``key``'s name that has ``labels`` labels (the name itself
    when it has no more), found from the end without copying the labels in between."""
    end = len(key)
    for _ in range(labels):
        end = key.rfind(b"\x00", 0, end)
        if end < 0:
            return key
    return key[end + 1 :]


def _name(name: dns.name.Name | Target) -> dns.name.Name:
    """The ``Name`` a question is about: a target's is made only on the paths that need one."""
    return name.exchange if isinstance(name, Target) else name


def _below(key: bytes, ancestor: bytes) -> bool:
    """Whether the name of ``key`` lies strictly below the name of ``ancestor``."""
    return key.endswith(b"\x00" + ancestor) and len(key) > len(ancestor) + 1 if ancestor else bool(key)


def _parent(key: bytes) -> bytes:
    return key.partition(b"\x00")[2]
