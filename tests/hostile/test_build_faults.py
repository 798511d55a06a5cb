"""Build faults through the real ``ronghe build``: the operating system refuses (a file-size
limit, a full disk, an immutable site or folder, a path through a file), the build is
killed, a temporary folder is left from an earlier run. Each fault: exit 1, a Chinese
explanation with the path and what to do, no traceback, the previous site byte-identical,
no ``.site.*`` folder left. Tests run as root here, where ``chmod`` stops nothing: an
immutable attribute (``chattr +i``), ``RLIMIT_FSIZE`` and a small tmpfs in a private mount
namespace (``unshare -m``) make the faults instead; each is skipped where unavailable."""

from __future__ import annotations

import fcntl
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from hostile.cases import ROOT
from hostile.conftest import debris, tree_digest


def build(project: Path, site: Path | None = None, pdf: bool = False, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RONGHE_CONTENT_DIR=str(project / "content"))
    env.update(kw.pop("env", {}))
    cmd = [sys.executable, "-m", "ronghe", "build", "--site-dir", str(site or project / "site"),
           "--config", str(ROOT / "mkdocs.yml")] + ([] if pdf else ["--no-pdf"])
    return subprocess.run(kw.pop("prefix", []) + cmd, cwd=project, env=env, capture_output=True, text=True,
                          timeout=600, **kw)


def refused(proc: subprocess.CompletedProcess, *phrases: str) -> None:
    out = proc.stderr + proc.stdout
    assert proc.returncode == 1, out[-3000:]
    assert "Traceback" not in out, out[-3000:]
    assert "原因：" in out and "处理办法：" in out, out[-3000:]
    for phrase in phrases:
        assert phrase in out, out[-3000:]


def _chattr(flag: str, path: Path) -> bool:
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@contextmanager
def immutable(path: Path):
    if shutil.which("chattr") is None or not _chattr("+i", path):
        pytest.skip("chattr +i is not available here")
    try:
        yield
    finally:
        _chattr("-i", path)


def test_file_size_limit(project):
    before = tree_digest(project / "site")
    limit = 200 * 1024

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = build(project, preexec_fn=small_files)
    refused(proc, "EFBIG", "ulimit -f", ".site.building-")
    assert tree_digest(project / "site") == before
    assert debris(project) == []


def test_immutable_site(project):
    site = project / "site"
    before = tree_digest(site)
    with immutable(site):
        proc = build(project)
    refused(proc, "EPERM", str(site), "无法替换", "chattr -i")
    assert tree_digest(site) == before
    assert debris(project) == []


def test_immutable_parent_folder(project):
    site = project / "site"
    before = tree_digest(site)
    with immutable(project):
        proc = build(project)
    refused(proc, "EPERM", "临时构建目录", str(project))
    assert tree_digest(site) == before
    assert debris(project) == []


def test_output_path_through_a_file(project):
    proc = build(project, site=project / "content/policies/categories.yml/site")
    refused(proc, "不是目录而是文件", "categories.yml")


def test_full_disk(project):
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"]).returncode != 0:
        pytest.skip("no private mount namespace here")
    small = project / "small"
    small.mkdir()
    mount = ["unshare", "-m", "sh", "-c", f'mount -t tmpfs -o size=1m none "{small}" && exec "$@"', "sh"]
    proc = build(project, site=small / "site", prefix=mount)
    refused(proc, "ENOSPC", "磁盘空间已满")
    assert list(small.iterdir()) == []       # the mount is gone with its namespace


def test_leftovers_of_killed_builds_are_removed(project):
    for name in (".site.building-x1y2z3", ".site.old-4242"):
        (project / name / "assets").mkdir(parents=True)
        (project / name / "assets/left.js").write_text("x", encoding="utf-8")
    proc = build(project)
    assert proc.returncode == 0, proc.stderr
    assert ".site.building-x1y2z3" in proc.stderr
    assert debris(project) == []


def test_a_build_in_progress_keeps_its_folder(project):
    """Another build's folder (its lock held) is not removed; it is once the lock is gone."""
    live = project / ".site.building-live"
    live.mkdir()
    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        assert build(project).returncode == 0
        assert debris(project) == [".site.building-live"]
    finally:
        os.close(fd)
    assert build(project).returncode == 0
    assert debris(project) == []


def test_old_site_that_cannot_be_removed_is_said_and_removed_later(project):
    site = project / "site"
    if shutil.which("chattr") is None or not _chattr("+i", site / "index.html"):
        pytest.skip("chattr +i is not available here")
    try:
        proc = build(project)
        assert proc.returncode == 0, proc.stderr
        assert "没能删除" in proc.stderr and ".site.old-" in proc.stderr
        assert "Traceback" not in proc.stderr
        assert (site / "index.html").is_file()      # the new site is in place
        left = debris(project)
        assert len(left) == 1 and left[0].startswith(".site.old-")
    finally:
        for stuck in project.glob(".site.old-*/index.html"):
            _chattr("-i", stuck)
        _chattr("-i", site / "index.html")
    proc = build(project)
    assert proc.returncode == 0, proc.stderr
    assert debris(project) == []


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            pass
    return found | {g for c in found for g in _children(c)}


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in state


@pytest.mark.slow
def test_sigkill_during_pdfs_takes_the_children_and_the_next_build_cleans_up(project):
    """Kill ``ronghe build`` while its PDF child renders (a fresh PDF cache makes it render):
    the child dies with it; the next build leaves no ``.site.*`` behind."""
    site = project / "site"
    before = tree_digest(site)
    system_tmp = project / "system-tmp"      # the build writes nothing there: SIGKILL would leave it
    system_tmp.mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RONGHE_CONTENT_DIR=str(project / "content"),
               RONGHE_CACHE_DIR=str(project / "cache"), TMPDIR=str(system_tmp))
    proc = subprocess.Popen([sys.executable, "-m", "ronghe", "build", "--site-dir", str(site),
                             "--config", str(ROOT / "mkdocs.yml")], cwd=project, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        children: set[int] = set()
        deadline = time.monotonic() + 120
        while not children and time.monotonic() < deadline and proc.poll() is None:
            children = {c for c in _children(proc.pid) if _alive(c)}
            time.sleep(0.05)
        assert children, "the build forked no PDF child"
        time.sleep(0.5)
        children |= _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    deadline = time.monotonic() + 30
    while any(_alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [c for c in children if _alive(c)], "a PDF process outlived the killed build"
    assert tree_digest(site) == before
    assert debris(project), "the killed build left no folder (killed too late to test the clean-up)"
    assert [p.name for p in system_tmp.iterdir() if p.name != "jieba.cache"] == []
    assert build(project).returncode == 0
    assert debris(project) == []
