"""Fixes through the real command line: --fix, --diff, --unsafe-fixes, and what they never do."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, run_mxlint
from test_pages import EXPECT, expected_marks, origin_of, zone_blocks

SAFE = {"MX106", "MX112", "MX113"}
UNSAFE = {"MX109", "MX111", "MX201"}
SUFFIX = {"zone": ".zone", "yaml": ".yaml"}


def page(rule: str) -> Path:
    return ROOT / "rules" / f"{rule}.md"


def use_instead(rule: str, language: str) -> list[str]:
    text = page(rule).read_text(encoding="utf-8")
    section = text.split("## Use instead", 1)[1].split("\n## ", 1)[0]
    return [body for body in re.findall(rf"^```{language}\n(.*?)^```", section, re.M | re.S)]


def without_marks(text: str) -> str:
    return "".join(EXPECT.split(line)[0].rstrip() + "\n" for line in text.splitlines())


def findings(*args: str, cwd: Path) -> list[dict]:
    result = run_mxlint("check", "--isolated", "--format", "json", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


def triggering(rule: str) -> list[tuple[str, str]]:
    """The page's example blocks that trigger the rule, with their language."""
    return [(language, block) for _, language, block in zone_blocks(page(rule)) if rule in {r for _, r in expected_marks(block)}]


CASES = [(rule, language, block) for rule in sorted(SAFE | UNSAFE) for language, block in triggering(rule)]


def test_every_fixable_rule_has_a_zone_and_a_yaml_example() -> None:
    languages = {(rule, language) for rule, language, _ in CASES}
    for rule in SAFE | UNSAFE:
        assert (rule, "yaml") in languages
        assert (rule, "zone") in languages or rule == "MX111"  # MX111 exists in octoDNS YAML only


@pytest.mark.parametrize("rule,language,block", CASES, ids=[f"{rule}-{language}-{index}" for index, (rule, language, _) in enumerate(CASES)])
def test_fix_applies_to_the_page_example(tmp_path: Path, rule: str, language: str, block: str) -> None:
    name = origin_of(block).rstrip(".") + SUFFIX[language]
    (tmp_path / name).write_text(block, encoding="utf-8")
    before = findings(name, cwd=tmp_path)
    [mine] = [f for f in before if f["rule"] == rule][:1]
    assert mine["fix"]["safe"] is (rule in SAFE)
    flags = ["--fix"] if rule in SAFE else ["--fix", "--unsafe-fixes"]
    result = run_mxlint("check", "--isolated", *flags, name, cwd=tmp_path)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    fixed = (tmp_path / name).read_text(encoding="utf-8")
    assert fixed != block
    assert rule not in {f["rule"] for f in findings(name, cwd=tmp_path)}
    assert re.search(r"^Fixed \d+ problems?\.$", result.stdout, re.M)
    # Where the page's "Use instead" is this very example fixed, the result is that block.
    if (rule, language) in {("MX106", "zone"), ("MX106", "yaml"), ("MX112", "zone"), ("MX112", "yaml"), ("MX111", "yaml"), ("MX201", "yaml")}:
        assert without_marks(fixed) in use_instead(rule, language)


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    [(_, block)] = [(language, block) for language, block in triggering("MX201") if language == "yaml"]
    (tmp_path / "example.com.yaml").write_text(block)
    result = run_mxlint("check", "--isolated", "--fix", "example.com.yaml", cwd=tmp_path)
    assert (tmp_path / "example.com.yaml").read_text() == block
    assert "[*]" not in result.stdout
    assert result.stdout.splitlines()[-1].endswith("; 1 fixable with --fix --unsafe-fixes.")
    shown = run_mxlint("check", "--isolated", "--unsafe-fixes", "example.com.yaml", cwd=tmp_path)
    assert " MX201 [*] " in shown.stdout and shown.stdout.splitlines()[-1].endswith("; 1 fixable with --fix.")


ZONE = "$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 mx1.example.com ; doubled\nnoreply IN MX 10 .\nmx1 IN A 198.18.0.25\n"


def test_text_marks_fixable_findings_and_counts_them(tmp_path: Path) -> None:
    (tmp_path / "example.com.zone").write_text(ZONE)
    result = run_mxlint("check", "--isolated", "example.com.zone", cwd=tmp_path)
    assert result.returncode == 1
    assert "example.com.zone:3:1: error MX112 [*] " in result.stdout
    assert "example.com.zone:4:1: warning MX106 [*] " in result.stdout
    assert result.stdout.splitlines()[-1].endswith("; 2 fixable with --fix.")


def test_fix_changes_only_the_tokens_crlf_tabs_comments_and_bom_stay(tmp_path: Path) -> None:
    original = "\ufeff$ORIGIN example.com.\r\n$TTL 3600\r\n; a comment\r\n@\tIN\tMX\t10\tmx1.example.com\t; tab before me\r\n" \
        "noreply   IN MX  (\r\n   10 ; the preference\r\n   . )\r\nmx1\tIN A 198.18.0.25\r\n"
    path = tmp_path / "example.com.zone"
    path.write_bytes(original.encode("utf-8"))
    path.chmod(0o640)
    result = run_mxlint("check", "--isolated", "--fix", "example.com.zone", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    expected = original.replace("mx1.example.com\t", "mx1.example.com.\t").replace("   10 ;", "   0 ;")
    assert path.read_bytes() == expected.encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    # MX203 (one exchanger) has no fix and stays.
    assert result.stdout.splitlines()[-2:] == ["Fixed 2 problems.", "Found 1 problem (0 errors, 0 warnings, 1 info) in 1 file."]
    assert [p.name for p in tmp_path.iterdir()] == ["example.com.zone"]  # no temporary file left


def test_fix_in_yaml_keeps_quotes_and_comments(tmp_path: Path) -> None:
    text = "'':\n  type: MX\n  values:\n    - exchange: \"mx1.example.com.example.com.\"  # export\n      preference: 10\n" \
        "    - {exchange: ., preference: 5}\n"
    (tmp_path / "example.com.yaml").write_text(text)
    run_mxlint("check", "--isolated", "--fix", "example.com.yaml", cwd=tmp_path)
    assert (tmp_path / "example.com.yaml").read_text() == text.replace('"mx1.example.com.example.com."', '"mx1.example.com."').replace("preference: 5", "preference: 0")


def test_nothing_is_written_without_fix(tmp_path: Path) -> None:
    path = tmp_path / "example.com.zone"
    path.write_text(ZONE)
    mtime = path.stat().st_mtime_ns
    for flags in ([], ["--unsafe-fixes"], ["--diff"], ["--diff", "--fix"], ["--format", "json"]):
        run_mxlint("check", "--isolated", *flags, "example.com.zone", cwd=tmp_path)
        assert path.read_text() == ZONE and path.stat().st_mtime_ns == mtime


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")
def test_diff_applies_with_patch_p0_and_exits_by_what_is_left(tmp_path: Path) -> None:
    zones = tmp_path / "zones"
    zones.mkdir()
    (zones / "example.com.zone").write_bytes(ZONE.replace("\n", "\r\n").encode())
    (zones / "example.net.yaml").write_text("'':\n  type: MX\n  value:\n    exchange: .\n    preference: 10\n")
    # Bytes: the CRs of the CRLF file's lines are part of the diff.
    result = subprocess.run([os.sys.executable, "-m", "mxlint", "check", "--isolated", "--diff", "zones"], cwd=tmp_path, capture_output=True)
    assert result.returncode == 0, result.stdout + result.stderr  # nothing but fixable findings: none left
    assert b"--- zones/example.com.zone\n+++ zones/example.com.zone\n" in result.stdout
    assert b"a/" not in result.stdout
    applied = subprocess.run(["patch", "-p0"], input=result.stdout, cwd=tmp_path, capture_output=True)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert {f["rule"] for f in findings("zones", cwd=tmp_path)} == {"MX203"}  # one exchanger: no fix
    assert (zones / "example.com.zone").read_bytes() == ZONE.replace("mx1.example.com ", "mx1.example.com. ").replace("10 .", "0 .").replace("\n", "\r\n").encode()
    # Left after the fixes: the exit code says so even though nothing is written.
    (zones / "example.com.zone").write_text(ZONE + "mail IN CNAME mx1\n@ IN MX 20 mail\n")
    assert run_mxlint("check", "--isolated", "--diff", "zones", cwd=tmp_path).returncode == 1


def test_a_symlink_is_never_written_through(tmp_path: Path) -> None:
    target = tmp_path / "real" / "example.com.zone"
    target.parent.mkdir()
    target.write_text(ZONE)
    (tmp_path / "zones").mkdir()
    (tmp_path / "zones" / "example.com.zone").symlink_to(target)
    result = run_mxlint("check", "--isolated", "--fix", "zones/example.com.zone", cwd=tmp_path)
    assert target.read_text() == ZONE and (tmp_path / "zones" / "example.com.zone").is_symlink()
    assert result.returncode == 1  # the error stays
    assert "symbolic link" in result.stderr and "Traceback" not in result.stderr


def test_an_included_file_is_fixed_inside_the_tree_and_not_outside(tmp_path: Path) -> None:
    zones, common = tmp_path / "zones", tmp_path / "common"
    (zones / "inc").mkdir(parents=True)
    common.mkdir()
    included = "@ IN MX 10 mx1.example.com\n"
    (zones / "inc" / "mx.inc").write_text(included)
    (common / "mx.inc").write_text(included)
    head = "$ORIGIN example.com.\n$TTL 3600\nmx1 IN A 198.18.0.25\n"
    (zones / "example.com.zone").write_text(head + "$INCLUDE inc/mx.inc\n")
    (zones / "example.org.zone").write_text(head.replace("example.com.", "example.org.") + "$INCLUDE ../common/mx.inc\n")
    (tmp_path / ".mxlint.yaml").write_text(f"include-root: {tmp_path}\n")
    inside = run_mxlint("check", "--fix", "zones/example.com.zone", cwd=tmp_path)
    assert (zones / "inc" / "mx.inc").read_text() == "@ IN MX 10 mx1.example.com.\n", inside.stdout + inside.stderr
    outside = run_mxlint("check", "--fix", "zones/example.org.zone", cwd=tmp_path)
    assert (common / "mx.inc").read_text() == included
    assert "outside" in outside.stderr and outside.returncode == 1
    assert "common/mx.inc:1:1: error MX113 [*] " in outside.stdout  # the finding stays


def test_stdin_is_not_written_but_its_diff_is_shown(tmp_path: Path) -> None:
    (tmp_path / "example.com.zone").write_text("unrelated\n")
    run = lambda *args: subprocess.run([os.sys.executable, "-m", "mxlint", "check", "--isolated", *args], input=ZONE, cwd=tmp_path,  # noqa: E731
                                       capture_output=True, text=True)
    fixed = run("--fix", "--stdin-filename", "example.com.zone", "-")
    assert (tmp_path / "example.com.zone").read_text() == "unrelated\n"
    assert fixed.returncode == 1 and "standard input" in fixed.stderr
    shown = run("--diff", "--stdin-filename", "example.com.zone", "-")
    assert shown.returncode == 0 and "+@ IN MX 10 mx1.example.com. ; doubled" in shown.stdout


def test_two_fixes_of_the_same_token_are_not_applied(tmp_path: Path) -> None:
    # A repeated null MX with preference 10: MX106 fixes its preference, MX201 removes its
    # line. Together they touch the same token: neither is applied and both findings stay.
    text = "$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 .\n@ IN MX 10 .\n"
    (tmp_path / "example.com.zone").write_text(text)
    result = run_mxlint("check", "--isolated", "--fix", "--unsafe-fixes", "example.com.zone", cwd=tmp_path)
    assert (tmp_path / "example.com.zone").read_text() == text.replace("@ IN MX 10 .\n", "@ IN MX 0 .\n", 1)
    assert "another fix" in result.stderr
    left = {(f["line"], f["rule"]) for f in findings("example.com.zone", cwd=tmp_path)}
    assert (4, "MX106") in left and (4, "MX201") in left


def test_removing_a_line_another_line_takes_its_owner_from_is_no_fix(tmp_path: Path) -> None:
    text = "$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 mx1\n@ IN MX 20 mx1\n  IN TXT \"v=spf1 -all\"\nmx1 IN A 198.18.0.25\n"
    (tmp_path / "example.com.zone").write_text(text)
    [duplicate] = [f for f in findings("example.com.zone", cwd=tmp_path) if f["rule"] == "MX201"]
    assert "fix" not in duplicate


def test_ttl_fix_edits_or_inserts_the_ttl(tmp_path: Path) -> None:
    text = "$ORIGIN example.com.\n$TTL 3600\n@ 300 IN MX 10 mx1\n@ 1h IN MX 20 mx2\n@ IN MX 30 mx3\n" \
        "mx1 A 198.18.0.1\nmx2 A 198.18.0.2\nmx3 A 198.18.0.3\n"
    (tmp_path / "example.com.zone").write_text(text)
    run_mxlint("check", "--isolated", "--fix", "--unsafe-fixes", "example.com.zone", cwd=tmp_path)
    assert (tmp_path / "example.com.zone").read_text() == text.replace("@ 1h IN", "@ 300 IN").replace("@ IN MX 30", "@ 300 IN MX 30")


def test_json_and_sarif_carry_the_fix(tmp_path: Path) -> None:
    (tmp_path / "example.com.zone").write_text(ZONE)
    [doubled] = [f for f in findings("example.com.zone", cwd=tmp_path) if f["rule"] == "MX112"]
    assert doubled["fix"] == {"edits": [{"path": "example.com.zone", "line": 3, "column": 12, "old": "mx1.example.com", "new": "mx1.example.com."}], "safe": True}
    sarif = json.loads(run_mxlint("check", "--isolated", "--format", "sarif", "example.com.zone", cwd=tmp_path).stdout)
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "MX112"]
    [change] = result["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "example.com.zone"
    assert change["replacements"] == [{"deletedRegion": {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 27}, "insertedContent": {"text": "mx1.example.com."}}]
    try:
        import jsonschema
        from test_formats import sarif_schema
    except ImportError:
        return
    jsonschema.Draft4Validator(sarif_schema()).validate(sarif)


def test_live_data_has_no_fixes() -> None:
    import dns.name

    from mxlint.config import Config
    from mxlint.formats.zonefile import read_zone_text
    from mxlint.lint import lint
    from mxlint.registry import load_registry
    from mxlint.zone import Zone

    text = read_zone_text(ZONE, dns.name.from_text("example.com."), "example.com.zone")
    zone = Zone(text.origin, "example.com", text.records)  # data without a source text, as live DNS is
    assert any(f.fix is not None for f in lint([text], Config(), load_registry()))
    assert all(f.fix is None for f in lint([zone], Config(), load_registry()))


def test_fix_hook_runs_fix() -> None:
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    fix = hooks["mxlint-fix"]
    assert fix["entry"].split() == ["mxlint", "check", "--skip-non-zones", "--fix"]
    assert {key: value for key, value in fix.items() if key not in ("id", "name", "description", "entry")} == \
        {key: value for key, value in hooks["mxlint"].items() if key not in ("id", "name", "description", "entry")}


def test_fix_pages_say_what_the_fix_does_and_whether_it_is_safe() -> None:
    for rule in SAFE | UNSAFE:
        text = page(rule).read_text(encoding="utf-8")
        assert text.index("## Use instead") < text.index("## Fix") < text.index("## Options")
        section = text.split("## Fix", 1)[1].split("\n## ", 1)[0]
        assert ("unsafe" in section) is (rule in UNSAFE)
