"""The rule pages (top-level ``rules/*.md``), from an installed package or from a checkout."""

from __future__ import annotations

import re
from pathlib import Path

import click

CHECKOUT_PAGES = Path(__file__).resolve().parent.parent / "rules"


def page_text(rule_id: str) -> str | None:
    """The Markdown page of a rule, or ``None`` when none is shipped."""
    from importlib import resources  # only `explain` and SARIF read pages

    name = f"{rule_id}.md"
    packaged = resources.files("mxlint").joinpath("pages", name)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = CHECKOUT_PAGES / name
    return checkout.read_text(encoding="utf-8") if checkout.is_file() else None


# -- for a terminal ---------------------------------------------------------------------------

#: The test markers of the pages' examples (tests/test_pages.py runs every example and compares
#: its findings with them): meant for the tests, noise to a reader.
_MARKER = re.compile(r"\s*[;#]\s*expect:\s*MX\d{3}(?:\s*,\s*MX\d{3})*\s*$")
_FENCE = re.compile(r"^```")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\w*])")
CODE_INDENT = "    "


def render_page(text: str, color: bool) -> str:
    """A rule page as a terminal shows it: headings plain (bold, the title also underlined,
    when ``color``), example blocks indented without their fences and test markers, inline
    Markdown (code spans, emphasis, links) reduced to its text. ``page_text`` keeps the
    Markdown for SARIF and the web."""
    lines: list[str] = []
    in_code = False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            code = _MARKER.sub("", line)
            lines.append(CODE_INDENT + code if code.strip() else "")
            continue
        heading = _HEADING.match(line)
        if heading:
            title = _inline(heading.group(2), color)
            if color:
                lines.append(click.style(title, bold=True, underline=True if len(heading.group(1)) == 1 else None))
            else:
                lines.append(title)
            continue
        lines.append(_inline(line, color))
    return "\n".join(lines) + "\n"


def _inline(line: str, color: bool) -> str:
    """Code spans keep their text verbatim (``*.example.`` is a pattern, not emphasis); the
    rest loses its Markdown punctuation."""
    parts: list[str] = []
    start = 0
    for span in _CODE_SPAN.finditer(line):
        parts.append(_prose(line[start : span.start()], color))
        code = span.group(2).strip() if len(span.group(1)) > 1 else span.group(2)
        parts.append(click.style(code, fg="cyan") if color else code)
        start = span.end()
    parts.append(_prose(line[start:], color))
    return "".join(parts)


def _prose(text: str, color: bool) -> str:
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", text)
    text = _STRONG.sub(lambda m: click.style(m.group(1), bold=True) if color else m.group(1), text)
    return _EMPHASIS.sub(lambda m: m.group(1), text)
