"""Plugins through the real entry-point machinery: a distribution on the path provides rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assert_clean_failure, run_mxlint

ZONE = "$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 198.18.0.1\nmx2 A 198.18.0.2\n"


def install_plugin(site: Path, name: str, module_source: str, target: str = "RULES", group: str = "mxlint.rules") -> dict[str, str]:
    """A minimal installed distribution: a module and its dist-info with an entry point."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{name}.py").write_text(module_source)
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[{group}]\n{name} = {name}:{target}\n")
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


DECLARED = '''
from mxlint.rule import Option, Problem, Severity, rule
import dns.rdatatype

@rule("MX902", "acme-mode", Severity.WARNING, "ACME's MX policy", options={
    "mode": Option("strict", choices=("strict", "lenient"), help="how strict ACME is"),
    "floor": 15,  # a plain default, as older plugins declare it: an integer, nothing more
})
def mode(zone, options):
    for record in zone.by_type(dns.rdatatype.MX):
        if options["mode"] == "strict" and record.rdata.preference < options["floor"]:
            yield Problem.at(record, f"preference {record.rdata.preference} is below {options['floor']}")

RULES = [mode]
'''


def test_a_plugin_rule_declares_options_that_configuration_is_checked_against(tmp_path: Path, write) -> None:
    env = install_plugin(tmp_path / "site", "mxlint_acme", DECLARED)
    zone = write("example.com.zone", ZONE)
    write(".mxlint.yaml", "rules:\n  acme-mode: {mode: lenient, floor: 5}\n")
    assert "MX902" not in run_mxlint("check", str(zone), env=env, cwd=tmp_path).stdout
    write(".mxlint.yaml", "rules:\n  acme-mode: {mode: strict}\n")
    assert "MX902 preference 10 is below 15" in run_mxlint("check", str(zone), env=env, cwd=tmp_path).stdout
    for text, expected in (
        ("rules:\n  acme-mode: {mode: lenent}\n", "MX902 option mode must be 'strict' or 'lenient', not 'lenent'; did you mean 'lenient'?"),
        ("rules:\n  MX902: {floor: high}\n", "MX902 option floor must be an integer, not 'high'"),
        ("rules:\n  MX902: {flor: 3}\n", "unknown key 'flor'; did you mean 'floor'?"),
    ):
        write(".mxlint.yaml", text)
        result = run_mxlint("check", str(zone), env=env, cwd=tmp_path)
        assert_clean_failure(result)
        assert expected in result.stderr
    explained = run_mxlint("explain", "MX902", env=env).stdout
    assert "  mode: 'strict' or 'lenient'; default 'strict'\n      how strict ACME is\n" in explained
    assert "  floor: an integer; default 15\n" in explained


def test_a_plugin_whose_option_declaration_is_wrong_fails_to_load(tmp_path: Path, write) -> None:
    source = DECLARED.replace('Option("strict", choices=', 'Option("loose", choices=')
    env = install_plugin(tmp_path / "site", "mxlint_acme", source)
    result = run_mxlint("rules", env=env)
    assert_clean_failure(result)
    assert "plugin mxlint_acme" in result.stderr and "rule MX902: option mode: the default must be 'strict' or 'lenient', not 'loose'" in result.stderr


# -- formats ------------------------------------------------------------------------------------

FORMAT_PLUGIN = '''
from mxlint.format import Format

class Broken(Format):
    name = "broken"
    patterns = ("*.brk",)

    def read(self, source):
        READ

FORMAT = Broken()
'''


def install_format(tmp_path: Path, read: str, module: str = FORMAT_PLUGIN) -> dict[str, str]:
    return install_plugin(tmp_path / "site", "mxlint_broken", module.replace("READ", read), "FORMAT", "mxlint.formats")


def test_a_format_plugin_that_raises_is_one_line_naming_it(tmp_path: Path, write) -> None:
    env = install_format(tmp_path, "raise RuntimeError('no luck')")
    result = run_mxlint("check", str(write("example.com.brk", "anything\n")), env=env)
    assert_clean_failure(result)
    assert "format broken (plugin mxlint_broken) failed on" in result.stderr and "RuntimeError: no luck" in result.stderr


def test_a_format_plugin_that_returns_garbage_is_one_line_naming_it(tmp_path: Path, write) -> None:
    env = install_format(tmp_path, "return 'a zone, honestly'")
    result = run_mxlint("check", str(write("example.com.brk", "anything\n")), env=env)
    assert_clean_failure(result)
    assert "format broken (plugin mxlint_broken) answered 'a zone, honestly'" in result.stderr


def test_a_format_plugin_that_cannot_load_stops_a_search_but_not_the_built_in_formats(tmp_path: Path, write) -> None:
    env = install_plugin(tmp_path / "site", "mxlint_broken", "raise ImportError('missing dependency')\n", "FORMAT", "mxlint.formats")
    zone = write("zones/example.com.zone", ZONE)
    # A directory search asks every format, the plugin's too: it cannot, and says which.
    searched = run_mxlint("check", str(zone.parent), env=env)
    assert_clean_failure(searched)
    assert "plugin mxlint_broken (mxlint_broken:FORMAT) failed to load: ImportError: missing dependency" in searched.stderr
    # A zone file named on the command line is the zone-file format's: the plugin is not needed.
    named = run_mxlint("check", str(zone), env=env)
    assert named.returncode == 0 and "No problems found in 1 file." in named.stdout, named.stderr


def test_a_format_that_is_not_one_or_takes_a_built_in_name_is_refused(tmp_path: Path, write) -> None:
    zone = write("zones/example.com.zone", ZONE)
    env = install_plugin(tmp_path / "junk", "mxlint_junk", "FORMAT = object()\n", "FORMAT", "mxlint.formats")
    result = run_mxlint("check", str(zone.parent), env=env)
    assert_clean_failure(result)
    assert "plugin mxlint_junk" in result.stderr and "not an mxlint Format" in result.stderr
    env = install_format(tmp_path, "return []", FORMAT_PLUGIN.replace('name = "broken"', 'name = "zonefile"'))
    result = run_mxlint("check", str(zone.parent), env=env)
    assert_clean_failure(result)
    assert "format zonefile from plugin mxlint_broken collides" in result.stderr


@pytest.mark.parametrize(
    "change,expected",
    [
        ('patterns = ("*.brk",)', 'patterns = "*.brk"', ),
        ('patterns = ("*.brk",)', 'patterns = ("*.brk",)\n    def claims(self, path):\n        raise ValueError("claims boom")', ),
        ('patterns = ("*.brk",)', 'patterns = ("*.brk",)\n    def reads_directory(self, path):\n        raise ValueError("directory boom")', ),
        ('class Broken(Format):', 'raise SystemExit(7)\nclass Broken(Format):', ),
    ],
    ids=["patterns-a-string", "claims-raises", "reads-directory-raises", "exits-at-import"],
)
def test_a_format_plugin_that_errs_anywhere_is_one_line_naming_it(tmp_path: Path, write, change: str, expected: str) -> None:
    env = install_format(tmp_path, "return []", FORMAT_PLUGIN.replace(change, expected))
    write("zones/example.com.zone", ZONE)
    write("zones/README.txt", "Our zones.\n")  # a file no built-in format claims: every format is asked
    result = run_mxlint("check", "zones", cwd=tmp_path, env=env)
    assert_clean_failure(result)
    assert "mxlint_broken" in result.stderr and "internal error" not in result.stderr
