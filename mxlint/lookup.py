"""DNS lookups with bounds: a timeout per query, bounded retries, a total budget, a bounded
number in flight, and each question asked once per run.

Only ``--live``, ``--axfr`` and ``--resolve`` get here; an offline run never imports this.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import dns.exception
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import dns.resolver

from mxlint.record import Position, Record, name_key

DEFAULT_TIMEOUT = 5.0
DEFAULT_BUDGET = 60.0
TRIES = 2
IN_FLIGHT = 8

#: What a name is looked up for: its alias and its addresses (a CNAME shows in either answer).
ADDRESS_TYPES = (dns.rdatatype.A, dns.rdatatype.AAAA)


@dataclass(frozen=True)
class Server:
    host: str
    port: int = 53

    @classmethod
    def parse(cls, text: str) -> Server:
        """``HOST``, ``HOST:PORT``, ``[IPV6]:PORT`` or a bare IPv6 address."""
        if text.startswith("["):
            host, _, rest = text[1:].partition("]")
            return cls(host, int(rest[1:]) if rest.startswith(":") else 53)
        if text.count(":") == 1:
            host, port = text.split(":")
            return cls(host, int(port))
        return cls(text)

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == 53 else f"{host}:{self.port}"


@dataclass
class Answer:
    """What one question got: records (possibly none: NODATA), NXDOMAIN, or a failure."""

    records: list[Record] = field(default_factory=list)
    nxdomain: bool = False
    failure: str | None = None
    cname: Record | None = None  # the alias record at the queried name, if it is one
    _seen: set[Record] = field(default_factory=set, repr=False, compare=False)

    def add(self, record: Record) -> None:
        """Add a record once: answers repeat the records of a shared alias chain."""
        if record not in self._seen:
            self._seen.add(record)
            self.records.append(record)


class Lookups:
    """Answers for names outside what the source itself holds; every question asked once."""

    def __init__(self, server: Server | None = None, timeout: float = DEFAULT_TIMEOUT, budget: float = DEFAULT_BUDGET) -> None:
        self.server = server
        self.timeout = timeout
        self.budget = budget
        self.deadline = time.monotonic() + budget
        # Answers by name key, then by type: the rules ask about names many times.
        self._answers: dict[bytes, dict[int, Answer]] = {}
        self._lock = threading.Lock()
        self._local = threading.local()

    # -- asking ---------------------------------------------------------------------------

    def ask(self, name: dns.name.Name, rdtype: int, where: str) -> Answer:
        """The answer to one question (asked at most once per run)."""
        key = name_key(name)
        with self._lock:
            known = self._answers.get(key, {}).get(rdtype)
        if known is not None:
            return known
        answer = self._query(name, rdtype, where)
        with self._lock:
            return self._answers.setdefault(key, {}).setdefault(rdtype, answer)

    def ask_all(self, questions: Iterable[tuple[dns.name.Name, int]], where: str, progress=None) -> None:  # noqa: ANN001
        """Ask many questions with a bounded number in flight."""
        unique = list(dict.fromkeys(questions))
        with ThreadPoolExecutor(max_workers=IN_FLIGHT) as pool:
            futures = [pool.submit(self.ask, name, rdtype, where) for name, rdtype in unique]
            for future in progress(futures, "looking up") if progress else futures:
                future.result()

    def _resolver(self) -> dns.resolver.Resolver:
        resolver = getattr(self._local, "resolver", None)
        if resolver is None:
            if self.server is None:
                resolver = dns.resolver.Resolver()  # the system's, from /etc/resolv.conf
            else:
                resolver = dns.resolver.Resolver(configure=False)
                resolver.nameservers = [self.server.host]
                resolver.port = self.server.port
            resolver.retry_servfail = False
            self._local.resolver = resolver
        return resolver

    def _query(self, name: dns.name.Name, rdtype: int, where: str) -> Answer:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            return Answer(failure="the lookup budget was spent before this question")
        resolver = self._resolver()
        resolver.timeout = self.timeout
        resolver.lifetime = min(self.timeout * TRIES, remaining)
        try:
            result = resolver.resolve(name, rdtype, search=False, raise_on_no_answer=False)
        except dns.resolver.NXDOMAIN:
            return Answer(nxdomain=True)
        except dns.resolver.LifetimeTimeout:
            return Answer(failure=f"no answer from {self._server_text()} within {resolver.lifetime:.0f} s")
        except dns.resolver.NoNameservers as error:
            return Answer(failure=_rcode_text(error) or f"{self._server_text()} gave no usable answer")
        except dns.exception.DNSException as error:
            return Answer(failure=f"{type(error).__name__}: {error}")
        return self._answer(name, result.response, where)

    def _answer(self, name: dns.name.Name, response: dns.message.Message, where: str) -> Answer:
        """The records a response holds for ``name`` itself; a CNAME at ``name`` is kept
        apart, and the records of its alias chain are stored under their own names. Records
        of any other name are not this question's answer and are dropped: a hostile server
        could stuff thousands into every response."""
        answer = Answer()
        chain = _alias_chain(name, response)
        for rrset in response.answer:
            if rrset.name not in chain:
                continue
            for rdata in rrset:
                record = Record(rrset.name, rrset.ttl, dns.rdatatype.RdataType.make(rrset.rdtype), rdata, Position(where, 1, 1), dns.name.root)
                if rrset.name != name:
                    with self._lock:
                        self._answers.setdefault(name_key(rrset.name), {}).setdefault(rrset.rdtype, Answer()).add(record)
                elif rrset.rdtype == dns.rdatatype.CNAME:
                    answer.cname = record
                else:
                    answer.records.append(record)
        return answer

    def _server_text(self) -> str:
        return str(self.server) if self.server else "the system resolver"

    # -- what rules see -------------------------------------------------------------------

    def _of(self, name: dns.name.Name) -> list[Answer]:
        """The answers about ``name``, in a stable order (by type)."""
        return [answer for _, answer in sorted(self._answers.get(name_key(name), {}).items())]

    def answered(self, name: dns.name.Name) -> bool:
        return name_key(name) in self._answers

    def failure(self, name: dns.name.Name) -> str | None:
        """Why some question about ``name`` failed, if one did."""
        return next((answer.failure for answer in self._of(name) if answer.failure), None)

    def exists(self, name: dns.name.Name) -> bool:
        return any(not answer.nxdomain for answer in self._of(name))

    def data(self, name: dns.name.Name, rdtype: int) -> list[Record]:
        if rdtype == dns.rdatatype.CNAME:
            return next(([answer.cname] for answer in self._of(name) if answer.cname), [])
        answer = self._answers.get(name_key(name), {}).get(rdtype)
        return list(answer.records) if answer else []


#: CNAME links followed in one answer (resolvers stop far earlier; this bounds a forged one).
MAX_CHAIN = 16


def _alias_chain(name: dns.name.Name, response: dns.message.Message) -> set[dns.name.Name]:
    """``name`` and the names its CNAMEs lead to within the response."""
    targets = {rrset.name: rrset[0].target for rrset in response.answer if rrset.rdtype == dns.rdatatype.CNAME and len(rrset)}
    chain = {name}
    while name in targets and len(chain) <= MAX_CHAIN:
        name = targets[name]
        if name in chain:
            break
        chain.add(name)
    return chain


def _rcode_text(error: dns.resolver.NoNameservers) -> str | None:
    # Each entry holds the server, the transport and what went wrong (an rcode text, an
    # exception or the response); the layout differs between dnspython versions.
    for entry in error.kwargs.get("errors", []):
        for part in entry:
            if isinstance(part, dns.message.Message):
                return f"the server answered {dns.rcode.to_text(part.rcode())}"
    return None
