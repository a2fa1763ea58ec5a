"""What a DNS server's configuration declares: its zones (name, file, view), read as the
server reads them. The configuration readers (``mxlint.formats.bind``, ``nsd``, ``knot``,
``powerdns``) produce ``Declarations``; nothing is executed, no server is started.

Paths are kept as the configuration writes them (``file`` and ``directory``), with the
configuration file that wrote them: where they lead on this machine is decided when the zones
are read (a repository's ``directory "/etc/bind"`` is usually the checkout, not the host).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import dns.name

from mxlint.record import Position, ReadIssue

#: Servers whose configuration declares zones.
SERVERS = ("bind", "powerdns", "nsd", "knot")


@dataclass(frozen=True)
class DeclaredZone:
    """One primary zone a configuration declares."""

    #: the zone's apex, absolute
    name: dns.name.Name
    #: the zone file as the configuration writes it (relative paths resolve against ``directory``)
    file: str
    #: the server whose configuration declared it: ``bind``, ``powerdns``, ``nsd`` or ``knot``
    server: str
    #: where the zone is declared (the configuration file, line and column of its statement)
    pos: Position
    #: the directory relative paths resolve against as written (BIND's ``options { directory }``,
    #: NSD's ``zonesdir``, Knot's ``storage``); ``None``: the configuration file's own directory
    directory: str | None = None
    #: the view the zone is in (BIND), ``None`` when the configuration has no views
    view: str | None = None
    #: the view is matched only by internal clients (``match-clients`` names no public address
    #: and not ``any``): addresses no one on the Internet reaches are what it is for
    internal: bool = False
    #: the class written, when not IN (``CH`` zones are no mail routing)
    rdclass: str = "IN"


@dataclass
class Declarations:
    """What one configuration (and the files it includes) declares."""

    #: the server it configures
    server: str
    #: the configuration files read, the top one first
    files: list[str] = field(default_factory=list)
    #: the primary zones, in the order they are declared
    zones: list[DeclaredZone] = field(default_factory=list)
    #: what could not be read, at its place in the configuration (a syntax error, an include
    #: refused); reading goes on where it can
    issues: list[ReadIssue] = field(default_factory=list)
