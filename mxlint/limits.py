"""The bounds on the work one run may do, in one place (SECURITY.md states each of them).

Input is untrusted: a few bytes of ``$GENERATE``, ``$INCLUDE`` fan-out or YAML merge keys can
describe millions of records. Each limit is far above what real zones need.
"""

#: Records of one run, from every file, include, ``$GENERATE`` and transfer together.
MAX_RECORDS = 2_000_000
#: Names one ``$GENERATE`` line may make (BIND's own limit is the 32-bit range).
MAX_GENERATE_LINE = 65_536
#: Names all ``$GENERATE`` lines of one zone (with its includes) may make together.
MAX_GENERATED = 131_072
#: Files one zone may ``$INCLUDE`` (or octoDNS ``!include``) in all, and how deep they nest.
MAX_INCLUDES = 256
MAX_INCLUDE_DEPTH = 16
#: Syntax errors (MX000) reported for one file before reading it stops.
MAX_SYNTAX_ERRORS = 1_000
#: YAML: nesting depth, and nodes visited after merge keys (``<<``) are applied.
MAX_YAML_DEPTH = 64
MAX_YAML_NODES = 2_000_000
#: Findings one rule reports on one zone (or, for a rule across zones, on the run), then one
#: finding that says the rest are not listed.
MAX_FINDINGS_PER_RULE = 10_000
#: Names, addresses or values one message lists before "and N more".
MAX_LISTED = 10
