"""Draft entries: format, verbatim passages, and sentence accounting."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ronghe.ingest.drafts import EDIT_MARK, draft_title, id_prefix, render_yaml
from ronghe.ingest.levels import LEVEL_IDS
from ronghe.ingest.sentences import split_sentences

from .conftest import analysed, seed_path

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CATEGORIES = {"renshi", "zeren", "jizhi", "kaohe-jili", "zuzhi-baozhang", "fuwu-qunzhong"}


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def check_drafts(path, clean, drafts):
    source_text = drafts.source.data["text"]
    assert source_text == clean.text
    ids = set()
    for d in [drafts.source] + drafts.entries:
        data = yaml.safe_load(render_yaml(d.data))
        assert data == d.data  # YAML round trip keeps every value
        assert ID.match(data["id"]) and data["id"] not in ids
        ids.add(data["id"])
        assert data["draft"] is True
        assert data["ingest"]["seed"] == path.name
        if d.kind == "source":
            continue
        assert data["title"] and data["summary"].startswith(EDIT_MARK)
        for c in data["citations"]:
            assert c["source"] == drafts.source.id
            assert squash(c["passage"]) in squash(source_text)
        if d.kind == "countermeasure":
            assert data["category"] in CATEGORIES
            assert data["measures"]
            for m in data["measures"]:
                assert m["text"] and m["levels"] and set(m["levels"]) <= set(LEVEL_IDS)


def test_seed_drafts_are_valid_and_verbatim(seed):
    key, path, raw, clean, st, types, drafts = seed
    check_drafts(path, clean, drafts)


def test_own_report_drafts_are_valid_and_verbatim(own_report):
    name, path, raw, clean, st, types, drafts = own_report
    check_drafts(path, clean, drafts)


def test_every_sentence_lands_exactly_once(seed):
    key, path, raw, clean, st, types, drafts = seed
    total = len(split_sentences(clean.text))
    placed = [s.index for d in drafts.entries for s in d.sentences] + [u.sentence.index for u in drafts.unclassified]
    assert sorted(placed) == list(range(total))
    assert drafts.total == total == drafts.in_drafts + len(drafts.unclassified)


def test_passage_is_the_sentences_of_the_entry(seed):
    key, path, raw, clean, st, types, drafts = seed
    for d in drafts.entries:
        assert d.data["citations"][0]["passage"] == "".join(
            clean.text[s.start:s.end] + ("\n" if nxt is not None and nxt.para != s.para else "")
            for s, nxt in zip(d.sentences, d.sentences[1:] + [None]))


def test_004_entries_follow_the_report():
    drafts = analysed(seed_path("004"))[-1]
    kinds = [d.kind for d in drafts.entries]
    assert kinds.count("problem") == 3 and kinds.count("cause") == 4 and kinds.count("countermeasure") == 3
    zeren = next(d for d in drafts.entries if d.locator == "三、（一）")
    assert zeren.data["title"] == "在“责”上狠下功夫"
    assert [m["text"] for m in zeren.data["measures"]] == ["确保一份清单“明责”", "确保一同推进“履责”", "确保一体考核“压责”"]
    # 党委（党组）书记带头示范，落实第一责任人职责……领导干部……认真履行“一岗双责”
    assert zeren.data["measures"][1]["levels"] == ["dangzu-shuji", "banzi-chengyuan"]
    source = drafts.source.data
    assert source["publisher"] == "张家界新闻网" and source["date"] == "2020-09-09"
    assert any("??傮w" in d and "□" in d for d in source["defects"])


def test_001_countermeasure_categories_follow_the_groups():
    drafts = analysed(seed_path("001"))[-1]
    cms = [d for d in drafts.entries if d.kind == "countermeasure"]
    assert [d.data["category"] for d in cms] == ["renshi", "zeren", "jizhi"]
    first = cms[1].data["measures"][0]
    assert first["text"] == "压实党组（党委）“首要”责任"
    assert {"dangzu", "dangzu-shuji", "banzi-chengyuan"} <= set(first["levels"])


def test_003_cases_keep_figures():
    drafts = analysed(seed_path("003"))[-1]
    figures = [f for d in drafts.entries if d.kind == "case" for f in d.data.get("figures", [])]
    assert {"label": "撤销修订制度", "value": "466项"} in figures
    assert {"label": "简化审批项目", "value": "725个"} in figures


def test_id_prefix():
    assert id_prefix("001_6760920c93c036ae") == "s001"
    assert id_prefix("My Report (final)") == "my-report-final"
    assert id_prefix("报告") == "bao-gao"
    assert id_prefix("报告甲") == "bao-gao-jia" and id_prefix("报告乙") == "bao-gao-yi"


def test_yaml_uses_block_scalars_and_plain_chinese():
    out = render_yaml({"id": "x", "passage": "第一句。" * 30, "text": "甲\n乙\n"})
    assert "passage: |-\n" in out and "text: |\n  甲\n  乙\n" in out
    assert "\\u" not in out


def test_001_intro_of_mixed_section_becomes_a_cause():
    """一、……的原因及具体表现: its opening paragraph states the root cause (根本原因还是……)."""
    drafts = analysed(seed_path("001"))[-1]
    causes = [d for d in drafts.entries if d.kind == "cause"]
    assert len(causes) == 1
    assert "根本原因还是头痛医头、脚痛医脚" in causes[0].data["citations"][0]["passage"]
    assert causes[0].locator == "一、"


_PIECES = ["一、", "二、", "（一）", "（二）", "1.", "2、", "（1）", "一是", "二是", "第一，", "存在的问题",
           "原因分析", "对策建议", "主要做法", "党组书记要带头。", "有的单位重业务轻党建。", "“引号。", "”", "?",
           "??", "\ufffd", "D建", "xjp", "<p>", "</p>", "\n", "\n\n", "  ", "。", "，", "发(fā)", "㈠",
           "您的位置：首页>", "2020-01-01 来源:某网", "PDF", "1,000", "\r\n"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40))
def test_accounting_holds_for_any_document(pieces):
    """Whatever the layout: every sentence is placed once and every passage is verbatim."""
    from ronghe.ingest.classify import classify
    from ronghe.ingest.clean import clean_text
    from ronghe.ingest.structure import parse_structure
    from ronghe.ingest.drafts import plan_drafts

    clean = clean_text("".join(pieces))
    structure = parse_structure(clean.text, clean.meta)
    drafts = plan_drafts("x.txt", "x", clean, structure, classify(structure))
    assert drafts.accounting_ok()
    for d in drafts.entries:
        assert d.data["citations"][0]["passage"] in clean.text


def test_rendered_drafts_have_no_yaml_aliases():
    """Equal lists (``levels``) are written out each time: an alias (``*id001``) would make an
    edit of one measure's levels silently change the other's."""
    shared = ["dangzu-shuji"]
    text = render_yaml({"measures": [{"text": "甲", "levels": shared}, {"text": "乙", "levels": shared}]})
    assert "&id" not in text and "*id" not in text
    data = yaml.safe_load(text)
    assert data["measures"][1]["levels"] == ["dangzu-shuji"]
    assert data["measures"][0]["levels"] is not data["measures"][1]["levels"]


def test_seed_001_drafts_have_no_yaml_aliases():
    drafts = analysed(seed_path("001"))[-1]
    for d in [drafts.source] + drafts.entries:
        text = render_yaml(d.data)
        assert not re.search(r"[&*]id\d+", text), d.relpath


@pytest.mark.parametrize("heading, title", [
    ("要建立党建目标与经营目标同步分解机制", "建立党建目标与经营目标同步分解机制"),   # the report's modal verb goes
    ("必须把党建考核结果用起来", "把党建考核结果用起来"),
    ("要求", "要求"),                                                  # too short to be a modal + verb
    ("存在的不足", "【待编辑】存在的不足"),                               # names only its kind: to be renamed
    ("为什么会出现这些情况", "【待编辑】为什么会出现这些情况"),
    ("下一步打算", "【待编辑】下一步打算"),
    ("推进深度融合的对策建议", "推进深度融合的对策建议"),
    ("支部活动与专业工作结合不够", "支部活动与专业工作结合不够"),
])
def test_a_draft_title_is_its_heading_named_for_the_editor(heading, title):
    assert draft_title(heading) == title


def test_table_rows_become_linked_problem_and_countermeasure_drafts():
    from ronghe.ingest.classify import classify
    from ronghe.ingest.clean import clean_text
    from ronghe.ingest.structure import parse_structure
    from ronghe.ingest.drafts import plan_drafts

    raw = ("关于机关党建问题的整改工作方案\n\n一、整改任务清单\n\n序号\t问题表现\t整改措施\t责任单位\t完成时限\n"
           "1\t主题党日与业务脱节\t推行“主题党日+业务攻坚”模式，每季度围绕一项重点业务开展\t机关党委\t12月底前\n"
           "2\t考核“两张皮”\t修订处室年度考核办法，党建与业务统一考核\t人事处\t次年1月底前\n")
    c = clean_text(raw)
    st = parse_structure(c.text, c.meta, c.meta_lines)
    ds = plan_drafts("方案.txt", "方案", c, st, classify(st))
    got = [(d.kind, d.data["title"]) for d in ds.entries]
    assert got == [("problem", "主题党日与业务脱节"), ("countermeasure", "推行“主题党日+业务攻坚”模式"),
                   ("problem", "考核“两张皮”"), ("countermeasure", "修订处室年度考核办法")]
    problem, measure = ds.entries[0], ds.entries[1]
    assert measure.data["problems"] == [problem.id]
    assert problem.data["citations"][0]["passage"] == measure.data["citations"][0]["passage"]
    assert "12月底前" in measure.data["citations"][0]["passage"]
    assert ds.accounting_ok()   # every sentence counted once: the row belongs to its problem
