"""Section types must match what each report's own headings say."""

from __future__ import annotations

import pytest

from ronghe.ingest.classify import heading_type

from .conftest import FIXTURES, analysed, seed_path


def top_types(path):
    _, _, st, types, _ = analysed(path)
    return [(n.marker, types[id(n)].type) for n in st.root.children]


def test_001_types():
    # 一、……的原因及具体表现 (three manifestations, with causes)  二、……的对策建议
    _, _, st, types, _ = analysed(seed_path("001"))
    assert top_types(seed_path("001")) == [("一、", "problems"), ("二、", "countermeasures")]
    assert types[id(st.root.children[0])].secondary == ["causes"]
    for n in st.root.children[1].children:
        assert types[id(n)].type == "countermeasures"


def test_002_types():
    # 一、正确认识和把握……的关系  二、……存在的现实问题  三、……的对策措施
    assert top_types(seed_path("002")) == [("一、", "context"), ("二、", "problems"), ("三、", "countermeasures")]


def test_004_types():
    # 一、现实表现  二、原因分析  三、破解对策
    assert top_types(seed_path("004")) == [("一、", "problems"), ("二、", "causes"), ("三、", "countermeasures")]
    _, _, st, types, _ = analysed(seed_path("004"))
    assert [types[id(c)].type for c in st.root.children[1].children] == ["causes"] * 4


def test_003_practice_report_is_cases():
    # 二、抓住关键 (what was done) is judged by its wording; 三、注重实效 names results
    types = dict(top_types(seed_path("003")))
    assert types["二、"] == "cases" and types["三、"] == "cases"


def test_own_reports_types():
    assert top_types(FIXTURES / "numbered_report.txt") == [
        ("1.", "context"), ("2.", "problems"), ("3.", "causes"), ("4.", "countermeasures")]
    assert top_types(FIXTURES / "masked_plain_layout.txt") == [
        ("1、", "problems"), ("2、", "causes"), ("3、", "countermeasures")]


@pytest.mark.parametrize("title, expected", [
    ("存在的主要问题", "problems"),
    ("问题的主要表现", "problems"),
    ("原因分析", "causes"),
    ("产生问题的根源", "causes"),
    ("成因", "causes"),
    ("对策建议", "countermeasures"),
    ("破解“两张皮”问题的对策建议", "countermeasures"),
    ("主要措施", "countermeasures"),
    ("主要做法", "cases"),
    ("取得的成效", "context"),          # results are background, never problems or cases
    ("工作成效", "context"),
    ("研究背景与意义", "context"),
    ("引言", "context"),
    ("高校机关党建与业务融合的现状", "context"),
    ("正确认识党建与业务的关系", "context"),
    ("问题产生的原因", "causes"),        # 问题 qualifies 原因: not a mixed section
    ("存在的问题及原因", "problems"),    # mixed: subsections say which part they are
    ("下一步打算", "countermeasures"),
    ("参考文献", "none"),
    ("关键词", "none"),
])
def test_heading_keywords(title, expected):
    assert heading_type(title).type == expected


def test_mixed_headings_name_both_kinds():
    assert heading_type("存在的问题及原因").secondary == ["causes"]
    assert heading_type("存在的不足和下一步打算").secondary == ["problems"]
    assert heading_type("问题产生的原因").secondary == []


@pytest.mark.parametrize("title", ["注重实效，发挥双目标管理作用", "落实党建责任，解决抓党建工作积极性不高的问题"])
def test_keywords_in_set_phrases_name_nothing(title):
    """注重实效 is a principle followed, 解决……的问题 what a measure solves: neither names a section kind."""
    assert heading_type(title) is None


def test_practice_reports_measures_are_cases():
    assert heading_type("主要措施").type == "countermeasures"
    assert heading_type("主要措施", practice=True).type == "cases"


def test_heading_without_keyword():
    assert heading_type("找准认识上的结合点") is None


def test_what_follows_an_appendix_is_not_article_text(tmp_path):
    # survey figures numbered 1. 2. after 附件 are top-level headings of their own: they belong to
    # the appendix, not to the 对策 before it, and are never an unclear section left to the editor
    report = tmp_path / "附件在后.txt"
    report.write_text(
        "关于机关党支部建设的调研报告\n某局机关党委\n"
        "一、存在的问题\n支部活动与业务工作脱节，党员参与热情不高。\n"
        "二、对策建议\n把支部活动与业务攻坚结合起来，每季度开展一次主题党日。\n"
        "附件：问卷调查数据\n"
        "1.认为支部活动与业务结合紧密的党员占百分之四十六。\n"
        "2.参加过业务主题党日的党员占百分之五十八。\n", encoding="utf-8")
    types = top_types(report)
    assert types[:2] == [("一、", "problems"), ("二、", "countermeasures")]
    assert all(t == "none" for _marker, t in types[2:]) and len(types) >= 3, types
