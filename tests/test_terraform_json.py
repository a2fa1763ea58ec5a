"""``terraform show -json`` (a plan's ``planned_values``, a state's ``values``) read as zones:
the DNS resources of each provider give the findings of the same records in a zone file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mxlint.config import Config
from mxlint.formats import installed
from mxlint.lint import lint
from mxlint.registry import load_registry
from mxlint.source import Source

REGISTRY = load_registry()


def resource(kind: str, label: str, **values: object) -> dict[str, object]:
    return {"address": f"{kind}.{label}", "mode": "managed", "type": kind, "name": label, "provider_name": "registry.terraform.io/x/y", "values": values}


def plan(resources: list[dict[str, object]], child: list[dict[str, object]] | None = None, key: str = "planned_values") -> str:
    root: dict[str, object] = {"resources": resources}
    if child:
        root["child_modules"] = [{"address": "module.mail", "resources": child}]
    return json.dumps({"format_version": "1.2", "terraform_version": "1.9.5", key: {"root_module": root}}, indent=2)


AWS = [
    resource("aws_route53_zone", "main", name="example.com"),
    resource("aws_route53_record", "mx", name="example.com", type="MX", ttl=300, records=["10 mail.example.com", "20 alias.example.com.", "30 192.0.2.1."]),
    resource("aws_route53_record", "alias", name="alias.example.com", type="CNAME", ttl=300, records=["mail.example.com"]),
    resource("aws_route53_record", "mail", name="mail", type="A", ttl=300, records=[], alias=[{"name": "lb.example.net", "zone_id": "Z2", "evaluate_target_health": False}]),
]
MODULE = [
    resource("aws_route53_record", "null", name="null.example.com", type="MX", ttl=300, records=["0 .", "10 mail.example.com."]),
    resource("aws_route53_record", "split", name="split", type="MX", ttl=300, records=["10 mx1.provider-one.example.", "10 mx2.provider-two.example."]),
]
AWS_ZONE = """$ORIGIN example.com.
$TTL 300
@ MX 10 mail.example.com.
@ MX 20 alias.example.com.
@ MX 30 192.0.2.1.
alias CNAME mail.example.com.
mail A 198.51.100.1
null MX 0 .
null MX 10 mail.example.com.
split MX 10 mx1.provider-one.example.
split MX 10 mx2.provider-two.example.
"""

OTHERS = [
    resource("cloudflare_zone", "org", zone="example.org", id="abc"),
    resource("cloudflare_record", "mx", zone_id="abc", name="@", type="MX", content="gone.example.org", priority=10, ttl=1),
    resource("cloudflare_dns_record", "mx2", zone_id="abc", name="example.org", type="MX", content="web.example.org", priority=20, ttl=1),
    resource("cloudflare_record", "web", zone_id="abc", name="web", type="CNAME", content="site.example.net", proxied=True, ttl=1),
    resource("google_dns_managed_zone", "net", name="net-zone", dns_name="example.net."),
    resource("google_dns_record_set", "mx", name="example.net.", managed_zone="net-zone", type="MX", ttl=300, rrdatas=["10 mx.example.net.", "10 aspmx.l.google.com."]),
    resource("google_dns_record_set", "mxa", name="mx.example.net.", managed_zone="net-zone", type="A", ttl=300, rrdatas=["10.0.0.5"]),
    resource("azurerm_dns_zone", "az", name="example.io"),
    resource("azurerm_dns_mx_record", "mx", name="@", zone_name="example.io", ttl=300, record=[{"preference": 10, "exchange": "mail.example.io"}]),
    resource("azurerm_dns_cname_record", "mail", name="mail", zone_name="example.io", ttl=300, record="host.example.io"),
    resource("azurerm_dns_a_record", "host", name="host", zone_name="example.io", ttl=300, records=["203.0.113.9"]),
    resource("dns_mx_record_set", "mx", zone="example.dev.", ttl=300, mx=[{"preference": 0, "exchange": "."}, {"preference": 10, "exchange": "mx.example.dev."}]),
    resource("dns_a_record_set", "mx", zone="example.dev.", name="mx", ttl=300, addresses=["203.0.113.10"]),
]
OTHERS_ZONES = {
    "example.org": "@ 1 MX 10 gone.example.org.\n@ 1 MX 20 web.example.org.\nweb 1 CNAME site.example.net.\n",
    "example.net": "@ MX 10 mx.example.net.\n@ MX 10 aspmx.l.google.com.\nmx A 10.0.0.5\n",
    "example.io": "@ MX 10 mail.example.io.\nmail CNAME host.example.io.\nhost A 203.0.113.9\n",
    "example.dev": "@ MX 0 .\n@ MX 10 mx.example.dev.\nmx A 203.0.113.10\n",
}


def verdicts(paths: list[Path], format_name: str) -> set[tuple[str, str | None, str | None]]:
    formats = installed()
    zones = [zone for path in paths for zone in formats.read(Source(str(path), format_name))]
    return {(finding.rule, finding.owner, finding.exchange) for finding in lint(zones, Config(), REGISTRY)}


def test_route53_resources_of_a_plan_give_the_findings_of_the_zone_file(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_text(plan(AWS, MODULE))
    (tmp_path / "example.com.zone").write_text(AWS_ZONE)
    expected = verdicts([tmp_path / "example.com.zone"], "zonefile")
    assert {rule for rule, _, _ in expected} >= {"MX101", "MX102", "MX105", "MX204"}
    # The alias gives mail.example.com. an address: no MX103 (the zone file writes one).
    assert verdicts([tmp_path / "plan.json"], "terraform-json") == {finding for finding in expected if finding[0] != "MX209"}


def test_every_provider_s_resources_give_the_findings_of_their_zone_files(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_text(plan(OTHERS, key="values"))
    files = []
    for origin, text in OTHERS_ZONES.items():
        path = tmp_path / f"{origin}.zone"
        path.write_text(f"$ORIGIN {origin}.\n$TTL 300\n{text}")
        files.append(path)
    expected = verdicts(files, "zonefile")
    assert {rule for rule, _, _ in expected} >= {"MX101", "MX103", "MX105", "MX204", "MX209"}
    assert verdicts([tmp_path / "state.json"], "terraform-json") == expected


def mxlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "MXLINT_DEBUG")}
    return subprocess.run([sys.executable, "-m", "mxlint", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_a_directory_run_finds_the_plan_and_places_findings_on_its_lines(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_text(plan(AWS, MODULE))
    (tmp_path / ".terraform.lock.json").write_text('{"providers": {}}\n')
    (tmp_path / "package.json").write_text('{"name": "x"}\n')
    result = mxlint("check", "--format", "json", ".", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 1, result.stdout + result.stderr
    lines = (tmp_path / "plan.json").read_text().splitlines()
    for finding in report["findings"]:
        assert finding["path"] == "plan.json" and finding["line"] > 1
        assert lines[finding["line"] - 1].strip(), finding


def test_a_record_outside_every_zone_of_the_plan_is_one_finding(tmp_path: Path) -> None:
    resources = [
        resource("aws_route53_zone", "a", name="a.example"),
        resource("aws_route53_zone", "b", name="b.example"),
        resource("aws_route53_record", "stray", name="mail.other.example", type="MX", ttl=300, records=["10 mx.a.example."]),
    ]
    (tmp_path / "plan.json").write_text(plan(resources))
    result = mxlint("check", "--format", "json", "plan.json", cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert [f["rule"] for f in findings] == ["MX000"] and "no zone of this plan holds it" in findings[0]["message"], result.stdout + result.stderr


def test_validate_output_is_no_plan_and_a_null_content_falls_back_to_value(tmp_path: Path) -> None:
    (tmp_path / "validate.json").write_text(json.dumps({"format_version": "1.0", "valid": True, "error_count": 0, "diagnostics": [], "terraform_version": "1.7.5"}))
    state = [resource("cloudflare_zone", "z", zone="example.com", id="abc"),
             resource("cloudflare_record", "mx", zone_id="abc", name="@", type="MX", content=None, value="mx1.example.com", priority=10),
             resource("cloudflare_record", "a", zone_id="abc", name="mx1", type="A", content=None, value="203.0.113.5")]
    (tmp_path / "state.json").write_text(plan(state, key="values"))
    report = json.loads(mxlint("check", "--format", "json", ".", cwd=tmp_path).stdout)
    assert report["summary"]["files"] == 1
    assert {f["rule"] for f in report["findings"]} <= {"MX203", "MX209"}, report  # no null MX, no MX000
