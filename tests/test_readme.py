"""The README's promises: the quick start works as written and the rule table is the registry."""

from __future__ import annotations

import re

from conftest import ROOT, run_mxlint
from mxlint.registry import load_registry

README = (ROOT / "README.md").read_text(encoding="utf-8")
QUICK_START = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
CONSOLE = re.findall(r"```console\n(.*?)\n```", QUICK_START, re.S)


def test_quick_start_has_two_commands_and_ci_runs_the_test_command() -> None:
    assert len(CONSOLE) == 2
    run_example, run_tests = CONSOLE
    assert run_example.startswith("pip install . && mxlint check examples/")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert run_tests in ci, "`.ci/run` must run exactly the README's test command"


def test_quick_start_output_is_what_mxlint_prints() -> None:
    command = CONSOLE[0].split("&& ", 1)[1].split()
    assert command[0] == "mxlint"
    shown = re.search(r"```text\n(.*?)```", QUICK_START, re.S).group(1)
    result = run_mxlint(*command[1:], cwd=ROOT)
    assert result.returncode == 1
    assert result.stdout == shown


def test_rule_table_matches_the_registry() -> None:
    rows = re.findall(r"^\| (MX\d{3}) \| ([a-z0-9-]+) \| (\w+) \|", README, re.M)
    registered = [(rule.id, rule.name, str(rule.severity)) for rule in load_registry() if rule.origin == "builtin"]
    assert rows == registered
