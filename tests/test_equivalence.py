"""One zone, several formats: every rule gives the same findings (rule and owner) whatever the
source. Adding a rule means adding what triggers it to these zones."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from mxlint.config import Config
from mxlint.formats import read_path
from mxlint.lint import lint
from mxlint.registry import load_registry

ZONES = ROOT / "tests" / "zones"
ALL_FORMATS = ZONES / "equivalence"
YAML_FORMATS = ZONES / "equivalence-yaml"
#: Rules about the text of YAML values; a zone file has no such text.
YAML_ONLY = {"MX110", "MX111"}
#: octoDNS reads an exchange without a trailing dot as absolute and MX111 says so; the native
#: dialect completes it with the origin, as a zone file does.
OCTODNS_ONLY = {"MX111"}
#: Rules that need lookups (tests/test_live.py runs them against a real server).
NETWORK_ONLY = {"MX002"}
#: Rules about two files of one zone (tests/test_declared.py runs them on zone files and YAML).
TWO_FILES = {"MX005"}
#: Rules about what only the zone-file reader sets aside (other servers' record types, template
#: placeholders): tests/test_reader_dialects.py runs them.
ZONE_FILE_ONLY = {"MX003", "MX004"}
#: The one documented difference between the formats: an exchange written without a trailing
#: dot is completed with the origin in a zone file and in native YAML (MX113 when its text is a
#: name on the Internet), but read as absolute by octoDNS, where MX111 says so instead.
OCTODNS_EXCEPTION = {("MX113", "forgot.example.com."): ("MX111", "forgot.example.com.")}
REGISTRY = load_registry()
BUILTIN = sorted(rule.id for rule in REGISTRY if rule.origin == "builtin" and rule.id not in NETWORK_ONLY | TWO_FILES | ZONE_FILE_ONLY)


def verdicts(path: Path) -> set[tuple[str, str | None]]:
    findings = lint([read_path(str(path))], Config(), REGISTRY)
    return {(finding.rule, finding.owner) for finding in findings}


def formats(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".zone", ".yaml"))


def is_octodns(path: Path) -> bool:
    return path.suffix == ".yaml" and not path.name.endswith(".native.yaml")


def as_other_formats_read_it(path: Path, found: set[tuple[str, str | None]]) -> set[tuple[str, str | None]]:
    """The findings of ``path`` with the documented octoDNS differences taken out."""
    if not is_octodns(path):
        return found
    if folder_is_all_formats(path):
        back = {octodns: other for other, octodns in OCTODNS_EXCEPTION.items()}
        return {back.get(finding, finding) for finding in found}
    return {finding for finding in found if finding[0] not in OCTODNS_ONLY}


def folder_is_all_formats(path: Path) -> bool:
    return path.parent == ALL_FORMATS


@pytest.mark.parametrize("folder", [ALL_FORMATS, YAML_FORMATS], ids=["zone+octodns+native", "octodns+native"])
def test_every_format_gives_the_same_findings(folder: Path) -> None:
    results = {path.name: as_other_formats_read_it(path, verdicts(path)) for path in formats(folder)}
    first = next(iter(results.values()))
    assert all(result == first for result in results.values()), results


@pytest.mark.parametrize("rule_id", BUILTIN)
def test_every_rule_is_exercised_in_every_format_it_applies_to(rule_id: str) -> None:
    folder = YAML_FORMATS if rule_id in YAML_ONLY else ALL_FORMATS
    for path in formats(folder):
        if rule_id == "MX113" and is_octodns(path) or rule_id in OCTODNS_ONLY and not is_octodns(path):
            continue  # octoDNS reads the name as absolute: the exception above
        assert rule_id in {rule for rule, _ in verdicts(path)}, f"{path.name} does not trigger {rule_id}"


def test_the_octodns_exception_is_exactly_what_it_says() -> None:
    """The forgotten dot is MX113 in the zone file and native YAML, MX111 in octoDNS YAML, and
    nothing else differs at that owner."""
    by_name = {path.name: verdicts(path) for path in formats(ALL_FORMATS)}
    for name, found in by_name.items():
        at_owner = {rule for rule, owner in found if owner == "forgot.example.com."}
        assert at_owner == ({"MX111"} if name == "example.com.yaml" else {"MX113"}), name


def test_inline_suppressions_work_alike_in_every_format() -> None:
    for path in formats(ALL_FORMATS):
        found = verdicts(path)
        assert ("MX203", "single.example.com.") not in found, path.name
        assert ("MX203", "dup.example.com.") in found, path.name
