"""What every benchmark shares: timing and a description of the machine."""
from __future__ import annotations

import os
import platform
import statistics
import time
from pathlib import Path


def timed(fn, repeat: int = 1):
    """(median wall-clock seconds over `repeat` calls, the last call's result)."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
