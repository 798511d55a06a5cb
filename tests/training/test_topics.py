"""Training topics as content (schema ``topic``, content/training/topics/): validated like the
rest, one per countermeasure category, 3–5 questions; the handout gathers the right material."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ronghe.content.loader import load_and_validate
from ronghe.content.training import build_handout, handouts, topics

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini" / "content"

GOOD = """\
id: zhuanti-demo
title: 演示专题
summary: 一句话说明。
category: {category}
intro: |
  导语。
questions:
{questions}
"""


def _content(tmp_path: Path, files: dict[str, str]) -> Path:
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    folder = content / "training" / "topics"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return content


def _questions(n: int) -> str:
    return "".join(f"  - 第{i}道研讨题？\n" for i in range(1, n + 1))


def _category() -> str:
    kb, _ = load_and_validate(MINI)
    return next(iter(kb.categories))


def test_real_topics_cover_every_category_with_three_to_five_questions():
    kb, result = load_and_validate(ROOT / "content")
    assert kb is not None, result.errors.report()
    ts = topics(kb)
    assert sorted(t.category for t in ts) == sorted(kb.categories)
    for t in ts:
        assert 3 <= len(t.questions) <= 5, t.id
        assert t.case and kb.get(t.case) is not None, t.id
    for h in handouts(kb):
        assert h.countermeasures and h.problems and h.causes and h.by_level, h.topic.id
        # each level's 举措 really name that level
        for lm in h.by_level:
            assert all(lm.level.id in m.levels for _, m in lm.measures)


def test_a_valid_topic_loads(tmp_path):
    content = _content(tmp_path, {"zhuanti-demo.yml": GOOD.format(category=_category(), questions=_questions(3))})
    kb, result = load_and_validate(content)
    assert kb is not None, result.errors.report()
    t = kb.get("zhuanti-demo")
    h = build_handout(kb, t)
    assert h.category is not None and h.countermeasures
    assert h.case is not None            # no case given: the one showing most of the category's countermeasures


@pytest.mark.parametrize("files,expected", [
    ({"zhuanti-demo.yml": GOOD.format(category="no-such-category", questions=_questions(3))}, "对策类别“no-such-category”不存在"),
    ({"zhuanti-demo.yml": GOOD.format(category="{cat}", questions=_questions(2))}, "研讨题有 2 道，应为 3～5 道"),
    ({"zhuanti-demo.yml": GOOD.format(category="{cat}", questions=_questions(6))}, "研讨题有 6 道，应为 3～5 道"),
    ({"zhuanti-demo.yml": GOOD.format(category="{cat}", questions=_questions(3)),
      "zhuanti-demo2.yml": GOOD.format(category="{cat}", questions=_questions(3)).replace("zhuanti-demo", "zhuanti-demo2")},
     "已有研讨专题"),
    ({"zhuanti-demo.yml": GOOD.format(category="{cat}", questions=_questions(3)) + "case: no-such-case\n"},
     "引用的编号“no-such-case”不存在"),
    ({"zhuanti-demo.yml": GOOD.format(category="{cat}", questions="") .replace("questions:\n", "")},
     "questions"),
], ids=["unknown-category", "too-few-questions", "too-many-questions", "two-topics-one-category", "unknown-case",
        "no-questions"])
def test_topic_mistakes_are_reported_with_file_and_field(tmp_path, files, expected):
    cat = _category()
    files = {k: v.replace("{cat}", cat) for k, v in files.items()}
    content = _content(tmp_path, files)
    kb, result = load_and_validate(content)
    assert kb is None
    report = result.errors.report()
    assert expected in report, report
    assert "training/topics/zhuanti-demo" in report
