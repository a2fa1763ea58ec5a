"""What mxlint prints is sanitised after every change made to it (issue 32, items 4 and 9):
a path cut to be relative cannot start a workflow command, and a diff applies or is not shown."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run_mxlint

FORGED = "::error file=README.md,line=1::pwned.zone"
ZONE = "$ORIGIN example.com.\n$TTL 60\n@ MX 10 mail\n@ MX 20 mx2.example.net.\nmail CNAME x.example.net.\n"


@pytest.mark.parametrize("output", ["text", "github", "json", "gitlab", "sarif"])
@pytest.mark.parametrize("named", ["./", "absolute", "."])
def test_a_path_cut_to_be_relative_cannot_start_a_command(tmp_path: Path, output: str, named: str) -> None:
    (tmp_path / FORGED).write_text(ZONE)
    result = run_mxlint("check", "--isolated", "--format", output, str(tmp_path) if named == "absolute" else named, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines() + result.stderr.splitlines()
    assert not [line for line in lines if line.startswith("::") and not line.startswith(("::error file=", "::warning file=", "::notice file="))]
    assert not [line for line in lines if line.startswith("::error file=README.md")]


def fixable(middle: str) -> str:
    # MX112's safe fix at line 3; `middle` is a comment line `distance` lines further down.
    return "$ORIGIN example.com.\n$TTL 60\n@ MX 10 mail.example.com\n@ MX 20 mx2.example.net.\n" + middle + "mail A 198.18.0.25\n"


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch(1)")
def test_a_diff_is_cut_where_the_reader_cuts_lines_and_applies(tmp_path: Path) -> None:
    # A vertical tab far from the hunk: the diff is printed and patch applies it.
    zone = tmp_path / "example.com.zone"
    zone.write_bytes(fixable("; filler\n" * 8 + "; a\x0bb\u2028c\n").encode())
    result = run_mxlint("check", "--isolated", "--diff", "example.com.zone", cwd=tmp_path)
    assert result.stdout.startswith("--- example.com.zone\n")
    applied = subprocess.run(["patch", "-p0", "--dry-run"], input=result.stdout, cwd=tmp_path, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stdout + applied.stderr


def test_a_diff_whose_hunk_holds_control_characters_is_not_shown(tmp_path: Path) -> None:
    zone = tmp_path / "example.com.zone"
    zone.write_bytes(fixable("; a\x0bb \x1b[31mred\n").encode())
    result = run_mxlint("check", "--isolated", "--diff", "example.com.zone", cwd=tmp_path)
    assert result.stdout == ""
    assert "mxlint: example.com.zone: the diff is not shown: a changed or context line holds control characters (--fix applies it)" in result.stderr
    assert "\x1b" not in result.stderr
