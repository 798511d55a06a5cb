"""The hostile site (hostile_content.py) built once per test session, with a configuration
that switches Material's content.tooltips ON: the plugin must switch it off again."""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_content import hostile_content  # noqa: E402


def hostile_config(dst: Path) -> Path:
    """The project's mkdocs.yml with content.tooltips switched on, docs/ from the project."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^docs_dir: .*$", f"docs_dir: {ROOT / 'docs'}", text)
    text = text.replace("    - search.highlight\n", "    - search.highlight\n    - content.tooltips\n", 1)
    assert "content.tooltips" in text
    dst.write_text(text, encoding="utf-8")
    return dst


def build(content: Path, site: Path, config: Path, cache: Path, pdf: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RONGHE_CONTENT_DIR=str(content), RONGHE_CACHE_DIR=str(cache),
               RONGHE_PDF="true" if pdf else "false")
    return subprocess.run([sys.executable, "-m", "ronghe", "build", "--site-dir", str(site), "--config", str(config)],
                          cwd=ROOT, env=env, capture_output=True, text=True)


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
