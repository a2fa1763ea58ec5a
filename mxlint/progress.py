"""A progress bar on stderr for long runs at a terminal; silent in CI logs and pipes."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

#: Fewer files than this finish before a bar would be worth drawing.
MIN_ITEMS = 20
#: Seconds between redraws: at most 10 a second. Drawn per file, 3,000 files wrote 173 KB
#: of escape codes, which slows the run over a remote terminal and floods recorded logs.
REDRAW_INTERVAL = 0.1


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

    with click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True) as bar:
        done, last = 0, time.monotonic()
        for item in items:
            yield item
            done += 1
            now = time.monotonic()
            if now - last >= REDRAW_INTERVAL:
                bar.update(done)
                done, last = 0, now
        bar.update(done)  # the last position is always drawn
