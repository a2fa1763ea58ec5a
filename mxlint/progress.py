"""A progress bar on stderr for long runs at a terminal; silent in CI logs and pipes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

#: Fewer files than this finish before a bar would be worth drawing.
MIN_ITEMS = 20


def wanted(count: int) -> bool:
    return count >= MIN_ITEMS and sys.stderr.isatty() and not os.environ.get("CI")


def progress(items: Iterable[T], label: str, length: int | None = None) -> Iterator[T]:
    """Yield ``items``, drawing a bar on stderr while doing so when it is wanted."""
    if length is None:
        length = len(items)  # type: ignore[arg-type]
    if not wanted(length):
        yield from items
        return
    import click

    with click.progressbar(items, length=length, label=label, file=sys.stderr, show_pos=True) as bar:
        yield from bar
