from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import IssueKind, Zone


@rule("MX000", "syntax-error", Severity.ERROR, "A record, directive or YAML value that cannot be read")
def syntax_error(zone: Zone, options: Options) -> Iterator[Problem]:
    # The readers collect what they could not read and go on; this rule reports it so that
    # severity, configuration and suppressions treat read errors like any finding.
    for issue in zone.issues(IssueKind.SYNTAX):
        yield Problem(issue.pos, issue.message, "correct the record; the rest of the zone was still checked", issue.owner)
