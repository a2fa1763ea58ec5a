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
    # ... inside a virtual environment made for the run, as a new user's would be.
    venv = next(index for index, line in enumerate(ci) if "-m venv" in line)
    activate = next(index for index, line in enumerate(ci) if "/bin/activate" in line)
    assert venv < activate < ci.index(run_tests)


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


def section(title: str) -> str:
    return README.split(f"\n### {title}\n", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]


def yaml_blocks(text: str, info: str = "yaml") -> list[str]:
    return re.findall(rf"```{info}\n(.*?)\n```", text, re.S)


def test_pre_commit_snippet_uses_the_hook_this_repository_defines() -> None:
    import yaml

    [snippet] = yaml_blocks(section("pre-commit"))
    hook_ids = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    [repo] = yaml.safe_load(snippet)["repos"]
    assert {hook["id"] for hook in repo["hooks"]} <= hook_ids


def test_github_workflow_snippet_uses_the_action_with_its_inputs() -> None:
    import yaml

    [snippet] = yaml_blocks(section("GitHub Actions"))
    workflow = yaml.safe_load(snippet)
    steps = workflow["jobs"]["mxlint"]["steps"]
    [ours] = [step for step in steps if step.get("uses", "").startswith("mxlint/mxlint@")]
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert set(ours["with"]) <= set(action["inputs"])
    [upload] = [step for step in steps if "upload-sarif" in step.get("uses", "")]
    assert upload["with"]["sarif_file"] == ours["with"]["sarif-file"]
    assert action["runs"]["using"] == "composite"


def test_gitlab_snippet_writes_the_report_it_declares() -> None:
    import yaml

    [snippet] = yaml_blocks(section("GitLab CI"))
    job = yaml.safe_load(snippet)["mxlint"]
    report = job["artifacts"]["reports"]["codequality"]
    assert any("--format gitlab" in line and line.split("> ")[1].split()[0] == report for line in job["script"])


def test_configuration_snippets_load(tmp_path) -> None:
    from pathlib import Path

    from mxlint.config import load_config

    configuration = README.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    [config] = yaml_blocks(configuration, "yaml config")
    (tmp_path / ".mxlint.yaml").write_text(config)
    loaded = load_config(Path(tmp_path / ".mxlint.yaml"), load_registry())
    assert loaded.rules["MX203"].options["min-exchangers"] == 2
    [toml] = re.findall(r"```toml\n(.*?)\n```", configuration, re.S)
    (tmp_path / "pyproject.toml").write_text(toml)
    assert load_config(tmp_path / "pyproject.toml", load_registry()).rules["MX203"].enabled is False


def test_plugin_snippet_is_a_working_plugin_and_its_option_error_is_what_mxlint_prints(tmp_path) -> None:
    from test_plugins import install_plugin

    plugins = README.split("\n## Writing a rule (plugins)\n", 1)[1].split("\n## ", 1)[0]
    [module] = re.findall(r"```python\n(.*?)\n```", plugins, re.S)
    [entry_point] = re.findall(r"```toml\n(.*?)\n```", plugins, re.S)
    assert 'acme = "mxlint_acme:RULES"' in entry_point
    env = install_plugin(tmp_path / "site", "mxlint_acme", module)
    (tmp_path / "zones").mkdir()
    (tmp_path / "zones" / "example.com.zone").write_text("$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2\n@ MX 30 mx3\n")
    result = run_mxlint("check", "--select", "acme-relay", "zones/", cwd=tmp_path, env=env)
    assert "warning MX901 example.com. has 3 exchanges, more than 2 [acme-relay]" in result.stdout
    assert "warning MX901 mx3.example.com. is not relay.acme.example." in result.stdout
    [console] = re.findall(r"```console\n(.*?)\n```", plugins, re.S)
    shown_config, command_and_error = console.split("\n", 1)[1].split("\n$ ", 1)
    command, error = command_and_error.split("\n", 1)
    (tmp_path / ".mxlint.yaml").write_text(shown_config + "\n")
    result = run_mxlint(*command.split()[1:], cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr.replace(str(tmp_path), "/src/dns") == error + "\n"
