"""Zones read in one run answer each other's questions, offline, with any number of workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_mxlint
from mxlint.run import MIN_FILES_PER_JOB

HEAD = "$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 198.18.0.1\n"


def write_zone(directory: Path, origin: str, body: str) -> None:
    (directory / f"{origin}zone").write_text(f"$ORIGIN {origin}\n{HEAD}{body}", encoding="utf-8")


@pytest.fixture
def fleet(tmp_path: Path) -> Path:
    """Two zones that point mail at each other, and enough others for worker processes."""
    write_zone(tmp_path, "example.com.", "@ IN MX 10 mx1.example.net.\n@ IN MX 20 mx2.example.net.\n@ IN MX 30 gone.example.net.\n")
    write_zone(tmp_path, "example.net.", "@ IN MX 10 mx1\n@ IN MX 20 mx3\nmx1 IN A 198.18.0.25\nmx2 IN CNAME mx1\nmx3 IN A 198.18.0.26\n")
    for number in range(MIN_FILES_PER_JOB * 2):
        write_zone(tmp_path, f"filler{number}.example.", "@ IN MX 10 mx1\n@ IN MX 20 mx2\nmx1 IN A 198.18.1.1\nmx2 IN A 198.18.1.2\n")
    return tmp_path


def findings(directory: Path, *args: str) -> list[tuple[str, int, str]]:
    result = run_mxlint("check", "--format", "json", *args, ".", cwd=directory)
    assert result.returncode in (0, 1), result.stderr
    return [(Path(f["path"]).name, f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_exchange_in_a_sibling_zone_is_judged_against_it(fleet: Path, jobs: str) -> None:
    found = findings(fleet, "--jobs", jobs)
    # mx2.example.net. is a CNAME there; gone.example.net. does not exist there.
    assert ("example.com.zone", 7, "MX101") in found
    assert ("example.com.zone", 8, "MX103") in found
    assert not [f for f in found if f[0] == "example.com.zone" and f[1] == 6]


def test_the_same_output_with_any_number_of_workers(fleet: Path) -> None:
    one = run_mxlint("check", "--format", "json", "--jobs", "1", ".", cwd=fleet)
    two = run_mxlint("check", "--format", "json", "--jobs", "2", ".", cwd=fleet)
    assert one.stdout == two.stdout


def test_a_zone_alone_does_not_judge_names_outside_it(fleet: Path) -> None:
    result = run_mxlint("check", "--format", "json", "example.com.zone", cwd=fleet)
    assert [f["rule"] for f in json.loads(result.stdout)["findings"] if f["rule"] in ("MX101", "MX103")] == []


def test_the_deepest_zone_answers_for_its_names(tmp_path: Path) -> None:
    # sub.example.com. is a zone of its own in the run: its data, not the parent's, counts.
    write_zone(tmp_path, "example.com.", "@ IN MX 10 mx.sub\n@ IN MX 20 mx2\nmx2 IN A 198.18.0.2\nmx.sub IN A 198.18.0.9\n")
    write_zone(tmp_path, "sub.example.com.", "@ IN MX 10 mx\n@ IN MX 20 mx2.example.com.\nmx IN CNAME mx2.example.com.\n")
    found = findings(tmp_path)
    assert ("example.com.zone", 6, "MX101") in found


def test_a_sibling_that_could_not_be_read_whole_is_not_judged(tmp_path: Path) -> None:
    write_zone(tmp_path, "example.com.", "@ IN MX 10 mx1.example.net.\n@ IN MX 20 mx2.example.com.\nmx2 IN A 198.18.0.2\n")
    write_zone(tmp_path, "example.net.", "$INCLUDE generated-hosts.zone\n@ IN MX 10 mx1\n")
    found = findings(tmp_path)
    assert [f for f in found if f[2] == "MX103"] == []
    assert ("example.net.zone", 6, "MX000") in found


def test_a_dname_in_a_sibling_zone_is_reported_not_a_crash(tmp_path: Path) -> None:
    write_zone(tmp_path, "example.com.", "@ IN MX 10 mail.x.sub.example.com.\n")
    write_zone(tmp_path, "sub.example.com.", "x IN DNAME elsewhere.org.\n")
    found = findings(tmp_path, "--select", "MX107")
    assert [rule for _, _, rule in found] == ["MX107"]
