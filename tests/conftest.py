"""Shared fixtures: the real site is built once per test session and shared
between tests (and between pytest-xdist workers, via a lock file)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def run_build(site_dir: Path, content_dir: Path | None = None, config: Path | None = None,
              check: bool = True) -> subprocess.CompletedProcess:
    """Run the real build command (``python -m ronghe build``) as a user would."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if content_dir is not None:
        env["RONGHE_CONTENT_DIR"] = str(content_dir)
    cmd = [sys.executable, "-m", "ronghe", "build", "--site-dir", str(site_dir)]
    if config is not None:
        cmd += ["--config", str(config)]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"build failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def _shared_dir(tmp_path_factory) -> Path:
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    return base


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's site built from content/ once for the whole test run."""
    shared = _shared_dir(tmp_path_factory)
    site = shared / "site"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "site.ok").exists():
            shutil.rmtree(site, ignore_errors=True)
            run_build(site)
            (shared / "site.ok").write_text("ok")
    return site


def serve_directory(directory: Path):
    """A local web server for ``directory`` (quiet: no request log, no tracebacks when
    the browser drops a connection it no longer needs)."""
    from ronghe.bench.browser import serve

    return serve(directory)


@pytest.fixture(scope="session")
def site_url(built_site):
    server = serve_directory(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()
