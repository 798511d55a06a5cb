"""Merging checklist files with the 举措 of countermeasures (ronghe/content/checklists.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ronghe.content.checklists import CANONICAL_GROUPS, checklist_of_level, derived_item_id, group_for, level_checklists
from ronghe.content.graph import KnowledgeBase
from ronghe.content.loader import load_and_validate
from ronghe.content.model import (Checklist, ChecklistGroup, ChecklistItem, Citation, Countermeasure, Level, Measure,
                                  Source)
from ronghe.site.pages import generate_pages
from ronghe.content.schema import ID_PATTERN
from ronghe.site.urls import checklist_pdf_uri, checklist_uri

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "content"


def _level(id_, order, short=None):
    return Level(id=id_, title=short or id_, summary="s", short=short or id_, order=order)


def _cm(id_, *measures, title=None, source="src"):
    return Countermeasure(id=id_, title=title or id_, summary="s", category="zeren", measures=list(measures),
                          citations=[Citation(source=source, passage="p")])


def _checklist(id_, level, groups):
    return Checklist(id=id_, title=f"{level}清单", summary="s", level=level,
                     groups=[ChecklistGroup(t, [ChecklistItem(**i, group=t) for i in items]) for t, items in groups])


def _kb(*entries):
    base = [Source(id="src", title="调研报告", text="p"), _level("shuji", 1, "书记"), _level("dangwei", 2, "机关党委")]
    return KnowledgeBase.from_entries(base + list(entries))


def _texts(kb, level):
    return [i.text for i in checklist_of_level(kb, level).items()]


def test_level_without_file_gets_items_from_measures():
    kb = _kb(_cm("a", Measure("建立党建工作责任清单。", ["dangwei"], timing="每年年初", evidence="责任清单文本")))
    lc = checklist_of_level(kb, "dangwei")
    assert lc.source is None
    assert checklist_uri(lc) == "checklists/dangwei.md"
    [item] = lc.items()
    assert (item.text, item.timing, item.evidence, item.countermeasures) == \
        ("建立党建工作责任清单。", "每年年初", "责任清单文本", ["a"])
    assert item.derived_from == "a" and item.group == "年初谋划"


def test_every_level_has_a_checklist_even_with_nothing_to_do():
    kb = _kb()
    assert [lc.level.id for lc in level_checklists(kb)] == ["shuji", "dangwei"]
    assert all(lc.items() == [] for lc in level_checklists(kb))


def test_file_item_covering_a_measure_is_not_repeated():
    kb = _kb(
        _cm("a", Measure("每年年初把党建和业务同谋划、同部署。", ["shuji"], timing="每年年初", evidence="党组会议纪要")),
        _checklist("qd", "shuji", [("年初谋划", [dict(id="qd-1", text="主持召开党组会议，同谋划党建和业务工作。",
                                                    countermeasures=["a"])])]),
    )
    items = checklist_of_level(kb, "shuji").items()
    assert [i.id for i in items] == ["qd-1"]
    # what the file leaves open comes from the measure it covers
    assert (items[0].timing, items[0].evidence) == ("每年年初", "党组会议纪要")


def test_same_text_is_one_item_whatever_the_basis():
    kb = _kb(
        _cm("a", Measure("建立责任清单。", ["shuji"])),
        _checklist("qd", "shuji", [("日常推进", [dict(id="qd-1", text="建立责任清单", countermeasures=[])])]),
    )
    assert _texts(kb, "shuji") == ["建立责任清单"]


def test_file_item_with_unrelated_text_does_not_swallow_a_measure():
    kb = _kb(
        _cm("a", Measure("每季度听取分管部门党建工作汇报。", ["shuji"], timing="每季度")),
        _checklist("qd", "shuji", [("年终述职", [dict(id="qd-1", text="年终向党组述职。", countermeasures=["a"])])]),
    )
    assert _texts(kb, "shuji") == ["每季度听取分管部门党建工作汇报。", "年终向党组述职。"]


def test_one_file_item_stands_for_one_similar_measure_unless_it_contains_several():
    kb = _kb(
        _cm("a",
            Measure("年初召开党组会议研究党建工作。", ["shuji"]),
            Measure("年初召开党组会议研究党建工作要点。", ["shuji"]),
            Measure("完善述职评议制度", ["shuji"])),
        _checklist("qd", "shuji", [("年初谋划", [
            dict(id="qd-1", text="年初召开党组会议专题研究党建工作，完善述职评议制度", countermeasures=["a"])])]),
    )
    texts = _texts(kb, "shuji")
    assert texts.count("年初召开党组会议专题研究党建工作，完善述职评议制度") == 1
    assert "完善述职评议制度" not in texts            # contained in the file item
    assert len(texts) <= 2                             # near-identical measures are not listed twice


def test_same_measure_in_two_countermeasures_is_one_item_with_both_bases():
    kb = _kb(
        _cm("a", Measure("每年开展书记抓党建述职评议。", ["shuji"], timing="年终")),
        _cm("b", Measure("每年开展书记抓党建述职评议", ["shuji"], evidence="述职报告")),
    )
    [item] = checklist_of_level(kb, "shuji").items()
    assert item.countermeasures == ["a", "b"]
    assert (item.timing, item.evidence, item.group) == ("年终", "述职报告", "年终述职")


def test_measure_naming_two_levels_appears_in_both_checklists():
    kb = _kb(_cm("a", Measure("签订党建目标责任书。", ["shuji", "dangwei"])))
    assert _texts(kb, "shuji") == _texts(kb, "dangwei") == ["签订党建目标责任书。"]


def test_every_measure_of_a_level_is_listed_or_covered():
    kb = _kb(
        _cm("a", Measure("年初制定党建工作要点。", ["shuji"], timing="每年年初"),
            Measure("每季度听取党建工作汇报。", ["shuji"], timing="每季度"),
            Measure("年底开展述职评议。", ["shuji"], timing="年底")),
        _cm("b", Measure("把党建考核结果与干部任用挂钩。", ["shuji"])),
        _checklist("qd", "shuji", [("年初谋划", [dict(id="qd-1", text="年初制定党建工作要点", countermeasures=["a"])])]),
    )
    lc = checklist_of_level(kb, "shuji")
    assert [(g.title, [i.text for i in g.items]) for g in lc.groups] == [
        ("年初谋划", ["年初制定党建工作要点"]),
        ("日常推进", ["每季度听取党建工作汇报。"]),
        ("检查考核", ["把党建考核结果与干部任用挂钩。"]),
        ("年终述职", ["年底开展述职评议。"]),
    ]


def test_derived_items_join_a_file_group_of_the_same_kind_and_keep_file_order():
    kb = _kb(
        _cm("a", Measure("年终向上级党组织述职。", ["shuji"], timing="年终")),
        _checklist("qd", "shuji", [
            ("结果运用", [dict(id="qd-1", text="运用考核结果", countermeasures=[])]),
            ("年终述职与评议", [dict(id="qd-2", text="接受民主评议", countermeasures=[])]),
        ]),
    )
    lc = checklist_of_level(kb, "shuji")
    assert [(g.title, [i.id for i in g.items]) for g in lc.groups] == [
        ("结果运用", ["qd-1"]), ("年终述职与评议", ["qd-2", derived_item_id("a", 1)])]


@pytest.mark.parametrize("timing, text, group", [
    ("每年年初", "", "年初谋划"), ("1月底前", "", "年初谋划"), ("每季度", "", "日常推进"),
    ("半年", "", "检查考核"), ("年终", "", "年终述职"), ("年底前", "", "年终述职"),
    ("", "结合年度考核开展检查", "检查考核"), ("", "建立党建联系点", "日常推进"),
    ("每月", "年终述职时报告", "日常推进"),   # the timing decides before the text
])
def test_group_of_a_derived_item_follows_its_timing(timing, text, group):
    assert group_for(timing, text) == group
    assert group in CANONICAL_GROUPS


def test_derived_ids_never_collide_with_content_ids():
    import re

    assert not re.match(ID_PATTERN, derived_item_id("ya-shi-zeren", 2))


def test_file_items_are_not_changed_in_the_knowledge_base():
    cl = _checklist("qd", "shuji", [("年初谋划", [dict(id="qd-1", text="年初制定党建工作要点", countermeasures=["a"])])])
    kb = _kb(_cm("a", Measure("年初制定党建工作要点。", ["shuji"], timing="每年年初")), cl)
    assert checklist_of_level(kb, "shuji").items()[0].timing == "每年年初"
    assert cl.items()[0].timing == ""


def test_page_of_level_without_file_does_not_clash_with_an_entry_slug():
    cl = _checklist("qd", "shuji", [("年初谋划", [dict(id="qd-1", text="x", countermeasures=[])])])
    cl.slug = "dangwei"            # a checklist file that took the other level's natural page name
    kb = _kb(cl)
    paths = [checklist_uri(lc) for lc in level_checklists(kb)]
    assert paths == ["checklists/dangwei.md", "checklists/dangwei-qingdan.md"]


def _check_real_merge(content: Path):
    kb, result = load_and_validate(content)
    if result.errors:
        pytest.skip("content does not validate right now")
    lcs = level_checklists(kb)
    assert [lc.level.id for lc in lcs] == [lv.id for lv in kb.levels()]
    uris = [p.src_uri for p in generate_pages(kb)]          # raises on two pages with one path
    assert len(uris) == len(set(uris))
    for lc in lcs:
        assert checklist_uri(lc) in uris
        ids = [i.id for i in lc.items()]
        assert len(ids) == len(set(ids)), lc.level.id
        texts = [" ".join(i.text.split()) for i in lc.items()]
        assert len(texts) == len(set(texts)), lc.level.id
        assert checklist_pdf_uri(lc).endswith(".pdf")
        # every item of the file is there, in its group
        if lc.source is not None:
            assert {i.id for i in lc.source.items()} <= set(ids)


def test_mini_content_merges_without_duplicates():
    _check_real_merge(MINI)
    kb, _ = load_and_validate(MINI)
    lc = checklist_of_level(kb, "jiguan-dangwei")         # no checklist file for this level
    assert lc is not None and lc.source is None and lc.items()


def test_real_content_merges_without_duplicates():
    _check_real_merge(ROOT / "content")


def test_merging_compares_each_measure_with_lookups_not_with_every_other_measure(monkeypatch):
    """A province-wide base has thousands of measures per level: the merge normalizes each
    text a bounded number of times instead of comparing every measure with every item
    before it (that was 1,000,000 comparisons, 8 s, at 20,000 entries)."""
    from ronghe.content import checklists

    calls = []
    real = checklists.normalize
    monkeypatch.setattr(checklists, "normalize", lambda text: calls.append(text) or real(text))
    m = 600
    cms = [_cm(f"c{k}", Measure(f"第{k}项举措：建立第{k}号工作台账。", ["shuji"]),
               Measure("建立责任清单。", ["shuji"])) for k in range(m)]
    kb = _kb(*cms, _checklist("qd", "shuji", [("日常推进", [dict(id=f"qd-{k}", text=f"文件条目{k}。",
                                                              countermeasures=[f"c{k}"]) for k in range(20)])]))
    items = checklist_of_level(kb, "shuji").items()
    assert len(items) == 20 + m + 1, "each distinct measure once, the shared one once"
    shared = next(i for i in items if i.text == "建立责任清单。")
    assert len(shared.countermeasures) == m
    assert len(calls) < 10 * (2 * m + 20)
