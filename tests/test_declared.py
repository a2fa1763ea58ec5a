"""How a run finds its zones and their names in a repository (issue 31): names come from a
declaration, never from a file name that declares nothing; what is not a zone is passed over
and said; includes resolve as the server resolves them, inside the tree named."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, run_mxlint

ZONE = "$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2.example.net.\nmx1 A 198.18.0.1\n"


def findings(result) -> list[tuple[str, str]]:  # noqa: ANN001 - a CompletedProcess
    return [(f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"]]


def test_a_file_name_that_declares_nothing_names_no_zone(tmp_path: Path, write) -> None:
    write("db.local", "$TTL 60\n@ NS localhost.\n@ A 127.0.0.1\n")
    write("db.example.com", ZONE.replace("mx1 A", "mx1 CNAME mx2.example.net.\n;"))
    result = run_mxlint("check", "--isolated", "--format", "json", ".", cwd=tmp_path)
    # db.local is not linted as `local.` (no MX206 there); the real zone still is.
    assert findings(result) == [("db.example.com", "MX101")]
    assert result.returncode == 1
    assert "mxlint: db.local: skipped: cannot tell the zone's name; pass --origin or add it to origins: in the configuration" in result.stderr
    # Named alone, it is a usage error: one line, exit 2.
    alone = run_mxlint("check", "--isolated", "db.local", cwd=tmp_path)
    assert alone.returncode == 2 and alone.stdout == ""
    assert alone.stderr == "mxlint: error: db.local: cannot tell the zone's name; pass --origin or add it to origins: in the configuration\n"
    # What the user declares names it.
    assert run_mxlint("check", "--isolated", "--origin", "localhost.", "db.local", cwd=tmp_path).returncode == 0
    write(".mxlint.yaml", "origins:\n  db.local: localhost.\n")
    assert run_mxlint("check", "db.local", cwd=tmp_path).returncode == 0


def test_a_directory_of_unnamed_files_is_an_error_not_a_clean_run(tmp_path: Path, write) -> None:
    write("zones/website", ZONE)
    write("zones/placeholder", ZONE)
    result = run_mxlint("check", "--isolated", "zones", cwd=tmp_path)
    assert result.returncode == 2
    assert "no zone to check: 2 zone files found cannot tell the zone's name" in result.stderr


def test_localhost_zones_need_no_mail_routing(tmp_path: Path, write) -> None:
    write("db.localhost", "$ORIGIN localhost.\n$TTL 60\n@ SOA localhost. root.localhost. 1 1 1 1 1\n@ NS localhost.\n@ A 127.0.0.1\n")
    result = run_mxlint("check", "--isolated", "--format", "json", "db.localhost", cwd=tmp_path)
    assert findings(result) == []


def test_ds_sets_root_hints_templates_and_signed_copies_are_passed_over(tmp_path: Path, write) -> None:
    write("example.com.zone", ZONE)
    write("example.com.zone.signed", ZONE)  # the same zone, signed: every finding twice
    write("dsset-example.com.", "example.com. IN DS 1 8 2 " + "ab" * 32 + "\n")
    write("named.root", ".  3600000 NS A.ROOT-SERVERS.NET.\nA.ROOT-SERVERS.NET. 3600000 A 198.41.0.4\n")
    write("templates/db.example.org.tmpl", "$ORIGIN example.org.\n$TTL 60\n@ MX 10 {mail}\n")
    write("other.example.net.zone.signed", ZONE)  # a signed zone whose source is not here is read
    result = run_mxlint("check", "--isolated", "--format", "json", ".", cwd=tmp_path)
    assert sorted({path for path, _ in findings(result)}) == []
    assert json.loads(result.stdout)["summary"]["files"] == 2
    # Named on the command line, a template is one line saying so.
    named = run_mxlint("check", "--isolated", "templates/db.example.org.tmpl", cwd=tmp_path)
    assert named.returncode == 2 and "a template" in named.stderr and named.stderr.count("\n") == 1
    skipped = run_mxlint("check", "--isolated", "--skip-non-zones", "templates/db.example.org.tmpl", "example.com.zone", cwd=tmp_path)
    assert skipped.returncode == 0


def test_an_include_reaches_the_tree_named_and_shows_relative_paths(tmp_path: Path, write) -> None:
    write("etc/common.inc", "mx1 A 198.18.0.1\nmx2 CNAME mx1\n")
    write("etc/zones/db.example.org", "$ORIGIN example.org.\n$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2\n$INCLUDE ../common.inc\n")
    result = run_mxlint("check", "--isolated", "--format", "json", ".", cwd=tmp_path)
    # The fragment is part of the zone, not a zone of its own under an invented name.
    assert findings(result) == [("etc/zones/db.example.org", "MX101")]
    # Out of the tree named, refused, and the message names the path relative to here.
    (tmp_path / "etc/zones/db.example.org").write_text("$ORIGIN example.org.\n$TTL 60\n@ MX 10 mx1\n$INCLUDE ../../../outside.inc\n")
    refused = run_mxlint("check", "--isolated", "--format", "json", "etc", cwd=tmp_path)
    [message] = [f["message"] for f in json.loads(refused.stdout)["findings"] if f["rule"] == "MX000"]
    assert "refused: it leads outside etc" in message and str(tmp_path) not in message


# -- a server's configuration declares the zones ------------------------------------------------

NAMED_CONF = """options { directory "/etc/bind"; };
include "/etc/bind/named.conf.local";
"""
NAMED_CONF_LOCAL = """acl office { 10.0.0.0/8; 192.168.0.0/16; };
view "internal" {
  match-clients { office; };
  zone "teacats.co.uk" { type master; file "internal/db.teacats"; };
  zone "localhost" { type master; file "/etc/bind/db.local"; };
};
view "public" {
  match-clients { any; };
  zone "teacats.co.uk" { type primary; file "zones/website"; };
  zone "example.org" { type secondary; file "zones/db.example.org"; primaries { 192.0.2.1; }; };
  zone "missing.example" { type primary; file "zones/nowhere"; };
};
"""
SOA = "$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n@ IN NS ns1\n"


@pytest.fixture
def bind_tree(write) -> None:
    write("etc/bind/named.conf", NAMED_CONF)
    write("etc/bind/named.conf.local", NAMED_CONF_LOCAL)
    write("etc/bind/named.conf.options", 'options { directory "/etc/bind"; };\n')
    write("etc/bind/db.local", "$TTL 604800\n@ IN SOA localhost. root.localhost. 2 604800 86400 2419200 604800\n@ IN NS localhost.\n@ IN A 127.0.0.1\n")
    # The internal view's mail host has a private address: what an internal view is for.
    write("etc/bind/internal/db.teacats", SOA + "@ MX 10 mail\n@ MX 20 mx2\nns1 A 10.0.0.53\nmail A 10.0.0.25\nmx2 A 10.0.0.26\n")
    write("etc/bind/zones/website", SOA + "@ MX 10 mail\n@ MX 20 backup\nns1 A 198.18.0.53\nmail A 198.18.0.25\nbackup CNAME mail\n$INCLUDE zones/common.inc\n")
    write("etc/bind/zones/common.inc", "www A 198.18.0.80\n")
    write("etc/bind/zones/db.example.org", SOA + "@ MX 10 mail.example.net.\n")  # a secondary's copy
    write("etc/bind/zones/old-website", SOA + "@ MX 10 mail.teacats.co.uk.\n")  # declared by no one


def test_named_conf_declares_names_views_and_files(tmp_path: Path, bind_tree: None) -> None:
    result = run_mxlint("check", "--isolated", "--format", "json", ".", cwd=tmp_path)
    found = sorted((f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"])
    assert found == [
        # The zone whose file is missing is an error at its statement in the configuration.
        ("etc/bind/named.conf.local", 11, "MX000"),
        # The public view's backup is a CNAME; $INCLUDE resolved against `directory`.
        ("etc/bind/zones/website", 5, "MX101"),
    ]
    assert json.loads(result.stdout)["summary"]["files"] == 4  # three zones and the configuration
    [missing] = [f["message"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "MX000"]
    assert missing == "zone missing.example.: file zones/nowhere not found: no such file"


def test_show_files_says_what_is_checked_and_why_the_rest_is_not(tmp_path: Path, bind_tree: None) -> None:
    result = run_mxlint("check", "--isolated", "--show-files", ".", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "etc/bind/internal/db.teacats: checked as zone teacats.co.uk. in view internal, declared by etc/bind/named.conf.local:4 (bind)" in lines
    assert "etc/bind/zones/website: checked as zone teacats.co.uk. in view public, declared by etc/bind/named.conf.local:9 (bind)" in lines
    assert "etc/bind/db.local: checked as zone localhost. in view internal, declared by etc/bind/named.conf.local:5 (bind)" in lines
    assert "etc/bind/named.conf: read as a server configuration" in lines
    assert "etc/bind/zones/old-website: passed over: not a zone etc/bind/named.conf declares (checked where a declared zone includes it)" in lines
    assert not any(line.startswith("etc/bind/zones/db.example.org: checked") for line in lines)  # a secondary


def test_a_server_configuration_named_explicitly(tmp_path: Path, bind_tree: None) -> None:
    # Only the zones it declares, whatever else is named.
    result = run_mxlint("check", "--isolated", "--format", "json", "--server-config", "etc/bind/named.conf", "etc/bind/zones", cwd=tmp_path)
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"etc/bind/named.conf.local", "etc/bind/zones/website"}
    named = run_mxlint("check", "--isolated", "--show-files", "etc/bind/named.conf", cwd=tmp_path)
    assert "etc/bind/zones/website: checked as zone teacats.co.uk." in named.stdout
    (tmp_path / ".mxlint.yaml").write_text("server-config: etc/bind/named.conf\n")
    configured = run_mxlint("check", "--show-files", "etc/bind/zones", cwd=tmp_path)
    assert "etc/bind/internal/db.teacats: checked as zone teacats.co.uk. in view internal" in configured.stdout
    wrong = run_mxlint("check", "--isolated", "--server-config", "etc/bind/zones/website", "etc", cwd=tmp_path)
    assert wrong.returncode == 2 and "not a server configuration" in wrong.stderr


def test_two_copies_of_a_zone_shadow_each_other_and_say_so(tmp_path: Path, write) -> None:
    page = (ROOT / "rules" / "MX005.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```zone\n; (\S+)\n(.*?)^```", page, re.M | re.S)
    assert len(blocks) == 2
    for path, text in blocks:
        write(path, text)
    result = run_mxlint("check", "--isolated", "--format", "json", "zones", cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["line"], f["rule"]) for f in findings if f["rule"] == "MX005"] == [("zones/internal/example.com.zone", 1, "MX005")]
    assert "also read from zones/public/example.com.zone" in findings[0]["message"]
    assert [f["rule"] for f in findings] == ["MX005"]
    # Neither copy answers the other zones' questions: a zone whose MX points into example.com.
    # is not judged from a copy that may not be served.
    write("zones/example.org.zone", "$ORIGIN example.org.\n$TTL 60\n@ MX 10 gone.example.com.\n@ MX 20 mail.example.com.\n")
    result = run_mxlint("check", "--isolated", "--format", "json", "zones", cwd=tmp_path)
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["MX005"]
    # A YAML copy shadows a zone file as well.
    write(
        "zones/public/example.com.yaml",
        "'':\n  type: MX\n  values: [{preference: 10, exchange: mail.example.com.}, {preference: 20, exchange: mail.example.net.}]\n"
        "mail:\n  type: A\n  value: 198.18.0.25\n",
    )
    (tmp_path / "zones/internal/example.com.zone").unlink()
    result = run_mxlint("check", "--isolated", "--format", "json", "zones", cwd=tmp_path)
    assert [(f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"]] == [("zones/public/example.com.yaml", "MX005")]
    # One copy left: it answers, and the MX target it lacks is reported.
    (tmp_path / "zones/public/example.com.yaml").unlink()
    result = run_mxlint("check", "--isolated", "--format", "json", "zones", cwd=tmp_path)
    assert [(f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"]] == [("zones/example.org.zone", "MX103")]


# -- an octoDNS configuration builds each zone from its sources --------------------------------

OCTODNS_CONFIG = """providers:
  zones:
    class: octodns.provider.yaml.YamlProvider
    directory: ./zones
  shared.email:
    class: octodns.provider.yaml.YamlProvider
    directory: ./shared
    shared_filename: mail.yaml
  route53:
    class: octodns_route53.Route53Provider
    access_key_id: env/AWS_ACCESS_KEY_ID
zones:
  example.org.:
    sources: [zones, shared.email]
    targets: [route53]
  example.net.:
    sources: [zones]
    targets: [route53]
"""


def test_an_octodns_zone_is_the_merge_of_its_sources(tmp_path: Path, write) -> None:
    write("octodns/config.yaml", OCTODNS_CONFIG)
    write("octodns/zones/example.org.yaml", "www:\n  type: A\n  value: 198.18.0.80\n")
    write("octodns/zones/example.net.yaml", "'':\n  type: MX\n  values:\n    - {preference: 10, exchange: mail.example.net.}\n    - {preference: 20, exchange: backup.example.net.}\nmail:\n  type: A\n  value: 198.18.0.25\nbackup:\n  type: CNAME\n  value: mail.example.net.\n")
    # The MX of example.org. comes from the shared source; its exchange has no address there.
    write("octodns/shared/mail.yaml", "'':\n  type: MX\n  values:\n    - {preference: 10, exchange: mx1.example.org.}\n    - {preference: 20, exchange: mx2.example.org.}\nmx1:\n  type: A\n  value: 198.18.0.26\n")
    result = run_mxlint("check", "--isolated", "--format", "json", ".", cwd=tmp_path)
    found = sorted((f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"])
    # No MX206 for example.org. (octoDNS merges the MX in) and shared/mail.yaml is no zone `mail.`.
    assert found == [("octodns/shared/mail.yaml", "MX103"), ("octodns/zones/example.net.yaml", "MX101")]
    assert json.loads(result.stdout)["summary"]["files"] == 2
    shown = run_mxlint("check", "--isolated", "--show-files", ".", cwd=tmp_path).stdout.splitlines()
    assert "octodns/zones/example.org.yaml: checked as zone example.org., declared by octodns/config.yaml:13 (octodns)" in shown
    assert "octodns/config.yaml: read as a server configuration" in shown


def test_a_configuration_that_declares_nothing_here_is_passed_over(tmp_path: Path, write) -> None:
    # A named.conf for the host (its zones are elsewhere): the tree is searched as without it.
    write("named.conf", 'zone "example.com" { type primary; file "/var/lib/bind/db.example.com"; };\n')
    write("zones/example.org.zone", "$ORIGIN example.org.\n$TTL 60\n@ MX 10 mx\n@ MX 20 mx2.example.net.\nmx CNAME mx2.example.net.\n")
    result = run_mxlint("check", "--isolated", "--format", "json", ".", cwd=tmp_path)
    assert [(f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"]] == [("zones/example.org.zone", "MX101")]
    shown = run_mxlint("check", "--isolated", "--show-files", ".", cwd=tmp_path).stdout
    assert "named.conf: passed over: a bind configuration whose zone (1) is not in this tree" in shown


def test_a_zone_file_named_alone_is_the_zone_its_configuration_declares(tmp_path: Path, bind_tree: None) -> None:
    # As pre-commit names a changed file: `website` is teacats.co.uk. of the public view.
    result = run_mxlint("check", "--isolated", "--format", "json", "etc/bind/zones/website", cwd=tmp_path)
    assert [(f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]] == [("etc/bind/zones/website", 5, "MX101")]
    # The internal view's file keeps its view: no MX209 for its private addresses.
    internal = run_mxlint("check", "--isolated", "--format", "json", "etc/bind/internal/db.teacats", cwd=tmp_path)
    assert json.loads(internal.stdout)["findings"] == []
    # A file no configuration declares still needs a name.
    alone = run_mxlint("check", "--isolated", "etc/bind/zones/old-website", cwd=tmp_path)
    assert alone.returncode == 2 and "cannot tell the zone's name" in alone.stderr


def test_a_directory_below_its_octodns_configuration_is_read_as_declared(tmp_path: Path, write) -> None:
    write("octodns/config.yaml", OCTODNS_CONFIG)
    write("octodns/zones/example.org.yaml", "'':\n  type: A\n  value: 198.18.0.80\n")
    write("octodns/shared/mail.yaml", "'':\n  type: MX\n  values:\n    - {preference: 10, exchange: mx1.example.org.}\n    - {preference: 20, exchange: mx2.example.org.}\nmx1:\n  type: A\n  value: 198.18.0.26\nmx2:\n  type: A\n  value: 198.18.0.27\n")
    # Checked from the repository's top, the zones directory alone: the MX merged in counts.
    result = run_mxlint("check", "--isolated", "--format", "json", "octodns/zones", cwd=tmp_path)
    assert json.loads(result.stdout)["findings"] == []
    # The same for the file alone, as pre-commit names it.
    result = run_mxlint("check", "--isolated", "--format", "json", "octodns/zones/example.org.yaml", cwd=tmp_path)
    assert json.loads(result.stdout)["findings"] == []
    # Without the configuration the zone has no MX: what octoDNS would not serve is not guessed.
    (tmp_path / "octodns/config.yaml").unlink()
    result = run_mxlint("check", "--isolated", "--format", "json", "octodns/zones", cwd=tmp_path)
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["MX206"]


def test_of_two_copies_the_declared_one_answers(tmp_path: Path, write) -> None:
    write("octodns/config.yaml", OCTODNS_CONFIG.split("  example.net.:")[0].replace("sources: [zones, shared.email]", "sources: [zones]"))
    write("octodns/zones/example.org.yaml", "'':\n  type: MX\n  values:\n    - {preference: 10, exchange: mx1.example.org.}\n    - {preference: 20, exchange: mx2.example.org.}\nmx1:\n  type: A\n  value: 198.18.0.26\nmx2:\n  type: A\n  value: 198.18.0.27\n")
    write("old/example.org.zone", "$ORIGIN example.org.\n$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 198.18.0.26\nmx2 A 198.18.0.27\n")
    write("zones/example.net.zone", "$ORIGIN example.net.\n$TTL 60\n@ MX 10 mx1.example.org.\n@ MX 20 mx3.example.org.\n")
    result = run_mxlint("check", "--isolated", "--format", "json", ".", cwd=tmp_path)
    findings = [(f["path"], f["rule"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    # The declared copy answers: mx3.example.org. does not exist there.
    assert [(path, rule) for path, rule, _ in findings] == [("octodns/zones/example.org.yaml", "MX005"), ("zones/example.net.zone", "MX103")]
    assert findings[0][2] == (
        "zone example.org. is also read from old/example.org.zone: octodns/zones/example.org.yaml, which a configuration declares, answers the other zones' questions"
    )


def test_under_skip_non_zones_a_nameless_file_is_skipped_not_fatal(tmp_path: Path, write) -> None:
    # pre-commit names every changed file: one nameless file must not stop the others' check.
    write("db.local", "$TTL 60\n@ NS localhost.\n@ A 127.0.0.1\n")
    write("a/example.com.zone", "$TTL 60\n@ MX 10 mx\n@ MX 20 mx2.example.net.\nmx CNAME mx2.example.net.\n")
    result = run_mxlint("check", "--isolated", "--skip-non-zones", "--format", "json", "db.local", "a/example.com.zone", cwd=tmp_path)
    assert result.returncode == 1
    assert [(f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"]] == [("a/example.com.zone", "MX101")]
    assert "db.local: skipped: cannot tell the zone's name" in result.stderr
    alone = run_mxlint("check", "--isolated", "--skip-non-zones", "db.local", cwd=tmp_path)
    assert alone.returncode == 0 and "db.local: skipped" in alone.stderr


def test_an_spf_macro_is_txt_data_not_a_template(tmp_path: Path, write) -> None:
    write("example.com.zone", '$TTL 60\n@ MX 10 mail.example.com\n@ MX 20 mx2.example.net.\n@ TXT "v=spf1 exists:%{i}._spf.%{d} -all"\nmail A 198.18.0.25\n')
    result = run_mxlint("check", "--isolated", "--format", "json", ".", cwd=tmp_path)
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["MX112"]


def test_an_include_glob_never_lists_the_host(tmp_path: Path, write) -> None:
    # A wildcard under / (or a link to /) would walk the whole machine: the search stays in the tree.
    write("named.conf", 'include "/*/*/*/*/*/*/*/*/nomatch*";\nzone "example.com" { type primary; file "db.example.com"; };\n')
    write("db.example.com", "$TTL 60\n@ MX 10 mx\n@ MX 20 mx2.example.net.\nmx CNAME mx2.example.net.\n")
    (tmp_path / "up").symlink_to("/")
    write("nsd.conf", 'include: "up/*/*/*/*/*/*/*/nomatch*"\nzone:\n  name: example.org\n  zonefile: db.example.org\n')
    write("db.example.org", "$TTL 60\n@ MX 10 mx\n@ MX 20 mx2.example.net.\nmx A 198.18.0.25\n")
    result = run_mxlint("check", "--isolated", "--format", "json", ".", cwd=tmp_path, timeout=60)
    assert ("db.example.com", "MX101") in [(f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"]]


def test_undeclared_zone_files_are_counted_on_stderr(tmp_path: Path, bind_tree: None) -> None:
    result = run_mxlint("check", "--isolated", ".", cwd=tmp_path)
    # The old copy, the fragment a declared zone includes, the secondary's copy.
    assert "mxlint: 3 files no configuration declares were not checked on their own; --show-files says why" in result.stderr


def test_an_absolute_include_is_read_inside_the_tree_and_refused_outside(tmp_path: Path, write) -> None:
    # One rule for every path (SECURITY.md): where it leads once resolved.
    write("zones/inc/mail.inc", "mail CNAME mx2.example.net.\n")
    write("zones/example.com.zone", f"$ORIGIN example.com.\n$TTL 60\n@ MX 10 mail\n@ MX 20 mx2.example.net.\n$INCLUDE {tmp_path}/zones/inc/mail.inc\n")
    inside = run_mxlint("check", "--isolated", "--format", "json", "zones", cwd=tmp_path)
    assert [(f["path"], f["rule"]) for f in json.loads(inside.stdout)["findings"]] == [("zones/example.com.zone", "MX101")]
    write("outside.inc", "mail CNAME mx2.example.net.\n")
    (tmp_path / "zones/example.com.zone").write_text(f"$ORIGIN example.com.\n$TTL 60\n@ MX 10 mail\n@ MX 20 mx2.example.net.\n$INCLUDE {tmp_path}/outside.inc\n")
    outside = run_mxlint("check", "--isolated", "--format", "json", "zones", cwd=tmp_path)
    [refused] = [f["message"] for f in json.loads(outside.stdout)["findings"] if f["rule"] == "MX000"]
    assert "refused: it leads outside zones" in refused
