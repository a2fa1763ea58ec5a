"""One zone, several formats: every rule gives the same findings (rule and owner) whatever the
source. Adding a rule means adding what triggers it to these zones."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from mxlint.config import Config
from mxlint.lint import lint
from mxlint.readers import read_path
from mxlint.registry import load_registry

ZONES = ROOT / "tests" / "zones"
ALL_FORMATS = ZONES / "equivalence"
YAML_FORMATS = ZONES / "equivalence-yaml"
#: Rules about the text of YAML values; a zone file has no such text.
YAML_ONLY = {"MX110", "MX111"}
#: Rules that need lookups (tests/test_live.py runs them against a real server).
NETWORK_ONLY = {"MX002"}
REGISTRY = load_registry()
BUILTIN = sorted(rule.id for rule in REGISTRY if rule.origin == "builtin" and rule.id not in NETWORK_ONLY)


def verdicts(path: Path) -> set[tuple[str, str | None]]:
    findings = lint([read_path(str(path))], Config(), REGISTRY)
    return {(finding.rule, finding.owner) for finding in findings}


def formats(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".zone", ".yaml"))


@pytest.mark.parametrize("folder", [ALL_FORMATS, YAML_FORMATS], ids=["zone+octodns+native", "octodns+native"])
def test_every_format_gives_the_same_findings(folder: Path) -> None:
    results = {path.name: verdicts(path) for path in formats(folder)}
    first = next(iter(results.values()))
    assert all(result == first for result in results.values()), results


@pytest.mark.parametrize("rule_id", BUILTIN)
def test_every_rule_is_exercised_in_every_format_it_applies_to(rule_id: str) -> None:
    folder = YAML_FORMATS if rule_id in YAML_ONLY else ALL_FORMATS
    for path in formats(folder):
        assert rule_id in {rule for rule, _ in verdicts(path)}, f"{path.name} does not trigger {rule_id}"


def test_inline_suppressions_work_alike_in_every_format() -> None:
    for path in formats(ALL_FORMATS):
        found = verdicts(path)
        assert ("MX203", "single.example.com.") not in found, path.name
        assert ("MX203", "dup.example.com.") in found, path.name
