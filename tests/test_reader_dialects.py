"""What the zone-file reader makes of text that is not plain RFC 1035: templates recognised by
their content, records holding template placeholders (MX004), record types of other servers
(MX003), and the dialect of the server a configuration declares (PowerDNS's ALIAS, LUA and
long TXT strings)."""

from __future__ import annotations

import json
from pathlib import Path

import dns.name
import dns.rdatatype
import pytest
from conftest import assert_clean_failure, lint_zone_text, run_mxlint

from mxlint.config import Config
from mxlint.discovery import find_sources
from mxlint.format import Probe, Trust
from mxlint.formats import installed
from mxlint.formats.zonefile import read_zone, read_zone_file, sniff_zone_text
from mxlint.lint import Finding, lint
from mxlint.registry import load_registry
from mxlint.source import Served, Source
from mxlint.zone import IssueKind, Zone

ORIGIN = dns.name.from_text("example.com.")
HEAD = "$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 2024010101 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 198.18.0.1\n"
#: Two exchangers (lines 6 and 7 after ``HEAD``): no rule has anything to say of them.
MAIL = "@ IN MX 10 ns1\n@ IN MX 20 mx2.example.net.\n"


def read(
    text: str,
    server: str | None = None,
    name: str = "example.com.zone",
    origin: dns.name.Name | None = ORIGIN,
) -> Zone:
    """The zone of master-file text, as the declared ``server`` (if any) serves it."""
    served = Served(server) if server else None
    return read_zone(
        Source(name, "zonefile", origin, text.encode(), name=name, served=served)
    )


def findings(zone: Zone) -> list[Finding]:
    return lint([zone], Config(), load_registry())


def marks(found: list[Finding]) -> list[tuple[int, str]]:
    return sorted((finding.line, finding.rule) for finding in found)


def types(zone: Zone) -> list[str]:
    return [record.type_name for record in zone.records]


# -- templates recognised by their content ----------------------------------------------------

TEMPLATES = {
    "ERB placeholders <%= %>": (
        "$TTL 3600\n@ IN SOA ns1 hostmaster ( <%= @serial %> 7200 3600 1209600 300 )\n@ IN NS ns1\n@ IN MX 10 <%= @mx %>\nns1 IN A <%= @ns_ip %>\n"
    ),
    "ERB tags <% %>": "$TTL 3600\n<% @records.each do |r| %>\n<%= r.name %> IN A <%= r.ip %>\n<% end %>\n",
    "Jinja tags {% %}": "$TTL {{ ttl }}\n{% for r in records %}\n{{ r.name }} IN {{ r.type }} {{ r.value }}\n{% endfor %}\n",
    "Mustache/Handlebars sections {{# }}": "$TTL 300\n{{#each records}}\n{{name}} IN A {{value}}\n{{/each}}\n",
    "Python format fields {name}": "$ORIGIN {origin}\n$TTL 3600\n@ IN SOA ns1 hostmaster ( {serial} 3600 600 86400 300 )\n{records}\n",
    "Terraform directives %{ }": "$TTL 300\n%{ for r in records ~}\n${r.name} IN A ${r.ip}\n%{ endfor ~}\n",
    "placeholders %%NAME%%": "$TTL 300\n@ IN SOA ns1 hostmaster ( %%SERIAL%% 3600 600 86400 300 )\n@ IN A %%IP%%\n",
    "Template Toolkit directives [% %]": "$TTL 300\n[% FOREACH r IN records %]\n[% r.name %] IN A [% r.ip %]\n[% END %]\n",
}


@pytest.mark.parametrize("syntax", list(TEMPLATES))
def test_a_template_is_not_a_zone_and_the_reason_names_its_syntax(syntax: str) -> None:
    verdict = sniff_zone_text(TEMPLATES[syntax].encode())
    assert not verdict
    assert verdict.reason.startswith("a template (") and verdict.reason.endswith(
        "), not a zone"
    )
    assert syntax in verdict.reason


@pytest.mark.parametrize(
    "text",
    [
        # A real zone whose serial a deploy script writes: a placeholder in one record of many.
        HEAD.replace("2024010101", "{{ serial }}")
        + "@ IN MX 10 mail\nmail IN A 198.18.0.25\nwww IN A 198.18.0.80\n",
        # $GENERATE's own ${offset,width,base} is no placeholder.
        "$ORIGIN example.com.\n$TTL 3600\n$GENERATE 1-10 host${0,3,d} A 198.18.0.$\n",
        # Template syntax in comments and quoted JSON are not placeholders.
        '$TTL 300\n; {% for r in records %} rendered by deploy.sh\n@ IN A 198.18.0.1\n@ IN TXT "{\\"a\\": 1}"\n',
    ],
)
def test_a_zone_with_braces_or_a_placeholder_or_two_is_a_zone(text: str) -> None:
    assert sniff_zone_text(text.encode())


@pytest.mark.parametrize(
    "text",
    [
        "<html><body>{{ title }}</body>\n<p>{% if x %}hello{% endif %}</p>\n",
        "const greeting = `${name}`;\nfunction f() { return {a}; }\n",
        "# Zones\n```\n$TTL {{ ttl }}\n{% for r in records %}\n```\n",
    ],
)
def test_text_that_is_no_zone_is_not_called_a_template(text: str) -> None:
    verdict = sniff_zone_text(text.encode())
    assert not verdict and not verdict.reason.startswith("a template")


def test_a_search_passes_templates_over_and_a_named_template_is_one_line(
    tmp_path: Path, write, monkeypatch
) -> None:
    write("zones/example.com.zone", HEAD + "@ IN MX 10 ns1\n")
    write("zones/db.example.org", TEMPLATES["Jinja tags {% %}"])
    # A zone's name, a template's content
    write("zones/example.net.zone", TEMPLATES["ERB placeholders <%= %>"])
    monkeypatch.chdir(tmp_path)
    found = find_sources(["zones"])
    assert [path for path, _ in found.sources] == ["zones/example.com.zone"]
    assert sorted((path, why.split(" (")[0]) for path, why in found.passed) == [
        ("zones/db.example.org", "a template"),
        ("zones/example.net.zone", "a template"),
    ]
    result = run_mxlint(
        "check", "--isolated", "--format", "json", "zones", cwd=tmp_path
    )
    assert json.loads(result.stdout)["summary"]["files"] == 1
    named = run_mxlint("check", "--isolated", "zones/example.net.zone", cwd=tmp_path)
    assert_clean_failure(named)
    assert "a template (ERB placeholders <%= %>), not a zone" in named.stderr
    skipped = run_mxlint(
        "check",
        "--isolated",
        "--skip-non-zones",
        "zones/example.net.zone",
        "zones/example.com.zone",
        cwd=tmp_path,
    )
    assert skipped.returncode == 0, skipped.stderr


def test_bytes_given_are_read_whatever_they_hold() -> None:
    # Standard input is read: the reader sets the templated records aside and says so.
    probe = Probe("example.com.zone", TEMPLATES["Jinja tags {% %}"].encode())
    assert installed().choose(probe, Trust.GIVEN).name == "zonefile"
    zone = read(TEMPLATES["Jinja tags {% %}"])
    assert [issue.kind for issue in zone.errors] == [IssueKind.PLACEHOLDER]
    # A loop makes records nobody sees
    assert not zone.complete


# -- records holding placeholders (MX004) ----------------------------------------------------

SERIAL_AND_ADDRESS = (
    "$ORIGIN example.com.\n"
    "$TTL 3600\n"
    "@     IN SOA ns1 hostmaster ( {{serial}} 7200 3600 1209600 300 )\n"
    "@     IN NS  ns1\n"
    "@     IN MX  10 mx1\n"
    "@     IN MX  20 mx2\n"
    "ns1   IN A   198.18.0.1\n"
    "mx1   IN A   198.18.0.25\n"
    "mx2   IN A   ${ip}\n"
)


def test_records_with_placeholders_are_set_aside_with_one_finding() -> None:
    zone = read(SERIAL_AND_ADDRESS)
    # The SOA and mx2's address are not in the zone
    assert types(zone) == ["NS", "MX", "MX", "A", "A"]
    found = findings(zone)
    # No MX000, and no MX103 for mx2: its address is set aside
    assert marks(found) == [(3, "MX004")]
    [finding] = found
    assert str(finding.severity) == "info"
    assert (
        finding.message
        == "2 records hold template placeholders ({{serial}}, ${ip}); they were not checked"
    )
    assert not zone.complete


def test_an_soa_set_aside_still_names_the_zone_and_leaves_no_name_missing() -> None:
    text = "$ORIGIN .\n$TTL 3600\nexample.org IN SOA ns1.example.org. hostmaster.example.org. ( {{ serial }} 7200 3600 1209600 300 )\n"
    text += (
        "$ORIGIN example.org.\n@ IN MX 10 mx1\nmx1 IN A 198.18.0.25\n@ IN MX 20 gone\n"
    )
    zone = read(text, name="zone.txt", origin=None)
    # The owner of the SOA, as if it were read
    assert zone.origin == dns.name.from_text("example.org.")
    assert zone.complete
    # gone.example.org. is still judged
    assert marks(findings(zone)) == [(3, "MX004"), (7, "MX103")]


def test_an_soa_owner_that_is_a_placeholder_leaves_the_apex_to_the_origin_or_the_file_name() -> (
    None
):
    text = "$TTL 3600\n{{ zone }}. IN SOA ns1 hostmaster ( {{ serial }} 7200 3600 1209600 300 )\n@ IN MX 10 mx1.example.net.\n"
    assert read(
        text, name="example.net.zone", origin=None
    ).origin == dns.name.from_text("example.net.")
    assert read(
        "$ORIGIN example.info.\n" + text, name="zone.txt", origin=None
    ).origin == dns.name.from_text("example.info.")
    # --origin first
    assert read(text, name="example.net.zone", origin=ORIGIN).origin == ORIGIN


def test_the_minimum_of_an_soa_set_aside_is_still_the_default_ttl() -> None:
    text = "$ORIGIN example.com.\n@ IN SOA ns1 hostmaster ( {{ serial }} 7200 3600 1209600 300 )\n@ IN MX 10 mx1\nmx1 IN A 198.18.0.25\n"
    zone = read(text)
    assert [(record.type_name, record.ttl) for record in zone.records] == [
        ("MX", 300),
        ("A", 300),
    ]
    assert [issue.kind for issue in zone.errors] == [IssueKind.PLACEHOLDER]


def test_an_owner_that_is_a_placeholder_takes_the_records_that_inherit_it_along() -> (
    None
):
    text = (
        HEAD
        + '{{ host }} IN A 198.18.0.9\n           IN AAAA 2001:db8::9\n           IN TXT "v=spf1 -all"\nmx1 IN A 198.18.0.25\n    IN AAAA 2001:db8::25\n'
    )
    text += "@ IN MX 10 mx1\n"
    zone = read(text)
    assert [(record.owner.to_text(), record.type_name) for record in zone.records][
        -3:
    ] == [
        ("mx1.example.com.", "A"),
        ("mx1.example.com.", "AAAA"),
        ("example.com.", "MX"),
    ]
    [issue] = zone.errors
    assert issue.pos.line == 6 and issue.message.startswith(
        "3 records hold template placeholders ({{ host }})"
    )


def test_a_placeholder_the_fast_path_would_read_is_set_aside() -> None:
    # Quoted TXT strings and plain owners are what the fast path reads; placeholders must not get in.
    text = (
        HEAD
        + '@ IN TXT "v=spf1 include:{{ spf_domain }} -all"\nwww-{{ n }} IN A 198.18.0.80\n@ IN MX 10 ns1\n'
    )
    zone = read(text)
    assert types(zone) == ["SOA", "NS", "A", "MX"]
    [issue] = zone.errors
    assert (issue.pos.line, issue.kind, issue.incomplete) == (
        6,
        IssueKind.PLACEHOLDER,
        True,
    )


def test_an_soa_or_txt_set_aside_leaves_the_zone_complete_an_address_does_not() -> None:
    assert read(HEAD + '@ IN TXT "{{ spf }}"\n').complete
    assert not read(HEAD + "www IN CNAME {{ target }}\n").complete
    # A type not known: anything may be lost
    assert not read(HEAD + "www IN {{ type }} 198.18.0.1\n").complete


def test_directives_and_control_lines_with_placeholders_are_set_aside() -> None:
    text = (
        HEAD
        + "$ORIGIN {{ sub }}.example.com.\nmail IN A 198.18.0.25\n$TTL {{ ttl }}\n{% if mail %}\n@ IN MX 10 mail\n{% endif %}\n"
    )
    zone = read(text)
    assert [(record.owner.to_text(), record.type_name) for record in zone.records][
        -2:
    ] == [("mail.example.com.", "A"), ("example.com.", "MX")]
    [issue] = zone.errors
    assert issue.message.startswith(
        "2 directives and 2 template control lines hold template placeholders ({{ sub }}, {{ ttl }}, {% if mail %}, {% endif %})"
    )
    assert not zone.complete


def test_each_file_of_a_zone_says_so_once(tmp_path: Path) -> None:
    (tmp_path / "hosts.inc").write_text("mx1 IN A {{ mx1 }}\nmx2 IN A {{ mx2 }}\n")
    (tmp_path / "example.com.zone").write_text(
        HEAD.replace("2024010101", "{{ serial }}")
        + "@ IN MX 10 mx1\n@ IN MX 20 mx2\n$INCLUDE hosts.inc\n"
    )
    zone = read_zone_file(str(tmp_path / "example.com.zone"))
    issues = sorted(
        (Path(issue.pos.file).name, issue.pos.line, issue.message)
        for issue in zone.errors
    )
    assert issues == [
        (
            "example.com.zone",
            3,
            "1 record holds template placeholders ({{ serial }}); it was not checked",
        ),
        (
            "hosts.inc",
            1,
            "2 records hold template placeholders ({{ mx1 }}, {{ mx2 }}); they were not checked",
        ),
    ]


def test_braces_and_percents_that_are_no_placeholders_are_read_as_ever() -> None:
    text = '$ORIGIN example.com.\n$TTL 300\n$GENERATE 1-3 host${0,3,d} A 198.18.0.$\nx IN TXT "{\\"json\\": 1}"\ny IN TXT "100% sure"\n'
    zone = read(text)
    assert zone.errors == []
    assert [record.owner.to_text() for record in zone.records] == [
        f"host00{n}.example.com." for n in (1, 2, 3)
    ] + ["x.example.com.", "y.example.com."]


def test_a_message_names_a_few_placeholders() -> None:
    text = HEAD + "".join(f"h{n} IN A {{{{ ip{n} }}}}\n" for n in range(6)) + MAIL
    [issue] = read(text).errors
    assert (
        issue.message
        == "6 records hold template placeholders ({{ ip0 }}, {{ ip1 }}, {{ ip2 }}, {{ ip3 }}, …); they were not checked"
    )


# -- record types of other servers (MX003) ------------------------------------------------------

POWERDNS = (
    "$ORIGIN example.com.\n"
    "$TTL 3600\n"
    "@     IN SOA   ns1 hostmaster 2024010101 7200 3600 1209600 300\n"
    "@     IN NS    ns1\n"
    "@     IN MX    10 mx1\n"
    "@     IN MX    20 mx2\n"
    "@     IN ALIAS lb.example.net.\n"
    "ns1   IN A     198.18.0.1\n"
    "mx1   IN ALIAS mx1.provider.example.net.\n"
    "mx2   IN LUA   A \"ifportup(25, {'198.18.1.25', '198.18.2.25'})\"\n"
    "txt   IN LUA   TXT \"'now: ' .. os.date()\"\n"
    'long  IN TXT   "' + "k" * 300 + '"\n'
)


def test_types_of_other_servers_are_one_info_per_file_and_not_judged() -> None:
    text = POWERDNS.replace("long  IN TXT", "; long  IN TXT")
    zone = read(text)
    assert types(zone) == ["SOA", "NS", "MX", "MX", "A"]
    found = findings(zone)
    # No MX000, and no MX103 for mx1 and mx2: their addresses are the server's
    assert marks(found) == [(7, "MX003")]
    assert (
        found[0].message
        == "4 records of types mxlint does not know (ALIAS, LUA) were not judged"
    )
    assert str(found[0].severity) == "info"
    assert not zone.complete


def test_a_type_no_server_defines_stays_a_syntax_error_and_generic_types_stay_valid() -> (
    None
):
    text = (
        HEAD
        + MAIL
        + "x IN MXX 10 ns1\nold IN MB ns1\nnew IN TYPE65534 \\# 0\nolder IN MB \\# 4 036e7331\n"
    )
    zone = read(text)
    # RFC 3597's generic form is read, whatever the type
    assert types(zone)[-2:] == ["TYPE65534", "MB"]
    found = findings(zone)
    assert marks(found) == [(8, "MX000"), (9, "MX003")]
    assert found[0].message == "unknown record type 'MXX'"
    assert (
        found[1].message
        == "1 record of a type mxlint does not know (MB) was not judged"
    )


@pytest.mark.parametrize(
    "server,name", [("bind", "BIND"), ("nsd", "NSD"), ("knot", "Knot DNS")]
)
def test_a_declared_server_refuses_another_servers_type(server: str, name: str) -> None:
    zone = read(
        HEAD
        + MAIL
        + 'www IN LUA A "pickrandom({\'198.18.0.80\'})"\n@ IN ALIAS lb.example.net.\ndoa IN DOA 0 1 2 "" aGVsbG8=\n',
        server=server,
    )
    found = findings(zone)
    # DOA is registered: the server may know it
    assert marks(found) == [(8, "MX000"), (9, "MX000"), (10, "MX003")]
    assert (
        found[0].message
        == f"unknown record type 'LUA': {name} does not define it and refuses to load the zone"
    )


def test_powerdns_reads_its_own_types_and_long_strings() -> None:
    zone = read(POWERDNS, server="powerdns")
    # The apex and both exchangers have addresses; nothing was set aside
    assert findings(zone) == []
    assert zone.complete
    assert sorted(owner.to_text() for owner in zone.aliases) == [
        "example.com.",
        "mx1.example.com.",
        "mx2.example.com.",
    ]
    [txt] = [record for record in zone.records if record.rdtype == dns.rdatatype.TXT]
    # Split as PowerDNS splits it
    assert [len(string) for string in txt.rdata.strings] == [255, 45]


def test_without_powerdns_a_long_string_is_what_it_was() -> None:
    found = lint_zone_text(HEAD + MAIL + 'long IN TXT "' + "k" * 300 + '"\n')
    assert marks(found) == [(8, "MX000")]


def test_powerdns_alias_at_an_apex_without_mx_and_errors_in_its_types() -> None:
    text = (
        HEAD
        + '@ IN ALIAS lb.example.net.\nbad IN ALIAS not..a.name\nworse IN LUA NOPE "x"\nempty IN LUA A\nother IN ANAME lb.example.net.\n'
    )
    found = findings(read(text, server="powerdns"))
    assert marks(found) == [
        (6, "MX206"),
        (7, "MX000"),
        (8, "MX000"),
        (9, "MX000"),
        (10, "MX000"),
    ]
    assert (
        found[-1].message
        == "unknown record type 'ANAME': PowerDNS does not define it and refuses to load the zone"
    )


def test_the_command_line_reports_other_servers_types_once(
    tmp_path: Path, write
) -> None:
    write("example.com.zone", POWERDNS)
    result = run_mxlint(
        "check", "--isolated", "--format", "json", "example.com.zone", cwd=tmp_path
    )
    # The long string: no server said it is PowerDNS's
    assert result.returncode == 1, result.stderr
    assert [
        (f["line"], f["rule"], f["severity"])
        for f in json.loads(result.stdout)["findings"]
    ] == [(7, "MX003", "info"), (12, "MX000", "error")]


def test_a_pdns_conf_beside_the_zone_makes_its_types_valid(
    tmp_path: Path, write
) -> None:
    write("example.com.zone", POWERDNS)
    write(
        "named.conf",
        f'zone "example.com" {{ type master; file "{tmp_path}/example.com.zone"; }};\n',
    )
    write("pdns.conf", f"launch=bind\nbind-config={tmp_path}/named.conf\n")
    result = run_mxlint("check", "--isolated", "--format", "json", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["findings"] == [] and report["summary"]["files"] == 1
