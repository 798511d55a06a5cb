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
        self._started: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str):
        if not self.path:
            yield
            return
        start = time.perf_counter()
        try:
            yield
        finally:
            self.record(name, time.perf_counter() - start)

    def start(self, name: str) -> None:
        """A phase spanning several events of the site engine begins (ended by ``stop``)."""
        if self.path:
            self._started[name] = time.perf_counter()

    def stop(self, name: str) -> None:
        started = self._started.pop(name, None)
        if started is not None:
            self.record(name, time.perf_counter() - started)

    def record(self, name: str, seconds: float) -> None:
        if self.path:
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps({"phase": name, "seconds": round(seconds, 4)}) + "\n")


NO_TIMINGS = Timings()
