"""Integers of thousands of digits (past Python's 4,300-digit ``int()`` limit) are measured as
text before conversion: a finding (MX000) in a zone, one error line in a configuration."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_clean_failure, run_mxlint

HUGE = "1" + "0" * 4300
HEAD = "$ORIGIN example.com.\n$TTL 300\n@ SOA ns hm 1 2 3 4 5\n@ NS ns\nns A 1.2.3.4\n"
OTHER = "$ORIGIN example.net.\n$TTL 300\n@ SOA ns hm 1 2 3 4 5\n@ NS ns\nns A 1.2.3.4\n@ MX 10 a.example.org.\n@ MX 10 a.example.org.\n"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (f"$ORIGIN example.com.\n$TTL {HUGE}\n@ SOA ns hm 1 2 3 4 5\n", 2),
        (HEAD + f"@ {HUGE} MX 10 ns\n", 6),
        (HEAD + f"@ MX {HUGE} ns\n", 6),
        (HEAD + f"ns CLASS{HUGE} A 1.2.3.4\n", 6),
        (HEAD + f"ns TYPE{HUGE} \\# 0\n", 6),
        (HEAD + f"$GENERATE 1-{HUGE} a$ MX 10 ns\n", 6),
        (HEAD + f"$GENERATE 1-2/{HUGE} a$ MX 10 ns\n", 6),
        (HEAD + f"$GENERATE 1-2 a${{{HUGE}}} MX 10 ns\n", 6),
        (HEAD + f"$GENERATE 1-2 a$ MX {HUGE} ns\n", 6),
        (f"$ORIGIN example.com.\n$TTL 300\n@ SOA ns hm {HUGE} 2 3 4 5\n", 3),
        (f"$ORIGIN example.com.\n$TTL 300\n@ SOA ns hm 1 {HUGE} 3 4 5\n", 3),
    ],
)
def test_a_huge_number_in_a_zone_file_is_a_finding(tmp_path: Path, text: str, line: int) -> None:
    (tmp_path / "example.com.zone").write_text(text)
    (tmp_path / "example.net.zone").write_text(OTHER)
    result = run_mxlint("check", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert f"example.com.zone:{line}:1: error MX000 " in result.stdout
    assert "4300 digits" not in result.stdout  # Python's own message is not shown
    assert "example.net.zone:7:1: warning MX201" in result.stdout  # the other file's findings stay


def test_an_eleven_digit_class_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "example.com.zone").write_text(HEAD + "ns CLASS99999999999 A 1.2.3.4\nns CLASS70000 A 1.2.3.4\n")
    result = run_mxlint("check", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "example.com.zone:6:1: error MX000" in result.stdout
    assert "example.com.zone:7:1: error MX000" in result.stdout


@pytest.mark.parametrize("field", ["ttl", "preference"])
def test_a_huge_number_in_a_yaml_zone_is_a_finding(tmp_path: Path, field: str) -> None:
    ttl = HUGE if field == "ttl" else "300"
    preference = HUGE if field == "preference" else "10"
    (tmp_path / "example.com.yaml").write_text(
        f"---\n'':\n  - type: MX\n    ttl: {ttl}\n    values:\n      - exchange: mx.example.net.\n        preference: {preference}\n"
    )
    (tmp_path / "example.net.zone").write_text(OTHER)
    result = run_mxlint("check", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    line = 4 if field == "ttl" else 7
    assert f"example.com.yaml:{line}:" in result.stdout and "MX000" in result.stdout
    assert "example.net.zone:7:1: warning MX201" in result.stdout


@pytest.mark.parametrize(
    ("name", "text", "key"),
    [
        (".mxlint.yaml", f"rules:\n  MX203:\n    min-exchangers: {HUGE}\n", "min-exchangers"),
        ("pyproject.toml", f"[tool.mxlint]\nrules = {{MX203 = {{min-exchangers = {HUGE}}}}}\n", "min-exchangers"),
        ("pyproject.toml", f"[tool.mxlint.rules.MX203]\nmin-exchangers = {HUGE}\n", "min-exchangers"),
        (".mxlint.yaml", f"rules:\n  MX203:\n    min-exchangers: [{HUGE}]\n", None),
    ],
)
def test_a_huge_number_in_a_configuration_is_one_error_line(tmp_path: Path, name: str, text: str, key: str | None) -> None:
    (tmp_path / name).write_text(text)
    (tmp_path / "example.net.zone").write_text(OTHER)
    result = run_mxlint("check", ".", cwd=tmp_path)
    assert_clean_failure(result)
    assert "internal error" not in result.stderr
    assert name in result.stderr
    if key is not None:
        assert key in result.stderr
