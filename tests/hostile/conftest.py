"""The hostile site (hostile_content.py) built once per test session, with a configuration
that switches Material's content.tooltips ON: the plugin must switch it off again."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from .hostile_content import build, hostile_config, hostile_content


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
