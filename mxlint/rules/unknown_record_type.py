from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import IssueKind, Zone


@rule(
    "MX003",
    "unknown-record-type",
    Severity.INFO,
    "Records of a type mxlint does not know (another server's, such as PowerDNS's LUA) were not judged",
)
def unknown_record_type(zone: Zone, options: Options) -> Iterator[Problem]:
    # The zone-file reader sets such records aside and says so once per file; their owners
    # exist, so the zone counts as incomplete and no rule says a name is missing.
    for issue in zone.issues(IssueKind.UNKNOWN_TYPE):
        yield Problem(
            issue.pos,
            issue.message,
            "declare the server that serves the zone (its configuration beside the zone, or "
            "--server-config) so that its record types are read; otherwise these records are "
            "not checked",
            issue.owner,
        )
