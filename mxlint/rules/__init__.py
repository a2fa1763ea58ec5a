"""The built-in rules, one module each, exposed through the `mxlint.rules` entry point."""

from mxlint.rules.duplicate_target import duplicate_target
from mxlint.rules.equal_preference_mismatch import equal_preference_mismatch
from mxlint.rules.invalid_mx_value import invalid_mx_value
from mxlint.rules.missing_backup import missing_backup
from mxlint.rules.relative_target import relative_target
from mxlint.rules.syntax_error import syntax_error
from mxlint.rules.target_is_address import target_is_address
from mxlint.rules.target_is_cname import target_is_cname

RULES = (
    syntax_error,
    target_is_cname,
    target_is_address,
    invalid_mx_value,
    relative_target,
    duplicate_target,
    missing_backup,
    equal_preference_mismatch,
)
