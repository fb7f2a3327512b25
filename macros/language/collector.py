"""Pausing Python's garbage collector while the checker builds many objects at once.

The collector runs after every few hundred new objects and looks through the young ones again
each time. Reading the rule cache, building it, and checking a folder make hundreds of
thousands of objects that are either kept or freed as soon as they are dropped (they hold no
cycles worth collecting), so those passes are pure cost. The collector is switched back on
afterwards if it was on before, so cycles made in the meantime are still collected then.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
