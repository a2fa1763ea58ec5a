"""The conventions users bring from ruff, flake8 and pylint, through the real command line:
stdin, several outputs, --exit-zero, --quiet, --statistics, rule prefixes, paths as users see
them, colour, the progress bar's pace, shell completion and --help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, assert_clean_failure, run_mxlint
from test_cli import CNAME_ZONE, WARNING_ONLY_ZONE, _on_a_terminal

# MX101 (error) at line 4 and nothing else: relative names, so only a file name gives the apex.
NO_APEX_CNAME_ZONE = CNAME_ZONE.replace("@     IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n", "")
YAML_ZONE = """'':
  type: MX
  value: {preference: 10, exchange: mail.example.com.}
mail:
  type: CNAME
  value: mx.example.net.
"""


def _stdin(data: str, *args: str, cwd: Path | str | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    command = [sys.executable, "-m", "mxlint", "check", *args]
    return subprocess.run(command, input=data, cwd=cwd, env=environment, capture_output=True, text=True, timeout=60)


def _rules(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [finding["rule"] for finding in json.loads(result.stdout)["findings"]]


# -- stdin ------------------------------------------------------------------------------------


def test_stdin_is_read_as_the_zone_file_it_stands_for(tmp_path: Path) -> None:
    unnamed = _stdin(CNAME_ZONE.replace("$TTL", "$ORIGIN example.com.\n$TTL"), "-")
    assert unnamed.returncode == 1
    assert unnamed.stdout.startswith("-:5:1: error MX101 MX target mail.example.com. is a CNAME")
    # The name gives the origin (no SOA, no $ORIGIN) and is the path findings show.
    named = _stdin(NO_APEX_CNAME_ZONE, "--stdin-filename", "zones/example.com.zone", "-", cwd=tmp_path)
    assert named.returncode == 1
    assert named.stdout.startswith("zones/example.com.zone:3:1: error MX101 MX target mail.example.com. is a CNAME")
    # Without a name nothing gives the apex: one error line says so, not a traceback.
    nameless = _stdin(NO_APEX_CNAME_ZONE, "-")
    assert nameless.returncode == 2 and nameless.stdout == ""
    assert nameless.stderr == "mxlint: error: -: cannot tell the zone's name; pass --origin or add it to origins: in the configuration\n"


def test_stdin_yaml_is_detected_by_the_name_or_by_content(tmp_path: Path) -> None:
    by_name = _stdin(YAML_ZONE, "--stdin-filename", "example.com.yaml", "--format", "json", "-", cwd=tmp_path)
    by_content = _stdin(YAML_ZONE, "--origin", "example.com", "--format", "json", "-", cwd=tmp_path)
    assert "MX101" in _rules(by_name) and "MX101" in _rules(by_content)
    assert {finding["path"] for finding in json.loads(by_name.stdout)["findings"]} == {"example.com.yaml"}


def test_stdin_filename_selects_per_path_configuration_and_origins(tmp_path: Path) -> None:
    (tmp_path / ".mxlint.yaml").write_text(
        'origins:\n  "zones/*": example.com.\nper-path:\n  - paths: ["zones/lab/*"]\n    rules: {target-is-cname: off}\n', encoding="utf-8"
    )
    prod = _stdin(NO_APEX_CNAME_ZONE, "--stdin-filename", "zones/prod", "--format", "json", "-", cwd=tmp_path)
    lab = _stdin(NO_APEX_CNAME_ZONE, "--stdin-filename", "zones/lab/zone", "--format", "json", "-", cwd=tmp_path)
    assert _rules(prod) == ["MX101"] and prod.returncode == 1
    assert _rules(lab) == [] and lab.returncode == 0


def test_stdin_filename_needs_stdin(tmp_path: Path) -> None:
    path = tmp_path / "example.com.zone"
    path.write_text(CNAME_ZONE, encoding="utf-8")
    assert_clean_failure(_stdin(CNAME_ZONE, "--stdin-filename", "x.zone", str(path)))
    assert_clean_failure(_stdin(CNAME_ZONE, "--live", "-"))


# -- several outputs --------------------------------------------------------------------------


def test_one_run_writes_several_formats(write, tmp_path: Path) -> None:
    write("zones/example.com.zone", CNAME_ZONE)
    (tmp_path / "out").mkdir()
    result = run_mxlint("check", "--format", "github", "--format", "sarif:out.sarif", "--format", "json:out/r.json", "zones", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=zones/example.com.zone,line=4,")
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["MX101"]
    assert [f["rule"] for f in json.loads((tmp_path / "out" / "r.json").read_text(encoding="utf-8"))["findings"]] == ["MX101"]


def test_only_files_is_silent_and_auto_is_github_under_actions(write, tmp_path: Path) -> None:
    write("example.com.zone", CNAME_ZONE)
    silent = run_mxlint("check", "--format", "gitlab:gl.json", "example.com.zone", cwd=tmp_path)
    assert silent.returncode == 1 and silent.stdout == "" and json.loads((tmp_path / "gl.json").read_text())[0]["location"]["path"] == "example.com.zone"
    auto = run_mxlint("check", "--format", "auto", "--format", "text:t.txt", "example.com.zone", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert auto.stdout.startswith("::error ") and (tmp_path / "t.txt").read_text().startswith("example.com.zone:4:1: error MX101")


def test_bad_outputs_are_one_line_and_exit_2(write, tmp_path: Path) -> None:
    write("example.com.zone", CNAME_ZONE)
    for formats in (["text", "json"], ["xml:x.xml"], ["json:"], ["json:a.json", "sarif:a.json"], ["json:no/such/dir/r.json"]):
        args = [part for name in formats for part in ("--format", name)]
        assert_clean_failure(run_mxlint("check", *args, "example.com.zone", cwd=tmp_path))
    assert not (tmp_path / "a.json").exists()


# -- exit codes, quiet, statistics ------------------------------------------------------------


def test_exit_zero_passes_findings_but_not_errors(write, tmp_path: Path) -> None:
    path = write("example.com.zone", CNAME_ZONE)
    result = run_mxlint("check", "--exit-zero", str(path))
    assert result.returncode == 0 and "MX101" in result.stdout
    assert_clean_failure(run_mxlint("check", "--exit-zero", str(tmp_path / "missing.zone")))
    assert_clean_failure(run_mxlint("check", "--exit-zero", "--select", "MX999", str(path)))


def test_quiet_prints_the_findings_only(write) -> None:
    path = write("example.com.zone", CNAME_ZONE)
    for output in ("text", "github"):
        loud = run_mxlint("check", "--format", output, str(path)).stdout.splitlines()
        quiet = run_mxlint("check", "--quiet", "--format", output, str(path))
        assert quiet.returncode == 1 and quiet.stdout.splitlines() == loud[:-1] and len(loud) == 2
    clean = write("example.org.zone", WARNING_ONLY_ZONE)
    assert run_mxlint("check", "-q", "--select", "MX101", str(clean)).stdout == ""


def test_statistics_count_per_rule_most_frequent_first(write, tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        write(f"zones/{name}.example.zone", WARNING_ONLY_ZONE)  # MX203 each
    write("zones/d.example.zone", CNAME_ZONE)  # MX101
    result = run_mxlint("check", "--statistics", "zones", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["3\tMX203\tmissing-backup", "1\tMX101\ttarget-is-cname", "Found 4 problems (1 error, 0 warnings, 3 info) in 4 files."]
    quiet = run_mxlint("check", "--statistics", "--quiet", "zones", cwd=tmp_path)
    assert quiet.stdout.splitlines() == result.stdout.splitlines()[:-1]
    # Other formats are reports for tools: --statistics leaves them whole.
    assert _rules(run_mxlint("check", "--statistics", "--format", "json", "zones", cwd=tmp_path)) == ["MX203", "MX203", "MX203", "MX101"]


# -- rule prefixes ----------------------------------------------------------------------------


def test_select_and_ignore_take_id_prefixes(write, tmp_path: Path) -> None:
    path = write("example.com.zone", CNAME_ZONE + "www IN MX 10 mx2\n")
    everything = set(_rules(run_mxlint("check", "--format", "json", str(path))))
    assert {"MX101"} < everything and any(rule.startswith("MX2") for rule in everything)
    only = set(_rules(run_mxlint("check", "--format", "json", "--select", "mx1", str(path))))
    assert only == {rule for rule in everything if rule.startswith("MX1")}
    without = set(_rules(run_mxlint("check", "--format", "json", "--ignore", "MX2,target-is-cname", str(path))))
    assert without == {rule for rule in everything if not rule.startswith("MX2")} - {"MX101"}
    (tmp_path / "cfg.yaml").write_text("select: [MX1]\nignore: [MX10]\n", encoding="utf-8")
    configured = set(_rules(run_mxlint("check", "--format", "json", "--config", str(tmp_path / "cfg.yaml"), str(path))))
    assert configured == {rule for rule in everything if rule.startswith("MX1") and not rule.startswith("MX10")}


def test_unknown_prefixes_are_errors_with_a_suggestion(write, tmp_path: Path) -> None:
    path = write("example.com.zone", CNAME_ZONE)
    result = run_mxlint("check", "--select", "MX1O1", str(path))
    assert_clean_failure(result)
    assert "MX1O1" in result.stderr and "did you mean MX1" in result.stderr
    (tmp_path / "cfg.yaml").write_text("ignore: [MX9]\n", encoding="utf-8")
    assert_clean_failure(run_mxlint("check", "--config", str(tmp_path / "cfg.yaml"), str(path)))


# -- paths ------------------------------------------------------------------------------------


def test_paths_are_relative_to_the_working_directory_in_every_format(write, tmp_path: Path) -> None:
    write("zones/example.com.zone", CNAME_ZONE)
    outside = write("elsewhere/example.org.zone", CNAME_ZONE.replace("example.com", "example.org"))
    work = tmp_path / "zones"
    for given in ("./example.com.zone", str(work / "example.com.zone"), "../zones/./example.com.zone"):
        report = json.loads(run_mxlint("check", "--format", "json", given, cwd=work).stdout)
        assert {finding["path"] for finding in report["findings"]} == {"example.com.zone"}, given
        github = run_mxlint("check", "--format", "github", given, cwd=work).stdout
        assert github.startswith("::error file=example.com.zone,"), given
        sarif = json.loads(run_mxlint("check", "--format", "sarif", given, cwd=work).stdout)
        assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "example.com.zone"
        gitlab = json.loads(run_mxlint("check", "--format", "gitlab", given, cwd=work).stdout)
        assert gitlab[0]["location"]["path"] == "example.com.zone"
        assert run_mxlint("check", given, cwd=work).stdout.startswith("example.com.zone:4:1: ")
    assert run_mxlint("check", str(outside), cwd=work).stdout.startswith(f"{outside}:4:1: ")


# -- colour and the progress bar --------------------------------------------------------------


def test_colour_follows_force_color_no_color_term_and_the_flags(write) -> None:
    path = str(write("example.com.zone", CNAME_ZONE))
    assert "\x1b[" in run_mxlint("check", path, env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run_mxlint("check", path, env={"FORCE_COLOR": ""}).stdout
    assert "\x1b[" not in run_mxlint("check", "--no-color", path, env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in run_mxlint("check", "--color", path, env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" in _on_a_terminal(["check", path], {"TERM": "xterm"})
    assert "\x1b[" not in _on_a_terminal(["check", path], {"TERM": "dumb"})
    assert "\x1b[" not in _on_a_terminal(["check", path], {"NO_COLOR": "1", "FORCE_COLOR": "1"})


def test_the_progress_bar_redraws_at_most_ten_times_a_second(write, tmp_path: Path) -> None:
    for number in range(400):
        write(f"zones/z{number:03}.example.zone", WARNING_ONLY_ZONE)
    started = time.monotonic()
    shown = _on_a_terminal(["check", "--jobs", "1", "--no-color", str(tmp_path / "zones")], {"TERM": "xterm"})
    elapsed = time.monotonic() - started
    assert "400/400" in shown
    redraws = shown.count("\r") - shown.count("\r\n")
    # The first and the last position are drawn whatever the pace (was: one per file).
    assert 2 <= redraws <= 10 * elapsed + 2, (redraws, elapsed)


# -- completion and help ----------------------------------------------------------------------


def _complete(*words: str) -> list[str]:
    environment = {"_MXLINT_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(["mxlint", *words]), "COMP_CWORD": str(len(words))}
    result = run_mxlint(env=environment)
    assert result.returncode == 0, result.stderr
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


def test_shell_completion_offers_rule_ids_and_names() -> None:
    select = _complete("check", "--select", "MX10")
    assert "MX101" in select and all(item.startswith("MX10") for item in select)
    assert _complete("check", "--ignore", "target-is-c") == ["target-is-cname"]
    assert "MX101,MX102" in _complete("check", "--select", "MX101,MX10") and "MX101,MX101" not in _complete("check", "--select", "MX101,MX10")
    assert "MX203" in _complete("explain", "MX2")


def test_the_readme_documents_completion() -> None:
    assert "_MXLINT_COMPLETE=bash_source mxlint" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_help_shows_examples_and_exit_codes() -> None:
    for command in (["check"], ["rules"], ["explain"], []):
        shown = run_mxlint(*command, "--help").stdout
        assert "Exit codes:" in shown and "  2  " in shown, command
    check = run_mxlint("check", "--help").stdout
    assert "Examples:" in check and "--format github --format sarif:mxlint.sarif" in check
