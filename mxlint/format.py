"""What an input format is: the contract every format implements, the built-in ones
(``mxlint.formats``: zone files, octoDNS YAML, native YAML) and the plugins of the entry-point
group ``mxlint.formats``.

A format says which file names it claims, how it recognises its content, how it reads a
source into zones, how a comment is written in it (suppressions are comments), and where a
record's fields sit in its text (for fixes, and for the range a finding covers).

    class CsvFormat(Format):
        name = "csv"
        patterns = ("*.csv",)
        comment = "#"

        def read(self, source: Source) -> list[Zone]: ...

    FORMAT = CsvFormat()

A format module is imported when a path first needs it: it should import little at its top
and the machinery of reading when it reads.
"""

from __future__ import annotations

import enum
import fnmatch
import os
import re
import stat
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from mxlint.origin import origin_from_file_name
from mxlint.source import Edit, Source, Text, Token, comment_start

if TYPE_CHECKING:
    import dns.name

    from mxlint.record import Position
    from mxlint.zone import Zone

FORMAT_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
#: How much of a file a format looks at to recognise it (a search offers every file of a tree).
HEAD_BYTES = 8192


class Trust(enum.Enum):
    """How a source came to be offered to the formats, which decides what may vouch for it."""

    #: a directory search found it: only its content counts
    CONTENT = "content"
    #: the user named the file: a name the format claims (``example.com.zone``) may vouch for it
    NAME = "name"
    #: bytes given to be read (standard input, an editor's buffer): a format that claims the
    #: name reads them whatever they hold, and says what is wrong
    GIVEN = "given"


class Verdict(NamedTuple):
    """Whether a format takes a source as its own, and if not, why (said to the user when no
    format takes a file they named)."""

    mine: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.mine


MINE = Verdict(True)


class Probe:
    """A candidate source as the formats see it while they decide whose it is: its path and
    lower-case base name, its bytes when they are given rather than on disk, its first bytes
    (read once) and ``memo``, where formats keep what they derived (a parsed document) for
    the next format asked."""

    def __init__(self, path: str, data: bytes | None = None) -> None:
        self.path = path
        self.name = os.path.basename(path).lower()
        self.data = data
        self.memo: dict[str, object] = {}
        self._head: bytes | None = None

    def head(self) -> bytes:
        """The first ``HEAD_BYTES`` bytes. Raises ``OSError`` (also for what is not a regular
        file: opening a FIFO would wait for a writer forever)."""
        if self._head is None:
            if self.data is not None:
                self._head = self.data[:HEAD_BYTES]
            else:
                if not stat.S_ISREG(os.stat(self.path).st_mode):
                    raise OSError(0, "not a regular file")
                with open(self.path, "rb") as handle:
                    self._head = handle.read(HEAD_BYTES)
        return self._head

    def truncated(self) -> bool:
        """Whether ``head`` may be cut short of the whole (its last line is then partial)."""
        head = self.head()
        return len(self.data) > HEAD_BYTES if self.data is not None else len(head) >= HEAD_BYTES


class MxFields:
    """Where an MX record's fields are written in a text, found by its format
    (``Format.locate``): the preference and exchange tokens, and how the text reads a name.
    Fixes replace the tokens; a format that can also remove the record or change its TTL
    says so by overriding ``removal`` and ``ttl_edit``."""

    def __init__(self, text: Text, preference: Token, exchange: Token, relative_names: bool) -> None:
        self.text = text
        self.preference = preference
        self.exchange = exchange
        #: a name written without a trailing dot is completed with the origin (zone files);
        #: else it is read as absolute
        self.relative_names = relative_names

    def removal(self) -> Edit | None:
        """The edit that removes the record whole, when it can go without changing another
        record; ``None`` otherwise."""
        return None

    def ttl_edit(self, ttl: int) -> Edit | None:
        """The edit that gives the record the TTL ``ttl``; ``None`` when it cannot be made."""
        return None


class Format:
    """One input format. Subclass it and set what applies; the defaults fit a format whose
    files are known by their name alone."""

    #: how sources name it (``Source.format``) and messages show it: lower-case-with-dashes
    name: str = ""
    #: the file names it claims: shell patterns matched against the lower-case base name;
    #: ``*SUFFIX`` and ``PREFIX*`` also say what to drop from a name to find a zone's in it
    patterns: tuple[str, ...] = ()
    #: what starts a comment (a suppression is a comment); ``None``: the format has none
    comment: str | None = "#"
    #: whether it recognises its content in files that no format claims by name (zone files
    #: carry any name: ``example.com``, ``zone-example.com``)
    sniffs_any_name: bool = False
    #: whether a name it claims says "zone" on its own, so that a search reports such a file
    #: when it cannot read it (``*.zone`` does; ``*.yaml`` alone does not)
    claimed_names_are_zones: bool = False

    def claims(self, path: str) -> bool:
        """Whether the format claims a file by its name."""
        base = os.path.basename(path).lower()
        return any(fnmatch.fnmatchcase(base, pattern) for pattern in self.patterns)

    def origin_from_name(self, path: str) -> dns.name.Name | None:
        """The zone a file name names, without the suffix or prefix the format's patterns give
        it (``example.com.zone``, ``db.example.com``); ``None`` when it names none."""
        return origin_from_file_name(path, self.patterns)

    def recognise(self, probe: Probe, trust: Trust) -> Verdict:
        """Whether ``probe`` holds this format's content. Asked of a source whose name the
        format claims (with the ``trust`` it came with), and, for a format that
        ``sniffs_any_name``, of names no format claims (with ``Trust.CONTENT``). By default a
        named file is taken on its name and a file a search found is not."""
        if trust is not Trust.CONTENT:
            return MINE
        return Verdict(False, f"a {self.name} file is read only when named")

    def reads_directory(self, path: str) -> bool:
        """Whether the format reads the directory ``path`` whole, as one source."""
        return False

    def read(self, source: Source) -> list[Zone]:
        """The zones ``source`` holds (zero or more), with the positions of their records and
        what could not be read as ``ReadIssue``s. Raises ``InputError`` when the source cannot
        be had at all (a missing file)."""
        raise NotImplementedError(f"format {self.name} reads nothing")

    def locate(self, text: Text, pos: Position) -> MxFields | None:
        """The fields of the MX record (or MX value) that starts at ``pos`` in ``text``, for a
        fix; ``None`` when they cannot be found for certain (then there is no fix)."""
        return None

    def extent(self, text: Text, pos: Position) -> tuple[int, int]:
        """Where what starts at ``pos`` ends: its last line and the column after its last
        character. By default the end of the line's content."""
        return end_of_line(text, pos, self.comment)

    def suppression(self, rules: Sequence[str]) -> str | None:
        """The comment that suppresses ``rules`` at the end of a record's line."""
        return f"{self.comment} mxlint: ignore={','.join(rules)}" if self.comment else None


def end_of_line(text: Text, pos: Position, comment: str | None) -> tuple[int, int]:
    """The end of the content of ``pos``'s line: before its comment (``comment`` outside
    quotes) and the white space before that; for a position inside the comment, the end of
    the comment."""
    line = text.line(pos.line)
    content = line
    if comment:
        start = comment_start(line, comment)
        if start is not None:
            content = line[:start]
    end = len(content.rstrip()) + 1
    return pos.line, end if end > pos.column else len(line.rstrip()) + 1
