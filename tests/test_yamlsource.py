"""The fast (libyaml) and the pure-Python parse give the same values, lines and errors."""

from pathlib import Path

import pytest

from ronghe.content.yamlerrors import _field_at
from ronghe.content.yamlsource import _parse_yaml_python, parse_yaml

ROOT = Path(__file__).resolve().parent.parent

SNIPPETS = [
    "id: a\ntitle: 标题\ntags: [一, 二]\n",
    "id: a\nid: b\n",                       # duplicate key
    "id: a\n\ttitle: x\n",                  # tab
    "id: a\ntitle: \"x\n",                  # open quote
    "id: a\ntitle: x: y\n",                 # stray colon
    "id: a\ntitle: x\x07\n",                # control character
    "- a\n- b: [\n",                        # unexpected end
    "citations:\n  - source: s\n    passage: |\n      一段\n      两行\n",
    "1: x\n",                               # key not text
    "# only a comment\n",
]


def _shape(parsed):
    return parsed.value, parsed.lines, [(p.line, p.field, p.message, p.hint) for p in parsed.problems]


@pytest.mark.parametrize("text", SNIPPETS)
def test_fast_parse_matches_python_parse(text):
    assert _shape(parse_yaml(text)) == _shape(_parse_yaml_python(text))


def test_fast_parse_matches_on_fixture_content():
    files = sorted((ROOT / "tests/fixtures").rglob("*.yml")) + sorted((ROOT / "content").rglob("*.yml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _shape(parse_yaml(text)) == _shape(_parse_yaml_python(text)), path


TYPED = """\
id: a
count: 3
ratio: 1.5
draft: false
empty: null
date: 2024-05-01
quoted: "3"
single: '是'
plain: 党建与业务“五同”
folded: >
  一行
  两行
literal: |
  第一段

  第二段
list: [1, "1", true, 一]
"""


@pytest.mark.parametrize("text", [TYPED] + SNIPPETS[:1] + SNIPPETS[7:8])
def test_values_are_what_pyyaml_reads(text):
    """Strings are taken from the node without PyYAML's constructor (most values): every
    value, typed or not, is still exactly what yaml.safe_load gives."""
    import yaml

    assert parse_yaml(text).value == yaml.safe_load(text)


def test_fixture_content_values_are_what_pyyaml_reads():
    import yaml

    for path in sorted((ROOT / "tests/fixtures").rglob("*.yml")) + sorted((ROOT / "content").rglob("*.yml")):
        text = path.read_text(encoding="utf-8", errors="replace")
        parsed = parse_yaml(text)
        if not parsed.problems:
            assert parsed.value == yaml.safe_load(text), path


# --- syntax errors are explained in Chinese, on the line that is wrong ---------

COUNTERMEASURE = """\
id: dang-guan-yishi-xingtai
title: 履行“党管意识形态”职责
summary: 党委（党组）要守好宣传思想文化阵地、把好舆论导向关。
tags:
  - 意识形态
  - 宣传工作
  - 舆论导向
category: renshi
problems:
  - dangjian-que-youxing-zhuashou
  - xue-yong-tuojie
causes:
  - sixiang-renshi-you-wuqu
measures:
  - text: 认真执行《中国共产党宣传工作条例》，守好宣传思想文化领域主阵地
    levels:
      - dangzu
      - dangzu-shuji
    timing: 经常性
    evidence: 意识形态工作责任制落实情况记录
citations:
  - source: pojie-liangzhangpi-jiaotong
    locator: 三、（二）4.
    passage: |-
      4.履行“党管意识形态”这一重要职责。
"""

PROBLEM = """\
id: dangjian-jili-buzu
title: 党建激励不足、党务干部不愿干党务
summary: 党建成绩与评价、提拔挂钩不紧。
tags:
  - 激励
"""

# (case id, text, old, new, wrong line, field, parts of the message, parts of the hint)
SYNTAX_ERRORS = [
    ("star", COUNTERMEASURE, "timing: 经常性", "timing: *经常性*", 19, "measures[0].timing",
     ["以 * 开头"], ['加英文引号', 'timing: "*经常性*"']),
    ("ampersand", COUNTERMEASURE, "timing: 经常性", "timing: &每月 重要", 19, "measures[0].timing",
     ["以 & 开头"], ['timing: "&每月 重要"']),
    ("exclamation", COUNTERMEASURE, "timing: 经常性", "timing: !每月", 19, "measures[0].timing",
     ["以 ! 开头"], ['timing: "!每月"']),
    ("at", COUNTERMEASURE, "timing: 经常性", "timing: @每月", 19, "measures[0].timing",
     ["以 @ 开头"], ['timing: "@每月"']),
    ("percent", COUNTERMEASURE, "timing: 经常性", "timing: %50", 19, "measures[0].timing",
     ["以 % 开头"], ['timing: "%50"']),
    ("open-bracket", COUNTERMEASURE, "evidence: 意识形态工作责任制落实情况记录", "evidence: [会议纪要",
     20, "measures[0].evidence", ["方括号“[”没有闭合"], ["evidence: [会议纪要]", 'evidence: "[会议纪要"']),
    ("open-bracket-in-tags", COUNTERMEASURE, "tags:\n  - 意识形态", "tags: [意识形态", 4, "tags",
     ["方括号“[”没有闭合"], ["tags: [意识形态]"]),
    ("quote-in-summary", COUNTERMEASURE, "summary: 党委", 'summary: "党委', 3, "summary",
     ["引号没有成对闭合"], ['补上英文引号 "']),
    ("quote-in-measure", COUNTERMEASURE, "text: 认真", "text: '认真", 15, "measures[0].text",
     ["引号没有成对闭合"], ["补上英文引号 '"]),
    ("quote-in-list-item", COUNTERMEASURE, "  - 宣传工作", '  - "宣传工作', 6, "tags[1]",
     ["引号没有成对闭合"], []),
    ("quote-closed-by-a-later-quote", COUNTERMEASURE + 'date: "2012"\n', "timing: 经常性", 'timing: "经常性',
     19, "measures[0].timing", ["引号没有成对闭合"], []),
    ("quote-then-text", COUNTERMEASURE, "timing: 经常性", 'timing: "两个维护"要落实', 19, "measures[0].timing",
     ["引号结束后又接了其他文字"], ["timing: '\"两个维护\"要落实'"]),
    ("no-space-after-colon", COUNTERMEASURE, "category: renshi", "category:renshi", 8, "category",
     ["冒号后面缺少空格"], ["category: renshi"]),
    ("full-width-colon", COUNTERMEASURE, "category: renshi", "category：renshi", 8, "category",
     ["中文全角冒号"], ["category: renshi"]),
    ("no-space-in-list-item", COUNTERMEASURE, "  - source: pojie", "  - source:pojie", 22, "citations[0].source",
     ["冒号后面缺少空格"], []),
    ("title-no-space", PROBLEM, "title: ", "title:", 2, "title", ["冒号后面缺少空格"], ["title: 党建激励不足"]),
    ("title-full-width-colon", PROBLEM, "title: ", "title：", 2, "title", ["中文全角冒号"], []),
    ("list-item-on-key-line", COUNTERMEASURE, "levels:\n      - dangzu", "levels:      - dangzu", 16,
     "measures[0].levels", ["列表项不能和字段名写在同一行"], []),
]

# what PyYAML says; none of it may reach an editor
_PARSER_WORDS = ("expected", "found", "while", "token", "character", "scanning", "parsing", "mapping")


@pytest.mark.parametrize("name,text,old,new,line,field,message,hint", SYNTAX_ERRORS, ids=[c[0] for c in SYNTAX_ERRORS])
def test_syntax_error_is_explained_on_the_wrong_line(name, text, old, new, line, field, message, hint):
    assert old in text
    broken = text.replace(old, new, 1)
    parsed = parse_yaml(broken)
    assert parsed.value is None
    assert len(parsed.problems) == 1
    problem = parsed.problems[0]
    assert (problem.line, problem.field) == (line, field), (problem, broken.splitlines()[problem.line - 1])
    assert problem.message.startswith("YAML 格式错误：")
    for part in message:
        assert part in problem.message
    for part in hint:
        assert part in problem.hint
    for word in _PARSER_WORDS:
        assert word not in problem.message.lower() and word not in problem.hint.lower()
    assert _shape(parsed) == _shape(_parse_yaml_python(broken))


def test_unexplained_syntax_error_is_still_chinese():
    # a YAML document end marker: no special explanation, and the parser's own words only as a labelled detail
    parsed = parse_yaml("id: a\n...\ntitle: x\n")
    problem = parsed.problems[0]
    assert problem.line == 3
    assert problem.message == "YAML 格式错误：这里的写法不符合 YAML 规则，文件无法读取。"
    general, detail = problem.hint.split("（解析器原文：")
    assert not any(word in general.lower() for word in _PARSER_WORDS)
    assert "expected" in detail


def test_field_is_read_from_indentation():
    lines = COUNTERMEASURE.splitlines()
    assert _field_at(lines, 17) == "measures[0].levels[0]"
    assert _field_at(lines, 24) == "citations[0].passage"
    assert _field_at(lines, 25) == ""  # text inside a block
    assert _field_at(["measures:", "- text: a", "  levels: x", "- text: b"], 4) == "measures[1].text"
    assert _field_at(["a: b", "- c"], 2) == ""
