"""Markdown of one generated page per entry: summary first, then 举措,
relations both ways as links, and the source passages as quotations."""

from __future__ import annotations

import html
from typing import Callable, Optional

from ronghe.content.graph import RELATIONS, TERM_SEE_ALSO, KnowledgeBase
from ronghe.content.model import Case, Cause, Checklist, Countermeasure, Entry, Level, Problem, Source, Term
from ronghe.content.checklists import checklist_of_level
from .checklist_pages import render_checklist_body
from .handout_pages import render_topic_body
from .breadcrumbs import breadcrumbs
from .crossref import crossref, tag_anchor
from .hrefs import href
from .index_parts import paging
from .urls import (BY_CAUSE_URI, BY_LEVEL_URI, BY_TAG_URI, MAP_URI, MATRIX_URI, TITLES, category_anchor, cause_anchor,
                   checklist_uri, entry_uri, level_anchor, problem_anchor)
from .markup import cell, esc, front_matter, link, quote, raw_html
from .relmap import map_figure, neighbourhood_graph, unique_entries
from .sections import SECTION_BY_TYPE

SIMILAR_LIMIT = 6        # 同类对策 shown on a countermeasure page (the category index has them all)
VIA_CAUSE_LIMIT = 12     # countermeasures reaching a problem through its causes (the matrix has them all)


def _entry_line(kb: KnowledgeBase, here: str, e: Entry) -> str:
    summary = f"：{esc(e.summary)}" if e.summary else ""
    return f"- {link(here, entry_uri(e), e.title)}{summary}"


def _related_block(kb: KnowledgeBase, here: str, title: str, items: list[Entry], empty: str = "") -> list[str]:
    if not items and not empty:
        return []
    out = [f"### {title}", ""]
    out += [_entry_line(kb, here, e) for e in items] if items else [empty]
    return out + [""]


def _level_links(kb: KnowledgeBase, here: str, level_ids: list[str]) -> str:
    parts = []
    for lid in level_ids:
        lv = kb.get(lid)
        parts.append(link(here, entry_uri(lv), getattr(lv, "short", "") or lv.title) if lv else esc(lid))
    return "、".join(parts)


def _header(entry: Entry) -> list[str]:
    here = entry_uri(entry)
    section = SECTION_BY_TYPE[entry.type_name]
    tags = "".join(f' <a class="rh-tag" href="{href(here, BY_TAG_URI, tag_anchor(t))}" title="查看带此标签的条目">'
                   f'{html.escape(t)}</a>' for t in entry.tags)
    out = [breadcrumbs(here, [(section.title, section.index_uri), (entry.title, None)]),
           f"# {esc(entry.title)}", "",
           f'<p class="rh-kicker"><span class="rh-type rh-type--{entry.type_name}">{section.title}</span>{tags}</p>', ""]
    if entry.summary:
        out += ['!!! abstract "摘要"', "", f"    {esc(entry.summary)}", ""]
    if entry.body.strip():
        out += [entry.body.strip(), ""]
    return out


def _neighbourhood_map(kb: KnowledgeBase, here: str, entry: Entry) -> list[str]:
    graph = neighbourhood_graph(kb, entry)
    if graph is None:
        return []
    return ["## 关系图", "",
            raw_html(map_figure(graph, here, f"“{entry.title}”的关系图",  # slot: see markup.raw_html
                                "左：问题表现；中：原因；右：对策。点击方框打开相关条目。")),
            "", f"全部条目的关系见{link(here, MAP_URI, TITLES[MAP_URI])}。", ""]


def _supporting(kb: KnowledgeBase, here: str, entry: Entry) -> list[str]:
    """Reverse glossary links and the sources the entry's citations come from."""
    out = _related_block(kb, here, "相关术语", kb.sources_of(entry.id, TERM_SEE_ALSO))
    sources = unique_entries(kb.get(c.source) for c in entry.citations)
    if sources:
        out += ["### 依据文献", ""]
        out += [f"- {link(here, entry_uri(s), '《' + s.title + '》')}" for s in sources]
        out.append("")
    return out


def _citations(kb: KnowledgeBase, here: str, entry: Entry) -> list[str]:
    if not entry.citations:
        return []
    out = ["## 原文出处", ""]
    for c in entry.citations:
        src = kb.get(c.source)
        name = link(here, entry_uri(src), f"《{src.title}》") if src else esc(c.source)
        where = f"，{esc(c.locator)}" if c.locator else ""
        out += [quote(c.passage), ">", f"> —— {name}{where}", ""]
    return out


def _problem(kb: KnowledgeBase, here: str, e: Problem) -> list[str]:
    out = ["## 关联条目", ""]
    out += _related_block(kb, here, "主要原因", kb.causes_of(e.id))
    out += _related_block(kb, here, "应对之策", kb.countermeasures_for_problem(e.id))
    via = crossref(kb).cms_via_causes.get(e.id, [])
    out += _related_block(kb, here, "针对其原因的对策", via[:VIA_CAUSE_LIMIT])
    if len(via) > VIA_CAUSE_LIMIT:
        out += [f"另有 {len(via) - VIA_CAUSE_LIMIT} 条，"
                f"见{link(here, paging(kb).target(MATRIX_URI, problem_anchor(e.id)), TITLES[MATRIX_URI])}。", ""]
    out += _related_block(kb, here, "典型案例", kb.cases_for_problem(e.id))
    out += [f"在{link(here, MATRIX_URI, TITLES[MATRIX_URI])}中{link(here, paging(kb).target(MATRIX_URI, problem_anchor(e.id)), '查看本问题所在行')}。", ""]
    return out


def _cause(kb: KnowledgeBase, here: str, e: Cause) -> list[str]:
    out = ["## 关联条目", ""]
    out += _related_block(kb, here, "导致的问题", [kb.get(i) for i in e.problems if kb.get(i)])
    out += _related_block(kb, here, "应对之策", kb.countermeasures_for_cause(e.id))
    out += [f"另见{link(here, paging(kb).target(BY_CAUSE_URI, cause_anchor(e.id)), TITLES[BY_CAUSE_URI])}。", ""]
    return out


def _countermeasure(kb: KnowledgeBase, here: str, e: Countermeasure) -> list[str]:
    out = ["## 具体举措", "", "| 序号 | 举措 | 责任层级 | 时间要求 | 佐证材料 |", "| --- | --- | --- | --- | --- |"]
    for i, m in enumerate(e.measures, 1):
        out.append(f"| {i} | {cell(m.text)} | {_level_links(kb, here, m.levels)} | {cell(m.timing) or '—'} | {cell(m.evidence) or '—'} |")
    out.append("")
    cat = kb.categories.get(e.category)
    out += ["## 关联条目", ""]
    if cat:
        out += [f"类别：**{esc(cat.title)}**（{esc(cat.summary)}）", ""]
    out += _related_block(kb, here, "针对的问题", [kb.get(i) for i in e.problems if kb.get(i)])
    out += _related_block(kb, here, "针对的原因", [kb.get(i) for i in e.causes if kb.get(i)])
    xr = crossref(kb)
    similar = xr.similar_countermeasures(e, SIMILAR_LIMIT)
    if similar:
        total = len(xr.cms_by_category.get(e.category, [])) - 1
        out += _related_block(kb, here, "同类对策", similar)  # type: ignore[arg-type]
        name = cat.title if cat else "同类"
        out += [f"{link(here, 'countermeasures/index.md#' + category_anchor(e.category), f'全部{name}类对策')}"
                f"（共 {total} 条）。", ""]
    out += _related_block(kb, here, "典型案例", kb.cases_for_countermeasure(e.id))
    items = xr.checklist_items.get(e.id, [])
    if items:
        out += ["### 由本对策形成的清单条目", ""]
        out += [f"- {link(here, checklist_uri(cl) + '#' + item.id, item.text)}（{esc(cl.title)}）" for cl, item in items]
        out.append("")
    return out


def _case(kb: KnowledgeBase, here: str, e: Case) -> list[str]:
    out = []
    facts = [("单位", esc(e.unit)), ("时间", esc(e.date))]
    facts = [(k, v) for k, v in facts if v]
    if facts or e.figures:
        out += ["## 基本情况", "", "| 项目 | 内容 |", "| --- | --- |"]
        out += [f"| {k} | {v} |" for k, v in facts]
        out += [f"| {cell(f.label)} | {cell(f.value)} |" for f in e.figures]
        out.append("")
    out += ["## 关联条目", ""]
    out += _related_block(kb, here, "体现的对策", [kb.get(i) for i in e.countermeasures if kb.get(i)])
    out += _related_block(kb, here, "针对的问题", [kb.get(i) for i in e.problems if kb.get(i)])
    if e.levels:
        out += ["### 涉及的层级", "", _level_links(kb, here, e.levels), ""]
    return out


def _level(kb: KnowledgeBase, here: str, e: Level) -> list[str]:
    out = []
    if e.role:
        out += [f"责任定位：**{esc(e.role)}**", ""]
    cms = kb.countermeasures_for_level(e.id)
    out += ["## 本层级要落实的举措", "",
            f"与其他层级对照：{link(here, paging(kb).target(BY_LEVEL_URI, level_anchor(e.id)), TITLES[BY_LEVEL_URI])}。", ""]
    if not cms:
        out += ["暂无举措。", ""]
    for cm in cms:
        assert isinstance(cm, Countermeasure)
        out += [f"### {link(here, entry_uri(cm), cm.title)}", ""]
        out += [f"- {esc(m.text)}" + (f"（{esc(m.timing)}）" if m.timing else "")
                for m in cm.measures if e.id in m.levels]
        out.append("")
    cl = checklist_of_level(kb, e.id)  # every level has one, with or without a checklist file
    if cl:
        out += ["## 责任清单", "", f"{link(here, checklist_uri(cl), cl.title)}：可逐项自查，也可打印。", ""]
    return out


def _term(kb: KnowledgeBase, here: str, e: Term) -> list[str]:
    out = []
    if e.aliases:
        out += ["也称：" + "、".join(esc(a) for a in e.aliases), ""]
    out += _related_block(kb, here, "参见", [kb.get(i) for i in e.see_also if kb.get(i)])
    return out


def _source(kb: KnowledgeBase, here: str, e: Source) -> list[str]:
    facts = [("作者", e.author), ("发布单位", e.publisher), ("日期", e.date), ("出处", e.origin), ("原始文件", e.seed_file)]
    out = ["## 文献信息", "", "| 项目 | 内容 |", "| --- | --- |"]
    out += [f"| {k} | {cell(v)} |" for k, v in facts if v]
    out.append("")
    if e.duplicate_of and kb.get(e.duplicate_of):
        orig = kb.get(e.duplicate_of)
        out += ['!!! note "重复报告"', "", f"    本文与{link(here, entry_uri(orig), '《' + orig.title + '》')}内容相同，本站引用原报告。", ""]
    if e.defects:
        out += ['!!! warning "原始材料的已知缺陷"', ""]
        out += [f"    - {esc(d)}" for d in e.defects]
        out.append("")
    citing = kb.citing_entries(e.id)
    if citing:
        out += ["## 引用本文献的条目", ""] + [_entry_line(kb, here, c) for c in citing] + [""]
    if e.text.strip():
        out += ["## 清洗后全文", ""]
        out += [f'<p class="rh-source-para">{html.escape(p.strip())}</p>' for p in e.text.splitlines() if p.strip()]
        out.append("")
    return out


_RENDERERS: dict[str, Callable] = {
    "problem": _problem, "cause": _cause, "countermeasure": _countermeasure, "case": _case,
    "level": _level, "term": _term, "checklist": render_checklist_body, "source": _source,
    "topic": render_topic_body,   # training handout (issue 9)
}


# --- what a page shows beyond its entry's relation neighbourhood ----------------------
# Under the dev server an edit renders again the pages of entries within two relation
# steps of it (ronghe.site.page_memo). Pages that show more say so here; keep this in step
# with the renderers above (tests/test_incremental.py compares the pages after every
# kind of edit with a full generation).

PAGE_READS: dict[str, Optional[frozenset[str]]] = {
    # page type -> every entry type whose change may change the page (None: any); such a
    # page is rendered again exactly when an entry of those types changed
    "level": frozenset({"level", "checklist", "countermeasure", "term", "source"}),   # 举措, merged checklist
    "checklist": frozenset({"level", "checklist", "countermeasure", "source"}),      # merged items, their basis
    "topic": None,      # a handout gathers its whole category
}


def page_views(kb: KnowledgeBase) -> dict[str, object]:
    """Entry id -> what its page shows of entries beyond two relation steps."""
    xr = crossref(kb)
    out: dict[str, object] = {}
    for cm in kb.by_type("countermeasure"):
        assert isinstance(cm, Countermeasure)
        out[cm.id] = (len(xr.cms_by_category.get(cm.category, [])),  # 同类对策 and their number
                      [(o.id, entry_uri(o), o.title, o.summary) for o in xr.similar_countermeasures(cm, SIMILAR_LIMIT)],
                      # 由本对策形成的清单条目 (items derived from 举措 have no relation to the checklist file)
                      [(checklist_uri(cl), cl.title, item.id, item.text) for cl, item in xr.checklist_items.get(cm.id, [])])
    # the part of the matrix list or of 按原因查对策 that holds a problem's or cause's row
    # (a new entry moves the rows at part boundaries to the next part)
    pg = paging(kb)
    for p in kb.by_type("problem"):
        out[p.id] = pg.uri_of(problem_anchor(p.id))
    for c in kb.by_type("cause"):
        out[c.id] = pg.uri_of(cause_anchor(c.id))
    return out


def render_entry(kb: KnowledgeBase, entry: Entry) -> str:
    here = entry_uri(entry)
    meta = {"title": entry.title, "ronghe_type": entry.type_name, "ronghe_id": entry.id}
    lines = _header(entry) + _neighbourhood_map(kb, here, entry) + _RENDERERS[entry.type_name](kb, here, entry)
    if entry.type_name not in ("source", "checklist"):
        lines += _supporting(kb, here, entry)
    lines += _citations(kb, here, entry)
    return front_matter(**meta) + "\n".join(lines).rstrip() + "\n"
