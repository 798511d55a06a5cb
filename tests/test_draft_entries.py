"""Drafts as the guide describes them (docs/guide/editing.md § 草稿): a draft needs only
id and title, and the fields it has are still checked.

Each test breaks a copy of the small valid knowledge base in tests/fixtures/mini.
"""

from __future__ import annotations

from mini_content import check, content, write  # noqa: F401 (content: a fixture)


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
