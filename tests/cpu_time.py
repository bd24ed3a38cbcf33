"""CPU time of one call, for the tests that compare the cost of small and large inputs."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def cpu_timed(func: Callable[[], T]) -> tuple[float, T]:
    """(CPU seconds, result) of ``func()``. CPU time: other processes on the machine count
    less. The collector runs before and is kept out of the timed call: a full collection of
    the whole test session's heap can take half a second of this process's CPU, and would
    land in one run at random."""
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        result = func()
        return time.process_time() - started, result
    finally:
        gc.enable()
