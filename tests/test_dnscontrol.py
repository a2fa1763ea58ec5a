"""DNSControl's ``print-ir`` JSON read as zones, one a domain, and the same records written as a
zone file, as a Route 53 export and as the IR giving the same findings (ids, owners,
exchanges)."""

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

#: (owner relative to example.com., type, TTL, data as a zone file writes it)
RECORDS = [
    ("@", "MX", 300, "10 mail.example.com."),
    ("@", "MX", 300, "20 alias.example.com."),
    ("@", "MX", 300, "30 nowhere.example.com."),
    ("@", "TXT", 300, '"v=spf1 mx -all"'),
    ("alias", "CNAME", 300, "mail.example.com."),
    ("mail", "A", 192, "192.0.2.10"),
    ("split", "MX", 300, "10 mx1.provider-one.example."),
    ("split", "MX", 300, "10 mx2.provider-two.example."),
    ("null", "MX", 300, "0 ."),
    ("null", "MX", 300, "10 mail.example.com."),
    ("ttls", "MX", 300, "10 mail.example.com."),
    ("ttls", "MX", 600, "20 mx1.provider-one.example."),
]


def as_zone_file() -> str:
    return "$ORIGIN example.com.\n" + "".join(f"{owner} {ttl} {rdtype} {data}\n" for owner, rdtype, ttl, data in RECORDS)


def as_print_ir() -> str:
    records = []
    for owner, rdtype, ttl, data in RECORDS:
        record: dict[str, object] = {"type": rdtype, "name": owner, "ttl": ttl}
        if rdtype == "MX":
            preference, exchange = data.split()
            record |= {"mxpreference": int(preference), "target": exchange}
        else:
            record["target"] = data.strip('"')
        records.append(record)
    return json.dumps({"registrars": [{"name": "none", "type": "NONE"}], "dns_providers": [{"name": "bind", "type": "BIND"}], "domains": [{"name": "example.com", "records": records}]}, indent=2)


def as_route53() -> str:
    sets: dict[tuple[str, str, int], list[str]] = {}
    for owner, rdtype, ttl, data in RECORDS:
        sets.setdefault((owner, rdtype, ttl), []).append(data)
    return json.dumps(
        {
            "ResourceRecordSets": [
                {"Name": "example.com." if owner == "@" else f"{owner}.example.com.", "Type": rdtype, "TTL": ttl, "ResourceRecords": [{"Value": value} for value in values]}
                for (owner, rdtype, ttl), values in sets.items()
            ]
        },
        indent=4,
    )


def verdicts(path: Path, format_name: str | None = None) -> set[tuple[str, str | None, str | None]]:
    formats = installed()
    format = formats.get(format_name) if format_name else None
    source = Source(str(path), format.name if format else "zonefile")
    findings = lint(formats.read(source), Config(), REGISTRY)
    return {(finding.rule, finding.owner, finding.exchange) for finding in findings}


def test_the_same_records_give_the_same_findings_in_every_format(tmp_path: Path) -> None:
    (tmp_path / "example.com.zone").write_text(as_zone_file())
    (tmp_path / "ir.json").write_text(as_print_ir())
    (tmp_path / "example.com.json").write_text(as_route53())
    expected = verdicts(tmp_path / "example.com.zone")
    assert {rule for rule, _, _ in expected} >= {"MX101", "MX103", "MX105", "MX109", "MX204"}
    assert verdicts(tmp_path / "ir.json", "dnscontrol") == expected
    assert verdicts(tmp_path / "example.com.json", "route53") == expected


def mxlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "MXLINT_DEBUG")}
    return subprocess.run([sys.executable, "-m", "mxlint", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_every_domain_is_a_zone_and_they_answer_each_other(tmp_path: Path) -> None:
    ir = {
        "registrars": [],
        "dns_providers": [],
        "domains": [
            {"name": "example.com", "records": [{"type": "A", "name": "mail", "target": "198.51.100.7"}, {"type": "MX", "name": "@", "target": "mail", "mxpreference": 10}]},
            {"name": "example.org!internal", "records": [{"type": "MX", "name": "@", "target": "mail.example.com.", "mxpreference": 10}, {"type": "MX", "name": "@", "target": "gone.example.com.", "mxpreference": 20}]},
        ],
    }
    (tmp_path / "dnsconfig.json").write_text(json.dumps(ir, indent=2))
    report = json.loads(mxlint("check", "--format", "json", ".", cwd=tmp_path).stdout)
    missing = [f for f in report["findings"] if f["rule"] == "MX103"]
    # mail.example.com. is answered by the first domain; gone.example.com. does not exist there.
    assert [f["message"] for f in missing] == ["MX target gone.example.com. does not exist"], report
    assert missing[0]["line"] > 1


def test_a_record_dnscontrol_cannot_hold_is_a_finding_at_its_line(tmp_path: Path) -> None:
    ir = {"registrars": [], "dns_providers": [], "domains": [{"name": "example.com", "records": [
        {"type": "BOGUS", "name": "@", "target": "x"},
        {"type": "MX", "name": "@", "target": "mail.example.com."},
        {"type": "CF_REDIRECT", "name": "@", "target": "https://example.net/"},
        {"type": "ALIAS", "name": "mail", "target": "lb.example.net."},
        {"type": "MX", "name": "www", "target": "mail.example.com.", "mxpreference": 10},
    ]}]}
    (tmp_path / "ir.json").write_text(json.dumps(ir, indent=2))
    result = mxlint("check", "--format", "json", ".", cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert "Traceback" not in result.stderr
    assert sorted(f["rule"] for f in findings if f["rule"] in ("MX000", "MX110")) == ["MX000", "MX110"], findings
    assert not any(f["rule"] == "MX103" for f in findings), "an ALIAS gives mail.example.com. addresses"


def test_a_domain_whose_name_is_no_string_is_a_finding_and_the_others_are_read(tmp_path: Path) -> None:
    ir = {"registrars": [], "dns_providers": [], "domains": [
        {"name": None, "records": []},
        {"name": "example.com", "records": [{"type": "MX", "name": "@", "target": "gone.example.com.", "mxpreference": 10}]},
    ]}
    (tmp_path / "ir.json").write_text(json.dumps(ir, indent=2))
    result = mxlint("check", "--format", "json", ".", cwd=tmp_path)
    assert "internal error" not in result.stderr and result.returncode == 1, result.stderr
    rules = [f["rule"] for f in json.loads(result.stdout)["findings"]]
    assert "MX000" in rules and "MX103" in rules
