"""Configuration files, presets, per-path overrides and the flags that override them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, assert_clean_failure, run_mxlint

# MX203 (warning) at line 2, MX206 (info) at line 4, MX209 (warning) at line 2.
ZONE = "$TTL 3600\nmail MX 10 mx1\nmx1 A 10.0.0.1\n@ A 198.18.0.80\n"


def rules(result) -> list[str]:
    assert result.returncode in (0, 1), result.stderr
    return sorted(f["rule"] for f in json.loads(result.stdout)["findings"])


def check(tmp_path: Path, *args: str) -> list[str]:
    return rules(run_mxlint("check", "--format", "json", *args, "example.com.zone", cwd=tmp_path))


@pytest.fixture
def zone(write) -> Path:
    return write("example.com.zone", ZONE)


def test_defaults_without_configuration(tmp_path: Path, zone: Path) -> None:
    assert check(tmp_path) == ["MX203", "MX206", "MX209"]


@pytest.mark.parametrize("value", ["off", "false", "'off'"])
def test_a_rule_turned_off_by_name_or_id(tmp_path: Path, write, zone: Path, value: str) -> None:
    write(".mxlint.yaml", f"rules:\n  missing-backup: {value}\n  MX206: off\n")
    assert check(tmp_path) == ["MX209"]


def test_configuration_is_found_in_a_parent_directory(tmp_path: Path, write) -> None:
    write(".mxlint.yaml", "rules:\n  missing-backup: off\n")
    write("zones/example.com.zone", ZONE)
    result = run_mxlint("check", "--format", "json", "example.com.zone", cwd=tmp_path / "zones")
    assert rules(result) == ["MX206", "MX209"]


def test_pyproject_tool_section(tmp_path: Path, write, zone: Path) -> None:
    write("pyproject.toml", "[project]\nname = 'zones'\n\n[tool.mxlint]\nignore = ['MX206', 'target-private-address']\n")
    assert check(tmp_path) == ["MX203"]


def test_severity_and_options_and_fail_on(tmp_path: Path, write, zone: Path) -> None:
    write(
        ".mxlint.yaml",
        "fail-on: warning\nrules:\n  MX209: error\n  missing-backup: {severity: info, min-exchangers: 1}\n  implicit-mx: {scope: all}\n",
    )
    result = run_mxlint("check", "--format", "json", "example.com.zone", cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert sorted((f["rule"], f["severity"]) for f in findings) == [("MX206", "info"), ("MX206", "info"), ("MX209", "error")]
    assert result.returncode == 1
    # The flag wins over the file.
    assert run_mxlint("check", "--fail-on", "info", "--ignore", "MX209,MX206", "example.com.zone", cwd=tmp_path).returncode == 0


def test_warning_only_zone_and_fail_on_warning(tmp_path: Path, zone: Path, write) -> None:
    write(".mxlint.yaml", "rules:\n  MX206: off\n")  # MX209 is the one warning, MX203 is info
    assert run_mxlint("check", "example.com.zone", cwd=tmp_path).returncode == 0
    assert run_mxlint("check", "--fail-on", "warning", "example.com.zone", cwd=tmp_path).returncode == 1


def test_presets_and_extends_a_file(tmp_path: Path, write, zone: Path) -> None:
    write("base.yaml", "extends: all\nrules:\n  MX203: off\n")
    write(".mxlint.yaml", "extends: base.yaml\n")
    result = run_mxlint("check", "--format", "json", "example.com.zone", cwd=tmp_path)
    assert sorted((f["rule"], f["severity"]) for f in json.loads(result.stdout)["findings"]) == [("MX206", "warning"), ("MX209", "error")]


def test_select_keeps_only_the_named_rules(tmp_path: Path, write, zone: Path) -> None:
    write(".mxlint.yaml", "select: [MX203]\n")
    assert check(tmp_path) == ["MX203"]
    assert check(tmp_path, "--select", "target-private-address") == ["MX209"]


def test_per_path_overrides_and_origins(tmp_path: Path, write) -> None:
    write("zones/lab/lab.zone", "$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 10.0.0.1\nmx2 A 10.0.0.2\n")
    write("zones/prod/db.example.com", "$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 10.0.0.1\nmx2 A 10.0.0.2\n")
    write(
        ".mxlint.yaml",
        "origins:\n  'zones/lab/*': lab.example.\nper-path:\n  - paths: ['zones/lab/*']\n    rules: {target-private-address: off}\n",
    )
    result = run_mxlint("check", "--format", "json", "zones", cwd=tmp_path)
    found = [(f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("zones/prod/db.example.com", "MX209"), ("zones/prod/db.example.com", "MX209")]
    # The lab zone's origin came from the configuration, not from its file name.
    result = run_mxlint("check", "--format", "json", "--select", "MX202", "zones/lab/lab.zone", cwd=tmp_path)
    assert json.loads(result.stdout)["findings"] == []
    write("zones/lab/lab.zone", "$TTL 60\n@ MX 10 mx1\nmx1 A 10.0.0.1\n")
    result = run_mxlint("check", "--format", "json", "--select", "MX203", "zones/lab/lab.zone", cwd=tmp_path)
    assert "lab.example. has only one mail exchanger (mx1.lab.example.)" in json.loads(result.stdout)["findings"][0]["message"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("rulez:\n  MX203: off\n", "unknown key 'rulez'; did you mean 'rules'?"),
        ("rules:\n  missing-backups: off\n", "unknown rule 'missing-backups'; did you mean 'missing-backup'?"),
        ("rules:\n  MX203: {min-exchanger: 3}\n", "unknown key 'min-exchanger'; did you mean 'min-exchangers'?"),
        ("rules:\n  MX203: {min-exchangers: many}\n", "option min-exchangers must be an integer"),
        ("rules:\n  MX203: fatal\n", "'fatal' is not a severity"),
        ("fail-on: sometimes\n", "'sometimes' is not a severity"),
        ("extends: recomended\n", "did you mean 'recommended'?"),
        ("extends: .mxlint.yaml\n", "extends nests deeper"),
        ("rules: [MX203]\n", "must map rule ids or names"),
        ("per-path:\n  - paths: []\n", "paths must be a list"),
        ("origins:\n  '*': 'bad..name'\n", "is not a domain name"),
        ("rules: {MX203: off\n", "not valid YAML"),
        ("- just\n- a list\n", "must be a mapping"),
    ],
)
def test_configuration_mistakes_are_one_line_and_exit_2(tmp_path: Path, write, zone: Path, text: str, expected: str) -> None:
    write(".mxlint.yaml", text)
    result = run_mxlint("check", "example.com.zone", cwd=tmp_path)
    assert_clean_failure(result)
    assert expected in result.stderr and ".mxlint.yaml" in result.stderr


def test_config_flag_names_the_file_and_a_missing_one_is_exit_2(tmp_path: Path, write, zone: Path) -> None:
    write("strict.yaml", "rules:\n  MX203: off\n  MX206: off\n")
    assert check(tmp_path, "--config", "strict.yaml") == ["MX209"]
    assert_clean_failure(run_mxlint("check", "--config", "missing.yaml", "example.com.zone", cwd=tmp_path))
    assert_clean_failure(run_mxlint("check", "--ignore", "MX999", "example.com.zone", cwd=tmp_path))


def test_include_root_widens_where_includes_may_reach(tmp_path: Path, write) -> None:
    write("shared/mail.inc", "mx1 A 198.18.0.1\nmx2 A 198.18.0.2\n")
    write("zones/example.com.zone", "$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2\n$INCLUDE ../shared/mail.inc\n")
    # Checked from inside zones/, the include leads out of the tree the run was given.
    refused = run_mxlint("check", "--format", "json", "example.com.zone", cwd=tmp_path / "zones")
    assert "MX000" in rules(refused)
    write("zones/.mxlint.yaml", "include-root: ..\n")
    assert rules(run_mxlint("check", "--format", "json", "example.com.zone", cwd=tmp_path / "zones")) == []
    # From the top of the repository the tree named holds it already.
    (tmp_path / "zones/.mxlint.yaml").unlink()
    assert rules(run_mxlint("check", "--format", "json", "zones/example.com.zone", cwd=tmp_path)) == []


# -- declared rule options: checked when the configuration loads, not inside the rule ---------


@pytest.mark.parametrize(
    "text,expected",
    [
        # A value outside the choices names them; a near miss gets the closest.
        ("rules:\n  implicit-mx: {scope: everything}\n", "MX206 option scope must be 'apex' or 'all', not 'everything'"),
        ("rules:\n  implicit-mx: {scope: alll}\n", "MX206 option scope must be 'apex' or 'all', not 'alll'; did you mean 'all'?"),
        # Out of range names the bound.
        ("rules:\n  missing-backup: {min-exchangers: -3}\n", "MX203 option min-exchangers must be an integer of at least 1, not -3"),
        ("rules:\n  MX203: {min-exchangers: 0}\n", "MX203 option min-exchangers must be an integer of at least 1, not 0"),
        # Wrong types, including YAML's booleans, which are not integers here.
        ("rules:\n  MX203: {min-exchangers: '3'}\n", "MX203 option min-exchangers must be an integer of at least 1, not '3'"),
        ("rules:\n  MX203: {min-exchangers: yes}\n", "MX203 option min-exchangers must be an integer of at least 1, not True"),
        ("rules:\n  MX203: {exempt: mx.example.net.}\n", "MX203 option exempt must be a list of strings"),
        ("rules:\n  MX203: {exempt: [1, 2]}\n", "MX203 option exempt must be a list of strings"),
        ("rules:\n  MX206: {scope: 3}\n", "MX206 option scope must be 'apex' or 'all', not 3"),
        # Per-path settings are checked the same way.
        ("per-path:\n  - paths: ['*']\n    rules: {implicit-mx: {scope: none}}\n", "MX206 option scope must be 'apex' or 'all'"),
        ("rules:\n  MX206: {scop: all}\n", "unknown key 'scop'; did you mean 'scope'?"),
    ],
)
def test_bad_rule_options_are_configuration_errors(tmp_path: Path, write, zone: Path, text: str, expected: str) -> None:
    write(".mxlint.yaml", text)
    result = run_mxlint("check", "example.com.zone", cwd=tmp_path)
    assert_clean_failure(result)
    assert expected in result.stderr and ".mxlint.yaml" in result.stderr
    assert "failed" not in result.stderr  # a configuration error, not a rule that crashed


def test_bad_rule_options_in_pyproject_are_configuration_errors(tmp_path: Path, write, zone: Path) -> None:
    write("pyproject.toml", "[tool.mxlint.rules.missing-backup]\nmin-exchangers = -3\n")
    result = run_mxlint("check", "example.com.zone", cwd=tmp_path)
    assert_clean_failure(result)
    assert "pyproject.toml" in result.stderr and "option min-exchangers must be an integer of at least 1, not -3" in result.stderr


def test_the_smallest_allowed_value_is_accepted(tmp_path: Path, write, zone: Path) -> None:
    write(".mxlint.yaml", "rules:\n  missing-backup: {min-exchangers: 1, exempt: []}\n  implicit-mx: {scope: apex}\n")
    assert check(tmp_path) == ["MX206", "MX209"]


def test_explain_prints_the_declared_options_after_the_page() -> None:
    result = run_mxlint("explain", "MX203")
    assert result.returncode == 0
    from mxlint.pages import render_page

    page = render_page((ROOT / "rules" / "MX203.md").read_text(encoding="utf-8"), color=False)
    assert result.stdout.startswith(page)
    options = result.stdout[len(page) :]
    assert "  min-exchangers: an integer of at least 1; default 2\n" in options
    assert "  exempt: a list of strings; default []\n" in options
    assert "  scope: 'apex' or 'all'; default 'apex'\n" in run_mxlint("explain", "implicit-mx").stdout
    # A rule without options prints its page alone.
    assert run_mxlint("explain", "MX101").stdout == render_page((ROOT / "rules" / "MX101.md").read_text(encoding="utf-8"), color=False)
