"""问题—对策矩阵: rows are problems, columns countermeasures grouped by category;
● = addresses the problem, ○ = addresses one of its causes."""

from __future__ import annotations

import re

import pytest

from ronghe.site import matrix
from ronghe.site.markup import RawHtmlStore
from ronghe.site.matrix import render_grid, render_matrix_page
from xref_support import load_kb, make_content, write_entry

VIA_CAUSE_CM = """\
id: kaohe-guize
title: 统一考核规则
summary: 只针对原因“考核体系各异”。
category: jizhi
causes: [kaohe-tixi-geyi]
measures:
  - text: 统一党建和业务的考核规则。
    levels: [jiguan-dangwei]
citations:
  - source: src-demo
    passage: 考核体系各异，党建考核指标偏软。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    content = make_content(tmp_path_factory.mktemp("matrix") / "content")
    write_entry(content, "policies/countermeasures/kaohe-guize.yml", VIA_CAUSE_CM)
    return load_kb(content)


def _cells(grid: str) -> dict[str, list[str]]:
    """problem title -> cell texts in column order"""
    rows = {}
    for row in re.findall(r'<tr class="rh-matrix__row[^"]*">(.*?)</tr>', grid):
        title = re.search(r'<th scope="row"><a [^>]*>(.*?)</a>', row).group(1)
        rows[title] = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    return rows


def test_grid_marks_direct_and_via_cause_links(kb):
    grid = render_grid(kb)
    columns = re.findall(r'<th class="rh-matrix__cm[^"]*" scope="col"><a [^>]*>(.*?)</a>', grid)
    # grouped by category in category order: 责任 then 机制
    assert columns == ["压实第一责任人职责", "建立同谋划同部署同考核机制", "统一考核规则"]
    assert re.findall(r'class="rh-matrix__cat[^"]*" colspan="(\d)"[^>]*>(.*?)<', grid) == [("1", "责任"), ("2", "机制")]
    cells = _cells(grid)
    assert cells["重业务轻党建"] == ["●", "", "○", "2"]
    assert cells["党建业务分头部署"] == ["", "●", "", "1"]


def test_every_cell_links_to_its_countermeasure_and_says_why(kb):
    grid = render_grid(kb)
    via = re.search(r'<td class="rh-matrix__via[^"]*"><a href="([^"]+)" title="([^"]+)"[^>]*>○</a>', grid)
    assert via.group(1) == "../countermeasures/kaohe-guize.html"
    assert "针对其原因：考核体系各异" in via.group(2)
    # screen readers hear the relation, not "white circle"
    assert 'aria-label="统一考核规则 —— 针对其原因：考核体系各异"' in grid


def test_page_lists_countermeasures_by_problem_with_anchors(kb):
    store = RawHtmlStore()
    with store.collecting():
        page = render_matrix_page(kb)
    # raw HTML (kept out of the Markdown converter); the slot names the anchors other pages link to
    slot = re.search(r'<div class="rh-raw" data-key="[0-9a-f]+">.*?</div>', page).group(0)
    assert '<a id="p-zhong-yewu-qing-dangjian"></a>' in slot and "<h3" not in slot
    html = store.expand(page)
    assert ('<h3 id="p-zhong-yewu-qing-dangjian">重业务轻党建<a class="headerlink" '
            'href="#p-zhong-yewu-qing-dangjian" title="本节的链接">¶</a></h3>') in html
    block = html.split('<h3 id="p-zhong-yewu-qing-dangjian">')[1].split("<h3")[0]
    assert '<p><a href="../problems/zhong-yewu-qing-dangjian.html">查看问题详情</a>：' in block
    assert '直接针对本问题：<a href="../countermeasures/ya-shi-zeren.html">压实第一责任人职责</a>' in block
    assert ('针对原因“<a href="../causes/kaohe-tixi-geyi.html">考核体系各异</a>”：'
            '<a href="../countermeasures/kaohe-guize.html">统一考核规则</a>') in block


def test_too_many_columns_fall_back_to_the_list(kb, monkeypatch):
    monkeypatch.setattr(matrix, "GRID_MAX_COLUMNS", 2)
    page = render_matrix_page(kb)
    assert "rh-matrix__cm" not in page
    assert '<h3 id="p-fentou-bushu">' in page
