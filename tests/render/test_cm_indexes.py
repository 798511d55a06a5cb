"""对策索引 pages: hub, by cause, by level (from the 举措 naming each level), by tag,
and the map page (one map, or one per category when the knowledge base is large)."""

from __future__ import annotations

import re

import pytest

from ronghe.site import cm_indexes, index_parts
from ronghe.site.cm_indexes import render_by_cause, render_by_level, render_by_tag, render_hub, render_map_page
from ronghe.site.crossref import tag_anchor
from xref_support import load_kb, make_content, write_entry


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return load_kb(make_content(tmp_path_factory.mktemp("indexes") / "content"))


def _block(md: str, anchor: str) -> str:
    return md.split(f"{{#{anchor}}}", 1)[1].split("\n## ", 1)[0]


def test_hub_links_every_index_with_counts(kb):
    md = render_hub(kb)
    for target in ("matrix.md", "map.md", "../countermeasures/index.md", "by-cause.md", "by-level.md", "by-tag.md"):
        assert f"]({target})" in md
    assert "2 个问题表现 × 2 条对策" in md


def test_by_cause_lists_problems_and_countermeasures_of_each_cause(kb):
    block = _block(render_by_cause(kb), "c-kaohe-tixi-geyi")  # raw HTML below each heading
    assert '导致的问题：<a href="../problems/zhong-yewu-qing-dangjian.html">重业务轻党建</a>' in block
    assert '<li><a href="../countermeasures/ya-shi-zeren.html">压实第一责任人职责</a>：' in block


def test_by_level_says_what_each_level_must_do(kb):
    md = render_by_level(kb)  # the tables of 举措 are raw HTML
    top = _block(md, "l-dangzu-shuji")
    assert ("<tr>\n<td>每年年初把党建和业务同谋划、同部署。</td>\n<td>每年年初</td>\n<td>党组会议纪要</td>\n"
            '<td><a href="../countermeasures/ya-shi-zeren.html">压实第一责任人职责</a></td>\n</tr>') in top
    assert "领导班子成员落实一岗两责" in top
    assert "建立责任清单。" not in top                      # that 举措 names 机关党委 only
    assert "建立责任清单。" in _block(md, "l-jiguan-dangwei")
    # levels in their order, the first responsibility first
    assert md.index("{#l-dangzu-shuji}") < md.index("{#l-jiguan-dangwei}")
    # the summary table counts the 举措
    assert re.search(r"\| \[党组（党委）书记\]\(#l-dangzu-shuji\) \| 第一责任人 \| 2 \| 2 \|", md)


def test_by_tag_groups_entries_by_type(kb):
    md = render_by_tag(kb)
    block = _block(md, tag_anchor("机制缺失"))
    assert "- 对策：[建立同谋划同部署同考核机制](../countermeasures/tong-mouhua-jizhi.md)" in block
    assert "- 问题表现：[党建业务分头部署](../problems/fentou-bushu.md)" in block


SECOND_JIZHI = """\
id: ding-qi-tingqu-huibao
title: 定期听取党建工作汇报
summary: 班子成员按季度听取分管部门的党建汇报。
category: jizhi
problems: [zhong-yewu-qing-dangjian]
measures:
  - text: 每季度听取一次分管部门党建工作汇报。
    levels: [jiguan-dangwei]
citations:
  - source: src-demo-two
    passage: 领导班子成员要落实一岗两责，定期听取分管部门党建工作汇报。
"""


def test_large_knowledge_base_gets_one_bounded_map_page_per_category(kb, tmp_path, monkeypatch):
    small = render_map_page(kb)   # maps are raw HTML slots (skip the converter)
    assert md_count(small, "<svg") == 3        # one map per category, then all entries on demand
    assert small.index("{#cat-zeren}") < small.index("{#cat-jizhi}") < small.index("{#all}")
    assert small.index("<details") > small.index("{#all}")
    monkeypatch.setattr(index_parts, "MAP_MAX_NODES", 3)
    monkeypatch.setattr(cm_indexes, "MAP_PER_CATEGORY", 1)
    content = make_content(tmp_path / "content")
    write_entry(content, "policies/countermeasures/ding-qi-tingqu-huibao.yml", SECOND_JIZHI)
    big = load_kb(content)   # paging is computed once per knowledge base
    md = render_map_page(big)
    assert "<svg" not in md                     # the map page lists the category maps ...
    assert "- [责任类对策](map-zeren.md)：1 条对策" in md
    assert "- [机制类对策](map-jizhi.md)：2 条对策，图中画出 1 条" in md
    parts = dict(cm_indexes.countermeasure_indexes(big))
    for uri in ("indexes/map-zeren.md", "indexes/map-jizhi.md"):   # ... each drawn on its own page
        svgs = re.findall(r"<svg.*?</svg>", parts[uri], re.S)
        assert len(svgs) == 1 and md_count(svgs[0], "rh-map__node--countermeasure") == 1


def md_count(text: str, needle: str) -> int:
    return text.count(needle)
