"""A copy of the small valid knowledge base (tests/fixtures/mini) to break in one way per
test, and the helpers to break and check it. Test modules import the ``content`` fixture
with the helpers (``from mini_content import content, check, edit, write``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ronghe.content.loader import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests/fixtures/mini/content"


@pytest.fixture
def content(tmp_path) -> Path:
    dst = tmp_path / "content"
    shutil.copytree(MINI, dst)
    return dst


def check(content: Path):
    """(knowledge base or None, sorted errors) of the content, paths relative to its parent."""
    kb, result = load_and_validate(content, root=content.parent)
    return kb, result.errors.sorted()


def write(content: Path, rel: str, text: str) -> None:
    (content / rel).parent.mkdir(parents=True, exist_ok=True)
    (content / rel).write_text(text, encoding="utf-8")


def edit(content: Path, rel: str, old: str, new: str) -> None:
    text = (content / rel).read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    (content / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
