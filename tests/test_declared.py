"""How a run finds its zones and their names in a repository (issue 31): names come from a
declaration, never from a file name that declares nothing; what is not a zone is passed over
and said; includes resolve as the server resolves them, inside the tree named."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_mxlint

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
