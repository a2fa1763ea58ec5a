"""The zone-file reader against the real BIND: every line named-checkzone reports as unreadable
is an MX000 at that line, and no other line is; reading goes on at the next line after a
record that ended early, as BIND's reader does."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import dns.name
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mxlint.formats.zonefile import read_zone_text

CHECKZONE = shutil.which("named-checkzone")
pytestmark = pytest.mark.skipif(CHECKZONE is None, reason="named-checkzone (Debian bind9-utils) is not installed")

HEAD = ["$TTL 60", "@ SOA ns1 hostmaster 1 2 3 4 5", "@ NS ns1", "ns1 A 198.18.0.1"]
GOOD = ["@ MX 10 ns1", "www A 198.18.0.2", "txt TXT \"a b\"", "@ MX 20 mx.example.net.", "v6 AAAA 2001:db8::1", "\tMX 30 ns1", "; a comment"]
#: Records BIND cannot read: data that ends early, a value out of range, words too many.
BAD = [
    "@ MX 5", "@ MX", "c A", "x AAAA", "@ MX 70000 mx", "a A 300.1.1.1", "b AAAA ::g",
    "e MX 10 ns1 extra", "f A 1.2.3.4 5", "@ TXT", "@ MX ten ns1", "\tMX 5",
]  # fmt: skip


def reported_by_named(text: str, directory: Path) -> set[int]:
    path = directory / "zone.db"
    path.write_text(text)
    result = subprocess.run([CHECKZONE, "-i", "none", "-k", "ignore", "-n", "ignore", "example.com", str(path)], capture_output=True, text=True, timeout=60)
    return {int(line) for line in re.findall(r"zone\.db:(\d+):", result.stdout + result.stderr)}


def reported_by_mxlint(text: str) -> set[int]:
    return {issue.pos.line for issue in read_zone_text(text, dns.name.from_text("example.com.")).errors}


def test_a_record_that_ends_early_does_not_take_the_next_line(tmp_path: Path) -> None:
    text = "\n".join([*HEAD, "mail CNAME ns1", "@ MX 5", "@ MX 10 mail"]) + "\n"
    assert reported_by_mxlint(text) == reported_by_named(text, tmp_path) == {6}
    assert [record.line for record in read_zone_text(text, dns.name.from_text("example.com.")).records][-1] == 7


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(GOOD + BAD), min_size=1, max_size=20))
def test_mxlint_reports_the_lines_named_checkzone_reports(tmp_path: Path, lines: list[str]) -> None:
    text = "\n".join([*HEAD, *lines]) + "\n"
    assert reported_by_mxlint(text) == reported_by_named(text, tmp_path)
