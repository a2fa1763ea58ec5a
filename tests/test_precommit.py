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


def try_repo(tmp_path: Path, home: Path, files: dict[str, str], hook: str = "mxlint") -> subprocess.CompletedProcess[str]:
    work = tmp_path / "zones-repo"
    work.mkdir()
    run(["git", "init", "-q"], work, home)
    for name, text in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text)
    run(["git", "add", "."], work, home)
    return run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files", "--color", "never"], work, home)


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
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"mxlint", "mxlint-fix"}
    hook = hooks["mxlint"]
    assert hook["id"] == "mxlint" and hook["language"] == "python" and hook["require_serial"] is True
    # Content decides which files are zones, so the hook takes text files and skips the rest.
    assert hook["types"] == ["text"] and "files" not in hook
    assert "--skip-non-zones" in hook["entry"].split()


def test_fix_hook_fixes_the_zone_and_pre_commit_shows_the_change(tmp_path: Path, pre_commit_home: Path) -> None:
    doubled = GOOD.replace("10 mx1", "10 mx1.example.com")
    result = try_repo(tmp_path, pre_commit_home, {"example.com.zone": doubled}, hook="mxlint-fix")
    # The hook changed a file: pre-commit fails it once and says so; the zone is now clean.
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert (tmp_path / "zones-repo" / "example.com.zone").read_text() == GOOD.replace("10 mx1", "10 mx1.example.com.")


def test_hook_sees_every_file_in_one_process(tmp_path: Path, pre_commit_home: Path) -> None:
    """400 zones, two of which rank the same exchanges in opposite orders (MX205, a rule over
    the whole run): pre-commit would split them into parallel batches without require_serial,
    each batch blind to the other's zones and printing its own summary."""
    names = sorted(f"zones/z{number:03}.example.zone" for number in range(400))
    # pre-commit shuffles the files (with a fixed seed) before it cuts them into one batch per
    # core: the first and the last of its order land in different batches on any machine.
    try:
        from pre_commit.lang_base import _shuffled
        from pre_commit.xargs import partition
    except ImportError:  # pre-commit's internals moved: the hook is still tested below
        first, last = names[0], names[-1]
    else:
        order = _shuffled(names)
        first, last = order[0], order[-1]
        batches = partition(("mxlint", "check", "--skip-non-zones"), order, 2)
        assert len(batches) > 1 and not any(first in batch and last in batch for batch in batches)
    files = {name: GOOD for name in names}
    files[first] = "$TTL 3600\n@ MX 10 mx1.mail.example.\n@ MX 20 mx2.mail.example.\n"
    files[last] = "$TTL 3600\n@ MX 10 mx2.mail.example.\n@ MX 20 mx1.mail.example.\n"
    work = tmp_path / "zones-repo"
    (work / "zones").mkdir(parents=True)
    run(["git", "init", "-q"], work, pre_commit_home)
    for name, text in files.items():
        (work / name).write_text(text)
    run(["git", "add", "."], work, pre_commit_home)
    # --verbose: a warning passes the hook, and pre-commit shows a passing hook's output only then.
    result = run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "mxlint", "--all-files", "--verbose", "--color", "never"],
                 work, pre_commit_home)
    assert result.returncode == 0, result.stdout + result.stderr
    findings = [line for line in result.stdout.splitlines() if " MX205 " in line]
    assert len(findings) == 1 and {first, last} & {findings[0].split(":", 1)[0]}, result.stdout
    summaries = [line for line in result.stdout.splitlines() if re.match(r"(Found .*|No problems found) in \d+ files\.$", line)]
    assert summaries == ["Found 1 problem (0 errors, 1 warning, 0 info) in 400 files."], result.stdout
