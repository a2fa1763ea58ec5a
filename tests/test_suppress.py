"""Inline suppressions and MX001."""

from __future__ import annotations

from conftest import lint_yaml_text, lint_zone_text

HEAD = "$ORIGIN example.com.\n$TTL 3600\nmx1 A 198.18.0.1\n"


def found(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in lint_zone_text(HEAD + text)]


def test_end_of_line_suppression_by_id_or_name() -> None:
    assert found("@ MX 10 mx1\n") == [(4, "MX203")]
    assert found("@ MX 10 mx1 ; mxlint: ignore=MX203\n") == []
    assert found("@ MX 10 mx1 ; mxlint: ignore=missing-backup -- one pooled host\n") == []
    assert found("@ MX 10 mx1 ; mxlint: ignore = MX101, missing-backup\n") == [(4, "MX001")]


def test_own_line_suppression_covers_the_next_record() -> None:
    assert found("; mxlint: ignore=MX203\n\n; another comment\n@ MX 10 mx1\n") == []
    assert found("; mxlint: ignore=MX203\nwww A 198.18.0.2\n@ MX 10 mx1\n") == [(4, "MX001"), (6, "MX203")]


def test_file_wide_suppression() -> None:
    assert found("; mxlint: ignore-file=MX203\n@ MX 10 mx1\nsub MX 10 mx1\n") == []
    assert found("; mxlint: ignore-file=MX101\n@ MX 10 mx1\n") == [(4, "MX001"), (5, "MX203")]


def test_malformed_directives_are_reported() -> None:
    findings = lint_zone_text(HEAD + "@ MX 10 mx1 ; mxlint: ignore\n; mxlint: disable=MX203\n; mxlint: ignore=missing-backups\n")
    assert [(f.line, f.rule) for f in findings] == [(4, "MX203"), (4, "MX001"), (5, "MX001"), (6, "MX001")]
    messages = [f.message for f in findings if f.rule == "MX001"]
    assert "names no rule" in messages[0] and "blanket" in messages[0]
    assert "not `ignore=RULES`" in messages[1]
    assert "did you mean missing-backup" in messages[2]


def test_mentions_of_mxlint_that_are_not_directives_are_ignored() -> None:
    assert found('; linted with mxlint\n@ TXT "a; mxlint: ignore=MX203"\n@ MX 0 .\n') == []


def test_yaml_suppressions() -> None:
    text = "'':\n  type: MX\n  value: {exchange: mx1.example.com., preference: 10}  # mxlint: ignore=MX203\nmx1:\n  type: A\n  value: 198.18.0.1\n"
    assert [(f.line, f.rule) for f in lint_yaml_text(text)] == []
    own_line = "'':\n  type: MX\n  # mxlint: ignore=MX203\n  value: {exchange: mx1.example.com., preference: 10}\nmx1:\n  type: A\n  value: 198.18.0.1\n"
    assert [(f.line, f.rule) for f in lint_yaml_text(own_line)] == []
    quoted = "'':\n  type: TXT\n  value: 'v=spf1 # mxlint: ignore=MX203'\n"
    assert lint_yaml_text(quoted) == []


def test_suppressing_a_rule_that_is_off_is_not_reported(write, tmp_path) -> None:
    from conftest import run_mxlint

    write(".mxlint.yaml", "rules:\n  missing-backup: off\n")
    write("example.com.zone", "$TTL 60\n@ MX 10 mx1 ; mxlint: ignore=MX203\n@ MX 20 mx2\nmx1 A 198.18.0.1\nmx2 A 198.18.0.2\n")
    result = run_mxlint("check", "example.com.zone", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "No problems found in 1 file.\n")
