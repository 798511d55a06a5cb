"""Make the PDFs on the second core while MkDocs renders the pages.

PDF steps depend only on the knowledge base, not on the rendered pages, so
``start`` forks a child that runs them as soon as the knowledge base is loaded;
``finish`` (at the end of the build) waits for it and reports its failure as
the build's failure. Without ``os.fork``, under the development server (which
makes PDFs in the background instead) or with ``RONGHE_NO_PARALLEL=1`` the steps
simply run in order after the pages, as before.

Inside that child, ``run_jobs`` renders independent PDFs (or parts of one, see
ronghe/build/pdf/parts.py) in up to ``pdf_workers()`` forked processes at a time, so
both cores work on PDFs once the pages are done. Anywhere else (the development
server's background thread, tests, ``RONGHE_NO_PARALLEL=1``) jobs run one after
the other in the calling process.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Callable, Optional

from .timings import phase

_children: dict[str, tuple[int, list]] = {}
_in_pdf_child = False        # True in the process forked by start()


def _fork(run: Callable[[], object]) -> int:
    """Fork a process that runs ``run`` and exits (status 1 if it raised); returns its pid.
    The child never returns into the caller (nor into MkDocs)."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            run()
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    return pid


def is_early_step(step) -> bool:
    """A step that makes PDFs from the knowledge base (not one that edits built pages)."""
    return getattr(step, "__module__", "").startswith("ronghe.build.pdf") and step.__name__.endswith(("_pdf", "_pdfs"))


def start(steps: list, kb, site_dir: Path, context) -> None:
    if not steps or not hasattr(os, "fork") or os.environ.get("RONGHE_NO_PARALLEL") == "1":
        return
    def make_pdfs() -> None:
        global _in_pdf_child
        _in_pdf_child = True
        for step in steps:
            with phase(step.__name__):
                step(kb, site_dir, context)

    _children[str(site_dir)] = (_fork(make_pdfs), list(steps))


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


def pdf_workers() -> int:
    """How many processes may render PDFs at once: the cores (at most 2 unless
    ``RONGHE_PDF_WORKERS`` says otherwise) in the PDF child of a build, else 1."""
    if not _in_pdf_child or not hasattr(os, "fork") or os.environ.get("RONGHE_NO_PARALLEL") == "1":
        return 1
    wanted = os.environ.get("RONGHE_PDF_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return max(1, min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def _as_worker(job: Callable[[], object]) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)   # not the parent's "stop all workers" handler
    job()


def run_jobs(jobs: list[Callable[[], object]], workers: Optional[int] = None) -> None:
    """Run independent jobs (their results go to files), each in a forked process, at most
    ``workers`` at a time; the first failure stops the rest and is raised here."""
    workers = pdf_workers() if workers is None else workers
    if workers <= 1 or len(jobs) <= 1 or not hasattr(os, "fork"):
        for job in jobs:
            job()
        return
    pending = list(jobs)
    running: dict[int, Callable] = {}
    failed = 0

    def stop(signum, frame):  # the build was abandoned: take the workers down too
        for pid in running:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        os._exit(1)

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, stop) if main else None
    try:
        while pending or running:
            while pending and len(running) < workers and not failed:
                job = pending.pop(0)
                running[_fork(lambda job=job: _as_worker(job))] = job
            if not running:
                break
            done = [(pid, status) for pid, status in (os.waitpid(p, os.WNOHANG) for p in list(running)) if pid]
            if not done:
                time.sleep(0.02)
                continue
            for pid, status in done:
                running.pop(pid)
                if os.waitstatus_to_exitcode(status) != 0:
                    failed += 1
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
    if failed:
        raise RuntimeError("生成 PDF 失败（错误信息见上方）。")
