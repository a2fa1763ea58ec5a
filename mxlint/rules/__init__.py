"""The built-in rules, one module each, exposed through the `mxlint.rules` entry point."""

from mxlint.rules.cname_and_mx import cname_and_mx
from mxlint.rules.duplicate_target import duplicate_target
from mxlint.rules.equal_preference_mismatch import equal_preference_mismatch
from mxlint.rules.implicit_mx import implicit_mx
from mxlint.rules.inconsistent_preferences import inconsistent_preferences
from mxlint.rules.invalid_mx_value import invalid_mx_value
from mxlint.rules.lookup_failed import lookup_failed
from mxlint.rules.missing_backup import missing_backup
from mxlint.rules.null_mx_mixed import null_mx_mixed
from mxlint.rules.null_mx_preference import null_mx_preference
from mxlint.rules.null_mx_with_senders import null_mx_with_senders
from mxlint.rules.origin_doubled import origin_doubled
from mxlint.rules.relative_target import relative_target
from mxlint.rules.shadowed_zone import shadowed_zone
from mxlint.rules.shared_address import shared_address
from mxlint.rules.syntax_error import syntax_error
from mxlint.rules.target_below_dname import target_below_dname
from mxlint.rules.target_hostname import target_hostname
from mxlint.rules.target_is_address import target_is_address
from mxlint.rules.target_is_cname import target_is_cname
from mxlint.rules.target_no_address import target_no_address
from mxlint.rules.target_private_address import target_private_address
from mxlint.rules.target_reserved_name import target_reserved_name
from mxlint.rules.template_placeholder import template_placeholder
from mxlint.rules.ttl_mismatch import ttl_mismatch
from mxlint.rules.unknown_record_type import unknown_record_type
from mxlint.rules.unqualified_external_target import unqualified_external_target
from mxlint.rules.unused_suppression import unused_suppression
from mxlint.rules.wildcard_mx import wildcard_mx

RULES = (
    syntax_error,
    unused_suppression,
    lookup_failed,
    unknown_record_type,
    template_placeholder,
    shadowed_zone,
    target_is_cname,
    target_is_address,
    target_no_address,
    cname_and_mx,
    null_mx_mixed,
    null_mx_preference,
    target_below_dname,
    target_hostname,
    ttl_mismatch,
    invalid_mx_value,
    relative_target,
    origin_doubled,
    unqualified_external_target,
    target_reserved_name,
    duplicate_target,
    shared_address,
    missing_backup,
    equal_preference_mismatch,
    inconsistent_preferences,
    implicit_mx,
    null_mx_with_senders,
    wildcard_mx,
    target_private_address,
)
