from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.suppress import Suppressions


@rule(
    "MX001",
    "unused-suppression",
    Severity.WARNING,
    "A suppression comment that suppressed nothing, or cannot be read",
    scope="suppressions",
)
def unused_suppression(suppressions: Suppressions, options: Options) -> Iterator[Problem]:
    for pos, rule_id in suppressions.unused():
        yield Problem(pos, f"suppression of {rule_id} suppressed nothing", f"remove {rule_id} from the comment, or the comment")
    for pos, message in suppressions.malformed:
        yield Problem(pos, message, "write the directive as `mxlint: ignore=MX203` (or `ignore-file=`), naming rules by id or name")
