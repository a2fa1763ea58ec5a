"""The rule pages are the documentation and the tests: every example block is executed."""

from __future__ import annotations

import re
from pathlib import Path

import click
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
#: Rules whose subject is two files: each block of their pages is clean alone, and
#: tests/test_declared.py checks the page's blocks together.
TWO_FILES = {"MX005"}
#: Rules whose subject exists only in zone files (the zone-file reader sets such records aside).
ZONE_ONLY = {"MX003", "MX004"}


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
        assert triggers or (language == "zone" and page.stem in YAML_ONLY) or (language == "yaml" and page.stem in ZONE_ONLY) or page.stem in TWO_FILES, (
            f"no {language} example triggers the rule"
        )
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
    assert by_id.stdout == by_name.stdout
    assert by_id.stdout.splitlines()[0] == "MX101 target-is-cname"


def test_explain_renders_the_page_for_a_terminal() -> None:
    shown = run_mxlint("explain", "MX101", env={"FORCE_COLOR": ""}).stdout
    # The tests' markers and the Markdown punctuation are gone ...
    assert "expect:" not in shown and "```" not in shown and "**" not in shown
    assert not any(line.startswith("#") for line in shown.splitlines())
    assert "\x1b[" not in shown  # not a terminal: no colour
    # ... the example's records stay, indented as a block, each line whole up to its marker.
    [first_block, *_] = [body for line, language, body in zone_blocks(ROOT / "rules" / "MX101.md")]
    for record in first_block.splitlines():
        assert "    " + EXPECT.split(record)[0].rstrip() in shown.splitlines()
    assert "    @     IN MX  10 mail" in shown.splitlines()
    assert "What it does" in shown.splitlines() and "Default severity: error" in shown.splitlines()


def test_render_page_colours_headings_only_when_asked() -> None:
    from mxlint.pages import page_text, render_page

    page = page_text("MX203")
    plain, coloured = render_page(page, color=False), render_page(page, color=True)
    assert "\x1b[" not in plain and "\x1b[1m" in coloured
    assert click.unstyle(coloured) == plain
    # A code span keeps its text verbatim: a pattern is not emphasis.
    assert "*.mail.protection.outlook.com." in plain
    # Raw for SARIF and the web.
    assert page.startswith("# MX203 missing-backup\n") and "```zone" in page


def test_explain_shows_colour_on_a_terminal_unless_no_color(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")
    import os
    import subprocess
    import sys

    def on_a_terminal(env: dict[str, str]) -> bytes:
        controller, terminal = pty.openpty()
        process = subprocess.Popen([sys.executable, "-m", "mxlint", "explain", "MX101"], stdout=terminal, stderr=terminal,
                                   env={k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env)
        os.close(terminal)
        output = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
        process.wait(timeout=60)
        os.close(controller)
        return output

    assert b"\x1b[1m" in on_a_terminal({"FORCE_COLOR": "", "TERM": "xterm"})
    assert b"\x1b[" not in on_a_terminal({"NO_COLOR": "1"})
    assert "\x1b[1m" in run_mxlint("explain", "MX101", env={"FORCE_COLOR": "1"}).stdout


def test_explain_unknown_rule_suggests_the_closest() -> None:
    result = run_mxlint("explain", "target-is-cnam")
    assert result.returncode == 2
    assert "did you mean target-is-cname" in result.stderr
