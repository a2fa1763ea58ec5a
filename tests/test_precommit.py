"""The pre-commit hook, run by the real pre-commit against this repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

BAD = "$TTL 3600\n@ MX 10 mail\n@ MX 20 mx2\nmail CNAME mx2\nmx2 A 198.18.0.2\n"
GOOD = "$TTL 3600\n@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 198.18.0.1\nmx2 A 198.18.0.2\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def run(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    env.pop("NO_COLOR", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=540)


def try_repo(tmp_path: Path, home: Path, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    work = tmp_path / "zones-repo"
    work.mkdir()
    run(["git", "init", "-q"], work, home)
    for name, text in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text)
    run(["git", "add", "."], work, home)
    return run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "mxlint", "--all-files", "--color", "never"], work, home)


def test_hook_fails_on_an_mx_to_a_cname(tmp_path: Path, pre_commit_home: Path) -> None:
    result = try_repo(tmp_path, pre_commit_home, {"zones/example.com.zone": BAD, "README.md": "not a zone\n"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "zones/example.com.zone:2:1: error MX101 MX target mail.example.com. is a CNAME" in result.stdout


def test_hook_passes_a_clean_zone_named_after_its_origin(tmp_path: Path, pre_commit_home: Path) -> None:
    result = try_repo(tmp_path, pre_commit_home, {"example.com.zone": GOOD, ".pre-commit-config.yaml": "repos: []\n"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"mxlint.*Passed", result.stdout)


def test_hook_finds_an_extensionless_zone_and_ignores_helm_values(tmp_path: Path, pre_commit_home: Path) -> None:
    files = {
        "zones/example.com": BAD,
        "chart/values.yaml": "replicaCount: 1\nservice:\n  type: ClusterIP\n  port: 80\n",
        "config/production.yaml": "providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\nzones:\n  example.com.:\n    sources: [config]\n",
        "README.md": "# Zones\n\nSee zones/.\n",
    }
    result = try_repo(tmp_path, pre_commit_home, files)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "zones/example.com:2:1: error MX101" in result.stdout
    assert "values.yaml" not in result.stdout and "production.yaml" not in result.stdout


def test_hook_passes_a_commit_without_zones(tmp_path: Path, pre_commit_home: Path) -> None:
    files = {"chart/values.yaml": "service:\n  type: ClusterIP\n", "notes.txt": "nothing to see\n"}
    result = try_repo(tmp_path, pre_commit_home, files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"mxlint.*Passed", result.stdout)


def test_hook_definition() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "mxlint" and hook["language"] == "python" and hook["require_serial"] is True
    # Content decides which files are zones, so the hook takes text files and skips the rest.
    assert hook["types"] == ["text"] and "files" not in hook
    assert "--skip-non-zones" in hook["entry"].split()
