"""What real repositories showed (issue 31): one cause gives one finding, and a decision that
is a trade-off is information, not a warning."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import lint_zone_text, run_mxlint


def test_a_forgotten_dot_is_judged_as_the_name_meant_by_missing_backup() -> None:
    # MX112 reports the broken name; MX203 does not repeat it, and judges the name meant.
    findings = lint_zone_text("$TTL 60\n@ MX 10 mail.example.com\nmail A 198.18.0.1\nwww MX 10 smtp.google.com\n")
    [backup] = [f for f in findings if f.rule == "MX203"]
    assert "(mail.example.com.)" in backup.message and "example.com.example.com" not in backup.message
    assert backup.severity == 1  # info
    # Google's single MX name is a pool: exempt, once the dot MX113 reports is put back.
    assert {f.rule for f in findings} == {"MX112", "MX113", "MX203"}


def test_a_private_exchange_is_reported_once_per_owner_not_per_record() -> None:
    text = "$TTL 60\n@ MX 10 mx\n@ MX 20 MX\nwww MX 10 mx\nmx A 10.0.0.25\n"
    private = [f for f in lint_zone_text(text) if f.rule == "MX209"]
    assert [(f.line, f.owner) for f in private] == [(2, "example.com."), (4, "www.example.com.")]


def test_a_wildcard_null_mx_refuses_mail_and_is_not_a_catch_all() -> None:
    assert not [f for f in lint_zone_text("$TTL 60\n@ MX 10 mx\n* MX 0 .\nmx A 198.18.0.1\n") if f.rule == "MX208"]
    assert [f.rule for f in lint_zone_text("$TTL 60\n* MX 10 mx\nmx A 198.18.0.1\n") if f.rule == "MX208"] == ["MX208"]


def test_a_problem_in_a_file_two_zones_include_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "common.inc").write_text("@ MX 5\n@ MX 10 mx.example.net.\n")
    for name in ("example.com", "example.org"):
        (tmp_path / f"{name}.zone").write_text(f"$TTL 60\n$INCLUDE common.inc\n@ MX 20 mx2.example.net.\n")
    result = run_mxlint("check", "--isolated", "--format", "json", ".", cwd=tmp_path)
    unreadable = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "MX000"]
    assert [(f["path"], f["line"]) for f in unreadable] == [("common.inc", 1)]
