from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import IssueKind, Zone


@rule("MX110", "invalid-mx-value", Severity.ERROR, "YAML: an MX value with a missing, non-integer or out-of-range preference, or no exchange")
def invalid_mx_value(zone: Zone, options: Options) -> Iterator[Problem]:
    # Only the YAML source shows the shape of a value; its reader reports what it refused.
    for issue in zone.issues(IssueKind.MX_VALUE):
        yield Problem(
            issue.pos,
            issue.message,
            "write the value as `preference:` (an integer from 0 to 65535) and `exchange:` (a host name ending in a dot)",
            issue.owner,
        )
