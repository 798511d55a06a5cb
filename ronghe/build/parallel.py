"""Make the PDFs on the second core while the site engine renders the pages.

PDF steps depend only on the knowledge base, not on the rendered pages, so
``EarlyChild.start`` forks a child that runs them as soon as the knowledge base is
loaded; ``finish`` (at the end of the build) waits for it, passes on the warnings it
logged (so that ``--strict`` counts them) and reports its failure as the build's
failure. Without ``os.fork``, under the development server (which makes PDFs in the
background instead) or with ``parallel: false`` the steps simply run in order after
the pages.

Inside that child, ``run_jobs`` renders independent PDFs (or parts of one, see
ronghe/build/pdf/parts.py) in up to ``workers`` forked processes at a time, so both
cores work on PDFs once the pages are done. Anywhere else (the development server's
background thread, tests) jobs run one after the other in the calling process.
"""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Callable, Optional

from .logs import LOG

# How a forked process learns that its parent died (Linux): it gets SIGTERM. A build killed
# with SIGKILL thus takes its PDF child and the child's workers with it.
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def fork(run: Callable[[], object], task: Optional[str] = "生成 PDF") -> int:
    """Fork a process that runs ``run`` and exits (status 1 if it raised); returns its pid.
    The child never returns into the caller (nor into the site engine) and ends when the
    parent dies. ``task`` names what it does in its error messages (None: it says nothing,
    the parent does the work again if it fails)."""
    sys.stdout.flush()
    sys.stderr.flush()
    # Objects that exist now are left out of this process's garbage collections until
    # ``thaw``: a collection writes into every object it scans, and each memory page this
    # process writes after the fork is copied (at 20,000 entries, 13 s more to render the
    # templates while the search index was made in a child).
    gc.freeze()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            _die_with_parent()
            if os.getppid() != parent:   # the parent died before prctl
                os._exit(1)
            run()
        except OSError as exc:     # a full disk, a read-only folder: said in Chinese, no traceback
            from .oserrors import explain

            if task:
                print("错误：" + explain(exc, task), file=sys.stderr)
            if os.environ.get("RONGHE_VERBOSE"):
                traceback.print_exc()
            code = 1
        except BaseException as exc:
            if os.environ.get("RONGHE_VERBOSE"):
                traceback.print_exc()
            elif isinstance(exc, Exception) and task:
                print(f"错误：{task}时出错：{exc}（用 --verbose 查看详细信息）", file=sys.stderr)
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    return pid


def thaw() -> None:
    """The children of this build are done: objects frozen by ``fork`` are collected again."""
    gc.unfreeze()


def stop(pid: int) -> None:
    """End a child that ``fork`` started and reap it (it may have ended already)."""
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass


def can_fork() -> bool:
    return hasattr(os, "fork")


def cores() -> int:
    """Cores this process may use, at most 2 (PDF rendering gains little beyond)."""
    n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(2, n))


class SharedClaims:
    """Numbered jobs (0 … total - 1) shared by this process, which takes them from the first,
    and a child forked afterwards, which takes them from the last. Each claims a job before
    doing it (two numbers in shared memory, under a lock): they meet where their work
    balances and no job is done twice."""

    def __init__(self, total: int) -> None:
        # [jobs this process claimed (from the first), the first job the child claimed]
        self._shared = multiprocessing.get_context("fork").Array("q", [0, total])

    def parent_claims(self, number: int) -> bool:
        """In this process, asked in increasing order: job ``number`` is ours, unless the child took it."""
        with self._shared.get_lock():
            if number < self._shared[1]:
                self._shared[0] = number + 1
                return True
            return False

    def child_claims(self, number: int) -> bool:
        """In the child, asked in decreasing order: job ``number`` is ours, unless this process took it
        (then so did it every job before it: the child is done)."""
        with self._shared.get_lock():
            if number < self._shared[0]:
                return False
            self._shared[1] = number
            return True


class WarningsToFile(logging.Filter):
    """In a forked child: warnings and errors are kept for the parent (which logs them with
    ``pass_on_warnings``, so the site engine's strict mode counts them) instead of being
    printed here. A record that passes several handlers carrying this filter is kept once."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self._last: Optional[logging.LogRecord] = None

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        if record is self._last:
            return False
        self._last = record
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"name": record.name, "level": record.levelno, "message": record.getMessage()},
                                ensure_ascii=False) + "\n")
        return False


def pass_on_warnings(path: Path) -> None:
    """Log here what a child's ``WarningsToFile`` kept, under the logger that logged it; the file goes."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    path.unlink(missing_ok=True)
    for line in lines:
        record = json.loads(line)
        logging.getLogger(record.get("name") or LOG.name).log(record["level"], record["message"])


class EarlyChild:
    """A forked process that runs post-build steps of one build ahead of the pages being
    written: the PDF steps, or the part of a step that needs only the converted pages."""

    def __init__(self, pid: int, steps: list, warnings: Path, task: Optional[str] = "生成 PDF"):
        self.pid, self.steps, self.warnings, self.task = pid, steps, warnings, task

    @classmethod
    def start(cls, run: Callable[[], None], steps: list, task: Optional[str] = "生成 PDF") -> "EarlyChild":
        fd, name = tempfile.mkstemp(prefix="ronghe-child-warnings-", suffix=".jsonl")
        os.close(fd)
        warnings = Path(name)

        def child() -> None:
            LOG.addFilter(WarningsToFile(warnings))
            run()

        return cls(fork(child, task), steps, warnings, task)

    def finish(self, required: bool = True) -> list:
        """Wait for the child; log its warnings here; returns the steps it ran. If it failed:
        raises, or (not ``required``: the caller runs the steps itself) returns none."""
        _, status = os.waitpid(self.pid, 0)
        pass_on_warnings(self.warnings)
        if os.waitstatus_to_exitcode(status) != 0:
            if not required:
                return []
            raise RuntimeError(f"{self.task}失败（错误信息见上方）。")
        return self.steps

    def abandon(self) -> None:
        """The build failed: do not leave the child behind."""
        stop(self.pid)
        self.warnings.unlink(missing_ok=True)


def _as_worker(job: Callable[[], object]) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)   # not the parent's "stop all workers" handler
    job()


def run_jobs(jobs: list[Callable[[], object]], workers: int = 1,
             progress: Optional[Callable[[int, int], None]] = None) -> None:
    """Run independent jobs (their results go to files), each in a forked process, at most
    ``workers`` at a time; the first failure stops the rest and is raised here.
    ``progress(done, total)`` is called as jobs finish."""
    total = len(jobs)
    if workers <= 1 or total <= 1 or not can_fork():
        for n, job in enumerate(jobs, 1):
            job()
            if progress:
                progress(n, total)
        return
    pending = list(jobs)
    running: dict[int, Callable] = {}
    failed = finished = 0

    def stop(signum, frame):  # the build was abandoned: take the workers down too
        for pid in running:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        if callable(previous):   # e.g. `ronghe serve`: stops as on Ctrl+C and removes its build folder
            previous(signum, frame)
        os._exit(1)

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, stop) if main else None
    try:
        while pending or running:
            while pending and len(running) < workers and not failed:
                job = pending.pop(0)
                running[fork(lambda job=job: _as_worker(job))] = job
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
                else:
                    finished += 1
                    if progress:
                        progress(finished, total)
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
    if failed:
        raise RuntimeError("生成 PDF 失败（错误信息见上方）。")
