"""Shared by the hostile-input tests:

- the broken-content cases (cases.py) and a good site built once per worker, copied for each test
  that must leave it untouched;
- the hostile site (hostile_content.py) built once per test session, with a configuration that
  switches Material's content.tooltips ON: the plugin must switch it off again."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from hostile.cases import MINI, run

from .hostile_content import build, hostile_config, hostile_content


def tree_digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def debris(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site."))


@pytest.fixture(scope="session")
def good_mini_site(tmp_path_factory) -> Path:
    """The mini knowledge base built without PDFs (a site to keep byte-identical)."""
    base = tmp_path_factory.mktemp("good")
    content = base / "content"
    shutil.copytree(MINI, content)
    proc = run("build", content, base / "site")
    assert proc.returncode == 0, proc.stderr
    return base / "site"


@pytest.fixture
def project(tmp_path, good_mini_site) -> Path:
    """tmp_path/content (the mini knowledge base) and tmp_path/site (a copy of its built site)."""
    shutil.copytree(MINI, tmp_path / "content")
    shutil.copytree(good_mini_site, tmp_path / "site")
    return tmp_path


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    shared = base / "hostile"
    shared.mkdir(exist_ok=True)
    site = shared / "site"
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "ok").exists():
            content = hostile_content(shared / "content") if not (shared / "content").exists() else shared / "content"
            proc = build(content, site, hostile_config(shared / "mkdocs.yml"), shared / "cache")
            assert proc.returncode == 0, proc.stdout + proc.stderr
            (shared / "ok").write_text("ok")
    return site
