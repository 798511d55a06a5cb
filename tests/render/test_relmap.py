"""The relationship map: well-formed inline SVG holding the nodes and edges of an
entry's neighbourhood, and of the whole knowledge base."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ronghe.site import relmap
from ronghe.site.relmap import map_figure, neighbourhood_graph, render_svg, whole_graph, wrap_label, TIP_SUMMARY
from xref_support import load_kb, make_content, write_entry

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return load_kb(make_content(tmp_path_factory.mktemp("relmap") / "content"))


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)      # raises on malformed XML
    assert root.tag == SVG + "svg"
    return root


def _nodes(root) -> dict[str, ET.Element]:
    return {g.get("data-id"): g for g in root.iter(SVG + "g") if g.get("data-id")}


def _edges(root) -> set[tuple[str, str]]:
    return {(p.get("data-from"), p.get("data-to")) for p in root.iter(SVG + "path")}


def _links(root) -> dict[str, str]:
    """node id -> href of the link around it"""
    out = {}
    for a in root.iter(SVG + "a"):
        for g in a.iter(SVG + "g"):
            out[g.get("data-id")] = a.get("href")
    return out


def test_problem_neighbourhood_holds_its_causes_and_countermeasures(kb):
    graph = neighbourhood_graph(kb, kb.get("zhong-yewu-qing-dangjian"))
    root = _parse(render_svg(graph, "problems/zhong-yewu-qing-dangjian.md", "图"))
    assert set(_nodes(root)) == {"zhong-yewu-qing-dangjian", "kaohe-tixi-geyi", "ya-shi-zeren"}
    assert _edges(root) == {("zhong-yewu-qing-dangjian", "kaohe-tixi-geyi"), ("kaohe-tixi-geyi", "ya-shi-zeren")}
    # neighbours link to their pages; the entry itself is highlighted, not linked
    links = _links(root)
    assert links == {"kaohe-tixi-geyi": "../causes/kaohe-tixi-geyi.html",
                     "ya-shi-zeren": "../countermeasures/ya-shi-zeren.html"}
    assert "rh-map__node--focus" in _nodes(root)["zhong-yewu-qing-dangjian"].get("class")
    # the full title and summary are the hover text
    title = _nodes(root)["ya-shi-zeren"].find(SVG + "title").text
    assert title.startswith("压实第一责任人职责：书记带头")


def test_countermeasure_neighbourhood_reaches_problems_through_its_causes(kb):
    graph = neighbourhood_graph(kb, kb.get("tong-mouhua-jizhi"))
    root = _parse(render_svg(graph, "countermeasures/tong-mouhua-jizhi.md", "图"))
    assert set(_nodes(root)) == {"tong-mouhua-jizhi", "yigang-shuangze-renshi-buzu", "fentou-bushu"}
    # the direct problem link is explained by the cause, so no dashed line is drawn
    assert _edges(root) == {("fentou-bushu", "yigang-shuangze-renshi-buzu"),
                            ("yigang-shuangze-renshi-buzu", "tong-mouhua-jizhi")}


def _kb_with_direct_countermeasure(tmp_path, cm_id: str, title: str, summary: str):
    """The demo content and a countermeasure that names a problem but no cause."""
    content = make_content(tmp_path / "content")
    write_entry(content, f"policies/countermeasures/{cm_id}.yml", f"""\
id: {cm_id}
title: {title}
summary: {summary}
category: jizhi
problems: [zhong-yewu-qing-dangjian]
measures:
  - text: 一项举措。
    levels: [dangzu-shuji]
citations:
  - source: src-demo
    passage: 机关党委要建立责任清单。
""")
    return load_kb(content)


def test_direct_link_without_a_cause_is_drawn_dashed(tmp_path):
    kb = _kb_with_direct_countermeasure(tmp_path, "zhi-jie", "直接针对的对策", "只写了问题，没有写原因。")
    root = _parse(render_svg(whole_graph(kb), "indexes/map.md", "图"))
    # drawn dashed by the site's style sheet (tests/render/test_xref_browser.py looks at it in Chromium)
    dashed = [p for p in root.iter(SVG + "path") if "rh-map__edge--direct" in p.get("class").split()]
    assert [(p.get("data-from"), p.get("data-to")) for p in dashed] == [("zhong-yewu-qing-dangjian", "zhi-jie")]


def test_whole_map_has_every_problem_cause_and_countermeasure_in_three_columns(kb):
    root = _parse(render_svg(whole_graph(kb), "indexes/map.md", "图"))
    nodes = _nodes(root)
    ids = {e.id for t in ("problem", "cause", "countermeasure") for e in kb.by_type(t)}
    assert set(nodes) == ids
    xs = {}
    for node_id, g in nodes.items():
        xs.setdefault(kb.get(node_id).type_name, set()).add(float(g.find(SVG + "rect").get("x")))
    assert all(len(v) == 1 for v in xs.values())
    assert min(xs["problem"]) < min(xs["cause"]) < min(xs["countermeasure"])
    # boxes in a column never overlap
    for t in ("problem", "cause", "countermeasure"):
        boxes = sorted((float(g.find(SVG + "rect").get("y")), float(g.find(SVG + "rect").get("height")))
                       for i, g in nodes.items() if kb.get(i).type_name == t)
        assert all(y1 + h1 <= y2 for (y1, h1), (y2, _) in zip(boxes, boxes[1:]))
    # links are relative to the page the map sits on
    assert _links(root)["fentou-bushu"] == "../problems/fentou-bushu.html"


def test_entries_without_relations_of_this_kind_get_no_map(kb):
    assert neighbourhood_graph(kb, kb.get("src-demo")) is None
    assert neighbourhood_graph(kb, kb.get("yi-gang-shuang-ze")) is None


def test_large_neighbourhoods_are_capped_with_a_count(kb, monkeypatch):
    monkeypatch.setattr(relmap, "MAX_NEIGHBOURS", 1)
    graph = neighbourhood_graph(kb, kb.get("zhong-yewu-qing-dangjian"))
    assert graph is not None
    root = _parse(render_svg(graph, "problems/x.md", "图"))
    assert len(_nodes(root)) <= 4


def test_markup_is_one_block_without_blank_lines_so_markdown_leaves_it_alone(kb):
    fig = map_figure(whole_graph(kb), "indexes/map.md", "标题 <&>", "说明")
    assert "\n" not in fig
    _parse(fig[fig.index("<svg"):fig.index("</svg>") + 6])


@pytest.mark.parametrize("text, lines", [
    ("压实第一责任人职责", ["压实第一责任人职责"]),
    ("党建与业务“五同”：同谋划、同部署、同落实、同检查、同考核", ["党建与业务“五同”：同", "谋划、同部署、同落实、", "同检查、同考核"]),
])
def test_chinese_labels_wrap_at_eleven_characters(text, lines):
    assert wrap_label(text) == lines


def test_long_labels_are_cut_with_an_ellipsis_and_words_are_not_split():
    out = wrap_label("很长" * 30)
    assert len(out) == 3 and out[-1].endswith("…")
    lines = wrap_label("落实 PDCA 循环管理的要求和做法", chars=4)
    assert lines[0] == "落实" and lines[1].startswith("PDCA")


# --- maps that read (issue 18) ---------------------------------------------------------------
from ronghe.site.relmap import (Edge, MapGraph, Node, count_crossings, map_caption, order_columns,  # noqa: E402
                                render_list)


def _graph(columns: list[list[str]], edges: list[tuple[str, str]]) -> MapGraph:
    kinds = ("problem", "cause", "countermeasure")
    cols = [[Node(i, kinds[ci], i) for i in col] for ci, col in enumerate(columns)]
    return MapGraph(cols, [Edge(a, b, "cause") for a, b in edges])


def test_crossings_are_counted_from_the_order_of_the_ends():
    g = _graph([["p1", "p2"], ["c1", "c2"], []], [("p1", "c2"), ("p2", "c1")])
    assert count_crossings(g) == 1
    g = _graph([["p1", "p2"], ["c1", "c2"], []], [("p1", "c1"), ("p2", "c2")])
    assert count_crossings(g) == 0
    # lines sharing an end never cross
    g = _graph([["p1", "p2"], ["c1"], []], [("p1", "c1"), ("p2", "c1")])
    assert count_crossings(g) == 0


def test_ordering_removes_the_crossings_of_a_graph_that_can_be_drawn_without():
    # three chains p_i - c_i - m_i given in scrambled order: 6 crossings as given, 0 possible
    g = _graph([["p1", "p2", "p3"], ["c3", "c1", "c2"], ["m2", "m3", "m1"]],
               [("p1", "c1"), ("p2", "c2"), ("p3", "c3"), ("c1", "m1"), ("c2", "m2"), ("c3", "m3")])
    before = count_crossings(g)
    order_columns(g)
    assert before > 0 and count_crossings(g) == 0


def test_entry_maps_of_the_project_have_fewer_crossings_than_their_given_order(project_kb_relmap):
    kb = project_kb_relmap
    given = ordered = 0
    for e in kb.entries.values():
        graph = neighbourhood_graph(kb, e)
        if graph is None:
            continue
        ordered += count_crossings(graph)
        # the same boxes in the order the content gives them
        for col in graph.columns:
            col.sort(key=lambda n: (n.kind == "more", list(kb.entries).index(n.id) if n.id in kb.entries else 0))
        given += count_crossings(graph)
    assert ordered < given
    assert ordered <= given // 2


@pytest.fixture(scope="module")
def project_kb_relmap():
    from pathlib import Path

    from ronghe.content.loader import load_and_validate

    kb, result = load_and_validate(Path(__file__).resolve().parents[2] / "content")
    assert kb is not None
    return kb


def test_more_box_is_a_link_to_the_full_list(monkeypatch):
    from ronghe.content.graph import KnowledgeBase
    from ronghe.content.model import Category, Cause, Citation, Problem

    cite = [Citation("s", "x")]
    causes = [Cause(f"c{i}", f"原因{i}", "摘要。", problems=["p"], citations=cite) for i in range(4)]
    kb = KnowledgeBase.from_entries([Problem("p", "问题", "摘要。", citations=cite), *causes],
                                    [Category("zeren", "责任", "压实责任。", 1)])
    monkeypatch.setattr(relmap, "MAX_NEIGHBOURS", 2)
    graph = neighbourhood_graph(kb, kb.get("p"))
    root = _parse(render_svg(graph, "problems/p.md", "图", more_href="#via-causes"))
    more = [i for i in _nodes(root) if i.startswith("more-")]
    assert more and all(_links(root)[i] == "#via-causes" for i in more)


def test_caption_names_only_the_columns_that_are_there():
    g = _graph([["p1"], [], ["m1"]], [])
    assert map_caption(g).startswith("左：问题表现；右：对策。") and "原因" not in map_caption(g)
    assert map_caption(_graph([["p1"], ["c1"], ["m1"]], [])).startswith("左：问题表现；中：原因；右：对策。")
    # and an empty column takes no room
    svg = render_svg(_graph([["p1"], [], ["m1"]], [("p1", "m1")]), "x.md", "图")
    xs = sorted(float(r.get("x")) for r in _parse(svg).iter(SVG + "rect"))
    assert xs[1] - xs[0] < relmap.NODE_W + relmap.GAP_X + 1


def test_the_map_as_a_list_names_every_box(kb):
    graph = neighbourhood_graph(kb, kb.get("zhong-yewu-qing-dangjian"))
    listing = render_list(graph, "problems/zhong-yewu-qing-dangjian.md")
    for col in graph.columns:
        for n in col:
            assert n.label in listing
    assert '<a href="../countermeasures/ya-shi-zeren.html">' in listing


def test_a_box_tooltip_is_the_title_and_the_start_of_the_summary(tmp_path):
    """The page lists every summary in full; the map's tooltips stay short (and the pages small)."""
    summary = "党建和业务两张皮的表现之一，" * 6
    kb = _kb_with_direct_countermeasure(tmp_path, "chang-zhaiyao", "摘要很长的对策", summary)
    tips = {g.get("data-id"): g.find(SVG + "title").text
            for g in _parse(render_svg(whole_graph(kb), "indexes/map.md", "图")).iter(SVG + "g") if g.get("data-id")}
    assert tips["chang-zhaiyao"] == "摘要很长的对策：" + summary[:TIP_SUMMARY].rstrip("，") + "…"
    short = kb.get("zhong-yewu-qing-dangjian")
    assert tips[short.id] == f"{short.title}：{short.summary}"     # a short summary is shown whole
