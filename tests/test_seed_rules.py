"""The seed rules on the examples the seed documents give, and their edges."""

from __future__ import annotations

import dns.name
import pytest
from conftest import lint_zone_text, rules_found

from mxlint.config import Config, RuleSetting
from mxlint.formats.zonefile import read_zone_text
from mxlint.lint import lint
from mxlint.registry import load_registry

HEAD = "$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 198.18.0.1\n"


def found(body: str) -> set[str]:
    return rules_found(lint_zone_text(HEAD + body))


HOSTS = "mailhost1 A 198.18.0.10\nmailhost2 A 198.18.0.20\n"


@pytest.mark.parametrize("second", [20, 10])
def test_two_hosts_ranked_or_load_shared_are_clean(second: int) -> None:
    assert found(f"@ MX 10 mailhost1.example.com.\n@ MX {second} mailhost2.example.com.\n" + HOSTS) == set()


def test_swedish_example_same_host_twice() -> None:
    findings = lint_zone_text(
        "$ORIGIN example.se.\n$TTL 3600\n@ MX 10 mejlserver1\n@ MX 20 mejlserver1\nmejlserver1 A 198.18.0.25\n",
        "example.se.",
    )
    assert {(f.rule, f.line) for f in findings} == {("MX203", 3), ("MX201", 4)}


def test_google_workspace_set_is_clean() -> None:
    body = (
        "@ MX 1 ASPMX.L.GOOGLE.COM.\n@ MX 5 ALT1.ASPMX.L.GOOGLE.COM.\n@ MX 5 ALT2.ASPMX.L.GOOGLE.COM.\n"
        "@ MX 10 ALT3.ASPMX.L.GOOGLE.COM.\n@ MX 10 ALT4.ASPMX.L.GOOGLE.COM.\n"
    )
    assert found(body) == set()


@pytest.mark.parametrize(
    "exchange",
    [
        "contoso-com.mail.protection.outlook.com.",
        "smtp.google.com.",
        "inbound-smtp.eu-west-1.amazonaws.com.",
        "MX.SendGrid.net.",
    ],
)
def test_single_mx_providers_are_exempt(exchange: str) -> None:
    assert found(f"@ MX 0 {exchange}\n") == set()


def test_two_providers_at_one_preference() -> None:
    findings = lint_zone_text(HEAD + "@ MX 10 aspmx.l.google.com.\n@ MX 10 mail.example.com.\nmail A 198.18.0.25\n")
    [finding] = findings
    assert (finding.rule, finding.line) == ("MX204", 6)
    assert "aspmx.l.google.com. (google.com)" in finding.message and "mail.example.com. (example.com)" in finding.message


def test_equal_preference_with_different_ttls() -> None:
    findings = lint_zone_text(HEAD + "@ 300 MX 10 mx1\n@ 600 MX 10 mx2\nmx1 A 198.18.0.1\nmx2 A 198.18.0.2\n")
    assert [(f.rule, "300, 600" in f.message) for f in findings] == [("MX109", True), ("MX204", True)]


def test_registrable_domains_use_the_public_suffix_list() -> None:
    # Two hosts of one provider under a multi-label public suffix: the same registrable domain.
    assert found("@ MX 10 mx1.provider.co.uk.\n@ MX 10 mx2.provider.co.uk.\n") == set()
    assert found("@ MX 10 mx1.provider.co.uk.\n@ MX 10 mx1.other.co.uk.\n") == {"MX204"}


def test_target_is_cname_in_zone_and_through_a_wildcard() -> None:
    findings = lint_zone_text(
        HEAD + "@ MX 10 mail\n@ MX 20 x.relay\nmail CNAME mx.example.net.\n*.relay CNAME mx.example.net.\n"
    )
    assert [(f.rule, f.line) for f in findings] == [("MX101", 6), ("MX101", 7)]
    assert findings[0].message == "MX target mail.example.com. is a CNAME to mx.example.net."


def test_target_cname_out_of_zone_is_not_judged_offline() -> None:
    assert found("@ MX 10 mail.example.net.\n@ MX 20 mx2\nmx2 A 198.18.0.2\n") == set()


@pytest.mark.parametrize(
    "exchange,flagged",
    [
        ("10.0.0.1", True),
        ("10.0.0.1.", True),
        ("2001:2::25", True),
        ("2001:2::25.", True),
        ("10.0.0.1.example.com.", True),
        ("10.mail", False),
        ("mail10", False),
    ],
)
def test_target_is_address_judges_the_name_as_written(exchange: str, flagged: bool) -> None:
    result = found(f"@ MX 10 {exchange}\n@ MX 20 mx2\nmx2 A 198.18.0.2\n")
    assert ("MX102" in result) == flagged


def test_duplicate_target_ignores_letter_case_and_names_the_first_line() -> None:
    findings = lint_zone_text(HEAD + "@ MX 10 mx1\n@ MX 20 mx2\n@ MX 30 MX1.EXAMPLE.COM.\nmx1 A 198.18.0.1\nmx2 A 198.18.0.2\n")
    [finding] = findings
    assert (finding.rule, finding.line) == ("MX201", 8)
    assert "first at line 6" in finding.message


def test_null_mx_is_not_an_exchanger() -> None:
    assert found("@ MX 0 .\n") == set()
    assert "MX203" in found("@ MX 0 .\n@ MX 10 mx1\nmx1 A 198.18.0.1\n")


def lint_with(body: str, **options: object) -> set[str]:
    zone = read_zone_text(HEAD + body, dns.name.from_text("example.com."))
    config = Config(rules={"MX203": RuleSetting(options=options)})
    return rules_found(lint([zone], config, load_registry()))


def test_missing_backup_options() -> None:
    two = "@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 198.18.0.1\nmx2 A 198.18.0.2\n"
    assert lint_with(two) == set()
    assert lint_with(two, **{"min-exchangers": 3}) == {"MX203"}
    assert lint_with("@ MX 10 in.relay.example.net.\n", exempt=["*.relay.example.net"]) == set()
    assert lint_with("@ MX 10 in.relay.example.net.\n", exempt=[]) == {"MX203"}
