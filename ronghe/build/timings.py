"""Optional phase timings of a build, for the benchmark.

When the plugin's ``timings`` option names a file, every ``phase(name)`` block appends
one JSON line ``{"phase": name, "seconds": s}`` to it; otherwise it costs nothing.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Optional


class Timings:
    def __init__(self, path: Optional[Path] = None):
        self.path = path

    @contextmanager
    def phase(self, name: str):
        if not self.path:
            yield
            return
        start = time.perf_counter()
        try:
            yield
        finally:
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps({"phase": name, "seconds": round(time.perf_counter() - start, 4)}) + "\n")


NO_TIMINGS = Timings()
