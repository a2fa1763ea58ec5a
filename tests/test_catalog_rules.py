"""Edges of the catalog's rules that the rule pages do not show."""

from __future__ import annotations

import json

import pytest
from conftest import lint_zone_text, rules_found, run_mxlint

from mxlint.rules.null_mx_with_senders import authorising_terms

HEAD = "$ORIGIN example.com.\n$TTL 3600\nmx2 A 198.18.1.2\n"


def found(body: str) -> set[str]:
    return rules_found(lint_zone_text(HEAD + body))


def at(body: str, rule: str) -> list[int]:
    return [f.line for f in lint_zone_text(HEAD + body) if f.rule == rule]


@pytest.mark.parametrize(
    "body,flagged",
    [
        ("@ MX 10 a.b\n@ MX 20 mx2\nx.a.b A 198.18.0.1\n", True),  # a.b is an empty non-terminal
        ("@ MX 10 x.wild\n@ MX 20 mx2\n*.wild A 198.18.0.1\n", False),  # synthesised by the wildcard
        ("@ MX 10 x.nodata\n@ MX 20 mx2\n*.nodata TXT none\n", True),  # wildcard without addresses
        ("@ MX 10 mail.sub\n@ MX 20 mx2\nsub NS ns.example.net.\n", False),  # below a zone cut
        ("@ MX 10 sub\n@ MX 20 mx2\nsub NS ns.example.net.\n", False),  # at a zone cut
        ("@ MX 10 mail.example.net.\n@ MX 20 mx2\n", False),  # outside the zone, offline
        ("@ MX 10 MX2\n@ MX 20 mx2.EXAMPLE.com.\n", False),  # case does not matter
    ],
)
def test_target_no_address_follows_dns_semantics(body: str, flagged: bool) -> None:
    assert ("MX103" in found(body)) == flagged


def test_origin_doubled_through_an_origin_directive() -> None:
    body = "$ORIGIN sub.example.com.\n@ MX 10 mx1.example.com\n@ MX 20 mx2.example.com.\n"
    findings = [f for f in lint_zone_text(HEAD + body) if f.rule == "MX112"]
    assert len(findings) == 1 and "probably meant as mx1.example.com." in findings[0].message
    assert "MX103" not in found(body)


@pytest.mark.parametrize(
    "policy,terms",
    [
        ("v=spf1 -all", []),
        ("v=spf1 ~all", []),
        ("v=spf1 ?all", []),
        ("v=spf1 +all", ["+all"]),
        ("v=spf1 mx a:out.example.com ip4:198.18.0.0/24 -all", ["mx", "a:out.example.com", "ip4:198.18.0.0/24"]),
        ("v=spf1 -ip4:198.18.0.1 -all", []),
        ("v=spf1 redirect=_spf.example.net", ["redirect=_spf.example.net"]),
        ("v=spf1 exp=explain.example.com -all", []),
    ],
)
def test_spf_terms_that_authorise_senders(policy: str, terms: list[str]) -> None:
    assert authorising_terms(policy) == terms


def test_null_mx_with_senders_reads_spf_split_over_strings() -> None:
    assert at('@ MX 0 .\n@ TXT "v=spf1 include:_spf." "example.net -all"\n', "MX207") == [4]
    assert at('@ MX 0 .\n@ TXT "some other text"\n', "MX207") == []


def test_private_address_needs_every_address_unreachable() -> None:
    body = "@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 10.0.0.1\nmx1 AAAA fe80::1\n"
    assert at(body, "MX209") == [4]
    assert at(body + "mx1 AAAA 2001:2::1\n", "MX209") == []


def test_implicit_mx_scope_option_and_null_mx() -> None:
    import dns.name

    from mxlint.config import Config, RuleSetting
    from mxlint.formats.zonefile import read_zone_text
    from mxlint.lint import lint
    from mxlint.registry import load_registry

    text = HEAD + "@ A 198.18.0.80\nwww A 198.18.0.81\n"
    zone = read_zone_text(text, dns.name.from_text("example.com."))
    by_scope = {}
    for scope in ("apex", "all"):
        config = Config(rules={"MX206": RuleSetting(options={"scope": scope})})
        by_scope[scope] = sorted(f.line for f in lint([zone], config, load_registry()) if f.rule == "MX206")
    assert by_scope == {"apex": [4], "all": [3, 4, 5]}
    assert at("@ A 198.18.0.80\n@ MX 0 .\n", "MX206") == []


def test_inconsistent_preferences_across_files_names_the_other_place(write, tmp_path) -> None:
    write("a/example.com.zone", "$TTL 60\n@ MX 10 mx1.example.net.\n@ MX 20 mx2.example.net.\n")
    write("b/example.org.zone", "$TTL 60\n@ MX 10 mx1.example.net.\n@ MX 20 mx2.example.net.\n")
    odd = write("c/example.info.zone", "$TTL 60\n@ MX 10 mx2.example.net.\n@ MX 20 mx1.example.net.\n")
    result = run_mxlint("check", "--format", "json", str(tmp_path))
    [finding] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "MX205"]
    assert finding["path"] == str(odd) and finding["line"] == 3
    assert "example.com.zone:2" in finding["message"]


def test_shared_address_reports_each_exchange_once() -> None:
    body = "@ MX 10 mx1\n@ MX 20 mx3\nmx1 A 198.18.0.9\nmx1 AAAA 2001:2::9\nmx3 A 198.18.0.9\nmx3 AAAA 2001:2::9\n"
    assert at(body, "MX202") == [5]
