"""The bounds on the work one run may do, in one place (SECURITY.md states each of them).

Input is untrusted: a few bytes of ``$GENERATE``, ``$INCLUDE`` fan-out or YAML merge keys can
describe millions of records. Each limit is far above what real zones need.
"""

import re

#: Records of one run, from every file, include, ``$GENERATE`` and transfer together.
MAX_RECORDS = 2_000_000
#: Names one ``$GENERATE`` line may make (BIND's own limit is the 32-bit range).
MAX_GENERATE_LINE = 65_536
#: Names all ``$GENERATE`` lines of one zone (with its includes) may make together.
MAX_GENERATED = 65_536
#: Text all ``$GENERATE`` lines of one zone may make together (owners and data, measured
#: before they are made): 128 bytes for each of ``MAX_GENERATED`` names.
MAX_GENERATED_BYTES = 8 * 2**20
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
#: Characters of one listed name or value (the rest is cut from its middle).
MAX_SHOWN = 80
#: Characters of one message (a reader's or a rule's), before escapes are written out.
MAX_MESSAGE = 1_000


#: No integer of a zone (TTL, class, type, MX preference, SOA serial, ``$GENERATE`` bound) is
#: over 2**32 - 1: ten digits, leading zeros aside. Python's ``int()`` refuses a string of more
#: than 4,300 digits (ValueError), so every number read from input is measured as text first.
LONGEST_NUMBER = 10
#: The most digits Python's ``int()`` converts (``sys.get_int_max_str_digits()``'s default):
#: the bound for a number whose field is not known yet (a YAML scalar).
PYTHON_DIGITS = 4300
_DIGIT_RUN = re.compile(r"[0-9]{11,}")


def number_too_long(text: str, longest: int = LONGEST_NUMBER) -> bool:
    """Whether ``text`` holds a run of decimal digits with more than ``longest`` digits once
    its leading zeros are set aside, or more than 255 in all (``longest`` is 10 or more): a
    number no DNS field holds, and past 4,300 digits one Python cannot convert."""
    return any(len(run) > max(255, longest) or len(run.lstrip("0")) > longest for run in _DIGIT_RUN.findall(text))


def too_long_message(text: str, longest: int = LONGEST_NUMBER) -> str:
    """What is wrong with a word ``number_too_long`` refused, the word shortened."""
    shown = text if len(text) <= 24 else f"{text[:20]}..."
    return f"number too large in {shown!r} ({len(text):,} characters): no DNS integer has more than {min(longest, LONGEST_NUMBER)} digits"
