"""One run, owned by ``Session``: each check reads its texts anew (the check after ``--fix``
sees what was written, with any ``--jobs``), bytes given under a file's name stand for that
file, and standard input is read exactly as the file it names would be."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_mxlint

#: A forgotten dot (MX112, a safe fix) that, once fixed, leaves a repeated exchange (MX201,
#: an unsafe removal): only a check that reads the fixed text finds the second fix.
DOUBLED = "$ORIGIN example.com.\n$TTL 300\n@ SOA ns1 host 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\nmail A 192.0.2.2\n@ MX 10 mail.example.com.\n@ MX 20 mail.example.com\n"


def test_the_check_after_fix_reads_the_fixed_text(tmp_path: Path) -> None:
    (tmp_path / "example.com.zone").write_text(DOUBLED)
    result = run_mxlint("check", "--isolated", "--fix", "--format", "json", "example.com.zone", cwd=tmp_path)
    [repeated] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "MX201"]
    # The removal is worked out on the text as it is now, line 8 with its dot.
    assert repeated["fix"]["edits"] == [{"path": "example.com.zone", "line": 8, "column": 1, "old": "@ MX 20 mail.example.com.\n", "new": ""}]


@pytest.mark.parametrize("jobs", ["1", "4"])
def test_the_check_after_fix_is_the_same_with_any_jobs(tmp_path: Path, jobs: str) -> None:
    for number in range(16):  # enough files for worker processes
        (tmp_path / f"z{number}.example.com.zone").write_text(DOUBLED.replace("example.com", f"z{number}.example.com"))
    result = run_mxlint("check", "--isolated", "--fix", "-j", jobs, ".", cwd=tmp_path)
    fixed, summary = result.stdout.splitlines()[-2:]
    assert fixed == "Fixed 16 problems." and summary.endswith(" in 16 files; 16 fixable with --fix --unsafe-fixes."), result.stdout


def test_a_file_standard_input_stands_for_is_not_written(tmp_path: Path) -> None:
    zone = tmp_path / "example.com.zone"
    zone.write_text(DOUBLED)
    result = subprocess.run(
        [sys.executable, "-m", "mxlint", "check", "--isolated", "--fix", "example.com.zone", "--stdin-filename", "example.com.zone", "-"],
        input=DOUBLED, capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert "example.com.zone: not fixed: standard input is not written" in result.stderr
    assert zone.read_text() == DOUBLED


@pytest.mark.parametrize(
    "name,text",
    [
        ("example.com.zone", DOUBLED),
        ("db.example.org", "$TTL 60\n@ MX 10 mx1\n@ MX 10 mx1.example.net\nmx1 A 198.18.0.1\n"),
        ("example.com", "$ORIGIN a.\n"),  # names its origin, holds no record
        ("example.com.yaml", "'':\n  type: MX\n  value: {preference: 10, exchange: mail}\n"),
        ("example.com.yaml", "origin: [1]\nrecords:\n  - {name: '@', type: MX, value: 10 mx1}\n"),  # a native origin that is no name
        ("example.net.yaml", "origin: example.org.\nrecords:\n  - {name: '@', type: MX, value: 10 mx1.example.org}\n"),
        ("example.com.yml", "not: [valid\n"),
    ],
)
def test_standard_input_is_read_as_the_file_it_names(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text)
    as_file = run_mxlint("check", "--isolated", "--format", "json", name, cwd=tmp_path)
    as_stdin = subprocess.run(
        [sys.executable, "-m", "mxlint", "check", "--isolated", "--format", "json", "--stdin-filename", name, "-"],
        input=text, capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert (as_stdin.returncode, as_stdin.stdout) == (as_file.returncode, as_file.stdout), as_stdin.stderr


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc/self/mem, a file that cannot be read from offset 0")
def test_a_named_yaml_file_that_cannot_be_read_is_skipped_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").symlink_to("/proc/self/mem")
    named = run_mxlint("check", "--isolated", "x.yaml", cwd=tmp_path)
    assert named.returncode == 2 and named.stderr.startswith("mxlint: error: no zone files found in x.yaml (cannot be read: ")
    # As pre-commit hands it over: not a zone, and nothing to fail on.
    assert run_mxlint("check", "--isolated", "--skip-non-zones", "x.yaml", cwd=tmp_path).returncode == 0
