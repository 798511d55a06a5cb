"""``ronghe serve`` on a site the last build left unchanged serves it at once and builds
only when something changes (issue 20: `make serve` in seconds, never two builds on start)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ronghe.adapter import engine as engines, freshness
from ronghe.bench.generate import generate

ROOT = Path(__file__).resolve().parents[2]
BUILDING = "正在构建站点"   # ronghe.adapter.dev_serve logs it when a build starts

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """Content, a cache folder and a site built from them by `ronghe build`."""
    base = tmp_path_factory.mktemp("serve")
    gen = generate(base / "content", 60, seed=5)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RONGHE_CONTENT_DIR=str(gen.content_dir),
               RONGHE_CACHE_DIR=str(base / "cache"))
    env.pop("RONGHE_PDF", None)
    proc = subprocess.run([sys.executable, "-m", "ronghe", "build", "--no-pdf", "--site-dir", str(base / "site")],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return base, gen, env


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def _wait(predicate, timeout: float, proc):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        assert proc.poll() is None, "the server stopped"
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_serve_shows_the_last_build_at_once_and_rebuilds_on_change(project):
    base, gen, env = project
    site = base / "site"
    built_page = (site / gen.edit_page).read_text(encoding="utf-8")
    port = _port()
    log_path = base / "serve.log"
    tmp = base / "tmp-fresh"
    proc = _start_server(site, port, dict(env, TMPDIR=str(_empty(tmp))), log_path)
    url = f"http://127.0.0.1:{port}/{gen.edit_page}"
    original = gen.edit_target.read_text(encoding="utf-8")
    try:
        first = _wait(lambda: _get(url), 60, proc)
        # the first page is the built one, served before any build started
        assert BUILDING not in log_path.read_text(encoding="utf-8")
        assert "Building documentation" not in log_path.read_text(encoding="utf-8")
        assert "直接预览" in log_path.read_text(encoding="utf-8")
        title = built_page.split("<h1", 1)[1].split("</h1>", 1)[0]
        assert title in first
        # an edit is built and shown; the site of the last build stays as it was
        gen.edit_target.write_text(original.replace("\nsummary: ", "\nsummary: 预览改动标记", 1), encoding="utf-8")
        _wait(lambda: "预览改动标记" in (_get(url) or ""), 180, proc)
        assert log_path.read_text(encoding="utf-8").count(BUILDING) == 1
        assert (site / gen.edit_page).read_text(encoding="utf-8") == built_page
    finally:
        gen.edit_target.write_text(original, encoding="utf-8")
        proc.terminate()
        code = proc.wait(timeout=30)
    # stopped as a service manager stops it (SIGTERM): the server's build of the edit is removed
    assert code == 0, log_path.read_text(encoding="utf-8")
    assert _leftovers(tmp) == []


def test_a_server_stopped_by_sigterm_or_sighup_while_it_builds_first_leaves_nothing_behind(project):
    """A stale site: the engine's own serve builds into a temporary folder first. Stopped by
    `kill` or by closing its terminal, that folder (the whole site) must not stay behind."""
    base, gen, env = project
    original = gen.edit_target.read_text(encoding="utf-8")
    try:
        gen.edit_target.write_text(original + "\n", encoding="utf-8")   # not what the site was built from
        for sig in (signal.SIGTERM, signal.SIGHUP):
            port = _port()
            tmp = base / f"tmp-{sig.name}"
            log_path = base / f"serve-{sig.name}.log"
            proc = _start_server(base / "site", port, dict(env, TMPDIR=str(_empty(tmp))), log_path)
            try:
                _wait(lambda: _get(f"http://127.0.0.1:{port}/"), 120, proc)
                assert list(tmp.iterdir()), "the engine builds into the temporary folder"
            finally:
                proc.send_signal(sig)
                code = proc.wait(timeout=30)
            assert code == 0, log_path.read_text(encoding="utf-8")
            assert _leftovers(tmp) == [], sig.name
    finally:
        gen.edit_target.write_text(original, encoding="utf-8")


def test_the_folder_of_a_killed_server_is_removed_at_the_next_start(project):
    """SIGKILL cannot be caught: the server's temporary folder stays, and the next server removes it."""
    base, gen, env = project
    tmp = _empty(base / "tmp-killed")
    env = dict(env, TMPDIR=str(tmp))
    port = _port()
    proc = _start_server(base / "site", port, env, base / "serve-killed.log")
    try:
        _wait(lambda: _get(f"http://127.0.0.1:{port}/"), 60, proc)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    left = _leftovers(tmp)
    assert len(left) == 1 and left[0].startswith("ronghe-serve-"), left
    port = _port()
    log_path = base / "serve-after-kill.log"
    proc = _start_server(base / "site", port, env, log_path)
    try:
        _wait(lambda: _get(f"http://127.0.0.1:{port}/"), 60, proc)
        now = _leftovers(tmp)
        assert left[0] not in now and len(now) == 1, now      # only the running server's own
        assert "已删除此前被强行停止的预览服务器留下的临时目录" in log_path.read_text(encoding="utf-8")
    finally:
        proc.terminate()
        assert proc.wait(timeout=30) == 0
    assert _leftovers(tmp) == []


def _leftovers(tmp: Path) -> list[str]:
    """What the server left in its temporary folder; jieba's dictionary cache is kept there on
    purpose (the next run loads faster), not debris."""
    return sorted(p.name for p in tmp.iterdir() if p.name != "jieba.cache")


def _empty(folder: Path) -> Path:
    folder.mkdir()
    return folder


def _start_server(site: Path, port: int, env: dict, log_path: Path) -> subprocess.Popen:
    with open(log_path, "wb") as log:
        return subprocess.Popen([sys.executable, "-m", "ronghe", "serve", "--no-pdf", "--site-dir", str(site),
                                 "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)


def test_a_change_since_the_build_makes_the_site_stale(project, monkeypatch):
    base, gen, env = project
    for key in ("RONGHE_CONTENT_DIR", "RONGHE_CACHE_DIR"):
        monkeypatch.setenv(key, env[key])
    monkeypatch.setenv("RONGHE_PDF", "false")
    engine = engines.load("mkdocs")
    site = base / "site"

    def fresh():
        cfg = engine.load_config(str(ROOT / "mkdocs.yml"))
        plugin = cfg.plugins["ronghe"]
        return freshness.fresh_site(cfg, plugin, site, freshness.fingerprint(cfg, plugin, engine.name,
                                                                             engine.version))

    assert fresh() == site.resolve()
    original = gen.edit_target.read_text(encoding="utf-8")
    try:
        gen.edit_target.write_text(original + "\n", encoding="utf-8")   # one byte more: not the built content
        assert fresh() is None
    finally:
        gen.edit_target.write_text(original, encoding="utf-8")
    assert fresh() == site.resolve()
    monkeypatch.setenv("RONGHE_PDF", "true")   # other options than the build's
    assert fresh() is None
    assert freshness.fresh_site(engine.load_config(str(ROOT / "mkdocs.yml")), engine.load_config(
        str(ROOT / "mkdocs.yml")).plugins["ronghe"], base / "elsewhere", "x") is None
