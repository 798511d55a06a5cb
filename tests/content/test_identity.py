"""content/guide.yml: what the guide calls itself, and the errors an editor gets for it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ronghe.content.identity import NO_IDENTITY, GuideIdentity
from ronghe.content.loader import load_and_validate

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests/fixtures/mini/content"

ORGAN = """\
name: 精文减会指南
title: 整治“文山会海”
subtitle: 某局整治“文山会海”问题的知识库
topic: “文山会海”
intros:
  case: 兄弟单位精简文件会议的做法。
"""


@pytest.fixture
def content(tmp_path) -> Path:
    dst = tmp_path / "content"
    shutil.copytree(MINI, dst)
    return dst


def test_guide_file_names_the_guide_and_its_problem(content):
    (content / "guide.yml").write_text(ORGAN, encoding="utf-8")
    kb, result = load_and_validate(content)
    assert not result.errors, result.errors.sorted()
    guide = kb.identity
    assert guide.booklet_title == "精文减会指南：整治“文山会海”"
    assert guide.intro("problem").startswith("“文山会海”在机关里的具体表现")
    assert guide.intro("case") == "兄弟单位精简文件会议的做法。"


def test_without_guide_file_the_site_name_is_used_and_no_topic_is_named(content):
    kb, result = load_and_validate(content)
    assert not result.errors and kb.identity == NO_IDENTITY
    guide = kb.identity.with_defaults("某局指南", "说明")
    assert (guide.name, guide.subtitle, guide.booklet_title) == ("某局指南", "说明", "某局指南")
    assert "两张皮" not in "".join(guide.intro(t) for t in ("problem", "cause", "countermeasure"))
    assert guide.intro("cause").startswith("导致这一问题的")


def test_an_intro_may_hold_braces_and_markup_characters():
    guide = GuideIdentity(topic="<b>{x}</b>", intros={"problem": "{topic}与{其他}"})
    assert guide.intro("problem") == "<b>{x}</b>与{其他}"     # escaping is the page's job (esc())


@pytest.mark.parametrize("text,line,expected", [
    ("name: 指南\ntopic: “文山会海”\ntpoic: 多写了一个\n", 3, "是否想写“topic”"),
    ("name: 指南\nintros:\n  problems: 写错了类型\n", 3, "未知字段“problems”"),
    ("- 指南\n", 1, "应为“字段: 值”形式的映射"),
    ("name: [一, 二]\n", 1, "指南名称应为"),
])
def test_mistakes_in_guide_file_name_file_line_and_field(content, text, line, expected):
    (content / "guide.yml").write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "ronghe", "check", "--content", str(content)],
                          cwd=content.parent, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    out = proc.stdout + proc.stderr
    assert f"guide.yml:{line}" in out, out
    assert expected in out, out
