"""The logger of everything the build reports.

It is a child of MkDocs' own logger (by name only: nothing here imports MkDocs), so
the site engine prints what it logs and, in strict mode, fails the build on its
warnings."""

import logging

LOG = logging.getLogger("mkdocs.plugins.ronghe")


class Progress:
    """``progress(done, total)`` callback that logs a line now and then during a long phase
    (at most every ``every`` seconds, and at the end), e.g. “全书 PDF：已生成 12/40 段”."""

    def __init__(self, label: str, unit: str, every: float = 5.0):
        import time

        self.label, self.unit, self.every = label, unit, every
        self._clock = time.monotonic
        self._last = self._clock()

    def __call__(self, done: int, total: int) -> None:
        now = self._clock()
        if done == total or now - self._last >= self.every:
            self._last = now
            LOG.info("%s：已生成 %d/%d %s", self.label, done, total, self.unit)
