"""The GitHub Action: its shell steps run with bash as GitHub runs them, with the inputs a
workflow gives (multi-line paths, extra arguments, a SARIF file), against a stub Python and a
stub mxlint that record what they were asked (no network), and against the real mxlint."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]
BASH = shutil.which("bash")

pytestmark = pytest.mark.skipif(BASH is None or os.name == "nt", reason="the steps are bash scripts")

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def evaluate(expression: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    """The few GitHub expressions the action uses: ``inputs.x``, ``steps.id.outputs.x``,
    ``a || b`` and ``a == ''``."""
    if "||" in expression:
        return next((value for part in expression.split("||") if (value := evaluate(part.strip(), inputs, outputs))), "")
    if "==" in expression:
        left, right = (part.strip() for part in expression.split("=="))
        return "true" if evaluate(left, inputs, outputs) == right.strip("'") else ""
    parts = expression.split(".")
    if parts[0] == "inputs":
        [name] = parts[1:]
        return inputs.get(name, ACTION["inputs"][name].get("default", ""))
    if parts[0] == "steps" and parts[2] == "outputs":
        return outputs.get(parts[1], {}).get(parts[3], "")
    raise AssertionError(f"an expression the test does not know: {expression}")


def substitute(text: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    return EXPRESSION.sub(lambda m: evaluate(m.group(1), inputs, outputs), str(text))


def executable(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


class Runner:
    """The composite action's steps, in order, as the runner executes them."""

    def __init__(self, work: Path, path: str) -> None:
        self.work = work
        self.temp = work / "runner-temp"
        self.temp.mkdir()
        self.path = path
        self.outputs: dict[str, dict[str, str]] = {}
        self.ran: list[str] = []

    def run_step(self, step: dict, inputs: dict[str, str]) -> subprocess.CompletedProcess[str]:
        output_file = self.temp / f"output-{len(self.ran)}"
        output_file.write_text("")
        env_file = self.temp / f"env-{len(self.ran)}"
        env_file.write_text("")
        path_file = self.temp / f"path-{len(self.ran)}"
        path_file.write_text("")
        env = {
            "PATH": self.path,
            "HOME": str(self.work),
            "RUNNER_TEMP": str(self.temp),
            "GITHUB_ACTION_PATH": str(ROOT),
            "GITHUB_ACTIONS": "true",
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_ENV": str(env_file),
            "GITHUB_PATH": str(path_file),
            **{key: substitute(value, inputs, self.outputs) for key, value in step.get("env", {}).items()},
        }
        assert "${{" not in step["run"], "inputs reach a script through env, never pasted into it"
        script = self.temp / "step.sh"
        script.write_text(step["run"])
        # GitHub's `shell: bash`: bash --noprofile --norc -eo pipefail {0}
        result = subprocess.run([BASH, "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=self.work, env=env,
                                capture_output=True, text=True, timeout=60)
        self.ran.append(step.get("name", step.get("uses", "")))
        if "id" in step:
            self.outputs[step["id"]] = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if line)
        # Nothing leaks into the job's later steps: no environment, no PATH.
        assert env_file.read_text() == "" and path_file.read_text() == ""
        return result

    def run_all(self, inputs: dict[str, str]) -> subprocess.CompletedProcess[str]:
        result = None
        for step in STEPS:
            if "if" in step and not evaluate(step["if"], inputs, self.outputs):
                continue
            assert "run" in step, f"a step that would run in the test but is not a script: {step}"
            result = self.run_step(step, inputs)
            if result.returncode != 0:
                return result
        assert result is not None
        return result


@pytest.fixture
def stubs(tmp_path: Path) -> Path:
    """A ``python3`` that makes a stub venv whose pip installs a stub mxlint: each records its
    arguments, NUL-separated, in ``calls/``. Everything else goes to the real Python."""
    bin_dir = tmp_path / "stub-bin"
    calls = tmp_path / "calls"
    bin_dir.mkdir()
    calls.mkdir()
    record = 'printf "%s\\0" "$@" > "{calls}/{name}"'
    mxlint = "#!/bin/bash\n" + record.format(calls=calls, name="mxlint") + '\nexit "${STUB_MXLINT_EXIT:-0}"\n'
    venv_python = (
        "#!/bin/bash\n"
        'if [ "$1 $2 $3" = "-m pip install" ]; then\n'
        f"  {record.format(calls=calls, name='pip')}\n"
        f"  cat > \"$(dirname \"$0\")/mxlint\" <<'EOF'\n{mxlint}EOF\n"
        '  chmod +x "$(dirname "$0")/mxlint"; exit 0\n'
        "fi\n"
        f'exec "{sys.executable}" "$@"\n'
    )
    executable(bin_dir / "venv-python", venv_python)
    executable(
        bin_dir / "python3",
        "#!/bin/bash\n"
        'if [ "$1 $2" = "-m venv" ]; then\n'
        f"  {record.format(calls=calls, name='venv')}\n"
        f'  mkdir -p "$3/bin" && cp "{bin_dir}/venv-python" "$3/bin/python"; exit 0\n'
        "fi\n"
        f'exec "{sys.executable}" "$@"\n',
    )
    return tmp_path


def calls(stubs: Path, name: str) -> list[str]:
    return (stubs / "calls" / name).read_text().split("\0")[:-1]


def runner(stubs: Path) -> Runner:
    work = stubs / "work"
    work.mkdir()
    return Runner(work, f"{stubs / 'stub-bin'}:/usr/bin:/bin")


def test_installs_into_its_own_venv_and_lints_once_with_every_input(stubs: Path) -> None:
    run = runner(stubs)
    inputs = {
        "paths": "zones/a.example.\nzones/b.example. zones/with space\n\n  zones/c.example.  \n",
        "args": "--select MX1,MX2 --exclude 'zones/generated dir/' --isolated",
        "sarif-file": "mxlint.sarif",
        "fail-on": "warning",
    }
    result = run.run_all(inputs)
    assert result.returncode == 0, result.stderr
    # The runner's own Python made the venv, under RUNNER_TEMP; setup-python was not needed.
    assert "Set up Python for mxlint" not in run.ran
    assert calls(stubs, "venv") == ["-m", "venv", str(run.temp / "mxlint-venv")]
    assert calls(stubs, "pip")[-1] == str(ROOT)
    # One run: every path of every line, the extra arguments split like a shell, both formats.
    argv = calls(stubs, "mxlint")
    assert argv[0] == "check"
    assert argv[argv.index("--") + 1 :] == ["zones/a.example.", "zones/b.example.", "zones/with", "space", "zones/c.example."]
    options = argv[1 : argv.index("--")]
    assert ["--select", "MX1,MX2", "--exclude", "zones/generated dir/", "--isolated"] == options[-5:]
    assert [options[i + 1] for i, word in enumerate(options) if word == "--format"] == ["auto", "sarif:mxlint.sarif"]
    assert options[options.index("--fail-on") + 1] == "warning"
    assert "--config" not in options


def test_defaults_lint_the_working_directory_without_sarif(stubs: Path) -> None:
    run = runner(stubs)
    assert run.run_all({}).returncode == 0
    assert calls(stubs, "mxlint") == ["check", "--fail-on", "error", "--format", "auto", "--"] + ["."]


def test_nothing_in_the_inputs_is_run_or_expanded(stubs: Path) -> None:
    run = runner(stubs)
    inputs = {"paths": "$(touch pwned) *", "args": "--config '$HOME' `touch pwned` ;", "config": "cfg; touch pwned"}
    assert run.run_all(inputs).returncode == 0
    argv = calls(stubs, "mxlint")
    assert argv[argv.index("--") + 1 :] == ["$(touch", "pwned)", "*"]
    assert ["--config", "$HOME", "`touch", "pwned`", ";"] == argv[argv.index("--") - 5 : argv.index("--")]
    assert ["--config", "cfg; touch pwned"] == argv[argv.index("--config") : argv.index("--config") + 2]
    assert not (run.work / "pwned").exists()


def test_unbalanced_quotes_in_args_stop_the_step_with_one_line(stubs: Path) -> None:
    run = runner(stubs)
    result = run.run_all({"args": "--exclude 'zones/"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "args:" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (stubs / "calls" / "mxlint").exists()


def test_the_step_fails_as_mxlint_exits(stubs: Path) -> None:
    run = runner(stubs)
    *setup, lint = [step for step in STEPS if "run" in step]
    for step in setup:
        assert run.run_step(step, {}).returncode == 0
    for code in (1, 2):
        step = {**lint, "env": {**lint["env"], "STUB_MXLINT_EXIT": str(code)}}
        assert run.run_step(step, {}).returncode == code


def test_without_a_usable_python_the_action_installs_one_off_the_path(stubs: Path) -> None:
    (stubs / "bare").mkdir()
    run = Runner(stubs / "bare", "/nonexistent")  # bash finds no python3 and no python
    [find] = [step for step in STEPS if step.get("id") == "python"]
    result = run.run_step(find, {})
    assert result.returncode == 0
    assert run.outputs["python"]["path"] == ""
    [setup] = [step for step in STEPS if step.get("uses", "").startswith("actions/setup-python@")]
    assert evaluate(setup["if"], {}, run.outputs)
    # ... without putting it on the job's PATH.
    assert setup["with"]["update-environment"] is False


def test_the_lint_step_with_the_real_mxlint(tmp_path: Path) -> None:
    """Multi-line paths reach the real CLI; the SARIF file is written by the same run."""
    bin_dir = tmp_path / "venv-bin"
    bin_dir.mkdir()
    executable(bin_dir / "python", f'#!/bin/bash\nexec "{sys.executable}" "$@"\n')
    executable(bin_dir / "mxlint", f'#!/bin/bash\nexec "{sys.executable}" -m mxlint "$@"\n')
    work = tmp_path / "work"
    for name in ("one", "two"):
        (work / name).mkdir(parents=True)
        (work / name / f"{name}.example.zone").write_text("$TTL 3600\n@ MX 10 mail\n@ MX 20 mx2\nmail CNAME mx2\nmx2 A 198.18.0.2\n")
    run = Runner(work, os.environ["PATH"])
    run.outputs["install"] = {"bin": str(bin_dir)}
    [lint] = [step for step in STEPS if step.get("name") == "Run mxlint"]
    inputs = {"paths": "one\ntwo\n", "format": "text", "sarif-file": "mxlint.sarif", "args": "--isolated"}
    result = run.run_step(lint, inputs)
    assert result.returncode == 1, result.stderr
    assert "one/one.example.zone:2:1: error MX101" in result.stdout
    assert "two/two.example.zone:2:1: error MX101" in result.stdout
    import json

    sarif = json.loads((work / "mxlint.sarif").read_text())
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in sarif["runs"][0]["results"]}
    assert uris == {"one/one.example.zone", "two/two.example.zone"}
