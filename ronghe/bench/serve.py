"""One-file rebuild under ``mkdocs serve``: start the development server as
``make serve`` does, edit one content file, time until the served page shows
the edit."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Optional

from ronghe import PROJECT_ROOT

# the serve command of `make serve`, without the preceding safe build
SERVE_ARGS = ["-m", "ronghe", "serve", "--verbose"]   # verbose: the engine logs "Reloading browsers"


# how long a stopped server may take to remove its build folder (the whole site: 724 MB at N = 20,000)
STOP_TIMEOUT = 180


def _server_env(content_dir: Path, env_extra: Optional[dict]) -> dict:
    """The environment of a server the benchmark starts. Its temporary files (the engine's build
    folder) go into the benchmark's scratch space, removed with it: a server that has to be killed
    (at N = 20,000 it once took longer than 20 s to remove its folder) leaves nothing in the
    system's temporary folder."""
    tmp = content_dir.parent / "tmp"
    tmp.mkdir(exist_ok=True)
    return dict(os.environ, RONGHE_CONTENT_DIR=str(content_dir), NO_MKDOCS_2_WARNING="1", TMPDIR=str(tmp),
                **(env_extra or {}))


def _stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_background(log_path: Path, proc, timeout: float) -> None:
    """Let the previous rebuild's background PDFs finish, so each edit is timed alone."""
    from ronghe.build.background import BACKGROUND_DONE

    start = time.perf_counter()
    while time.perf_counter() - start < timeout and proc.poll() is None:
        text = log_path.read_bytes().decode("utf-8", "replace")
        if text.count(BACKGROUND_DONE) >= text.count("Reloading browsers") + 1:  # + the first build
            return
        time.sleep(0.2)


def _reloads(log_path: Path) -> int:
    return log_path.read_bytes().count(b"Reloading browsers")


def _get(url: str) -> Optional[str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return None


def measure_rebuild(content_dir: Path, edit_file: Path, page_uri: str, edits: int = 3,
                    start_timeout: float = 900, edit_timeout: float = 300,
                    env_extra: Optional[dict] = None) -> Optional[dict]:
    """Median seconds from saving ``edit_file`` until ``page_uri`` serves the change
    and the rebuild has finished (MkDocs logs "Reloading browsers")."""
    port = _free_port()
    env = _server_env(content_dir, env_extra)
    log_path = content_dir.parent / "serve.log"
    log = open(log_path, "wb")
    cmd = [sys.executable, *SERVE_ARGS, "--dev-addr", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/{page_uri}"
    original = edit_file.read_text(encoding="utf-8")
    try:
        t0 = time.perf_counter()
        while _get(url) is None:
            if proc.poll() is not None or time.perf_counter() - t0 > start_timeout:
                return None
            time.sleep(0.2)
        first_build = time.perf_counter() - t0
        times: list[float] = []
        shown: list[float] = []
        for k in range(edits):
            marker = f"性能基准修订标记{k}号"
            text = original.replace("\nsummary: ", f"\nsummary: {marker}", 1)
            time.sleep(1.1)  # distinct mtimes, and let the watcher settle
            _wait_for_background(log_path, proc, edit_timeout)
            reloads = _reloads(log_path)
            start = time.perf_counter()
            edit_file.write_text(text, encoding="utf-8")
            seen = done = None
            while seen is None or done is None:
                if seen is None:
                    body = _get(url)  # the dev server holds page requests while it rebuilds
                    if body and marker in body:
                        seen = time.perf_counter() - start
                if done is None and _reloads(log_path) > reloads:
                    done = time.perf_counter() - start  # the rebuild finished: browsers are told to reload
                now = time.perf_counter() - start
                if proc.poll() is not None or now > edit_timeout:
                    return None
                time.sleep(0.05)
            shown.append(seen)
            times.append(max(seen, done))
        return {"rebuild_s": round(statistics.median(times), 2), "rebuild_s_all": [round(t, 2) for t in times],
                "rebuild_page_shown_s": round(statistics.median(shown), 2), "serve_start_s": round(first_build, 1)}
    finally:
        edit_file.write_text(original, encoding="utf-8")
        _stop(proc)
        log.close()


def measure_serve_start(content_dir: Path, site: Path, timeout: float = 120,
                        env_extra: Optional[dict] = None) -> Optional[dict]:
    """Seconds from starting ``ronghe serve`` (as ``make serve`` does) on the site the last build
    left, nothing changed since, until its home page is served; and whether it built first."""
    port = _free_port()
    env = _server_env(content_dir, env_extra)
    log_path = content_dir.parent / "serve-start.log"
    with open(log_path, "wb") as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *SERVE_ARGS, "--site-dir", str(site), "--dev-addr",
                                 f"127.0.0.1:{port}"], cwd=PROJECT_ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)
        try:
            while _get(f"http://127.0.0.1:{port}/") is None:
                if proc.poll() is not None or time.perf_counter() - t0 > timeout:
                    return None
                time.sleep(0.05)
            first = time.perf_counter() - t0
        finally:
            _stop(proc)
    text = log_path.read_bytes().decode("utf-8", "replace")
    return {"serve_first_page_s": round(first, 2), "serve_built_first": "Building documentation" in text}
