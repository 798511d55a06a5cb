"""Drafts as the guide describes them (docs/guide/editing.md § 草稿): a draft needs only
id and title, and the fields it has are still checked.

Each test breaks a copy of the small valid knowledge base in tests/fixtures/mini.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ronghe.loader import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests/fixtures/mini/content"


@pytest.fixture
def content(tmp_path) -> Path:
    dst = tmp_path / "content"
    shutil.copytree(MINI, dst)
    return dst


def check(content: Path):
    kb, result = load_and_validate(content, root=content.parent)
    return kb, result.errors.sorted()


def write(content: Path, rel: str, text: str) -> None:
    (content / rel).parent.mkdir(parents=True, exist_ok=True)
    (content / rel).write_text(text, encoding="utf-8")


def edit(content: Path, rel: str, old: str, new: str) -> None:
    text = (content / rel).read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    (content / rel).write_text(text.replace(old, new, 1), encoding="utf-8")


# --- 3. drafts ---------------------------------------------------------------------

def test_draft_needs_only_id_and_title(content):
    write(content, "policies/countermeasures/cm-draft.yml",
          "id: cm-draft\ntitle: 半成品对策\nsummary: 还没写完。\ndraft: true\n")
    write(content, "policies/levels/lv-draft.yml", "id: lv-draft\ntitle: 新层级\ndraft: true\n")
    write(content, "checklists/cl-draft.yml", "id: cl-draft\ntitle: 新清单\ndraft: true\n")
    write(content, "policies/problems/p-draft.yml", "id: p-draft\ntitle: 新问题\nsummary: ''\ndraft: true\n")
    kb, errors = check(content)
    assert errors == [], [e.format() for e in errors]
    assert kb.get("cm-draft") is None  # drafts are not published


def test_draft_without_title_or_with_bad_fields_is_still_checked(content):
    write(content, "policies/countermeasures/cm-draft.yml",
          "id: cm-draft\ndraft: true\ncategory: Zeren\nmeasures:\n  - text: 甲\nproblems: [no-such-problem]\n"
          "tilte: x\n")
    _, errors = check(content)
    got = {(e.field, e.message.split("“")[0]) for e in errors}
    assert ("", "缺少必填字段") in got                          # title
    assert any(e.field == "category" and "格式不正确" in e.message for e in errors)
    assert any(e.field == "measures[0]" and "levels" in e.message for e in errors)
    assert any(e.field == "problems[0]" and "不存在" in e.message for e in errors)
    assert any(e.field == "tilte" and "未知字段" in e.message for e in errors)
