"""The rule pages (top-level ``rules/*.md``), from an installed package or from a checkout."""

from __future__ import annotations

from pathlib import Path

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
