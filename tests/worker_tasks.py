"""Tasks for the worker-process tests, in a module small enough for a worker to import at once."""

from __future__ import annotations

import os
import signal
import time
from typing import Callable


def ok(value: int) -> int:
    """Twice the value."""
    return value * 2


def fail(value: int) -> int:
    """Raise ValueError."""
    raise ValueError(f"bad value {value}")


def die(value: int) -> int:
    """Kill the worker process itself."""
    os.kill(os.getpid(), signal.SIGKILL)
    return value


def hang(value: int) -> int:
    """Sleep a minute."""
    time.sleep(60)
    return value


def call(func: Callable[[int], int], value: int) -> int:
    """Run ``func(value)`` (the workers get the function to run as an argument)."""
    return func(value)
