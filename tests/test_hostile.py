"""Hostile input: whatever mxlint is fed, it answers with findings or one clear error line —
no traceback, no hang, bounded memory, and nothing of a refused file in its output."""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from mxlint.limits import MAX_FINDINGS_PER_RULE, MAX_SYNTAX_ERRORS

FORMATS = ["text", "json", "sarif", "github", "gitlab"]
MEMORY_LIMIT = 2 * 1024**3  # an address-space cap: a run that needs more fails the test
TIME_LIMIT = 120  # a hang guard, not a performance assertion

CLEAN = b"$TTL 60\n@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 198.18.0.1\nmx2 A 198.18.0.2\n"


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def mxlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "MXLINT_DEBUG")}
    return subprocess.run(
        [sys.executable, "-m", "mxlint", *args], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=TIME_LIMIT, preexec_fn=limited,
    )


def zone_cases(tmp: Path) -> dict[str, tuple[str, bytes, set[int], set[str]]]:
    """name -> (file name, content, accepted exit codes, rules that must appear)."""
    rng = random.Random(7)
    big_label = b"a" * 64
    return {
        "nul-bytes": ("example.com.zone", b"$TTL 60\n@ MX 10 mx1\x00\nmx1 A 198.18.0.1\n", {1}, {"MX000"}),
        "invalid-utf8": ("example.com.zone", b"$TTL 60\n@ TXT \"\xff\xfe\xfd\"\n" + CLEAN[8:], {1}, {"MX000"}),
        "latin-1": ("example.com.zone", b"$TTL 60\ncaf\xe9 A 198.18.0.1\n" + CLEAN[8:], {1}, {"MX000"}),
        "bom-and-crlf": ("example.com.zone", b"\xef\xbb\xbf" + CLEAN.replace(b"\n", b"\r\n"), {0}, set()),
        "5mb-line": ("example.com.zone", b"$TTL 60\n" + b"x" * 5_000_000 + b"\n" + CLEAN[8:], {1}, {"MX000"}),
        "5mb-quoted-line": ("example.com.zone", b"$TTL 60\n@ TXT \"" + b"y" * 5_000_000 + b"\"\n" + CLEAN[8:], {1}, {"MX000"}),
        "5mb-in-parentheses": ("example.com.zone", b"$TTL 60\n@ TXT ( " + b"z " * 2_500_000 + b")\n" + CLEAN[8:], {0, 1}, set()),
        "10000-nested-parentheses": ("example.com.zone", b"$TTL 60\n@ MX " + b"(" * 10_000 + b" 10 mx1 " + b")" * 10_000 + b"\n" + CLEAN[8:], {0, 1}, set()),
        "unclosed-quote-at-eof": ("example.com.zone", CLEAN + b'@ TXT "never closed', {1}, {"MX000"}),
        "unclosed-parenthesis-at-eof": ("example.com.zone", CLEAN + b"@ SOA ns1 hostmaster ( 1 2 3", {1}, {"MX000"}),
        "label-over-63": ("example.com.zone", CLEAN + big_label + b" A 198.18.0.3\n@ MX 30 " + big_label + b"\n", {1}, {"MX000"}),
        "name-over-255": ("example.com.zone", CLEAN + b"@ MX 30 " + b".".join([b"a" * 60] * 5) + b"\n", {1}, {"MX000"}),
        "ttl-beyond-32-bits": ("example.com.zone", CLEAN + b"@ 4294967296 MX 30 mx1\n", {1}, {"MX000"}),
        "preference-beyond-16-bits": ("example.com.zone", CLEAN + b"@ MX 65536 mx1\n@ MX 4294967296 mx1\n", {1}, {"MX000"}),
        "generate-four-billion": ("example.com.zone", CLEAN + b"$GENERATE 0-4294967295 h$ A 198.18.0.1\n", {1}, {"MX000"}),
        "include-itself": ("example.com.zone", CLEAN + b"$INCLUDE example.com.zone\n", {1}, {"MX000"}),
        "include-dev-zero": ("example.com.zone", CLEAN + b"$INCLUDE /dev/zero\n", {1}, {"MX000"}),
        "include-etc-passwd": ("example.com.zone", CLEAN + b"$INCLUDE /etc/passwd\n", {1}, {"MX000"}),
        "include-dotdot": ("example.com.zone", CLEAN + b"$INCLUDE ../../../../../../etc/passwd\n", {1}, {"MX000"}),
        "include-symlink-out": ("example.com.zone", CLEAN + b"$INCLUDE escape.inc\n", {1}, {"MX000"}),
        "empty-zone": ("example.com.zone", b"", {0}, set()),
        "binary-zone": ("example.com.zone", bytes(rng.randrange(256) for _ in range(20_000)), {0, 1}, set()),
        "yaml-alias-bomb": ("example.com.yaml", alias_bomb(), {0, 1}, set()),
        "yaml-5000-deep": ("example.com.yaml", b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", {1}, {"MX000"}),
        "yaml-5000-deep-block": ("example.com.yaml", b"".join(b"  " * i + b"k:\n" for i in range(5000)), {1}, {"MX000"}),
        "yaml-python-tags": ("example.com.yaml", b"'':\n  type: !!python/name:os.system MX\n  value: !!python/object/apply:os.system ['touch pwned']\n", {1}, {"MX000"}),
        "yaml-top-level-list": ("example.com.yaml", b"- type: MX\n- value: 1\n", {1}, {"MX000"}),
        "yaml-top-level-scalar": ("example.com.yaml", b"just a string\n", {1}, {"MX000"}),
        "empty-yaml": ("example.com.yaml", b"", {0}, set()),
        "binary-yaml": ("example.com.yaml", bytes(rng.randrange(256) for _ in range(20_000)), {0, 1}, set()),
    }


def alias_bomb() -> bytes:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 40):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    lines.append("'':\n  type: MX\n  values: *a39")
    return ("\n".join(lines) + "\n").encode()


CASES = sorted(zone_cases(Path(".")))


@pytest.mark.parametrize("case", CASES)
def test_hostile_input_gets_a_clean_answer(case: str, tmp_path: Path) -> None:
    name, content, codes, rules = zone_cases(tmp_path)[case]
    tree = tmp_path / "repo" / "zones"
    tree.mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("TOP-SECRET-LINE A 198.18.9.9\n")
    os.symlink(tmp_path / "secret.txt", tree / "escape.inc")
    (tree / name).write_bytes(content)
    before = (tree / name).read_bytes()
    result = mxlint("check", "--format", "json", name, cwd=tree)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode in codes, (result.returncode, result.stderr[:500])
    found = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert rules <= found
    assert "TOP-SECRET-LINE" not in result.stdout + result.stderr
    assert "root:" not in result.stdout + result.stderr
    assert (tree / name).read_bytes() == before
    assert not (tree / "pwned").exists() and not Path("pwned").exists()


@pytest.mark.parametrize("output_format", FORMATS)
def test_an_included_etc_passwd_shows_nothing_of_it_in_any_format(output_format: str, tmp_path: Path) -> None:
    (tmp_path / "example.com.zone").write_bytes(CLEAN + b"$INCLUDE /etc/passwd\n")
    result = mxlint("check", "--format", output_format, "example.com.zone", cwd=tmp_path)
    assert result.returncode == 1
    passwd = [line for line in Path("/etc/passwd").read_text().splitlines() if line.strip()]
    for line in passwd:
        assert line not in result.stdout and line not in result.stderr
        assert line.split(":")[0] + ":x:" not in result.stdout
    assert "MX000" in result.stdout and "refused" in result.stdout


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null", "/proc/self/mem", "/nonexistent/zone", "fifo.zone"])
def test_unreadable_or_special_sources_are_one_line_and_exit_2_or_clean(path: str, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.zone")  # opening it would wait for a writer forever
    result = mxlint("check", path, cwd=tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    if result.returncode == 2:
        assert len(result.stderr.strip().splitlines()) == 1
    else:
        assert result.returncode in (0, 1)


def test_text_output_of_hostile_names_is_one_line_per_finding(tmp_path: Path) -> None:
    # Control characters in names are escaped, so a finding cannot forge extra lines.
    (tmp_path / "example.com.zone").write_bytes(b"$TTL 60\n@ MX 10 evil\\010name\\013\\027[31m\n")
    result = mxlint("check", "--format", "github", "example.com.zone", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert all(line.startswith(("::", "Found ", "No problems")) for line in lines)
    assert "\x1b" not in result.stdout


# -- bounded work: a small input may not buy minutes or gigabytes ------------------------------

BOUNDED_MEMORY = 1024**3
BOUNDED_TIME = 30  # a hang guard three times the bound the issue sets (10 s), not a benchmark


def bounded(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "MXLINT_DEBUG")}
    return subprocess.run(
        [sys.executable, "-m", "mxlint", *args], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=BOUNDED_TIME, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (BOUNDED_MEMORY, BOUNDED_MEMORY)),
    )


def merge_key_bomb(levels: int = 8, fan_out: int = 8) -> bytes:
    lines = ["l0: &l0 {type: A, value: 198.18.0.1, k0: x}"]
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level}\n  <<: [" + ", ".join([f"*l{level - 1}"] * fan_out) + f"]\n  k{level}: y")
    return ("\n".join(lines) + "\n").encode()


def amplifying_cases() -> dict[str, tuple[str, bytes]]:
    """name -> (file name, content): inputs whose work could grow faster than their size."""
    plain_mx = "".join(f"@ MX {n} mx{n}\n" for n in range(1, 4001)).encode()
    zone = "example.com.zone"
    return {
        "mx205-generated-4000-exchanges": (zone, b"$TTL 60\n$GENERATE 1-4000 @ MX $ mx$\n"),
        "mx205-4000-plain-mx-lines": (zone, b"$TTL 60\n" + plain_mx),
        "mx105-65536-beside-a-null-mx": (zone, b"$TTL 60\n@ MX 0 .\n$GENERATE 1-65536 @ MX $ mx$\n"),
        "mx202-mx209-one-exchange-thousands-of-addresses": (
            zone,
            b"$TTL 60\n$GENERATE 1-5000 @ MX $ mx\n$GENERATE 1-5000 mx AAAA fd00::$\n$GENERATE 1-5000 mx2 AAAA fd00::$\n@ MX 1 mx2\n",
        ),
        "suppression-comments-1mb": (zone, b"$TTL 60\n" + b"; mxlint: ignore=MX203\n" * 45_000 + b"@ MX 10 mx1\nmx1 A 198.18.0.1\n"),
        "suppression-on-every-line": (zone, b"$TTL 60\n" + b"".join(b"@ MX %d mx%d ; mxlint: ignore=MX203,MX203\n" % (n, n) for n in range(20_000))),
        "generate-20-full-ranges": (zone, b"$TTL 60\n" + b"".join(b"$GENERATE 1-65536 h$-%d A 198.18.0.1\n" % n for n in range(20))),
        "generate-4-full-ranges-of-mx": (zone, b"$TTL 60\n@ MX 0 .\n" + b"".join(b"$GENERATE 1-65536 o%d MX $ mx$\n" % n for n in range(4))),
        "generate-step-zero": (zone, CLEAN + b"$GENERATE 1-10/0 h$ A 198.18.0.1\n"),
        "unclosed-parentheses-8000": (zone, CLEAN + b"x A (\n" * 8000),
        "a-million-syntax-errors": (zone, b"$TTL 60\n" + b"x BOGUS y\n" * 1_000_000),
        "yaml-merge-key-bomb": ("example.com.yaml", merge_key_bomb()),
        "yaml-origin-dots": ("example.com.yaml", b"origin: '..'\nrecords: []\n"),
        "yaml-type-out-of-range": ("example.com.yaml", b"'':\n  type: TYPE99999999\n  value: x\n"),
    }


#: Every case in JSON; the one with the most findings also in the formats that once ran out of
#: memory rendering a million of them.
AMPLIFYING = [(case, "json") for case in sorted(amplifying_cases())] + [
    ("a-million-syntax-errors", output_format) for output_format in ("sarif", "gitlab", "text")
]


@pytest.mark.parametrize(("case", "output_format"), AMPLIFYING)
def test_small_inputs_cannot_amplify_work(case: str, output_format: str, tmp_path: Path) -> None:
    name, content = amplifying_cases()[case]
    (tmp_path / name).write_bytes(content)
    result = bounded("check", "--format", output_format, name, cwd=tmp_path)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-500:]
    assert result.returncode in (0, 1), result.stderr[-500:]
    if output_format == "json":
        findings = json.loads(result.stdout)["findings"]
        assert all(len(f["message"]) < 2000 for f in findings), "a message lists a bounded number of names"
        assert sum(f["rule"] == "MX000" for f in findings) <= MAX_SYNTAX_ERRORS + 1
        per_rule = Counter(f["rule"] for f in findings)
        assert not per_rule or max(per_rule.values()) <= MAX_FINDINGS_PER_RULE + 1


# -- output a hostile zone cannot write into ---------------------------------------------------

HOSTILE_OWNER = b"$TTL 60\nx\\010::stop-commands::tok\\013##[stop-commands]tok\\027]0\\059title\\007 MX 10 mx1\nx MX 20 mx1\nmx1 A 10.0.0.1\n"


def assert_inert(text: str, own_commands: bool) -> None:
    for line in text.splitlines():
        assert "##[" not in line, line
        assert own_commands and line.startswith(("::error ", "::warning ", "::notice ")) or not line.startswith("::"), line
    assert "\x1b" not in text and "\x07" not in text and "\u2028" not in text


@pytest.mark.parametrize("output_format", FORMATS)
def test_names_from_input_cannot_write_commands_or_escapes(output_format: str, tmp_path: Path) -> None:
    (tmp_path / "example.com.zone").write_bytes(HOSTILE_OWNER)
    result = mxlint("check", "--fail-on", "warning", "--format", output_format, "example.com.zone", cwd=tmp_path)
    assert result.returncode == 1  # the hostile owner is in findings (MX203, MX209)
    assert_inert(result.stdout, own_commands=output_format == "github")
    assert_inert(result.stderr, own_commands=False)


@pytest.mark.parametrize("output_format", FORMATS)
def test_file_names_from_input_are_printed_inert(output_format: str, tmp_path: Path) -> None:
    directory = tmp_path.as_posix().encode()
    name = b"::warning file=x::pwned\n##[stop-commands]\x1b]0;t\x07\xff\xfe.zone"
    (Path(os.fsdecode(directory + b"/" + name))).write_bytes(b"$TTL 60\n$ORIGIN example.com.\n@ MX 10 mx1\n")
    result = mxlint("check", "--format", output_format, "--origin", "example.com", os.fsdecode(name), cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    assert_inert(result.stdout, own_commands=output_format == "github")
    if output_format == "sarif":
        uri = json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert all(char.isalnum() or char in "%/._-~" for char in uri), uri


def test_an_error_line_on_stderr_is_inert_too(tmp_path: Path) -> None:
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling\n::error::x\x1b]0;t\x07.zone")
    result = mxlint("check", "--format", "github", "dangling\n::error::x\x1b]0;t\x07.zone", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert_inert(result.stderr, own_commands=False)


# -- hostile servers (loopback only): a transfer that never ends, answers stuffed with records --
# No real server misbehaves on purpose, so these peers are written here, with dnspython.

import socket  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402

import dns.message  # noqa: E402
import dns.rdatatype  # noqa: E402
import dns.rrset  # noqa: E402

SOA = "ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300"


def _tcp_server(respond: Callable[[socket.socket, dns.message.Message], None]) -> Iterator[str]:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            with connection:
                try:
                    length = int.from_bytes(connection.recv(2), "big")
                    query = dns.message.from_wire(connection.recv(length))
                    respond(connection, query, stop)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(5)
    listener.close()


def _send(connection: socket.socket, message: dns.message.Message) -> None:
    wire = message.to_wire()
    connection.sendall(len(wire).to_bytes(2, "big") + wire)


def _endless_transfer(connection: socket.socket, query: dns.message.Message, stop: threading.Event) -> None:
    first = dns.message.make_response(query)
    first.answer.append(dns.rrset.from_text("example.com.", 60, "IN", "SOA", SOA))
    _send(connection, first)
    serial = 0
    while not stop.is_set() and serial < 10_000_000:  # bounded even if the client never stops
        serial += 1
        message = dns.message.make_response(query)
        message.answer.append(dns.rrset.from_text(f"h{serial}.example.com.", 60, "IN", "A", "198.18.0.1"))
        _send(connection, message)


def _foreign_transfer(connection: socket.socket, query: dns.message.Message, stop: threading.Event) -> None:
    message = dns.message.make_response(query)
    for name, rdtype, text in (("example.com.", "SOA", SOA), ("www.example.net.", "A", "198.18.0.1"), ("example.com.", "SOA", SOA)):
        message.answer.append(dns.rrset.from_text(name, 60, "IN", rdtype, text))
    _send(connection, message)


@pytest.fixture
def endless_server() -> Iterator[str]:
    yield from _tcp_server(_endless_transfer)


@pytest.fixture
def foreign_server() -> Iterator[str]:
    yield from _tcp_server(_foreign_transfer)


def test_a_transfer_that_never_ends_is_stopped_by_the_budget(endless_server: str, tmp_path: Path) -> None:
    result = bounded("check", "--axfr", endless_server, "--budget", "2", "--timeout", "1", "example.com", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_transfer_with_names_outside_the_zone_is_refused(foreign_server: str, tmp_path: Path) -> None:
    result = bounded("check", "--axfr", foreign_server, "--budget", "5", "example.com", cwd=tmp_path)
    assert result.returncode == 2
    assert "outside the zone" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.fixture
def stuffing_resolver() -> Iterator[str]:
    """Answers every question with its name's A record plus 1,000 records of other names."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.2)
    stop = threading.Event()
    stuffing = [dns.rrset.from_text(f"n{i}.stuffing.example.", 60, "IN", "A", "198.18.0.9") for i in range(1000)]

    def serve() -> None:
        while not stop.is_set():
            try:
                data, peer = sock.recvfrom(4096)
            except OSError:
                continue
            query = dns.message.from_wire(data)
            response = dns.message.make_response(query)
            question = query.question[0]
            if question.rdtype == dns.rdatatype.A:
                response.answer.append(dns.rrset.from_text(question.name, 60, "IN", "A", "198.18.0.1"))
            response.answer.extend(stuffing)
            sock.sendto(response.to_wire(), peer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"127.0.0.1:{sock.getsockname()[1]}"
    stop.set()
    thread.join(5)
    sock.close()


def test_answers_stuffed_with_other_names_cost_little(stuffing_resolver: str, tmp_path: Path) -> None:
    body = "".join(f"@ MX {n} mx{n}.elsewhere.example.\n" for n in range(20))
    (tmp_path / "example.com.zone").write_text(f"$TTL 60\n$ORIGIN example.com.\n{body}")
    result = bounded("check", "--resolve", "--resolver", stuffing_resolver, "--budget", "15", "--format", "json", "example.com.zone", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert "MX002" not in result.stdout


@pytest.mark.parametrize("bomb", [alias_bomb(), merge_key_bomb()], ids=["aliases", "merge-keys"])
def test_a_configuration_bomb_is_one_error_line(bomb: bytes, tmp_path: Path) -> None:
    (tmp_path / ".mxlint.yaml").write_bytes(bomb)
    (tmp_path / "example.com.zone").write_bytes(CLEAN)
    result = bounded("check", "example.com.zone", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and ".mxlint.yaml" in result.stderr


# -- escapes: discovery is confined like $INCLUDE ---------------------------------------------


def test_links_out_of_the_tree_found_by_a_search_are_findings_not_content(tmp_path: Path) -> None:
    zones = tmp_path / "repo" / "zones"
    split = zones / "example.org."
    split.mkdir(parents=True)
    (tmp_path / "secret.yaml").write_text("TOP-SECRET-LINE: {type: A, value: 198.18.9.9}\n")
    (zones / "example.com.zone").write_bytes(CLEAN)
    os.symlink("/etc/passwd", zones / "db.passwd")
    os.symlink(tmp_path / "nowhere", zones / "dangling.example.net")
    os.symlink(tmp_path / "secret.yaml", split / "www.yaml")
    (split / "@.yaml").write_text("'':\n  type: MX\n  values: [{exchange: mx1.example.org., preference: 10}, {exchange: mx2.example.org., preference: 20}]\n")
    result = bounded("check", "--format", "json", "zones", cwd=tmp_path / "repo")
    assert result.returncode == 1, result.stderr
    found = {(Path(f["path"]).name, f["rule"]) for f in json.loads(result.stdout)["findings"]}
    assert {("db.passwd", "MX000"), ("dangling.example.net", "MX000"), ("www.yaml", "MX000")} <= found
    assert "TOP-SECRET-LINE" not in result.stdout and "root:" not in result.stdout


def test_isolated_ignores_the_configuration_a_pull_request_brings(tmp_path: Path) -> None:
    (tmp_path / ".mxlint.yaml").write_text("rules: {target-is-cname: off}\n")
    (tmp_path / "example.com.zone").write_bytes(CLEAN + b"@ MX 30 alias\nalias CNAME mx1\n")
    assert "MX101" not in mxlint("check", "example.com.zone", cwd=tmp_path).stdout
    isolated = mxlint("check", "--isolated", "example.com.zone", cwd=tmp_path)
    assert isolated.returncode == 1 and "MX101" in isolated.stdout


def test_bidirectional_controls_are_escaped() -> None:
    from mxlint.safe_text import printable

    shown = printable("mx.\u202eexample\u2066.com")
    assert "\u202e" not in shown and "\u2066" not in shown and "\\u202e" in shown


@pytest.mark.parametrize("rule_id", ["MX101", "MX102", "MX103", "MX108", "MX113", "MX114"])
def test_a_rule_over_its_bound_lists_the_first_records_in_source_order(rule_id: str) -> None:
    # Rules that judge each record by its exchange ask the exchange first; what they list when
    # a zone holds more findings than one rule lists is still the first records as written,
    # not the first exchanges. Two exchanges alternate so that the two orders differ.
    import dns.name

    from mxlint.config import Config
    from mxlint.formats.zonefile import read_zone_text
    from mxlint.lint import lint
    from mxlint.registry import load_registry

    exchanges = {
        "MX101": ("alias-a", "alias-b"), "MX102": ("192.0.2.1", "192.0.2.2"), "MX103": ("a-gone", "b-gone"),
        "MX108": ("a_x", "b_x"), "MX113": ("mx.example.net", "mx.example.org"), "MX114": ("a.invalid.", "b.invalid."),
    }[rule_id]  # fmt: skip
    owners = MAX_FINDINGS_PER_RULE // 2 + 500
    lines = ["$TTL 60", "alias-a CNAME mx", "alias-b CNAME mx", "mx A 192.0.2.9", "a_x A 192.0.2.7", "b_x A 192.0.2.8"]
    lines += [f"h{i} MX {preference} {exchange}" for i in range(owners) for preference, exchange in zip((10, 20), exchanges)]
    zone = read_zone_text("\n".join(lines) + "\n", dns.name.from_text("example.com."), "many.zone")
    findings = [f for f in lint([zone], Config(select=frozenset({rule_id})), load_registry()) if f.rule == rule_id]
    first_mx_line = 7
    listed = sorted(f.line for f in findings if "findings of this rule" not in f.message)
    assert listed == list(range(first_mx_line, first_mx_line + MAX_FINDINGS_PER_RULE))


# -- round three: work that grew faster than the input (issue 32) -----------------------------


def round_three_cases() -> dict[str, dict[str, bytes]]:
    """name -> the files of a tree: each a few kilobytes whose work, once, grew with the square
    of what it describes or with the bytes it generates."""
    zone = "example.com.zone"
    ranked = {
        f"z{index}.test.zone": ("$TTL 60\n" + "".join(f"$GENERATE 1-4096 o$ MX {e} mx{e}.z{(index + 1) % 3}.test.\n" for e in range(32))).encode()
        for index in range(3)
    }
    values = "_v: &v [" + ", ".join(f"{{preference: {i}, exchange: mx{i}.example.net.}}" for i in range(100)) + "]\n"
    records = "_l: &l [" + ", ".join("{type: MX, values: *v}" for _ in range(100)) + "]\n"
    fixable = "_a: &a {preference: 10, exchange: mx}\n_w: &w [" + ",".join("*a" for _ in range(3000)) + "]\n" + "".join(
        f"o{i}: [{{type: MX, ttl: 60, values: *w}}, {{type: MX, ttl: 120, value: {{preference: 20, exchange: mx2.example.net.}}}}]\n" for i in range(101)
    )
    unknown = "; mxlint: ignore=" + ",".join(f"MX{9000 + i}x" for i in range(1900)) + "\n"
    long_name = ("x" * 60 + ".") * 3
    return {
        "one-owner-of-65536-mx-to-itself": {zone: b"$TTL 60\n$GENERATE 0-65535 a MX 10 a\n"},
        "65536-mx-to-an-exchange-of-65536-addresses": {zone: b"$TTL 60\n$GENERATE 0-65535 @ MX 10 a\n$GENERATE 0-65535 a AAAA fd00::${0,4,x}\n"},
        "mx205-across-three-generated-zones": ranked,
        "generate-of-250-wide-counters": {zone: b"$TTL 60\n@ MX 10 mx\nmx A 192.0.2.1\n$GENERATE 1-65536 a$ TXT " + b" ".join([b"${0,255}"] * 250) + b"\n"},
        "generate-of-owners-118-labels-deep": {zone: b"$TTL 60\n@ MX 10 mx\nmx A 192.0.2.1\n$GENERATE 0-65535 " + b"a." * 118 + b"$ A 192.0.2.1\n"},
        "yaml-102-owners-aliasing-100-records-of-100-values": {"example.com.yaml": (values + records + "".join(f"k{i}: *l\n" for i in range(102))).encode()},
        "yaml-fixable-findings-beside-a-3000-item-list": {"example.com.yaml": fixable.encode()},
        "10000-duplicate-mx-without-ttl-directive": {zone: b"@ 1 MX 1 a\n" * 10_000},
        "256-includes-of-1900-unknown-rules": {zone: b"$TTL 60\n@ MX 10 mx\nmx A 192.0.2.1\n" + b"$INCLUDE s\n" * 256, "s": unknown.encode()},
        "yaml-aliases-repeating-a-5000-character-exchange": {
            "example.com.yaml": (
                "'':\n  - type: MX\n    value: &m {exchange: " + "q" * 5000 + ", preference: 10}\n"
                + "b: {type: MX, values: &L [" + ", ".join(["*m"] * 64) + "]}\n" + "".join(f"c{i}: {{type: MX, values: *L}}\n" for i in range(1030))
            ).encode()
        },
        "yaml-aliases-repeating-a-4000-character-txt": {
            "example.com.yaml": (
                "a: {type: TXT, value: &v \"" + "x" * 4000 + "\"}\n" + "b: {type: TXT, values: &L [" + ", ".join(["*v"] * 64) + "]}\n"
                + "".join(f"c{i}: {{type: TXT, values: *L}}\n" for i in range(1022))
            ).encode()
        },
        "exchanges-115-labels-deep-below-a-sibling-wildcard": {
            "a.example.zone": ("$ORIGIN a.example.\n$TTL 60\n$GENERATE 0-60000 h$ MX 10 mx${0,5}." + "a." * 115 + "b.example.\n").encode(),
            "b.example.zone": b"$ORIGIN b.example.\n$TTL 60\n*.a.a.a A 192.0.2.7\n",
        },
        "mx204-10-providers-of-200-character-names": {
            zone: ("$TTL 60\n" + "".join(f"$GENERATE 0-9999 o$ MX 10 {long_name}prov{p}.test.\n" for p in range(10))).encode()
        },
    }


@pytest.mark.parametrize("case", sorted(round_three_cases()))
def test_round_three_inputs_end_in_bounded_work(case: str, tmp_path: Path) -> None:
    for name, content in round_three_cases()[case].items():
        (tmp_path / name).write_bytes(content)
    result = bounded("check", "--format", "json", ".", cwd=tmp_path)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-500:]
    assert result.returncode in (0, 1), result.stderr[-500:]
    assert len(result.stdout) < 16 * 2**20, "the output is bounded too"
    findings = json.loads(result.stdout)["findings"]
    assert all(len(f["message"]) < 2000 for f in findings), "a message lists a bounded number of names, each clipped"
    messages = [f["message"] for f in findings]
    if case == "generate-of-250-wide-counters":
        assert any("$GENERATE refused" in message and "MiB" in message for message in messages)
    if case.startswith("yaml-102"):
        assert any("aliases repeat values" in message for message in messages)
    if case == "256-includes-of-1900-unknown-rules":
        assert sum(f["rule"] == "MX001" for f in findings) == 1900, "each comment of an included file is read once"


@pytest.mark.parametrize("name", [" ::error title=forged::x.zone", "\u00a0::warning::y.zone", "\t::notice::z.zone"])
def test_a_command_after_leading_white_space_is_escaped(name: str, tmp_path: Path) -> None:
    """The runner trims a line's leading white space (the no-break space too) before it looks
    for ``::``: a file name or a context line that starts with some cannot start a command."""
    (tmp_path / name).write_text("$ORIGIN example.com.\n$TTL 60\n@ MX 10 nowhere\n")
    for output_format in ("text", "github"):
        out = bounded("check", "--format", output_format, ".", cwd=tmp_path).stdout
        for line in out.splitlines():
            assert not line.lstrip().startswith("::") or line.startswith(("::error file=", "::warning file=", "::notice file=")), line


def test_findings_of_an_owner_of_many_records_are_those_of_a_small_one(tmp_path: Path) -> None:
    """The index by type answers as the records do (a CNAME among 40 records is still found)."""
    lines = "".join(f"big TXT \"t{i}\"\n" for i in range(40))
    (tmp_path / "example.com.zone").write_text(f"$TTL 60\n@ MX 10 big\n{lines}big CNAME host\nhost A 192.0.2.1\n@ MX 20 addr\n{lines.replace('big', 'addr')}addr A 192.0.2.2\n")
    findings = json.loads(bounded("check", "--format", "json", ".", cwd=tmp_path).stdout)["findings"]
    rules = {f["rule"] for f in findings}
    assert "MX101" in rules and "MX103" not in rules, findings
