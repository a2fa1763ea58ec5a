"""Lines of megabytes through the reader's fast path: read in bounded memory. The common-line
pattern keeps a backtracking mark per repeated group, so such lines must not reach it."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

MEMORY_LIMIT = 1024**3  # an address-space cap: a reading that needs more fails the test
TIME_LIMIT = 120  # a hang guard, not a performance assertion

LONG_LINES = {
    "txt-of-many-words": "'a TXT ' + 'x ' * 2_500_000",
    "txt-of-many-words-then-a-parenthesis": "'a TXT ' + 'x ' * 2_500_000 + '('",
    "owner-of-many-labels": "'a.' * 2_500_000 + ' A 198.18.0.1'",
}


@pytest.mark.parametrize("expression", LONG_LINES.values(), ids=LONG_LINES.keys())
def test_a_line_of_megabytes_is_read_in_bounded_memory(expression: str) -> None:
    program = (
        "import dns.name\n"
        "from mxlint.formats.zonefile import read_zone_text\n"
        f"zone = read_zone_text('$TTL 60\\n' + {expression} + '\\n@ A 198.18.0.2\\n', dns.name.from_text('long.example.'))\n"
        "print(len(zone.records))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=TIME_LIMIT,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT)),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout) >= 1  # the record after the long line is read
