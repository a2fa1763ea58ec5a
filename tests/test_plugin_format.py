"""The README's worked plugin format, taken from the README itself: installed with pip as a
real distribution with an entry point, then run through `mxlint check`, `--fix` and a
suppression comment, as the README shows them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_mxlint

SECTION = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Writing a format (plugins)\n", 1)[1].split("\n## ", 1)[0]


def block(language: str) -> tuple[str, str]:
    """The file a block of the section holds: its name (from its first line) and its text."""
    [(name, text)] = re.findall(rf"^```{language}\n# ([^\n]+)\n(.*?)^```", SECTION, re.M | re.S)
    return name, text


def session() -> list[tuple[str, str]]:
    """Each command of the console block with what the README says it prints."""
    [console] = re.findall(r"^```console\n(.*?)^```", SECTION, re.M | re.S)
    steps: list[tuple[str, str]] = []
    for line in console.splitlines(keepends=True):
        if line.startswith("$ "):
            steps.append((line[2:].strip(), ""))
        else:
            steps[-1] = (steps[-1][0], steps[-1][1] + line)
    return steps


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plugin, installed from the README's files with pip (offline, no build isolation:
    hatchling is a test dependency) into a directory of its own."""
    root = tmp_path_factory.mktemp("plugin")
    project = root / "mxlint-csv"
    project.mkdir()
    for language in ("python", "toml"):
        name, text = block(language)
        (project / name.replace(" of the plugin", "")).write_text(text, encoding="utf-8")
    target = root / "site"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-deps", "--no-index", "--target", str(target), str(project)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "mxlint_csv-1.0.dist-info" / "entry_points.txt").is_file()
    return target


def test_the_readme_session_prints_what_the_readme_shows(site: Path, tmp_path: Path) -> None:
    name, zone = block("csv")
    (tmp_path / name).write_text(zone, encoding="utf-8")
    steps = session()
    assert steps[0][0] == "pip install ./mxlint-csv"  # done by the fixture, into its own directory
    for command, shown in steps[1:]:
        words = command.split()
        assert words[0] == "mxlint"
        result = run_mxlint(*words[1:], cwd=tmp_path, env={"PYTHONPATH": str(site)})
        assert "Traceback" not in result.stderr
        assert result.stdout == shown, command
    # The fix added the trailing dot and nothing else; the suppression comment stays.
    fixed = (tmp_path / name).read_text(encoding="utf-8")
    assert fixed == zone.replace("@,20,mx2.mail.example.net\n", "@,20,mx2.mail.example.net.\n")


def test_the_suppression_comment_is_what_hides_the_single_exchanger(site: Path, tmp_path: Path) -> None:
    name, zone = block("csv")
    unsuppressed = re.sub(r"\s+# mxlint:[^\n]*", "", zone)
    assert unsuppressed != zone
    (tmp_path / name).write_text(unsuppressed, encoding="utf-8")
    found = run_mxlint("check", "--select", "MX203", "--format", "json", name, cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert '"rule": "MX203"' in found.stdout and "shop.example.com." in found.stdout


def test_a_directory_search_takes_csv_zones_by_their_header_only(site: Path, tmp_path: Path) -> None:
    name, zone = block("csv")
    (tmp_path / name).write_text(zone, encoding="utf-8")
    (tmp_path / "prices.csv").write_text("item,price\ntea,3\n", encoding="utf-8")
    result = run_mxlint("check", "--format", "json", ".", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert result.returncode == 1, result.stderr
    assert '"files": 1' in result.stdout and "prices.csv" not in result.stdout


def test_standard_input_named_as_csv_is_read_by_the_plugin(site: Path, tmp_path: Path) -> None:
    _, zone = block("csv")
    result = subprocess.run(
        [sys.executable, "-m", "mxlint", "check", "--stdin-filename", "example.com.csv", "-"],
        input=zone, capture_output=True, text=True, cwd=tmp_path, env={**_environment(), "PYTHONPATH": str(site)}, timeout=60,
    )
    assert result.stdout.startswith("example.com.csv:3:1: error MX113"), result.stdout + result.stderr


def _environment() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
