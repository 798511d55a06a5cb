"""Process and file measurements: wall time and peak memory of a command (with
all its children), size of a built site and of its search index."""

from __future__ import annotations

import gzip
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional


@dataclass
class Run:
    returncode: int
    seconds: float
    peak_rss_mb: float       # largest resident set of the process or any of its descendants
    output: str              # stdout + stderr (tail kept for error messages)


def run_measured(cmd: list[str], cwd: Path, env: Optional[dict] = None, timeout: float = 3600) -> Run:
    """Run ``cmd`` and measure it. ``os.wait4`` gives the rusage of exactly this
    child (ru_maxrss: the largest RSS among it and its waited-for descendants)."""
    start = time.perf_counter()
    with open(os.devnull, "rb") as devnull:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=devnull, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
    chunks: list[bytes] = []
    assert proc.stdout is not None
    deadline = start + timeout
    for line in proc.stdout:  # drain, so a chatty build never blocks on a full pipe
        chunks.append(line)
        if len(chunks) > 4000:
            del chunks[:2000]
        if time.perf_counter() > deadline:
            proc.kill()
            break
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(proc.returncode, seconds, usage.ru_maxrss / 1024, b"".join(chunks).decode("utf-8", "replace"))


def dir_size(path: Path) -> tuple[int, int]:
    """(bytes, number of files) below ``path``."""
    total = files = 0
    for root, _dirs, names in os.walk(path):
        for name in names:
            p = os.path.join(root, name)
            if not os.path.islink(p):
                total += os.path.getsize(p)
                files += 1
    return total, files


SEARCH_INDEX_SUFFIXES = (".json", ".js")


def search_index_files(site: Path) -> list[Path]:
    """The search index a browser downloads: the data files under ``search/``
    (Material's ``search_index.json`` or a prebuilt index), not worker code."""
    d = site / "search"
    if not d.is_dir():
        return []
    out = []
    for p in sorted(d.rglob("*")):
        if not p.is_file() or p.suffix not in SEARCH_INDEX_SUFFIXES:
            continue
        if p.suffix == ".js" and "index" not in p.name and "data" not in p.name \
                and not p.parent.name.startswith("ronghe_"):
            continue  # worker / UI code (our index: the files of its folder search/ronghe_<hash>/)
        out.append(p)
    return out


def gzip_size(paths: list[Path]) -> int:
    return sum(len(gzip.compress(p.read_bytes(), compresslevel=6)) for p in paths)


def mb(n_bytes: float) -> float:
    return round(n_bytes / 1e6, 2)
