"""Publishing a draft written by the import tool (``python -m ronghe ingest``), as the guide
describes it (docs/guide/editing.md): the ``ingest`` block may stay, the 【待编辑】 mark may not.

Each test breaks a copy of the small valid knowledge base in tests/fixtures/mini.
"""

from __future__ import annotations

from mini_content import check, content, edit, write  # noqa: F401 (content: a fixture)


C = "policies/causes/kaohe-tixi-geyi.yml"
CM = "policies/countermeasures/ya-shi-zeren.yml"


# --- 4. publishing an import draft -------------------------------------------------

IMPORTED = """\
id: s009-problem-01
title: 重业务轻党建的新表现
summary: |-
  【待编辑】有的单位重业务轻党建。
ingest:
  seed: 009_abc.txt
  section: 一、（一）
citations:
- source: src-demo
  passage: 有的单位重业务轻党建
"""


def test_published_entry_may_keep_its_ingest_block(content):
    write(content, "policies/problems/s009-problem-01.yml", IMPORTED.replace("【待编辑】", ""))
    edit(content, C, "  - zhong-yewu-qing-dangjian", "  - zhong-yewu-qing-dangjian\n  - s009-problem-01")
    edit(content, CM, "  - zhong-yewu-qing-dangjian", "  - zhong-yewu-qing-dangjian\n  - s009-problem-01")
    kb, errors = check(content)
    assert errors == [], [e.format() for e in errors]
    assert kb.get("s009-problem-01") is not None


def test_published_entry_with_edit_mark_is_an_error(content):
    write(content, "policies/problems/s009-problem-01.yml", IMPORTED)
    edit(content, C, "  - zhong-yewu-qing-dangjian", "  - zhong-yewu-qing-dangjian\n  - s009-problem-01")
    edit(content, CM, "  - zhong-yewu-qing-dangjian", "  - zhong-yewu-qing-dangjian\n  - s009-problem-01")
    edit(content, CM, "  - text: 建立责任清单。", "  - text: 【待编辑】建立责任清单。")
    _, errors = check(content)
    got = sorted((e.path, e.line, e.field) for e in errors)
    assert got == [(f"content/{CM}", 15, "measures[1].text"),
                   ("content/policies/problems/s009-problem-01.yml", 3, "summary")], [e.format() for e in errors]
    assert all("【待编辑】" in e.message and "draft: true" in e.hint for e in errors)


def test_draft_may_keep_the_edit_mark(content):
    write(content, "policies/problems/s009-problem-01.yml", IMPORTED + "draft: true\n")
    _, errors = check(content)
    assert errors == [], [e.format() for e in errors]
