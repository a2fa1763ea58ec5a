"""Python's cycle collector, paused while a big structure without cycles is built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The cycle collector paused while a reader or an index makes hundreds of thousands of
    objects and no cycle: each collection in between would scan everything made so far again
    (a tenth of reading, half of the MX index's time on the 1M bench zone). Then what was made
    goes to the oldest generation, where the collector would move it after scanning it twice:
    left young, it was all scanned at the next allocation, for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()  # every tracked object to the permanent generation, young counts reset
            gc.unfreeze()  # and back, into the oldest generation: collectable, not scanned now
            gc.enable()
