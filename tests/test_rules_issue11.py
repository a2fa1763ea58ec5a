"""Issue 11: MX203 exempts the providers of its data file and reports one decision once; MX207
points at the null MX; MX113 (forgotten trailing dot on an Internet name) and MX114 (reserved
names)."""

from __future__ import annotations

import json
from importlib import resources

import dns.name
import pytest
from conftest import lint_yaml_text, lint_zone_text

from mxlint.config import Config, RuleSetting
from mxlint.formats.zonefile import read_zone_text
from mxlint.lint import Finding, lint
from mxlint.registry import load_registry
from mxlint.rule import Severity
from mxlint.rules.missing_backup import single_mx_providers

HEAD = "$TTL 3600\nmx2 A 198.18.1.2\n"


def zone(body: str, origin: str = "example.com.") -> list[Finding]:
    return lint_zone_text(f"$ORIGIN {origin}\n" + HEAD + body, origin)


def of(findings: list[Finding], rule: str) -> list[Finding]:
    return [finding for finding in findings if finding.rule == rule]


# -- MX203: providers -------------------------------------------------------------------------


def test_the_provider_list_ships_in_the_package_with_a_source_for_every_entry() -> None:
    text = resources.files("mxlint").joinpath("data", "single_mx_providers.json").read_text(encoding="utf-8")
    entries = json.loads(text)["providers"]
    assert len(entries) == len(single_mx_providers()) >= 9
    for entry in entries:
        assert entry["provider"] and entry["source"] and entry["why"], entry
        assert all(pattern.endswith(".") and pattern == pattern.lower() for pattern in entry["patterns"]), entry


@pytest.mark.parametrize(
    "exchange",
    [
        "feedback-smtp.eu-west-2.amazonses.com.",  # SES custom MAIL FROM: exactly one MX required
        "feedback-smtp.us-east-1.amazonses.com.",
        "inbound-smtp.eu-west-1.amazonaws.com.",
        "mailserver.purelymail.com.",
        "mx.hostedemail.com.",
        "mx.b.hostedemail.com.",
        "stardust.uberspace.de.",
        "4bf2b18cc0b54a8335eaf73810007e.pamx1.hotmail.com.",
        "contoso-com.mail.protection.outlook.com.",
        "SMTP.GOOGLE.COM.",
        "mx.sendgrid.net.",
    ],
)
def test_single_mx_providers_from_the_data_file_are_exempt(exchange: str) -> None:
    assert of(zone(f"bounce MX 10 {exchange}\n"), "MX203") == []


@pytest.mark.parametrize(
    "exchange",
    [
        "feedback-smtp.eu-west-2.amazonses.com.evil.example.net.",  # the pattern is anchored
        "mail.purelymail.com.",
        "hotmail.com.",
        "mx.example.net.",
    ],
)
def test_look_alikes_are_not_exempt(exchange: str) -> None:
    assert len(of(zone(f"@ MX 10 {exchange}\n"), "MX203")) == 1


def test_the_exempt_option_adds_to_the_bundled_list() -> None:
    body = "a MX 10 in.relay.example.net.\nb MX 10 feedback-smtp.eu-west-1.amazonses.com.\n"
    records = read_zone_text("$ORIGIN example.com.\n" + HEAD + body, dns.name.from_text("example.com."))
    config = Config(rules={"MX203": RuleSetting(options={"exempt": ["*.relay.example.net"]})})
    assert of(lint([records], config, load_registry()), "MX203") == []


# -- MX203: one decision, one finding ---------------------------------------------------------


def test_fifty_nine_owners_of_one_host_give_one_finding_at_the_first() -> None:
    body = "".join(f"host{i} MX 10 mx2\n" for i in range(59))
    findings = of(zone(body), "MX203")
    assert [finding.line for finding in findings] == [4]
    assert findings[0].owner == "host0.example.com."
    assert "58 other owners" in findings[0].message


def test_each_exchanger_set_is_its_own_decision() -> None:
    body = "a MX 10 mx2\nb MX 10 mx3\nc MX 10 MX2.example.com.\nd MX 10 mx3\nmx3 A 198.18.1.3\n"
    findings = of(zone(body), "MX203")
    assert [(finding.owner, finding.line) for finding in findings] == [("a.example.com.", 4), ("b.example.com.", 5)]
    assert all("1 other owner in this zone uses it" in finding.message for finding in findings)


def test_one_owner_alone_names_no_others() -> None:
    [finding] = of(zone("@ MX 10 mx2\n"), "MX203")
    assert "other owner" not in finding.message


def test_grouping_is_per_zone() -> None:
    first = of(zone("a MX 10 mail.example.net.\n"), "MX203")
    second = of(zone("b MX 10 mail.example.net.\n", "example.org."), "MX203")
    assert len(first) == len(second) == 1


# -- MX207 ------------------------------------------------------------------------------------


def test_null_mx_with_senders_is_reported_at_the_null_mx_naming_the_spf_terms() -> None:
    body = '@ TXT "v=spf1 include:_spf.mailer.example.net ip4:198.18.0.0/24 -all"\n@ MX 0 .\n'
    [finding] = of(zone(body), "MX207")
    assert finding.line == 5
    assert "include:_spf.mailer.example.net" in finding.message and "ip4:198.18.0.0/24" in finding.message


def test_null_mx_with_two_spf_records_gives_one_finding() -> None:
    body = '@ MX 0 .\n@ TXT "v=spf1 a -all"\n@ TXT "v=spf1 mx -all"\n'
    [finding] = of(zone(body), "MX207")
    assert finding.line == 4


# -- MX113 ------------------------------------------------------------------------------------


def test_bookfriend_forgotten_dot_is_mx113_naming_the_meant_name_and_not_mx103() -> None:
    findings = zone("@ MX 10 ASPMX.L.GOOGLE.COM\n@ MX 20 mx2\n", "bookfriend.me.")
    [finding] = of(findings, "MX113")
    assert finding.severity == Severity.ERROR
    assert "forgotten trailing dot" in finding.message
    assert "meant as ASPMX.L.GOOGLE.COM." in finding.message
    assert "ASPMX.L.GOOGLE.COM." in finding.hint
    assert of(findings, "MX103") == []


@pytest.mark.parametrize(
    "body",
    [
        "@ MX 10 mail\n@ MX 20 mx2\nmail A 198.18.0.1\n",  # a host of the zone, relative
        "@ MX 10 mx.sub\n@ MX 20 mx2\nmx.sub A 198.18.0.1\n",  # relative, two labels, no public suffix
        "@ MX 10 co.uk\n@ MX 20 mx2\n",  # only a public suffix
        "@ MX 10 app\n@ MX 20 mx2\n",  # only a public suffix, one label
        "@ MX 10 mx.internal\n@ MX 20 mx2\n",  # no known top-level domain
        "@ MX 10 aspmx.l.google.com.\n@ MX 20 mx2\n",  # written absolute
        "@ MX 10 mail.example.net\n@ MX 20 mx2\nmail.example.net A 198.18.0.9\n",  # the zone has it
        "@ MX 10 mx.example.net\n@ MX 20 mx2\nexample.net NS ns.example.org.\n",  # delegated
        "$ORIGIN sub.example.com.\n@ MX 10 mx1\n@ MX 20 mx2.example.com.\nmx1 A 198.18.0.1\n",
    ],
)
def test_names_that_are_not_a_forgotten_dot(body: str) -> None:
    assert of(zone(body), "MX113") == []


def test_doubled_origin_is_mx112_only() -> None:
    findings = zone("@ MX 10 mail.example.com\n@ MX 20 mx2\nmail A 198.18.0.1\n")
    assert {finding.rule for finding in findings} == {"MX112"}


def test_under_another_origin_the_origin_in_force_was_appended() -> None:
    body = "$ORIGIN lists.example.com.\n@ MX 10 mx.mailhost.example.org\n@ MX 20 mx2.example.com.\n"
    [finding] = of(zone(body), "MX113")
    assert "mx.mailhost.example.org.lists.example.com." in finding.message
    assert "meant as mx.mailhost.example.org." in finding.message
    assert of(zone(body), "MX103") == []


def test_an_origin_that_is_a_public_suffix_writes_domains_relative() -> None:
    text = "$ORIGIN .\n$TTL 3600\nexample.com MX 10 mx2.example.com.\n$ORIGIN com.\nexample MX 20 mx.example\n"
    assert of(lint_zone_text(text, "example.com."), "MX113") == []


def test_octodns_reads_a_name_without_a_dot_as_absolute_so_mx111_only() -> None:
    text = "'':\n  type: MX\n  values:\n    - {exchange: aspmx.l.google.com, preference: 10}\n    - {exchange: mx2.example.com., preference: 20}\n"
    found = {finding.rule for finding in lint_yaml_text(text)}
    assert "MX111" in found and "MX113" not in found


def test_native_yaml_with_the_completed_name_is_mx113() -> None:
    text = "origin: example.com.\nrecords:\n  - {name: '@', type: MX, value: '10 aspmx.l.google.com.example.com.'}\n  - {name: '@', type: MX, value: '20 mx2.example.com.'}\n  - {name: mx2, type: A, value: 198.18.1.2}\n"
    assert {finding.rule for finding in lint_yaml_text(text)} == {"MX113"}


NATIVE_NO_DOT = "origin: example.com.\nrecords:\n  - {name: '@', type: MX, value: '10 aspmx.l.google.com'}\n  - {name: '@', type: MX, value: '20 mx2.example.com.'}\n  - {name: mx2, type: A, value: 198.18.1.2}\n"


def test_native_yaml_without_a_dot_is_completed_with_the_origin_and_is_mx113() -> None:
    found = {finding.rule for finding in lint_yaml_text(NATIVE_NO_DOT)}
    assert "MX113" in found and "MX111" not in found


# -- MX114 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "exchange",
    ["4bf2b18cc0b54a8335eaf73810007e.msv1.invalid.", "mail.test.", "localhost.", "mx.example.", "printer.local.", "mx.home.arpa.", "MX.INVALID."],
)
def test_reserved_names_are_flagged_and_mx103_stays_silent(exchange: str) -> None:
    findings = zone(f"@ MX 10 mx2\n@ MX 30 {exchange}\n")
    [finding] = of(findings, "MX114")
    assert finding.line == 5 and finding.severity == Severity.WARNING
    assert of(findings, "MX103") == []


@pytest.mark.parametrize("exchange", ["mail.example.com.", "mx.example.net.", "mx.testing.com.", "mx.invalid-domain.org.", "mx.arpa."])
def test_names_that_only_look_reserved_are_not(exchange: str) -> None:
    assert of(zone(f"@ MX 10 mx2\n@ MX 30 {exchange}\n"), "MX114") == []


def test_a_zone_under_the_reserved_domain_may_use_it() -> None:
    assert of(zone("@ MX 10 mail\n@ MX 20 mx.lab.test.\nmail A 198.18.0.1\n", "lab.test."), "MX114") == []
    assert of(zone("@ MX 10 mail\n@ MX 20 mx.invalid.\nmail A 198.18.0.1\n", "lab.test."), "MX114") != []


def test_reserved_names_in_yaml() -> None:
    text = "'':\n  type: MX\n  values:\n    - {exchange: mx2.example.com., preference: 10}\n    - {exchange: x.msv1.invalid., preference: 30}\nmx2:\n  type: A\n  value: 198.18.1.2\n"
    assert {finding.rule for finding in lint_yaml_text(text)} == {"MX114"}
