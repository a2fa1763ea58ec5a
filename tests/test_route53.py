"""Route 53 exports (``aws route53 list-resource-record-sets``) read as zones: the same
findings as the zone file that holds the same records, with positions in the JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import dns.name

from mxlint.config import Config
from mxlint.formats import read_path
from mxlint.lint import lint
from mxlint.registry import load_registry

REGISTRY = load_registry()

ZONE = """$ORIGIN example.com.
$TTL 300
@ SOA ns-1.awsdns-00.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400
@ MX 10 mail.example.com.
@ MX 20 alias.example.com.
@ MX 30 192.0.2.1.
@ MX 40 nowhere.example.com.
alias CNAME mail.example.com.
split MX 10 mx1.provider-one.example.
split MX 10 mx2.provider-two.example.
null MX 0 .
null MX 10 mail.example.com.
mail A 192.0.2.10
* MX 10 mail.example.com.
"""


def record_set(name: str, rdtype: str, *values: str) -> dict[str, object]:
    return {"Name": name, "Type": rdtype, "TTL": 300, "ResourceRecords": [{"Value": value} for value in values]}


EXPORT = {
    "ResourceRecordSets": [
        record_set("example.com.", "SOA", "ns-1.awsdns-00.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"),
        # Route 53 reads every name as absolute: no trailing dot is no forgotten dot.
        record_set("example.com.", "MX", "10 mail.example.com", "20 alias.example.com.", "30 192.0.2.1", "40 nowhere.example.com."),
        record_set("alias.example.com.", "CNAME", "mail.example.com"),
        record_set("split.example.com.", "MX", "10 mx1.provider-one.example.", "10 mx2.provider-two.example."),
        record_set("null.example.com.", "MX", "0 .", "10 mail.example.com."),
        record_set("mail.example.com.", "A", "192.0.2.10"),
        record_set("\\052.example.com.", "MX", "10 mail.example.com."),
    ]
}


def verdicts(path: Path) -> set[tuple[str, str | None, str | None]]:
    findings = lint([read_path(str(path))], Config(), REGISTRY)
    return {(finding.rule, finding.owner, finding.exchange) for finding in findings}


def test_an_export_gives_the_findings_of_the_same_zone_file(tmp_path: Path) -> None:
    (tmp_path / "example.com.zone").write_text(ZONE)
    (tmp_path / "export.json").write_text(json.dumps(EXPORT, indent=4))  # named by its SOA
    expected = verdicts(tmp_path / "example.com.zone")
    assert {rule for rule, _, _ in expected} >= {"MX101", "MX102", "MX103", "MX105", "MX204", "MX208"}
    assert verdicts(tmp_path / "export.json") == expected


def test_an_alias_target_gives_its_owner_addresses(tmp_path: Path) -> None:
    export = {
        "ResourceRecordSets": [
            record_set("example.com.", "MX", "10 mail.example.com."),
            {"Name": "mail.example.com.", "Type": "A", "AliasTarget": {"HostedZoneId": "Z2", "DNSName": "lb.example.net.", "EvaluateTargetHealth": False}},
        ]
    }
    (tmp_path / "example.com.json").write_text(json.dumps(export, indent=2))
    assert "MX103" not in {rule for rule, _, _ in verdicts(tmp_path / "example.com.json")}


def test_positions_are_the_values_in_the_json(tmp_path: Path) -> None:
    (tmp_path / "example.com.json").write_text(json.dumps(EXPORT, indent=4))
    zone = read_path(str(tmp_path / "example.com.json"))
    assert zone.origin == dns.name.from_text("example.com.")
    lines = (tmp_path / "example.com.json").read_text().splitlines()
    for record in zone.records:
        assert record.pos.line >= 1 and record.rdata.to_text().split()[-1].rstrip(".") in lines[record.pos.line - 1], record


def mxlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "MXLINT_DEBUG")}
    return subprocess.run([sys.executable, "-m", "mxlint", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_a_directory_run_reads_exports_and_passes_over_other_json(tmp_path: Path) -> None:
    (tmp_path / "example.com.json").write_text(json.dumps(EXPORT, indent=4))
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0.0", "dependencies": {}}\n')
    (tmp_path / "tsconfig.json").write_text('{"compilerOptions": {"strict": true}}\n')
    result = mxlint("check", "--format", "json", ".", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 1, result.stdout
    assert {finding["path"] for finding in report["findings"]} == {"example.com.json"}


def test_bad_exports_are_findings_with_lines(tmp_path: Path) -> None:
    (tmp_path / "broken.example.json").write_text('{"ResourceRecordSets": [\n  {"Name": "a.broken.example.", "Type": "MX",\n')
    (tmp_path / "odd.example.json").write_text(
        json.dumps({"ResourceRecordSets": [record_set("odd.example.", "BOGUS", "x"), {"Name": "odd.example.", "Type": "MX"}, record_set("odd.example.", "MX", "ten")]}, indent=2)
    )
    result = mxlint("check", "--format", "json", ".", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    findings = json.loads(result.stdout)["findings"]
    by_file = {path: [f for f in findings if f["path"] == path and f["rule"] in ("MX000", "MX110")] for path in ("broken.example.json", "odd.example.json")}
    assert len(by_file["broken.example.json"]) == 1 and by_file["broken.example.json"][0]["line"] >= 2
    assert len(by_file["odd.example.json"]) == 3, findings
    assert all(f["line"] > 1 for f in by_file["odd.example.json"])


def test_an_export_without_its_soa_is_named_by_the_hosted_zones_listed_beside_it(tmp_path: Path) -> None:
    hosted = {"HostedZones": [{"Id": "/hostedzone/Z0123ABCDEF", "Name": "example.org.", "Config": {"PrivateZone": False}, "ResourceRecordSetCount": 3}]}
    (tmp_path / "hosted-zones.json").write_text(json.dumps(hosted, indent=4))
    export = {"ResourceRecordSets": [record_set("example.org.", "MX", "10 gone.example.org.")]}
    (tmp_path / "Z0123ABCDEF.json").write_text(json.dumps(export, indent=4))
    result = mxlint("check", "--format", "json", ".", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 1, result.stdout + result.stderr
    assert [f["message"] for f in report["findings"] if f["rule"] == "MX103"] == ["MX target gone.example.org. does not exist"]


def test_an_export_that_is_not_json_says_so(tmp_path: Path) -> None:
    (tmp_path / "example.com.json").write_text('{"ResourceRecordSets": [\n  {"Name": \n')
    findings = json.loads(mxlint("check", "--format", "json", ".", cwd=tmp_path).stdout)["findings"]
    assert any(f["rule"] == "MX000" and f["message"].startswith("JSON syntax error") for f in findings), findings


def test_a_preference_is_decimal_as_in_a_zone_file(tmp_path: Path) -> None:
    export = {"ResourceRecordSets": [record_set("example.com.", "MX", "010 mx1.example.com.", "0x10 mx2.example.com.")]}
    (tmp_path / "example.com.json").write_text(json.dumps(export, indent=4))
    zone = read_path(str(tmp_path / "example.com.json"))
    assert [record.rdata.preference for record in zone.records] == [10]
    assert [issue.message for issue in zone.errors] == ["the MX preference '0x10' of example.com. is not an integer from 0 to 65535"]
