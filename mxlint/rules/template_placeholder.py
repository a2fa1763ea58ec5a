from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import IssueKind, Zone


@rule(
    "MX004",
    "template-placeholder",
    Severity.INFO,
    "Records holding template placeholders ({{serial}}, ${ip}) were set aside, not checked",
)
def template_placeholder(zone: Zone, options: Options) -> Iterator[Problem]:
    # The zone-file reader sets aside the records a deploy tool fills in and says so once
    # per file, at the first of them.
    for issue in zone.issues(IssueKind.PLACEHOLDER):
        yield Problem(
            issue.pos,
            issue.message,
            "lint the zone the tool writes (placeholders filled in), or give the template a "
            "template's name (.tmpl, .j2, .erb) so that a search passes it over",
            issue.owner,
        )
