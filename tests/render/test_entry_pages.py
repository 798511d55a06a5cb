"""Entry pages: relations both ways, 同类对策, checklist items, sources, breadcrumbs,
a neighbourhood map; and pages that stay small when the knowledge base grows."""

from __future__ import annotations

import pytest

from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import Category, Cause, Citation, Countermeasure, Measure, Problem
from ronghe.site.pages import generate_pages
from ronghe.site import crossref as crossref_module
from ronghe.site.entry_pages import SIMILAR_LIMIT, render_entry
from xref_support import load_kb, make_content


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return load_kb(make_content(tmp_path_factory.mktemp("entries") / "content"))


def _section(md: str, heading: str) -> str:
    return md.split(f"### {heading}\n", 1)[1].split("\n#", 1)[0]


def test_countermeasure_page_shows_relations_checklist_items_and_sources(kb):
    md = render_entry(kb, kb.get("ya-shi-zeren"))
    assert '<a href="../problems/zhong-yewu-qing-dangjian.html">重业务轻党建</a>' in _section(md, "针对的问题")
    assert '<a href="../causes/kaohe-tixi-geyi.html">考核体系各异</a>' in _section(md, "针对的原因")
    assert '<a href="../cases/demo-case.html">示例市“双目标”管理</a>' in _section(md, "典型案例")
    # the checklist item that derives from it, linked to the item's anchor
    items = _section(md, "由本对策形成的清单条目")
    assert 'href="../checklists/qd-dangzu-shuji.html#qd-demo-01"' in items
    # ... and the item the 机关党委 checklist derives from its second 举措
    assert '<a href="../checklists/jiguan-dangwei.html#ya-shi-zeren--2">建立责任清单。</a>' in items
    assert '<a href="../sources/src-demo.html">《示例调研报告》</a>' in _section(md, "依据文献")
    # reverse of the glossary term's see_also
    assert '<a href="../glossary/yi-gang-shuang-ze.html">一岗双责</a>' in _section(md, "相关术语")


def _part(md: str, heading: str) -> str:
    """A ## section of the page (up to the next ## heading)."""
    return md.split(f"\n## {heading}", 1)[1].split("\n## ", 1)[0]


def test_problem_page_answers_first_then_relations_then_map(kb):
    md = render_entry(kb, kb.get("zhong-yewu-qing-dangjian"))
    # what to do comes first, saying how many there are and that this is all of them
    answer = _part(md, "怎么办")
    assert "直接针对这一问题的对策共 1 条" in answer and "以上就是针对这一问题的全部对策" in answer
    assert ('<strong><a href="../countermeasures/ya-shi-zeren.html">压实第一责任人职责</a></strong>：书记带头'
            in answer)   # with its summary
    assert "责任层级：" in answer and "../levels/" in answer                                   # and its levels
    assert "(../indexes/matrix.md#p-zhong-yewu-qing-dangjian)" in answer
    # then the causes, then the map
    assert "[考核体系各异](../causes/kaohe-tixi-geyi.md)" in _part(md, "原因及针对原因的对策")   # a heading
    assert md.index("## 怎么办") < md.index("## 原因及针对原因的对策") < md.index("## 关系图")
    assert '<figure class="rh-map-figure"><svg' in md  # the map skips the Markdown converter


def test_countermeasure_page_starts_with_its_measures_by_level(kb):
    md = render_entry(kb, kb.get("ya-shi-zeren"))
    measures = _part(md, "各层级怎么做")
    cm = kb.get("ya-shi-zeren")
    assert f"共 {len(cm.measures)} 项举措" in measures
    for m in cm.measures:
        for lv in m.levels:
            block = measures.split(f"### [{kb.get(lv).title}]", 1)[1].split("\n### ", 1)[0]
            assert m.text.strip()[:8] in block
    assert md.index("## 各层级怎么做") < md.index("## 关联条目")


def test_breadcrumbs_lead_home_through_the_section(kb):
    md = render_entry(kb, kb.get("kaohe-tixi-geyi"))
    crumbs = md.split('<nav class="rh-crumbs"', 1)[1].split("</nav>")[0]
    assert '<a href="../index.html">首页</a>' in crumbs
    assert '<a href="index.html">原因</a>' in crumbs
    assert '<span aria-current="page">考核体系各异</span>' in crumbs
    assert md.index("rh-crumbs") < md.index("# 考核体系各异")


def test_tags_link_to_the_tag_index(kb):
    md = render_entry(kb, kb.get("zhong-yewu-qing-dangjian"))
    assert 'class="rh-tag" href="../indexes/by-tag.html#t-' in md


def test_same_category_countermeasures(kb):
    md = render_entry(kb, kb.get("tong-mouhua-jizhi"))
    assert "同类对策" not in md           # the only 机制 countermeasure
    md = render_entry(kb, kb.get("ya-shi-zeren"))
    assert "同类对策" not in md and "建立同谋划同部署同考核机制" not in md


# --- scale: per-page work and size do not grow with the number of entries --------------
def _synthetic_kb(n_cms: int) -> KnowledgeBase:
    cite = [Citation("s", "x")]
    problems = [Problem(f"p{i}", f"问题{i}", "摘要。", citations=cite) for i in range(n_cms // 4)]
    causes = [Cause(f"c{i}", f"原因{i}", "摘要。", problems=[f"p{i}", f"p{(i + 1) % len(problems)}"], citations=cite)
              for i in range(n_cms // 4)]
    cms = [Countermeasure(f"m{i}", f"对策{i}", "摘要。", category="zeren",
                          problems=[f"p{i % len(problems)}"], causes=[f"c{(i * 7) % len(causes)}"],
                          measures=[Measure("举措。", ["lv"])], citations=cite) for i in range(n_cms)]
    return KnowledgeBase.from_entries(problems + causes + cms, [Category("zeren", "责任", "压实责任。", 1)])


def test_entry_pages_stay_small_when_the_knowledge_base_grows_tenfold():
    def biggest_cm_page(n):
        kb = _synthetic_kb(n)
        return max(len(render_entry(kb, cm)) for cm in kb.by_type("countermeasure")[:50])

    small, large = biggest_cm_page(200), biggest_cm_page(2000)
    assert large <= small * 1.1 + 200
    kb = _synthetic_kb(2000)
    md = render_entry(kb, kb.get("m10"))
    similar = _section(md, "同类对策")
    assert similar.count("<li>") == SIMILAR_LIMIT
    assert "（共 1999 条）" in md


def test_cross_references_are_computed_once_per_build(monkeypatch):
    calls = []
    original = crossref_module.CrossRef.__init__

    def counting(self, kb):
        calls.append(kb)
        original(self, kb)

    monkeypatch.setattr(crossref_module.CrossRef, "__init__", counting)
    kb = _synthetic_kb(200)
    pages = generate_pages(kb)
    assert len(pages) > 300
    assert len(calls) == 1


def test_problem_page_caps_the_countermeasures_that_reach_it_through_causes(monkeypatch):
    from ronghe.site import entry_pages

    monkeypatch.setattr(entry_pages, "VIA_CAUSE_LIMIT", 3)
    kb = _synthetic_kb(400)   # each cause is addressed by several countermeasures
    p = max(kb.by_type("problem"), key=lambda p: len(crossref_module.crossref(kb).cms_via_causes[p.id]))
    total = len(crossref_module.crossref(kb).cms_via_causes[p.id])
    assert total > 3
    md = render_entry(kb, p)
    assert _part(md, "原因及针对原因的对策").count("<li>") == 3
    assert f"另有 {total - 3} 条，见[问题—对策矩阵](../indexes/matrix.md#p-{p.id})" in md
    # the answer says how many there are and where the rest are
    assert f"还有 {total} 条对策针对它的原因" in _part(md, "怎么办")
