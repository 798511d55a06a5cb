"""What a build run from the ``ronghe`` command prints.

The site engine logs in English; a reader of the command's output gets our own lines
(Chinese, from the ``mkdocs.plugins.ronghe`` logger) and every warning and error,
prefixed in Chinese. ``verbose`` shows the engine's own progress lines too.
"""

from __future__ import annotations

import logging
import sys

LEVELS = {logging.WARNING: "警告", logging.ERROR: "错误", logging.CRITICAL: "错误"}
OWN = "mkdocs.plugins.ronghe"


class _Formatter(logging.Formatter):
    """Chinese level labels; a logged exception's traceback only with ``--verbose``."""

    def __init__(self, verbose: bool = False):
        super().__init__()
        self.verbose = verbose

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info and record.levelno >= logging.ERROR and self.verbose:
            text += "\n" + self.formatException(record.exc_info)
        label = LEVELS.get(record.levelno)
        return f"{label}：{text}" if label else text


class _Shown(logging.Filter):
    def __init__(self, verbose: bool):
        super().__init__()
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        return self.verbose or record.levelno >= logging.WARNING or record.name.startswith(OWN)


def configure(verbose: bool = False) -> logging.Handler:
    """Send the engine's log to standard error (once per process)."""
    logger = logging.getLogger("mkdocs")
    for h in list(logger.handlers):
        if getattr(h, "ronghe", False):
            logger.removeHandler(h)
    handler = logging.StreamHandler(sys.stderr)
    handler.ronghe = True  # type: ignore[attr-defined]
    handler.setFormatter(_Formatter(verbose))
    handler.addFilter(_Shown(verbose))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return handler
