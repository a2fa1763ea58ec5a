"""Conformance with ../shared/corpus: zone files and YAML from public DNS projects, with the
verdicts mxlint must give (see that folder's README for the matching procedure), and
../shared/corpus/realworld: zones real teams keep in git, with an administrator's verdicts and
directory trees whose zones a run must find exactly."""

from __future__ import annotations

import json
from pathlib import Path

import dns.name
import dns.version
import pytest
import yaml
from conftest import SHARED, run_mxlint

from mxlint.config import Config
from mxlint.formats import read_path
from mxlint.lint import Finding, lint
from mxlint.registry import load_registry

CORPUS = SHARED / "corpus"
REALWORLD = CORPUS / "realworld"
REGISTRY = load_registry()


def manifest(directory: Path) -> dict:
    path = directory / "manifest.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


#: (directory, entry) for every file of both manifests
ENTRIES = [(CORPUS, entry) for entry in manifest(CORPUS).get("files", [])] + [
    (REALWORLD, entry) for entry in manifest(REALWORLD).get("files", [])
]
TREES = manifest(REALWORLD).get("trees", [])

pytestmark = pytest.mark.skipif(not ENTRIES, reason="../shared/corpus is not beside the project (a user's clone has none)")


def names_equal(text: str | None, name: str | None) -> bool:
    return text is not None and name is not None and dns.name.from_text(text) == dns.name.from_text(name)


def about(finding: Finding, entry: dict) -> bool:
    """Whether a finding is at the entry's place: one of its lines, or its owner and exchange."""
    if finding.line in entry.get("lines", []):
        return True
    owners = [entry.get("owner"), entry.get("other_owner")]
    if finding.owner is None or not any(names_equal(finding.owner, owner) for owner in owners if owner):
        return False
    return "exchange" not in entry or names_equal(finding.exchange, entry["exchange"])


def findings_for(directory: Path, entry: dict) -> list[Finding]:
    zone = read_path(str(directory / entry["path"]), dns.name.from_text(entry["origin"]))
    return lint([zone], Config(), REGISTRY)


@pytest.mark.parametrize(("directory", "entry"), ENTRIES, ids=[str((d / e["path"]).relative_to(CORPUS)) for d, e in ENTRIES])
def test_corpus_file_gets_its_verdict(directory: Path, entry: dict) -> None:
    if not entry.get("usable", True):
        pytest.skip("the manifest marks it unusable")
    findings = findings_for(directory, entry)
    missing_rules = []
    for expected in entry.get("expect") or []:
        rules = [expected["rule"], *expected.get("alternatives", [])]
        if not any(REGISTRY.get(rule) for rule in rules):
            missing_rules.append(expected["rule"])
            continue
        if "dnspython 2.9.2" in expected.get("detail", "") and dns.version.version != "2.9.2":
            continue  # what dnspython accepts differs between its versions
        assert any(f.rule in rules and about(f, expected) for f in findings), (
            f"expected {expected['rule']} at {expected.get('owner')} lines {expected.get('lines')}: {expected.get('detail')}",
            [f"{f.line}: {f.rule} {f.message}" for f in findings],
        )
    for rule in entry.get("forbid") or []:
        assert not [f for f in findings if f.rule == rule], f"{rule} is forbidden here"
    for forbidden in entry.get("forbid_at") or []:
        hits = [f for f in findings if f.rule == forbidden["rule"] and about(f, forbidden)]
        assert not hits, f"{forbidden['rule']} is forbidden at lines {forbidden['lines']}: {forbidden['reason']}"
    if missing_rules:
        pytest.skip(f"verdicts met except those of rules not implemented yet: {sorted(set(missing_rules))}")


@pytest.mark.skipif(not TREES, reason="../shared/corpus/realworld has no trees")
@pytest.mark.parametrize("tree", TREES, ids=[tree["path"] for tree in TREES])
def test_realworld_tree_run_checks_exactly_its_zones(tree: dict) -> None:
    result = run_mxlint("check", "--format", "json", tree["path"], cwd=REALWORLD, timeout=300)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == tree["zones"], "the run must find every zone of the tree and nothing else"
    not_zones = {f"{tree['path']}/{path}" for path in tree.get("not_zones", [])}
    assert not [finding for finding in report["findings"] if finding["path"] in not_zones]
