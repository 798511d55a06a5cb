"""Markdown of one generated page per entry: summary first, then 举措,
relations both ways as links, and the source passages as quotations."""

from __future__ import annotations

import html
from typing import Callable, Optional

from ronghe.content.graph import TERM_SEE_ALSO, KnowledgeBase
from ronghe.content.model import Case, Cause, Countermeasure, Entry, Level, Measure, Problem, Source, Term
from ronghe.content.checklists import checklist_of_level
from .checklist_pages import count_note, render_checklist_body
from .citations import passage_anchor, render_source_text
from .handout_pages import render_topic_body
from .breadcrumbs import breadcrumbs
from .crossref import crossref, tag_anchor
from .hrefs import href
from .index_parts import level_categories, paging
from .urls import (BY_CATEGORY_URI, BY_CAUSE_URI, BY_LEVEL_URI, BY_TAG_URI, MAP_URI, MATRIX_URI, TITLES, category_anchor,
                   cause_anchor, checklist_uri, entry_uri, problem_anchor)
from . import blocks
from .markup import cell, esc, front_matter, link, raw_html
from .relmap import map_caption, map_figure, neighbourhood_graph, unique_entries
from .sections import SECTION_BY_TYPE

SIMILAR_LIMIT = 6        # 同类对策 shown on a countermeasure page (the category index has them all)
VIA_CAUSE_LIMIT = 30     # countermeasures reaching a problem through its causes (the matrix has them all)
ANSWER_LIMIT = 5         # countermeasures with summary and levels in a page's 怎么办 (the first screen)
ANSWER_FIRST = ("problem", "cause", "countermeasure")   # pages that open with what to do
LEVEL_LIMIT = 60         # countermeasures a level page lists in full; above, the first of each category
LEVEL_PER_CATEGORY = 5   # ... this many (按责任层级查举措 has them all: at 20,000 entries 3,500, a 2.6 MB page)


def _entry_item(here: str, e: Entry) -> str:
    """A linked entry with its summary (HTML of one list item)."""
    summary = f"：{blocks.text(e.summary)}" if e.summary else ""
    return f"{blocks.a(here, entry_uri(e), e.title)}{summary}"


def _related_block(kb: KnowledgeBase, here: str, title: str, items: list[Entry], empty: str = "",
                   heading: str = "###") -> list[str]:
    if not items and not empty:
        return []
    out = [f"{heading} {title}", ""]
    out += [blocks.ul(_entry_item(here, e) for e in items)] if items else [empty]
    return out + [""]


def _level_links(kb: KnowledgeBase, here: str, level_ids: list[str]) -> str:
    """The levels as HTML links (an unknown id as text)."""
    parts = []
    for lid in level_ids:
        lv = kb.get(lid)
        parts.append(blocks.a(here, entry_uri(lv), getattr(lv, "short", "") or lv.title) if lv
                     else blocks.text(lid))
    return "、".join(parts)


def _header(kb: KnowledgeBase, entry: Entry) -> list[str]:
    here = entry_uri(entry)
    section = SECTION_BY_TYPE[entry.type_name]
    tags = "".join(f' <a class="rh-tag" href="{href(here, BY_TAG_URI, tag_anchor(t))}" title="查看带此标签的条目">'
                   f'{html.escape(t)}</a>' for t in crossref(kb).shown_tags(entry) if t != section.title)
    out = [breadcrumbs(here, [(section.title, section.index_uri), (entry.title, None)]),
           f"# {esc(entry.title)}", "",
           f'<p class="rh-kicker"><span class="rh-type rh-type--{entry.type_name}">{section.title}</span>{tags}</p>', ""]
    if entry.summary:   # the summary in one lead paragraph: the first screen is for the answer
        out += [raw_html(f'<p class="rh-lead">{blocks.text(entry.summary)}</p>'), ""]
    if entry.body.strip() and entry.type_name not in ANSWER_FIRST:
        out += [entry.body.strip(), ""]
    return out


def _body(entry: Entry) -> list[str]:
    """The entry's own text, on answer-first pages after the answer."""
    if entry.body.strip() and entry.type_name in ANSWER_FIRST:
        return ["## 具体情况", "", entry.body.strip(), ""]
    return []


def _neighbourhood_map(kb: KnowledgeBase, here: str, entry: Entry, more_anchor: str = "") -> list[str]:
    graph = neighbourhood_graph(kb, entry)
    if graph is None:
        return []
    return ["## 关系图 {#map}", "",
            raw_html(map_figure(graph, here, f"“{entry.title}”的关系图",  # slot: see markup.raw_html
                                map_caption(graph), more_href=f"#{more_anchor}" if more_anchor else "")),
            "", f"全部条目的关系见{link(here, MAP_URI, TITLES[MAP_URI])}。", ""]


def _supporting(kb: KnowledgeBase, here: str, entry: Entry) -> list[str]:
    """Reverse glossary links and the sources the entry's citations come from."""
    out = _related_block(kb, here, "相关术语", kb.sources_of(entry.id, TERM_SEE_ALSO))
    sources = unique_entries(kb.get(c.source) for c in entry.citations)
    if sources:
        out += ["### 依据文献", "", blocks.ul(blocks.a(here, entry_uri(s), f"《{s.title}》") for s in sources), ""]
    return out


def _citations(kb: KnowledgeBase, here: str, entry: Entry) -> list[str]:
    if not entry.citations:
        return []
    paragraphs = []
    for c in entry.citations:
        src = kb.get(c.source)
        # the link lands on the quoted passage in the source's full text (ronghe.site.citations)
        deep = isinstance(src, Source) and bool(src.text.strip())
        if src:
            name = blocks.a(here, entry_uri(src), f"《{src.title}》", passage_anchor(c.passage) if deep else "",
                            cls="rh-cite")
        else:
            name = blocks.text(c.source)
        where = f"，{blocks.text(c.locator)}" if c.locator else ""
        paragraphs += [blocks.text(p) for p in c.passage.strip().splitlines() if p.strip()]
        paragraphs.append(f"—— {name}{where}")
    return ["## 原文出处", "", blocks.blockquote(paragraphs), ""]


def _levels_of(kb: KnowledgeBase, cm: Entry) -> list[Level]:
    """The levels a countermeasure's 举措 name, top level first."""
    ids = dict.fromkeys(lv for m in getattr(cm, "measures", []) for lv in m.levels)
    found = [kb.get(i) for i in ids]
    return sorted((lv for lv in found if isinstance(lv, Level)), key=lambda lv: (lv.order, lv.id))


def _answer_item(kb: KnowledgeBase, here: str, cm: Entry) -> str:
    """One countermeasure of the answer: title, its one-line summary, the levels it concerns."""
    levels = _levels_of(kb, cm)
    who = ("<br>" + f'<span class="rh-answer__levels">责任层级：{_level_links(kb, here, [lv.id for lv in levels])}</span>'
           if levels else "")
    summary = f"：{blocks.text(cm.summary)}" if cm.summary else ""
    return f"<strong>{blocks.a(here, entry_uri(cm), cm.title)}</strong>{summary}{who}"


def _answer(kb: KnowledgeBase, here: str, intro: str, cms: list[Entry]) -> list[str]:
    """怎么办: the first ANSWER_LIMIT countermeasures with summary and levels."""
    return ["## 怎么办 {#answer}", "", intro, "", blocks.ol(_answer_item(kb, here, cm) for cm in cms[:ANSWER_LIMIT]), ""]


def _titles_list(kb: KnowledgeBase, here: str, items: list[Entry]) -> list[str]:
    return [blocks.ul(_entry_item(here, e) for e in items)] if items else []


def _matrix_row(kb: KnowledgeBase, here: str, e: Problem, text: str) -> str:
    """A link to the problem's row of the matrix; a draft (previewed under ronghe serve)
    has no row in the published matrix yet, so its page says so instead."""
    if e.draft:
        return f"{text}（本问题发布后才有这一行）"
    return link(here, paging(kb).target(MATRIX_URI, problem_anchor(e.id)), text)


def _problem(kb: KnowledgeBase, here: str, e: Problem) -> list[str]:
    xr = crossref(kb)
    direct = kb.countermeasures_for_problem(e.id)
    via = xr.cms_via_causes.get(e.id, [])
    causes = kb.causes_of(e.id)
    total = len(direct) + len(via)
    row = "问题—对策矩阵中" + _matrix_row(kb, here, e, "查看本问题所在行")
    if direct:
        shown = min(len(direct), ANSWER_LIMIT)
        intro = f"直接针对这一问题的对策共 {len(direct)} 条" + ("：" if shown == len(direct) else f"，先看这 {shown} 条：")
        out = _answer(kb, here, intro, direct)
        rest = []
        if len(direct) > shown:
            rest.append(f"另外 {len(direct) - shown} 条直接对策见下文[其他直接对策](#more-direct)")
        if via:
            rest.append(f"还有 {len(via)} 条对策针对它的原因，见下文[针对原因的对策](#via-causes)")
        out += [("；".join(rest) + f"。全部 {total} 条对策也可在{row}。" if rest
                 else f"以上就是针对这一问题的全部对策，也可在{row}。"), ""]
        if len(direct) > shown:
            out += ["### 其他直接对策 {#more-direct}", ""] + _titles_list(kb, here, direct[shown:]) + [""]
    elif via:
        intro = f"暂无直接针对这一问题的对策；针对它的原因的对策共 {len(via)} 条，先看这 {min(len(via), ANSWER_LIMIT)} 条："
        out = _answer(kb, here, intro, via)
        out += [f"其余见下文[针对原因的对策](#via-causes)，也可在{row}。", ""]
    else:
        out = ["## 怎么办 {#answer}", "", "暂无针对这一问题的对策。" if e.draft else f"暂无针对这一问题的对策（{row}）。", ""]
    out += _body(e)
    out += _via_causes(kb, here, e, causes, via, skip=[] if direct else via[:ANSWER_LIMIT])
    out += _related_block(kb, here, "典型案例", kb.cases_for_problem(e.id))
    return out


def _via_causes(kb: KnowledgeBase, here: str, e: Problem, causes: list[Entry], via: list[Entry],
                skip: list[Entry]) -> list[str]:
    """主要原因, each with the countermeasures that reach the problem through it (each listed once)."""
    if not causes:
        return []
    skipped = {c.id for c in skip}
    out = ["## 原因及针对原因的对策 {#via-causes}", ""]
    n_via = len(via)
    out += [f"这一问题有 {len(causes)} 条主要原因" + (f"，针对这些原因的对策共 {n_via} 条。" if n_via else "。"), ""]
    via_ids = {c.id for c in via}
    listed: set[str] = set()
    budget = VIA_CAUSE_LIMIT
    for cause in causes:
        out += [f"### 原因：{link(here, entry_uri(cause), cause.title)}", ""]
        if cause.summary:
            out += [blocks.para(blocks.text(cause.summary)), ""]
        mine = [cm for cm in kb.countermeasures_for_cause(cause.id) if cm.id in via_ids and cm.id not in listed]
        listed.update(cm.id for cm in mine)
        mine = [cm for cm in mine if cm.id not in skipped]
        if budget <= 0:
            mine_shown: list[Entry] = []
        else:
            mine_shown = mine[:budget]
        budget -= len(mine_shown)
        out += _titles_list(kb, here, mine_shown) + ([""] if mine_shown else [])
    left = n_via - len(skipped) - (VIA_CAUSE_LIMIT - max(budget, 0))
    if left > 0:
        out += [f"另有 {left} 条，见{_matrix_row(kb, here, e, TITLES[MATRIX_URI])}。", ""]
    return out


def _cause(kb: KnowledgeBase, here: str, e: Cause) -> list[str]:
    cms = kb.countermeasures_for_cause(e.id)
    if cms:
        shown = min(len(cms), ANSWER_LIMIT)
        intro = f"针对这一原因的对策共 {len(cms)} 条" + ("：" if shown == len(cms) else f"，先看这 {shown} 条：")
        out = _answer(kb, here, intro, cms)
        if len(cms) > shown:
            out += [f"另外 {len(cms) - shown} 条见下文[其他对策](#more-direct)。", "",
                    "### 其他对策 {#more-direct}", ""] + _titles_list(kb, here, cms[shown:]) + [""]
    else:
        out = ["## 怎么办 {#answer}", "", "暂无针对这一原因的对策。", ""]
    out += [f"各原因的对策一览见{link(here, paging(kb).target(BY_CAUSE_URI, cause_anchor(e.id)), TITLES[BY_CAUSE_URI])}。", ""]
    out += _body(e)
    out += _related_block(kb, here, "导致的问题", [kb.get(i) for i in e.problems if kb.get(i)], heading="##")
    return out


def _measures_by_level(kb: KnowledgeBase, here: str, e: Countermeasure) -> list[str]:
    """具体举措, grouped by the level that carries them out (a 举措 of two levels is under both)."""
    if not e.measures:
        return []
    by_level: dict[str, list[Measure]] = {}
    for m in e.measures:
        for lv in dict.fromkeys(m.levels) or [""]:
            by_level.setdefault(lv, []).append(m)
    levels = sorted(by_level, key=lambda i: (getattr(kb.get(i), "order", 10 ** 6) if kb.get(i) else 10 ** 6, i))
    named = [i for i in levels if kb.get(i)]
    out = ["## 各层级怎么做 {#measures}", "",
           f"共 {len(e.measures)} 项举措" + (f"，涉及 {len(named)} 个责任层级" if named else "") + "：", ""]
    for lid in levels:
        lv = kb.get(lid)
        title = link(here, entry_uri(lv), lv.title) if lv else ("未写明责任层级" if not lid else esc(lid))
        out += [f"### {title}", ""]
        items = []
        for m in by_level[lid]:
            extra = "；".join(x for x in (f"时间：{blocks.text(m.timing)}" if m.timing else "",
                                          f"佐证：{blocks.text(m.evidence)}" if m.evidence else "") if x)
            items.append(blocks.text(" ".join(m.text.split())) + (f"（{extra}）" if extra else ""))
        out += [blocks.ul(items), ""]
    return out


def _countermeasure(kb: KnowledgeBase, here: str, e: Countermeasure) -> list[str]:
    out = _measures_by_level(kb, here, e)
    out += _body(e)
    cat = kb.categories.get(e.category)
    out += ["## 关联条目 {#related}", ""]
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
        out += [f"{link(here, paging(kb).target(BY_CATEGORY_URI, category_anchor(e.category)), f'全部{name}类对策')}"
                f"（共 {total} 条）。", ""]
    out += _related_block(kb, here, "典型案例", kb.cases_for_countermeasure(e.id))
    items = xr.checklist_items.get(e.id, [])
    if items:
        out += ["### 由本对策形成的清单条目", "",
                blocks.ul(f"{blocks.a(here, checklist_uri(cl), item.text, item.id)}（{blocks.text(cl.title)}）"
                          for cl, item in items), ""]
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
    out += ["## 关联条目 {#related}", ""]
    out += _related_block(kb, here, "体现的对策", [kb.get(i) for i in e.countermeasures if kb.get(i)])
    out += _related_block(kb, here, "针对的问题", [kb.get(i) for i in e.problems if kb.get(i)])
    if e.levels:
        out += ["### 涉及的层级", "", blocks.para(_level_links(kb, here, e.levels)), ""]
    return out


def _level(kb: KnowledgeBase, here: str, e: Level) -> list[str]:
    out = []
    if e.role:
        out += [f"责任定位：**{esc(e.role)}**", ""]
    cms = kb.countermeasures_for_level(e.id)
    n_measures = sum(1 for cm in cms for m in getattr(cm, "measures", []) if e.id in m.levels)
    cl = checklist_of_level(kb, e.id)  # every level has one, with or without a checklist file
    pages = paging(kb).level_parts(e.id)
    row = paging(kb).level_row(e.id)
    out += ["## 本层级要落实的举措", "",
            f"共 {n_measures} 项举措，来自 {len(cms)} 条对策。"
            f"与其他层级对照：{link(here, row, TITLES[BY_LEVEL_URI])}。", ""]
    note = count_note(cl.accounting(kb)) if cl else ""
    if note:
        out += [f'<p class="rh-count-note" markdown="span">{esc(note)}'
                f"（见{link(here, checklist_uri(cl), cl.title)}）</p>", ""]
    if not cms:
        out += ["暂无举措。", ""]
    if len(cms) <= LEVEL_LIMIT:
        out += _level_measures(here, e, cms, "###")
    else:
        page_of = {p.group: p for p in pages if p.group}
        everything = "" if page_of else f"；本层级的全部举措见{link(here, row, f'{TITLES[BY_LEVEL_URI]}：{e.title}')}"
        out += [f"对策较多，下面每类列出前 {LEVEL_PER_CATEGORY} 条{everything}。", ""]
        for cat_id, title, pairs in level_categories(kb, e.id):
            group = list({cm.id: cm for cm, _ in pairs}.values())   # its countermeasures, once each
            out += [f"### {esc(title)}类（{len(group)} 条对策）", ""]
            out += _level_measures(here, e, group[:LEVEL_PER_CATEGORY], "####")
            if cat_id in page_of:
                out += [link(here, page_of[cat_id].uri, f"本层级全部{title}类举措（{len(pairs)} 项）"), ""]
    if cl:
        out += ["## 责任清单", "", f"{link(here, checklist_uri(cl), cl.title)}：可逐项自查，也可打印。", ""]
    return out


def _level_measures(here: str, level: Level, cms: list[Entry], heading: str) -> list[str]:
    """Each countermeasure as a heading, then its 举措 for ``level``."""
    out = []
    for cm in cms:
        assert isinstance(cm, Countermeasure)
        out += [f"{heading} {link(here, entry_uri(cm), cm.title)}", "",
                blocks.ul(blocks.text(m.text) + (f"（{blocks.text(m.timing)}）" if m.timing else "")
                          for m in cm.measures if level.id in m.levels), ""]
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
        out += ["## 引用本文献的条目", "", blocks.ul(_entry_item(here, c) for c in citing), ""]
    if e.text.strip():
        passages = [c.passage for entry in citing for c in entry.citations if c.source == e.id]
        text, anchors = render_source_text(e.text, passages)
        out += ["## 清洗后全文", ""]
        if anchors:
            out += ["从条目的“原文出处”点书名过来时，引用的那一段以黄色底色标出。", ""]
        out += [raw_html(text, anchors=anchors), ""]
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
    pg = paging(kb)
    out: dict[str, object] = {}
    for cm in kb.by_type("countermeasure"):
        assert isinstance(cm, Countermeasure)
        out[cm.id] = (len(xr.cms_by_category.get(cm.category, [])),  # 同类对策, their number and list
                      pg.uri_of(BY_CATEGORY_URI, category_anchor(cm.category)),
                      [(o.id, entry_uri(o), o.title, o.summary) for o in xr.similar_countermeasures(cm, SIMILAR_LIMIT)],
                      # 由本对策形成的清单条目 (items derived from 举措 have no relation to the checklist file)
                      [(checklist_uri(cl), cl.title, item.id, item.text) for cl, item in xr.checklist_items.get(cm.id, [])])
    # the part of the matrix list or of 按原因查对策 that holds a problem's or cause's row
    # (a new entry moves the rows at part boundaries to the next part)
    for p in kb.by_type("problem"):
        out[p.id] = pg.uri_of(MATRIX_URI, problem_anchor(p.id))
    for c in kb.by_type("cause"):
        out[c.id] = pg.uri_of(BY_CAUSE_URI, cause_anchor(c.id))
    # the tags a page shows depend on how many other entries use them
    for e in kb.entries.values():
        if e.tags:
            out[e.id] = (out.get(e.id), tuple(xr.shown_tags(e)))
    return out


def render_entry(kb: KnowledgeBase, entry: Entry) -> str:
    here = entry_uri(entry)
    # no side navigation: entries are not in it, and its empty column pushed the text aside
    meta = {"title": entry.title, "ronghe_type": entry.type_name, "ronghe_id": entry.id, "hide": ["navigation"]}
    # answer first: what to do, then the related entries, then the map
    more = {"problem": "via-causes", "cause": "answer", "countermeasure": "related", "case": "related"}.get(entry.type_name, "")
    lines = _header(kb, entry) + _RENDERERS[entry.type_name](kb, here, entry) + _neighbourhood_map(kb, here, entry, more)
    if entry.type_name not in ("source", "checklist"):
        lines += _supporting(kb, here, entry)
    lines += _citations(kb, here, entry)
    return front_matter(**meta) + "\n".join(lines).rstrip() + "\n"
