from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.rules.fixes import trailing_dot_fix
from mxlint.zone import IssueKind, Zone


@rule("MX111", "relative-target", Severity.WARNING, "YAML: an MX exchange without a trailing dot (ambiguous)")
def relative_target(zone: Zone, options: Options) -> Iterator[Problem]:
    # In a zone file a name without a dot is relative by definition; in YAML tools disagree.
    # A warning: octoDNS's default validators and Route 53 take it as absolute, as the reader
    # does, so the record works where most octoDNS users deploy; other providers may not.
    for issue in zone.issues(IssueKind.RELATIVE_EXCHANGE):
        # Unsafe: it settles the ambiguity for the reading octoDNS and Route 53 give it.
        fix = trailing_dot_fix(zone, issue.pos, safe=False)
        yield Problem(issue.pos, issue.message, "end the exchange with a dot: `exchange: mail.example.com.`", issue.owner, fix=fix)
