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


def test_records_of_any_type_come_back_from_the_workers(tmp_path: Path) -> None:
    # dnspython cannot unpickle some of its types (APL); one such record once broke the worker
    # pool of a directory run with an internal error.
    zones = tmp_path / "zones"
    zones.mkdir()
    for number in range(20):
        (zones / f"z{number:02}.example.zone").write_text(
            "$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 198.18.0.1\nmx2 AAAA 2001:DB8::2\n"
            "apl APL 1:192.168.32.0/21 !1:192.168.38.0/28\n"
            "gw IPSECKEY 10 2 2 2001:0DB8:0:8002::2000:1 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==\n"
            "odd TYPE65280 \\# 2 abcd\n"
            "mx3 MX 10 198.18.0.3\n"
        )
    one = run_mxlint("check", "--format", "json", "--jobs", "1", "zones", cwd=tmp_path)
    two = run_mxlint("check", "--format", "json", "--jobs", "2", "zones", cwd=tmp_path)
    assert one.returncode == two.returncode == 1, two.stderr
    assert "internal error" not in two.stderr
    assert {f["rule"] for f in json.loads(two.stdout)["findings"]} >= {"MX102"}
    assert one.stdout == two.stdout
