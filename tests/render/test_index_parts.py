"""Big 对策索引 pages in parts (ronghe.site.index_parts): a contents page, parts of
bounded size with paging between them, and entry pages linking to the part that holds
their row. The thresholds are lowered so the small fixture is split."""

from __future__ import annotations

import re
import weakref

import pytest

from ronghe.site import entry_pages, index_parts
from ronghe.site.cm_indexes import countermeasure_indexes
from ronghe.site.entry_pages import render_entry
from ronghe.site.index_pages import section_indexes
from xref_support import load_kb, make_content


@pytest.fixture
def small_parts(monkeypatch):
    monkeypatch.setattr(index_parts, "PART_SIZE", 1)
    monkeypatch.setattr(index_parts, "LEVEL_SPLIT_ROWS", 0)
    monkeypatch.setattr(index_parts, "MAP_MAX_NODES", 0)
    monkeypatch.setattr(index_parts.paging, "cache", weakref.WeakKeyDictionary())


@pytest.fixture
def kb(tmp_path):
    return load_kb(make_content(tmp_path / "content"))


def _pages(kb) -> dict[str, str]:
    return {uri: md for uri, md in countermeasure_indexes(kb)}


def test_small_knowledge_base_keeps_every_index_on_one_page(kb):
    pages = _pages(kb)
    assert sorted(pages) == ["indexes/by-cause.md", "indexes/by-level.md", "indexes/by-tag.md", "indexes/index.md",
                             "indexes/map.md", "indexes/matrix.md"]
    pg = index_parts.paging(kb)
    assert pg.parts() == []
    assert pg.target("indexes/matrix.md", "p-fentou-bushu") == "indexes/matrix.md#p-fentou-bushu"
    assert 'id="p-fentou-bushu"' in pages["indexes/matrix.md"]


def test_matrix_list_in_parts_has_contents_and_each_row_on_its_part(kb, small_parts):
    pages = _pages(kb)
    problems = kb.by_type("problem")
    main = pages["indexes/matrix.md"]
    for n, p in enumerate(problems, 1):
        part = f"indexes/matrix-{n}.md"
        # the contents link straight to the row on its part ...
        assert f'<a href="matrix-{n}.html#p-{p.id}">{p.title}</a>' in main
        assert f"[第 {n} 部分](matrix-{n}.md)" in main
        # ... which holds that problem's row and no other
        assert re.findall(r'<h3 id="(p-[^"]+)"', pages[part]) == [f"p-{p.id}"]
        assert "问题—对策矩阵（第 %d 部分）" % n in pages[part]
    assert 'id="p-' not in main   # rows are not repeated on the contents page


def test_parts_page_to_their_neighbours_and_back_to_the_contents(kb, small_parts):
    pages = _pages(kb)
    causes = kb.by_type("cause")
    assert len(causes) == 2
    first, second = pages["indexes/by-cause-1.md"], pages["indexes/by-cause-2.md"]
    assert 'rel="prev"' not in first and '<a href="by-cause-2.html" rel="next">第 2 部分 ›</a>' in first
    assert '<a href="by-cause-1.html" rel="prev">‹ 第 1 部分</a>' in second and 'rel="next"' not in second
    for page in (first, second):
        assert '<a href="by-cause.html">按原因查对策（全部）</a>' in page
        assert page.count('class="rh-pager"') == 2   # above and below the rows
        assert '<a href="by-cause.html">按原因查对策</a>' in page  # breadcrumbs
    assert "{#c-%s}" % causes[1].id in second and "{#c-%s}" % causes[0].id not in second


def test_levels_get_a_page_each_and_the_summary_table_links_them(kb, small_parts):
    pages = _pages(kb)
    main = pages["indexes/by-level.md"]
    assert "| [党组（党委）书记](by-level-dangzu-shuji.md) | 第一责任人 | 2 | 2 |" in main
    assert "<table>" not in main      # the tables of 举措 are on the level pages
    part = pages["indexes/by-level-dangzu-shuji.md"]
    assert "# 按责任层级查举措：党组（党委）书记" in part
    assert "<td>每年年初把党建和业务同谋划、同部署。</td>" in part
    assert "建立责任清单。" not in part and "建立责任清单。" in pages["indexes/by-level-jiguan-dangwei.md"]


def test_entry_and_section_pages_link_to_the_part_holding_their_row(kb, small_parts):
    pg = index_parts.paging(kb)
    problem = kb.by_type("problem")[1]
    cause = kb.by_type("cause")[1]
    level = kb.get("jiguan-dangwei")
    assert "(../indexes/matrix-2.md#p-%s)" % problem.id in render_entry(kb, problem)
    assert "(../indexes/by-cause-2.md#c-%s)" % cause.id in render_entry(kb, cause)
    assert "(../indexes/by-level-jiguan-dangwei.md#l-jiguan-dangwei)" in render_entry(kb, level)
    cms_index = dict(section_indexes(kb))["countermeasures/index.md"]
    assert "[本类关系图](../indexes/map-jizhi.md#cat-jizhi)" in cms_index
    # every anchor an entry page links to is on the page it links to
    pages = _pages(kb)
    for part in pg.parts():
        for e in part.entries:
            anchor = {"problem": "p-", "cause": "c-", "level": "l-"}[e.type_name] + e.id
            assert f'id="{anchor}"' in pages[part.uri] or f"{{#{anchor}}}" in pages[part.uri]


def test_a_long_section_index_lists_its_parts_and_each_part_its_entries(kb, monkeypatch):
    monkeypatch.setattr(index_parts, "SECTION_LIMIT", 1)
    monkeypatch.setattr(index_parts, "SECTION_PART_SIZE", 1)
    monkeypatch.setattr(index_parts, "SECTION_PREVIEW", 1)
    monkeypatch.setattr(index_parts.paging, "cache", weakref.WeakKeyDictionary())
    pages = dict(section_indexes(kb))
    problems = kb.by_type("problem")
    assert len(problems) >= 2
    for n, p in enumerate(problems, 1):
        assert f"[第 {n} 部分](../indexes/all-problems-{n}.md)：{p.title} … {p.title}（1 条）" in pages["problems/index.md"]
        part = pages[f"indexes/all-problems-{n}.md"]
        assert f"[{p.title}](../problems/{p.slug or p.id}.md)" in part and "返回问题表现目录" in part
        assert f"第 {n}–{n} 条，共 {len(problems)} 条。" in part
    assert f"(../problems/{problems[0].slug or problems[0].id}.md)" not in pages["problems/index.md"]
    # the countermeasures: a part per category, the index keeps the first of each
    # (an entry page's 全部某类对策 leads there too: tests/render/test_index_parts_site.py)
    cms = kb.by_type("countermeasure")
    cm = cms[0]
    target = index_parts.paging(kb).target("countermeasures/index.md", f"cat-{cm.category}")
    assert target == f"indexes/all-countermeasures-{cm.category}.md#cat-{cm.category}"
    assert f"{{#cat-{cm.category}}}" in pages[target.split("#")[0]]
    index = pages["countermeasures/index.md"]
    assert f"[本类全部 {sum(o.category == cm.category for o in cms)} 条对策](../{target.split('#')[0]})" in index
    for cat in {o.category for o in cms}:   # the first of each category stays on the index, the rest on its part
        members = [o for o in cms if o.category == cat]
        listed = [o for o in members if f"]({o.slug or o.id}.md)" in index]
        assert listed == members[:1]


def test_a_level_with_many_measures_gets_a_page_per_category(kb, small_parts, monkeypatch):
    monkeypatch.setattr(index_parts, "LEVEL_PART_ROWS", 0)
    pg = index_parts.paging(kb)
    pages = _pages(kb)
    level = max(kb.levels(), key=lambda lv: sum(p.key == lv.id for p in pg.by_level))
    mine = [p for p in pg.by_level if p.key == level.id]
    assert len(mine) >= 2 and len({p.group for p in mine}) == len(mine)
    for p in mine:   # each holds the 举措 of its own category, under the level's anchor
        assert p.uri == f"indexes/by-level-{level.slug or level.id}--{p.group}.md"
        rows = re.findall(r"<td>([^<]+)</td>", pages[p.uri])
        cms = {cm.id: cm for cm, _ in index_parts.crossref(kb).measures_by_level[level.id]}
        assert rows and f"{{#l-{level.id}}}" in pages[p.uri]
        assert all(cm.category == p.group for cm in cms.values() if f"countermeasures/{cm.slug or cm.id}.html" in pages[p.uri])
    # the contents page lists the categories of each level; the level page links each of its own
    # and compares with the other levels on the contents page (no page has all of this level's 举措)
    monkeypatch.setattr(entry_pages, "LEVEL_LIMIT", 0)   # the level page shows the first of each category
    page = render_entry(kb, level)
    assert f"与其他层级对照：[按责任层级查举措](../indexes/by-level.md)" in page
    assert "对策较多" in page and all(f"类举措（" in page and f"](../{p.uri})" in page for p in mine)
    first_part = mine[0].uri.split("/")[-1]
    assert f"| [{level.title}]({first_part}) |" in pages["indexes/by-level.md"]
    assert all(f"]({p.uri.split('/')[-1]})" in pages["indexes/by-level.md"] for p in mine)
