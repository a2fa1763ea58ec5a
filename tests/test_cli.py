"""The command line as users run it: output formats, exit codes, errors in one line."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, assert_clean_failure, run_mxlint

CNAME_ZONE = """$TTL 3600
@     IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@     IN NS  ns1
@     IN MX  10 mail
@     IN MX  20 mx2
ns1   IN A   198.18.0.1
mail  IN CNAME mx2
mx2   IN A   198.18.0.2
"""

WARNING_ONLY_ZONE = """$TTL 3600
@     IN MX  10 mx1
mx1   IN A   198.18.0.1
"""


def test_mx_to_cname_is_an_error_at_the_record_line(write) -> None:
    path = write("example.com.zone", CNAME_ZONE)
    result = run_mxlint("check", str(path))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first == f"{path}:4:1: error MX101 MX target mail.example.com. is a CNAME to mx2.example.com. [target-is-cname]"
    assert result.stdout.splitlines()[-1] == "Found 1 problem (1 error, 0 warnings, 0 info) in 1 file."
    assert result.stderr == ""


def test_an_unreadable_record_and_an_mx_to_cname_on_the_next_line_are_both_reported(write) -> None:
    path = write("example.com.zone", "$TTL 60\nbroken IN A 198.18.0\n@ MX 10 mail\n@ MX 20 mx2\nmail CNAME mx2\nmx2 A 198.18.0.2\n")
    result = run_mxlint("check", "--format", "json", str(path))
    assert result.returncode == 1
    found = [(f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [(2, "MX000"), (3, "MX101")]


def test_clean_zone_exits_zero(write) -> None:
    path = write("example.com.zone", CNAME_ZONE.replace("10 mail", "10 mx1") + "mx1 A 198.18.0.3\n")
    result = run_mxlint("check", str(path))
    assert (result.returncode, result.stdout) == (0, "No problems found in 1 file.\n")


def test_fail_on_warning_turns_warnings_into_exit_1(write) -> None:
    path = write("example.com.zone", WARNING_ONLY_ZONE + "@     IN MX  20 MX1\n")  # MX201, a warning
    assert run_mxlint("check", str(path)).returncode == 0
    assert run_mxlint("check", "--fail-on", "warning", str(path)).returncode == 1
    assert run_mxlint("check", "--fail-on", "WARNING", str(path)).returncode == 1


def test_json_output_has_the_documented_shape(write) -> None:
    path = write("example.com.zone", CNAME_ZONE + "@ MX 20 MX2\n")
    document = json.loads(run_mxlint("check", "--format", "json", str(path)).stdout)
    assert set(document) == {"version", "findings", "summary"} and document["version"] == 1
    assert document["summary"] == {"files": 1, "error": 1, "warning": 1, "info": 0}
    for finding in document["findings"]:
        # `fix` is added (version 1 stays) only to findings that have one.
        assert set(finding) - {"fix"} == {"path", "line", "column", "rule", "name", "severity", "message", "hint"}
        assert finding["severity"] in {"error", "warning", "info"} and finding["hint"]
    assert [f["rule"] for f in document["findings"]] == ["MX101", "MX201"]


def test_output_is_sorted_and_deterministic_across_files(write, tmp_path: Path) -> None:
    write("b/example.net.zone", CNAME_ZONE)
    write("a/example.org.zone", WARNING_ONLY_ZONE)
    write("a/db.example.info", WARNING_ONLY_ZONE)
    write("a/notes.txt", "not a zone")
    write("a/.hidden.zone", "garbage")
    first = run_mxlint("check", str(tmp_path))
    second = run_mxlint("check", str(tmp_path / "b"), str(tmp_path / "a"))
    paths = [line.split(":")[0] for line in first.stdout.splitlines()[:-1]]
    assert paths == sorted(paths) and len(paths) == 3
    assert {os.path.basename(p) for p in paths} == {"example.net.zone", "example.org.zone", "db.example.info"}
    assert first.stdout.splitlines()[:-1] == sorted(second.stdout.splitlines()[:-1])
    assert first.stdout.endswith("in 3 files.\n")


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_mxlint("check", str(tmp_path / "nope.zone"))
    assert_clean_failure(result)
    assert result.stderr == f"mxlint: error: {tmp_path / 'nope.zone'}: No such file or directory\n"


def test_unreadable_file_is_one_line_and_exit_2(write) -> None:
    path = write("example.com.zone", CNAME_ZONE)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root reads anything; use a path that cannot be read instead
            path = Path("/proc/self/mem")
        assert_clean_failure(run_mxlint("check", str(path)))
    finally:
        path.chmod(0o644) if path.name != "mem" else None


def test_bad_options_are_one_line_and_exit_2(write) -> None:
    path = write("example.com.zone", CNAME_ZONE)
    for args in (
        ["check", "--bogus", str(path)],
        ["check", "--fail-on", "fatal", str(path)],
        ["check", "--format", "xml", str(path)],
        ["check", "--origin", "a..b", str(path)],
        ["check"],
        ["frobnicate"],
    ):
        assert_clean_failure(run_mxlint(*args))


def test_the_input_is_never_written(write) -> None:
    path = write("example.com.zone", CNAME_ZONE)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    run_mxlint("check", str(path))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_colour_only_on_a_terminal_and_never_with_no_color(write) -> None:
    path = write("example.com.zone", CNAME_ZONE)
    assert "\x1b[" not in run_mxlint("check", str(path)).stdout  # piped
    assert "\x1b[" in run_mxlint("check", "--color", str(path)).stdout
    assert "\x1b[" in _on_a_terminal(["check", str(path)], {})
    assert "\x1b[" not in _on_a_terminal(["check", str(path)], {"NO_COLOR": "1"})


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI")} | env
    process = subprocess.Popen([sys.executable, "-m", "mxlint", *args], stdout=follower, stderr=follower, env=environment)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    os.close(leader)
    return b"".join(chunks).decode()


def test_version_and_rules_listing() -> None:
    version = run_mxlint("--version")
    assert version.returncode == 0 and version.stdout.startswith("mxlint, version ")
    listing = run_mxlint("rules").stdout.splitlines()
    ids = [line.split()[0] for line in listing]
    assert ids == sorted(ids) and {"MX000", "MX101", "MX102", "MX201", "MX203", "MX204"} <= set(ids)
    assert any(line.split()[:4] == ["MX101", "target-is-cname", "error", "on"] for line in listing)


def test_the_shipped_example_shows_findings() -> None:
    result = run_mxlint("check", "examples/example.com.zone", cwd=ROOT)
    assert result.returncode == 1
    rules = {line.split()[2] for line in result.stdout.splitlines()[:-1]}
    assert rules == {"MX101", "MX102", "MX105", "MX112", "MX201", "MX203", "MX204"}
    assert run_mxlint("check", "examples/clean", cwd=ROOT).returncode == 0


def test_progress_bar_only_on_a_terminal_outside_ci(write, tmp_path: Path) -> None:
    for number in range(25):
        write(f"zones/z{number:02}.example.zone", WARNING_ONLY_ZONE)
    on_terminal = _on_a_terminal(["check", str(tmp_path / "zones")], {})
    assert "checking" in on_terminal and "25/25" in on_terminal
    assert "checking" not in _on_a_terminal(["check", str(tmp_path / "zones")], {"CI": "true"})
    piped = run_mxlint("check", str(tmp_path / "zones"))
    assert "checking" not in piped.stderr and piped.stderr == ""


def test_jobs_give_the_same_output_as_one_process(write, tmp_path: Path) -> None:
    for number in range(40):
        write(f"zones/z{number:02}.example.zone", CNAME_ZONE if number % 3 else WARNING_ONLY_ZONE + "; mxlint: ignore-file=MX203\n")
    write("zones/a.example.zone", "$TTL 60\n@ MX 10 mx2.example.net.\n@ MX 20 mx1.example.net.\n")
    write("zones/b.example.zone", "$TTL 60\n@ MX 10 mx1.example.net.\n@ MX 20 mx2.example.net.\n")
    write("zones/c.example.zone", "$TTL 60\n@ MX 10 mx1.example.net.\n@ MX 20 mx2.example.net.\n")
    one = run_mxlint("check", "--jobs", "1", "--format", "json", str(tmp_path / "zones"))
    two = run_mxlint("check", "--jobs", "2", "--format", "json", str(tmp_path / "zones"))
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    rules = {f["rule"] for f in json.loads(two.stdout)["findings"]}
    assert {"MX101", "MX205"} <= rules and "MX203" not in {f["rule"] for f in json.loads(two.stdout)["findings"] if "z00" in f["path"]}


def test_show_hints_prints_the_fix_below_each_finding(write) -> None:
    path = write("example.com.zone", CNAME_ZONE)
    lines = run_mxlint("check", "--show-hints", str(path)).stdout.splitlines()
    assert lines[0].endswith("[target-is-cname]")
    assert lines[1] == "    hint: point the MX at mx2.example.com., or give mail.example.com. its own A/AAAA records instead of the CNAME"
    assert "hint:" not in run_mxlint("check", str(path)).stdout


def test_the_process_ends_with_all_its_output_written(write, tmp_path: Path) -> None:
    # The command line ends the process without freeing the zones (os._exit): what it printed
    # to a pipe and to a file must all be out first, whatever the size.
    domains = 3000  # an MX to a CNAME each: far more output than a pipe's buffer
    lines = ["$TTL 300"] + [f"d{i} MX 10 alias.d{i}\nalias.d{i} CNAME mx.d{i}\nmx.d{i} A 198.18.{i // 250}.{i % 250 + 1}" for i in range(domains)]
    path = write("example.com.zone", "\n".join(lines) + "\n")
    json_file = tmp_path / "findings.json"
    result = run_mxlint("check", "--format", "text", "--format", f"json:{json_file}", str(path))
    assert result.returncode == 1
    assert result.stdout.endswith(" in 1 file.\n")
    printed = [line for line in result.stdout.splitlines() if " MX101 " in line]
    assert len(printed) == domains
    assert len(json.loads(json_file.read_text())["findings"]) >= domains


def test_a_closed_stream_does_not_change_the_exit(write) -> None:
    # A descriptor closed when the process starts (cron, daemons) is None in Python: the end of
    # the process flushes the streams there are.
    path = write("example.com.zone", WARNING_ONLY_ZONE)
    command = f"{sys.executable} -m mxlint check --isolated {path}"
    closed_stderr = subprocess.run(["sh", "-c", f"{command} 2>&-"], capture_output=True, text=True)
    assert closed_stderr.returncode == 0 and " MX203 " in closed_stderr.stdout
    closed_stdout = subprocess.run(["sh", "-c", f"{command} >&-"], capture_output=True, text=True)
    assert closed_stdout.returncode == 2
    assert closed_stdout.stderr == "mxlint: error: standard output is closed: write the findings to a file instead (--format FORMAT:FILE)\n"
    to_a_file = subprocess.run(["sh", "-c", f"{command} --format json:{path.parent / 'out.json'} >&-"], capture_output=True, text=True)
    assert to_a_file.returncode == 0 and json.loads((path.parent / "out.json").read_text())["findings"]
