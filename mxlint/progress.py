"""A progress bar on stderr for long runs at a terminal; silent in CI logs and pipes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

#: Fewer files than this finish before a bar would be worth drawing.
MIN_ITEMS = 20


def wanted(count: int) -> bool:
    return count >= MIN_ITEMS and sys.stderr.isatty() and not os.environ.get("CI")


def progress(items: Sequence[T], label: str) -> Iterator[T]:
    """Yield ``items``, drawing a bar on stderr while doing so when it is wanted."""
    if not wanted(len(items)):
        yield from items
        return
    import click

    with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
        yield from bar
