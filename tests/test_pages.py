"""The rule pages are the documentation and the tests: every example block is executed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, lint_yaml_text, lint_zone_text, run_mxlint
from mxlint.registry import load_registry

PAGES = sorted((ROOT / "rules").glob("MX*.md"))
BLOCK = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```", re.M | re.S)
EXPECT = re.compile(r"[;#]\s*expect:\s*(?P<ids>MX\d{3}(?:\s*,\s*MX\d{3})*)")
SECTIONS = ["## What it does", "## Why it matters", "## Example", "## Use instead", "## Options", "## References"]


LINTERS = {"zone": lint_zone_text, "yaml": lint_yaml_text}
#: Pages whose examples need lookups: they run with --resolve against a resolver that never answers.
SILENT_RESOLVER = {"MX002"}
#: Rules whose subject exists only in YAML sources.
YAML_ONLY = {"MX110", "MX111"}


def zone_blocks(page: Path, languages: tuple[str, ...] = ("zone", "yaml")) -> list[tuple[int, str, str]]:
    """(line of the block in the page, language, text) for every zone data block: ```zone
    and ```yaml (configuration snippets are ```yaml config and are not zone data)."""
    text = page.read_text(encoding="utf-8")
    return [
        (text[: m.start()].count("\n") + 1, m.group("info").strip(), m.group("body"))
        for m in BLOCK.finditer(text)
        if m.group("info").strip() in languages
    ]


def expected_marks(block: str) -> set[tuple[int, str]]:
    marks = set()
    for number, line in enumerate(block.splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            marks.update((number, rule.strip()) for rule in match.group("ids").split(","))
    return marks


def origin_of(block: str) -> str:
    match = re.search(r"^(?:\$ORIGIN|origin:)\s+(\S+)", block, re.M)
    return match.group(1) if match else "example.com."


EXAMPLES = [(page, line, language, block) for page in PAGES for line, language, block in zone_blocks(page)]


@pytest.mark.parametrize(
    "page,line,language,block", EXAMPLES, ids=[f"{page.stem}:{line}" for page, line, _, _ in EXAMPLES]
)
def test_example_block_gives_exactly_its_marks(page: Path, line: int, language: str, block: str, silent_lookups) -> None:
    lookups = silent_lookups if page.stem in SILENT_RESOLVER else None
    findings = LINTERS[language](block, origin_of(block), lookups=lookups)
    found = {(finding.line, finding.rule) for finding in findings}
    assert found == expected_marks(block), [f"{f.line}: {f.rule} {f.message}" for f in findings]


@pytest.mark.parametrize("page", PAGES, ids=[page.stem for page in PAGES])
def test_page_has_sections_and_a_triggering_and_a_clean_example(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    positions = [text.find(section) for section in SECTIONS]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), "sections missing or out of order"
    assert text.startswith(f"# {page.stem} ")
    for language in ("zone", "yaml"):
        blocks = [block for _, _, block in zone_blocks(page, (language,))]
        triggers = any(page.stem in {rule for _, rule in expected_marks(b)} for b in blocks)
        assert triggers or (language == "zone" and page.stem in YAML_ONLY), f"no {language} example triggers the rule"
        assert any(not expected_marks(b) for b in blocks), f"no clean {language} example"


def test_every_rule_has_a_page_and_every_page_a_rule() -> None:
    registry = load_registry()
    builtin = {rule.id for rule in registry if rule.origin == "builtin"}
    assert builtin == {page.stem for page in PAGES}
    for rule in registry:
        page = (ROOT / "rules" / f"{rule.id}.md").read_text(encoding="utf-8")
        assert page.splitlines()[0] == f"# {rule.id} {rule.name}"
        assert f"**Default severity:** {rule.severity}" in page


def test_explain_prints_the_page_by_id_and_by_name() -> None:
    by_id = run_mxlint("explain", "MX101")
    by_name = run_mxlint("explain", "target-is-cname")
    assert by_id.returncode == 0 and by_name.returncode == 0
    assert by_id.stdout == by_name.stdout == (ROOT / "rules" / "MX101.md").read_text(encoding="utf-8")


def test_explain_unknown_rule_suggests_the_closest() -> None:
    result = run_mxlint("explain", "target-is-cnam")
    assert result.returncode == 2
    assert "did you mean target-is-cname" in result.stderr
