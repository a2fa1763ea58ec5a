"""Live DNS, zone transfers and --resolve against a real NSD on a loopback port."""

from __future__ import annotations

import json
import socket
import time

import pytest
from conftest import assert_clean_failure, run_mxlint
from dns_server import HOST, Nsd

SOA = "@ SOA ns1 hostmaster 1 3600 600 86400 300\n@ NS ns1\nns1 A 127.0.0.1\n"
ZONES = {
    # MX101 (mail is a CNAME) and MX103 (gone does not exist).
    "live.test": "$ORIGIN live.test.\n$TTL 300\n" + SOA
    + "@ MX 10 mail\n@ MX 20 mx2\n@ MX 30 gone\n@ TXT \"v=spf1 mx -all\"\nmail CNAME mx2\nmx2 A 198.18.0.2\n",
    "clean.test": "$ORIGIN clean.test.\n$TTL 300\n" + SOA + "@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 198.18.0.1\nmx2 AAAA 2001:2::2\n",
    # An exchange the server is not authoritative for: it answers REFUSED (MX002, no MX103).
    "outside.test": "$ORIGIN outside.test.\n$TTL 300\n" + SOA + "@ MX 10 mx.elsewhere.test.\n@ MX 20 mx2\nmx2 A 198.18.0.2\n",
    # Targets for --resolve from a zone file about another domain.
    "other.test": "$ORIGIN other.test.\n$TTL 300\n" + SOA
    + "alias CNAME mx\nmx A 198.18.0.9\nlan A 10.0.0.9\nshared A 198.18.0.9\n",
    "private.test": "$ORIGIN private.test.\n$TTL 300\n" + SOA + "@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 10.1.1.1\nmx2 A 198.18.0.2\n@ A 198.18.0.80\n",
    "nullmx.test": "$ORIGIN nullmx.test.\n$TTL 300\n" + SOA + "@ MX 0 .\n@ TXT \"v=spf1 ip4:198.18.0.0/24 -all\"\n",
}


@pytest.fixture(scope="module")
def nsd(tmp_path_factory: pytest.TempPathFactory):
    if Nsd.binary is None:
        pytest.skip("NSD is not installed (Debian package nsd; .ci/run installs it)")
    server = Nsd(tmp_path_factory.mktemp("nsd"), ZONES)
    server.start()
    yield server
    server.stop()


def findings(result) -> list[tuple[str, int, str]]:
    assert result.returncode in (0, 1), result.stderr
    return [(f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]]


def test_live_reports_an_mx_to_a_cname_and_a_missing_target(nsd: Nsd) -> None:
    result = run_mxlint("check", "--live", "live.test", "--resolver", nsd.address)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "live.test:1:1: error MX101 MX target mail.live.test. is a CNAME to mx2.live.test. [target-is-cname]"
    assert lines[1] == "live.test:3:1: error MX103 MX target gone.live.test. does not exist [target-no-address]"
    assert lines[-1] == "Found 2 problems (2 errors, 0 warnings, 0 info) in 1 domain."


def test_live_clean_domain_and_several_domains(nsd: Nsd) -> None:
    assert run_mxlint("check", "--live", "clean.test.", "--resolver", nsd.address).returncode == 0
    result = run_mxlint("check", "--format", "json", "--live", "private.test", "nullmx.test", "--resolver", nsd.address)
    assert findings(result) == [("nullmx.test", 1, "MX207"), ("private.test", 1, "MX209")]


def test_live_refused_lookup_is_mx002_and_not_mx103(nsd: Nsd) -> None:
    result = run_mxlint("check", "--format", "json", "--live", "outside.test", "--resolver", nsd.address)
    found = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"]) for f in found] == [("MX002", 1)]
    assert "REFUSED" in found[0]["message"] and "mx.elsewhere.test." in found[0]["message"]


def test_live_unknown_domain_is_one_line_exit_2(nsd: Nsd) -> None:
    result = run_mxlint("check", "--live", "nothing.live.test", "--resolver", nsd.address)
    assert_clean_failure(result)
    assert "nothing.live.test" in result.stderr


def test_axfr_reports_in_zone_findings(nsd: Nsd) -> None:
    result = run_mxlint("check", "--format", "json", "--axfr", nsd.address, "live.test")
    rules = {(rule) for _, _, rule in findings(result)}
    assert rules == {"MX101", "MX103"}
    assert all(path == f"{nsd.address}/live.test" for path, _, _ in findings(result))


def test_axfr_of_a_zone_the_server_does_not_serve_is_exit_2(nsd: Nsd) -> None:
    assert_clean_failure(run_mxlint("check", "--axfr", nsd.address, "unknown.test"))


def test_resolve_judges_out_of_zone_targets(nsd: Nsd, write) -> None:
    zone = write(
        "example.test.zone",
        "$TTL 300\n@ MX 10 alias.other.test.\n@ MX 20 missing.other.test.\n@ MX 30 mx.other.test.\n@ MX 40 shared.other.test.\n",
    )
    offline = findings(run_mxlint("check", "--format", "json", str(zone)))
    assert offline == []
    resolved = findings(run_mxlint("check", "--format", "json", "--resolve", "--resolver", nsd.address, str(zone)))
    assert [(line, rule) for _, line, rule in resolved] == [(2, "MX101"), (3, "MX103"), (5, "MX202")]


def test_resolve_private_addresses(nsd: Nsd, write) -> None:
    zone = write("example.test.zone", "$TTL 300\n@ MX 10 lan.other.test.\n@ MX 20 mx.other.test.\n")
    resolved = findings(run_mxlint("check", "--format", "json", "--resolve", "--resolver", nsd.address, str(zone)))
    assert [(line, rule) for _, line, rule in resolved] == [(2, "MX209")]


@pytest.fixture
def silent_server():
    """A bound UDP port that never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((HOST, 0))
    yield f"{HOST}:{sock.getsockname()[1]}"
    sock.close()


def test_a_silent_resolver_ends_the_run_quickly_with_a_clear_error(silent_server: str) -> None:
    started = time.monotonic()
    result = run_mxlint("check", "--live", "example.test", "--resolver", silent_server, "--timeout", "1")
    assert time.monotonic() - started < 30
    assert_clean_failure(result)
    assert "no answer from" in result.stderr


def test_a_silent_resolver_with_resolve_is_mx002_within_the_budget(silent_server: str, write) -> None:
    zone = write("example.com.zone", "$TTL 300\n@ MX 10 mx1.example.net.\n@ MX 20 mx2.example.net.\n")
    started = time.monotonic()
    result = run_mxlint("check", "--format", "json", "--resolve", "--resolver", silent_server, "--timeout", "1", "--budget", "5", str(zone))
    assert time.monotonic() - started < 30
    assert [(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]] == [("MX002", 2), ("MX002", 3)]


def test_an_offline_run_imports_no_lookup_code(write) -> None:
    import subprocess
    import sys

    zone = write("example.com.zone", "$TTL 300\n@ MX 10 mx1.example.net.\n@ MX 20 mx2.example.net.\n")
    script = (
        # click's own entry: ``main`` ends the process once the run is done.
        "import sys\nfrom mxlint.cli import cli\n"
        "try:\n    cli.main(['check', sys.argv[1]], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m in ('mxlint.lookup', 'dns.resolver', 'dns.query', 'mxlint.live')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(zone)], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_bad_resolver_and_mixed_modes_are_usage_errors(write) -> None:
    assert_clean_failure(run_mxlint("check", "--live", "example.test", "--resolver", "127.0.0.1:notaport"))
    assert_clean_failure(run_mxlint("check", "--live", "--axfr", "127.0.0.1", "example.test"))
