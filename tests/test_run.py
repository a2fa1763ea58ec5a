"""One run, one pipeline: what a rule sees does not depend on --jobs."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_mxlint
from test_plugins import install_plugin

#: A plugin's run-scope rule that counts what every zone of the run holds.
COUNTING_PLUGIN = '''
import dns.rdatatype
from mxlint.rule import Problem, Severity, rule
from mxlint.zone import Position

@rule("MX950", "acme-fleet-count", Severity.INFO, "How many A and MX records the run holds", scope="run")
def fleet_count(zones, options):
    a = sum(len(zone.by_type(dns.rdatatype.A)) for zone in zones)
    mx = sum(len(zone.by_type(dns.rdatatype.MX)) for zone in zones)
    first = min(zones, key=lambda zone: zone.path)
    yield Problem(Position(first.path, 1, 1), f"{len(zones)} zones hold {a} A and {mx} MX records")

RULES = [fleet_count]
'''


def test_a_run_rule_sees_whole_zones_with_any_number_of_workers(tmp_path: Path) -> None:
    env = install_plugin(tmp_path / "site", "mxlint_fleet", COUNTING_PLUGIN)
    zones = tmp_path / "zones"
    zones.mkdir()
    for number in range(40):
        (zones / f"z{number:02}.example.zone").write_text(
            "$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 198.18.0.1\nmx2 A 198.18.0.2\nwww A 198.18.0.3\n"
        )
    one = run_mxlint("check", "--format", "json", "--jobs", "1", "zones", cwd=tmp_path, env=env)
    two = run_mxlint("check", "--format", "json", "--jobs", "2", "zones", cwd=tmp_path, env=env)
    assert one.returncode == 0, one.stderr
    counted = [f["message"] for f in json.loads(one.stdout)["findings"] if f["rule"] == "MX950"]
    assert counted == ["40 zones hold 120 A and 80 MX records"]
    assert one.stdout == two.stdout
