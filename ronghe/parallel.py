"""Make the PDFs on the second core while MkDocs renders the pages.

PDF steps depend only on the knowledge base, not on the rendered pages, so
``start`` forks a child that runs them as soon as the knowledge base is loaded;
``finish`` (at the end of the build) waits for it and reports its failure as
the build's failure. Without ``os.fork``, under the development server (which
makes PDFs in the background instead) or with ``RONGHE_NO_PARALLEL=1`` the steps
simply run in order after the pages, as before.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from pathlib import Path

from .timings import phase

_children: dict[str, tuple[int, list]] = {}


def is_early_step(step) -> bool:
    """A step that makes PDFs from the knowledge base (not one that edits built pages)."""
    return getattr(step, "__module__", "").startswith("ronghe.pdf") and step.__name__.endswith(("_pdf", "_pdfs"))


def start(steps: list, kb, site_dir: Path, context) -> None:
    if not steps or not hasattr(os, "fork") or os.environ.get("RONGHE_NO_PARALLEL") == "1":
        return
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # child: make the PDFs, never return into MkDocs
        code = 0
        try:
            for step in steps:
                with phase(step.__name__):
                    step(kb, site_dir, context)
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _children[str(site_dir)] = (pid, list(steps))


def finish(site_dir: Path) -> list:
    """Wait for the child started for ``site_dir``; returns the steps it ran."""
    started = _children.pop(str(site_dir), None)
    if started is None:
        return []
    pid, steps = started
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("生成 PDF 失败（错误信息见上方）。")
    return steps


def abandon(site_dir: Path) -> None:
    """The build failed: do not leave the child behind."""
    started = _children.pop(str(site_dir), None)
    if started is not None:
        try:
            os.kill(started[0], signal.SIGTERM)
            os.waitpid(started[0], 0)
        except (ChildProcessError, ProcessLookupError):
            pass
