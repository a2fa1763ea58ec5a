"""Plugins through the real entry-point machinery: a distribution on the path provides rules."""

from __future__ import annotations

from pathlib import Path

from conftest import assert_clean_failure, run_mxlint

ZONE = "$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 198.18.0.1\nmx2 A 198.18.0.2\n"


def install_plugin(site: Path, name: str, module_source: str, target: str = "RULES") -> dict[str, str]:
    """A minimal installed distribution: a module and its dist-info with an entry point."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{name}.py").write_text(module_source)
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[mxlint.rules]\n{name} = {name}:{target}\n")
    return {"PYTHONPATH": str(site)}


PLUGIN = '''
from mxlint.rule import Problem, Severity, rule
import dns.rdatatype

@rule("MX901", "acme-low-preference", Severity.WARNING, "Low preferences are reserved at ACME", options={"floor": 15})
def low(zone, options):
    for record in zone.by_type(dns.rdatatype.MX):
        if record.rdata.preference < options["floor"]:
            yield Problem.at(record, f"preference {record.rdata.preference} is below {options['floor']}")

RULES = [low]
'''


def test_a_plugin_rule_runs_and_is_listed(tmp_path: Path, write) -> None:
    env = install_plugin(tmp_path / "site", "mxlint_acme", PLUGIN)
    zone = write("example.com.zone", ZONE)
    result = run_mxlint("check", str(zone), env=env)
    assert result.returncode == 0
    assert f"{zone}:2:1: warning MX901 preference 10 is below 15 [acme-low-preference]" in result.stdout
    listing = run_mxlint("rules", env=env).stdout
    assert "MX901  acme-low-preference" in listing and "[plugin mxlint_acme]" in listing


def test_a_plugin_that_fails_to_load_is_exit_2(tmp_path: Path, write) -> None:
    env = install_plugin(tmp_path / "site", "mxlint_broken", "raise RuntimeError('boom')\n")
    result = run_mxlint("check", str(write("example.com.zone", ZONE)), env=env)
    assert_clean_failure(result)
    assert "plugin mxlint_broken" in result.stderr and "boom" in result.stderr


def test_a_colliding_rule_id_is_exit_2(tmp_path: Path, write) -> None:
    source = PLUGIN.replace('"MX901"', '"MX101"')
    env = install_plugin(tmp_path / "site", "mxlint_clash", source)
    result = run_mxlint("rules", env=env)
    assert_clean_failure(result)
    assert "MX101" in result.stderr and "collides" in result.stderr


def test_a_rule_that_raises_stops_the_run_naming_the_rule(tmp_path: Path, write) -> None:
    source = PLUGIN.replace('record.rdata.preference < options["floor"]', "1 / 0")
    env = install_plugin(tmp_path / "site", "mxlint_crash", source)
    result = run_mxlint("check", str(write("example.com.zone", ZONE)), env=env)
    assert_clean_failure(result)
    assert "rule MX901 (acme-low-preference) failed" in result.stderr and "ZeroDivisionError" in result.stderr


def test_something_that_is_not_a_rule_is_refused(tmp_path: Path) -> None:
    env = install_plugin(tmp_path / "site", "mxlint_junk", "RULES = ['MX999']\n")
    result = run_mxlint("rules", env=env)
    assert_clean_failure(result)
    assert "not an mxlint Rule" in result.stderr
