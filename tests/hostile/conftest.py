"""Shared by the hostile-input tests: the cases (tests/hostile/cases.py) and a good site
built once per worker, copied for each test that must leave it untouched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from hostile.cases import MINI, run


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
