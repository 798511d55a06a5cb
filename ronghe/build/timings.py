"""Optional phase timings of a build, for the benchmark.

When ``RONGHE_BUILD_TIMINGS`` names a file, every ``phase(name)`` block appends
one JSON line ``{"phase": name, "seconds": s}`` to it; otherwise it costs nothing.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager

ENV = "RONGHE_BUILD_TIMINGS"


@contextmanager
def phase(name: str):
    path = os.environ.get(ENV)
    if not path:
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"phase": name, "seconds": round(time.perf_counter() - start, 4)}) + "\n")
