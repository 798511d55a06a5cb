"""Change the content graph, rebuild with the real build command, and find the change
on both entry pages and in every 对策索引 page (issue 5)."""

from __future__ import annotations

import re

import pytest

from conftest import run_build
from sitelinks import check_site
from xref_support import article, links_in, make_content, write_entry

NEW_CM = """\
id: ding-qi-tingqu-huibao
title: 定期听取党建工作汇报
summary: 班子成员按季度听取分管部门的党建汇报。
category: jizhi
tags: [听取汇报, 机制缺失]
problems:
  - zhong-yewu-qing-dangjian
measures:
  - text: 每季度听取一次分管部门党建工作汇报。
    levels: [jiguan-dangwei]
    timing: 每季度
citations:
  - source: src-demo-two
    passage: 领导班子成员要落实一岗两责，定期听取分管部门党建工作汇报。
"""
CM_HTML = "countermeasures/ding-qi-tingqu-huibao.html"
PROBLEM_HTML = "problems/zhong-yewu-qing-dangjian.html"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The site before and after adding a countermeasure that addresses a problem."""
    base = tmp_path_factory.mktemp("graph-change")
    content = make_content(base / "content")
    run_build(base / "before", content)
    write_entry(content, "policies/countermeasures/ding-qi-tingqu-huibao.yml", NEW_CM)
    run_build(base / "after", content)
    return base / "before", base / "after"


def _page(site, rel):
    return article((site / rel).read_text(encoding="utf-8"))


def _hrefs(html):
    return [href for href, _, _ in links_in(html)]


def _section(html: str, heading: str) -> str:
    """The HTML from an <h3>/<h2> with this text up to the next heading of any level."""
    m = re.search(rf"<h([23])[^>]*>{re.escape(heading)}(?:<a class=\"headerlink\".*?)?</h\1>(.*?)(?=<h[1-6]|$)",
                  html, re.S)
    assert m, f"no section {heading}"
    return m.group(2)


def test_new_countermeasure_page_lists_the_problem_it_addresses(sites):
    before, after = sites
    assert not (before / CM_HTML).exists()
    page = _page(after, CM_HTML)
    assert "../problems/zhong-yewu-qing-dangjian.html" in _hrefs(_section(page, "针对的问题"))
    # 同类对策: the other countermeasure in category 机制
    assert "tong-mouhua-jizhi.html" in _hrefs(_section(page, "同类对策"))
    # its neighbourhood map holds the problem, and a (dashed) line joins them
    assert 'data-id="zhong-yewu-qing-dangjian"' in page
    assert 'data-from="zhong-yewu-qing-dangjian" data-to="ding-qi-tingqu-huibao"' in page
    assert "../sources/src-demo-two.html" in _hrefs(_section(page, "依据文献"))


def test_problem_page_lists_the_new_countermeasure_both_in_text_and_map(sites):
    before, after = sites
    old, new = _page(before, PROBLEM_HTML), _page(after, PROBLEM_HTML)
    target = "../countermeasures/ding-qi-tingqu-huibao.html"
    assert target not in _hrefs(old)
    assert target in _hrefs(_section(new, "怎么办"))
    assert 'data-id="ding-qi-tingqu-huibao"' in new and 'data-id="ding-qi-tingqu-huibao"' not in old


def test_matrix_gets_a_new_column_and_a_filled_cell(sites):
    before, after = sites
    old, new = _page(before, "indexes/matrix.html"), _page(after, "indexes/matrix.html")
    target = "../countermeasures/ding-qi-tingqu-huibao.html"
    assert target not in _hrefs(old)
    head = re.findall(r'<th class="rh-matrix__cm[^"]*"[^>]*>(.*?)</th>', new)
    assert any(target in h for h in head)
    row = re.search(r'<tr class="rh-matrix__row[^"]*"><th scope="row"><a href="../problems/zhong-yewu-qing-dangjian.html"'
                    r'.*?</tr>', new).group(0)
    assert re.search(rf'<td class="rh-matrix__hit[^"]*"><a href="{re.escape(target)}"[^>]*>●</a></td>', row)
    # and in the list by problem below the grid
    assert target in _hrefs(_section(new, "重业务轻党建"))


def test_indexes_by_category_level_tag_and_the_map_show_it(sites):
    _, after = sites
    by_cat = _page(after, "countermeasures/index.html")
    assert "ding-qi-tingqu-huibao.html" in _section(by_cat, "机制")
    assert "ding-qi-tingqu-huibao.html" not in _section(by_cat, "责任")
    by_level = _page(after, "indexes/by-level.html")
    assert "每季度听取一次分管部门党建工作汇报。" in _section(by_level, "机关党委")
    assert "每季度听取一次分管部门党建工作汇报。" not in _section(by_level, "党组（党委）书记")
    by_tag = _page(after, "indexes/by-tag.html")
    # under the tag it shares with other entries; a tag of this entry alone gets no section
    assert "../countermeasures/ding-qi-tingqu-huibao.html" in _hrefs(_section(by_tag, "机制缺失（3）"))
    assert "听取汇报" not in by_tag
    whole_map = _page(after, "indexes/map.html")
    assert 'data-id="ding-qi-tingqu-huibao"' in whole_map
    hub = _page(after, "indexes/index.html")
    assert "3 条对策" in hub


def test_both_builds_have_no_broken_links_and_no_orphan_pages(sites):
    for site in sites:
        report = check_site(site)
        assert report.broken == []
        assert report.unreachable == []
        assert report.pages > 20
