"""Relations are written once and readable both ways."""

from __future__ import annotations

from pathlib import Path

from ronghe.content.graph import CAUSE_PROBLEMS, KnowledgeBase
from ronghe.content.loader import load_and_validate
from ronghe.content.model import Cause, Problem

MINI = Path(__file__).resolve().parent / "fixtures/mini/content"


def mini_kb() -> KnowledgeBase:
    kb, result = load_and_validate(MINI)
    assert kb is not None, result.errors.report()
    return kb


def test_reverse_relations_are_derived():
    kb = mini_kb()
    assert [e.id for e in kb.causes_of("zhong-yewu-qing-dangjian")] == ["kaohe-tixi-geyi"]
    assert [e.id for e in kb.countermeasures_for_problem("zhong-yewu-qing-dangjian")] == ["ya-shi-zeren"]
    assert [e.id for e in kb.countermeasures_for_cause("kaohe-tixi-geyi")] == ["ya-shi-zeren"]
    assert [e.id for e in kb.cases_for_countermeasure("ya-shi-zeren")] == ["demo-case"]
    assert [e.id for e in kb.countermeasures_for_level("jiguan-dangwei")] == ["ya-shi-zeren"]
    assert {e.id for e in kb.citing_entries("src-demo")} >= {"zhong-yewu-qing-dangjian", "ya-shi-zeren"}
    items = kb.checklist_items_for_countermeasure("ya-shi-zeren")
    assert [(cl.id, item.id) for cl, item in items] == [("qd-dangzu-shuji", "qd-demo-01")]
    assert kb.checklist_for_level("dangzu-shuji").id == "qd-dangzu-shuji"


def test_drafts_are_left_out_unless_asked_for():
    kb = mini_kb()
    draft = Cause(id="cao-gao", title="草稿原因", summary="x", problems=["zhong-yewu-qing-dangjian"], draft=True)
    entries = list(kb.entries.values()) + [draft]
    published = KnowledgeBase.from_entries(entries, kb.categories.values())
    assert "cao-gao" not in published.entries
    assert [e.id for e in published.causes_of("zhong-yewu-qing-dangjian")] == ["kaohe-tixi-geyi"]
    everything = KnowledgeBase.from_entries(entries, kb.categories.values(), include_drafts=True)
    assert {e.id for e in everything.causes_of("zhong-yewu-qing-dangjian")} == {"kaohe-tixi-geyi", "cao-gao"}


def test_a_relation_listed_twice_is_one_link():
    p = Problem(id="p", title="问题", summary="s")
    c = Cause(id="c", title="原因", summary="s", problems=["p", "p"])
    kb = KnowledgeBase.from_entries([p, c])
    assert [e.id for e in kb.causes_of("p")] == ["c"]
    assert [e.id for e in kb.targets("c", CAUSE_PROBLEMS)] == ["p"]
