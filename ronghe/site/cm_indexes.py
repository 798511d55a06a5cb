"""对策索引 pages generated from the content graph: the hub, by cause, by
responsibility level (what each level must do, from the 举措 that name it), by tag,
and the relationship map of the whole knowledge base. (By problem = the matrix,
by category = the 对策 section index.) A large knowledge base splits the big ones
into a contents page and parts (ronghe.render.index_parts)."""

from __future__ import annotations

import html

from ronghe.content.checklists import checklist_of_level
from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import Entry, Level
from .breadcrumbs import breadcrumbs
from .checklist_pages import count_note
from .crossref import MIN_TAG_USES, crossref, tag_anchor
from .index_parts import MAP_PER_CATEGORY, PART_SIZE, Part, contents, level_categories, map_groups, paging
from .index_parts import pager as part_pager
from .urls import (BY_CATEGORY_URI, BY_CAUSE_URI, BY_LEVEL_URI, BY_TAG_URI, HUB_TITLE, HUB_URI, MAP_URI, MATRIX_URI,
                   TITLES, category_anchor, cause_anchor, checklist_uri, entry_uri, level_anchor, problem_anchor)
from .hrefs import a, href
from .markup import cell, esc, front_matter, html_table, link, raw_html, rel  # raw HTML skips the converter
from .matrix import render_by_problem, render_matrix_page
from .relmap import LEGEND, WIDE_GAP_X, map_caption, map_figure, whole_graph
from .sections import SECTION_BY_TYPE


def E(text: str) -> str:  # text in raw HTML (quotes need no escaping outside attributes)
    return html.escape(text, quote=False)


def _crumbs(here: str, title: str) -> str:
    return breadcrumbs(here, [("对策", "countermeasures/index.md"), (HUB_TITLE, HUB_URI), (title, None)])


def _page(title: str, lines: list[str], wide: bool = False) -> str:
    meta = {"title": title, "hide": ["navigation", "toc"]} if wide else {"title": title}
    return front_matter(**meta) + "\n".join(lines).rstrip() + "\n"


def render_hub(kb: KnowledgeBase) -> str:
    here = HUB_URI
    xr = crossref(kb)
    n = {t: len(kb.by_type(t)) for t in ("problem", "cause", "countermeasure", "level")}
    measures = sum(len(getattr(cm, "measures", [])) for cm in kb.by_type("countermeasure"))
    ways = [
        (MATRIX_URI, f"从问题找对策：{n['problem']} 个问题表现 × {n['countermeasure']} 条对策，一目了然哪些问题已有对策、哪些还是空白。"),
        (MAP_URI, "问题表现、原因和对策之间的关系画成一张图，点击图中任一方框打开该条目。"),
        (BY_CATEGORY_URI, f"对策按{len(kb.categories)}个类别分组（认识、责任、机制等）。"),
        (BY_CAUSE_URI, f"从原因找对策：{n['cause']} 条原因各自导致的问题和针对它的对策。"),
        (BY_LEVEL_URI, f"从岗位找任务：{n['level']} 个责任层级各自要落实的 {measures} 项举措。"),
        (BY_TAG_URI, f"按 {len(xr.tags())} 个标签（分主题）查找问题、对策和案例。"),
    ]
    lines = [breadcrumbs(here, [("对策", "countermeasures/index.md"), (HUB_TITLE, None)]),
             f"# {HUB_TITLE}", "",
             "干部来查对策，往往带着一个问题、一个岗位或一个说法。下面几种索引都由知识库的关联关系自动生成，内容更新后随之更新。", ""]
    for uri, text in ways:
        lines += [f"- **{link(here, uri, TITLES[uri])}**：{esc(text)}"]
    return _page(HUB_TITLE, lines)


def render_by_cause(kb: KnowledgeBase) -> str:
    here = BY_CAUSE_URI
    title = TITLES[here]
    causes = kb.by_type("cause")
    lines = [_crumbs(here, title), f"# {title}", "",
             f"共 {len(causes)} 条原因。每条原因列出它导致的问题表现和针对它的对策。", ""]
    parts = paging(kb).by_cause
    if parts:
        lines += [f"原因较多，分 {len(parts)} 部分，每部分 {PART_SIZE} 条。点击原因直接打开它所在的部分。", ""]
        return _page(title, lines + contents(here, parts, cause_anchor, "##"))
    for c in causes:
        lines += _cause_block(kb, here, c)
    return _page(title, lines)


def _cause_block(kb: KnowledgeBase, here: str, c: Entry) -> list[str]:
    # the heading in Markdown (table of contents), the rest as raw HTML (many links)
    problems = [kb.get(p) for p in dict.fromkeys(getattr(c, "problems", [])) if kb.get(p)]
    cms = kb.countermeasures_for_cause(c.id)
    body = [f"<p>{a(here, entry_uri(c), '查看原因详情')}：{E(c.summary)}</p>"]
    if problems:
        body.append("<p>导致的问题：" + "、".join(a(here, entry_uri(p), p.title) for p in problems) + "</p>")
    body += ["<p>针对它的对策：</p>", "<ul>"]
    body += [f"<li>{a(here, entry_uri(cm), cm.title)}：{E(cm.summary)}</li>" for cm in cms] or ["<li>暂无对策。</li>"]
    body.append("</ul>")
    return [f"## {esc(c.title)} {{#{cause_anchor(c.id)}}}", "", raw_html("\n".join(body)), ""]


def render_by_level(kb: KnowledgeBase) -> str:
    here = BY_LEVEL_URI
    title = TITLES[here]
    xr = crossref(kb)
    levels = sorted(kb.levels(), key=lambda lv: (lv.order, lv.id))
    parts: dict[str, list[Part]] = {}   # level -> its parts (several when split by category)
    for p in paging(kb).by_level:
        parts.setdefault(p.key, []).append(p)
    lines = [_crumbs(here, title), f"# {title}", "",
             "每个责任层级要做的事，取自各条对策中写明由该层级负责的具体举措。", ""]
    if parts:
        lines += ["举措较多，每个责任层级的举措单独成页，点击层级名称打开。", ""]
    if levels:
        lines += ["| 责任层级 | 责任定位 | 举措数 | 涉及对策 | 责任清单事项 |", "| --- | --- | --- | --- | --- |"]
        notes = []
        for lv in levels:
            pairs = xr.measures_by_level.get(lv.id, [])
            cms = {cm.id for cm, _ in pairs}
            target = rel(here, parts[lv.id][0].uri) if lv.id in parts else f"#{level_anchor(lv.id)}"
            cl = checklist_of_level(kb, lv.id)
            items = f"[{len(cl.items())} 项]({rel(here, checklist_uri(cl))})" if cl else "—"
            lines.append(f"| [{esc(lv.title)}]({target}) | {cell(lv.role) or '—'} | {len(pairs)} | {len(cms)} | {items} |")
            note = count_note(cl.accounting(kb)) if cl else ""
            if cl and cl.accounting(kb).items != len(pairs):
                notes.append(f"- {esc(lv.short or lv.title)}：{esc(note)}")
        lines.append("")
        if notes:   # the two numbers are counted differently: say why, level by level
            lines += ["举措数和责任清单事项数不同的层级：责任清单把清单文件列明的事项和各对策写明的举措合在一起，"
                      "内容相同的只算一项。", ""] + notes + [""]
    split = [(lv, parts[lv.id]) for lv in levels if len(parts.get(lv.id, [])) > 1]
    if split:
        lines += ["举措特别多的层级按对策类别分页：", ""]
        lines += [f"- {esc(lv.title)}：" + "、".join(link(here, p.uri, f"{p.group_title}类") for p in ps) for lv, ps in split]
        lines.append("")
    if not parts:
        for lv in levels:
            lines += _level_block(kb, here, lv)
    return _page(title, lines)


def _level_block(kb: KnowledgeBase, here: str, lv: Entry, category: str = "") -> list[str]:
    """A level's 举措 (only those of countermeasures of ``category``, when given)."""
    assert isinstance(lv, Level)
    pairs = crossref(kb).measures_by_level.get(lv.id, [])
    if category:
        pairs = next((group for cat_id, _, group in level_categories(kb, lv.id) if cat_id == category), [])
    lines = [f"## {esc(lv.title)} {{#{level_anchor(lv.id)}}}", ""]
    intro = f"{link(here, entry_uri(lv), '查看层级详情')}" + (f"（{esc(lv.role)}）" if lv.role else "")
    cl = checklist_of_level(kb, lv.id)
    if cl:
        intro += f"；可打印的{link(here, checklist_uri(cl), cl.title)}"
    lines += [intro + "。", ""]
    if not pairs:
        return lines + ["暂无写明由本层级负责的举措。", ""]
    rows = [[E(_one_line(m.text)), E(_one_line(m.timing)) or "—", E(_one_line(m.evidence)) or "—",
             a(here, entry_uri(cm), cm.title)] for cm, m in pairs]
    return lines + [raw_html(html_table(["举措", "时间要求", "佐证材料", "所属对策"], rows)), ""]  # thousands of rows


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_by_tag(kb: KnowledgeBase) -> str:
    here = BY_TAG_URI
    title = TITLES[here]
    xr = crossref(kb)
    groups = xr.tag_groups()
    n_tags = sum(len(tags) for _, _, tags in groups)
    lines = [_crumbs(here, title), f"# {title}", "",
             f"共 {n_tags} 个标签，每个至少用于 {MIN_TAG_USES} 个条目，按主题分组（一个标签归入它的条目最多涉及的对策类别），"
             "括号里是条目数。只用于一个条目的标签不单列，它的条目页已经写明。", ""]
    if not groups:
        return _page(title, lines + ["暂无标签。"])
    lines += ["按主题：" + " · ".join(f"[{esc(t)}](#tg-{gid})（{len(tags)}）" for gid, t, tags in groups), ""]
    for gid, group_title, tags in groups:
        lines += [f"## {esc(group_title)} {{#tg-{gid}}}", "",
                  '<p class="rh-tagcloud">' + " ".join(
                      f'<a class="rh-tag" href="#{tag_anchor(t)}">{E(t)}（{len(xr.entries_by_tag[t])}）</a>' for t in tags)
                  + "</p>", ""]
        for t in tags:
            lines += [f"### {esc(t)}（{len(xr.entries_by_tag[t])}） {{#{tag_anchor(t)}}}", ""]
            by_type: dict[str, list] = {}
            for e in xr.entries_by_tag[t]:
                by_type.setdefault(e.type_name, []).append(e)
            for type_name, items in by_type.items():
                lines.append(f"- {SECTION_BY_TYPE[type_name].title}：" + "、".join(link(here, entry_uri(e), e.title) for e in items))
            lines.append("")
    return _page(title, lines)


def render_map_page(kb: KnowledgeBase) -> str:
    here = MAP_URI
    title = TITLES[here]
    problems, causes, cms = (kb.by_type(t) for t in ("problem", "cause", "countermeasure"))
    total = len(problems) + len(causes) + len(cms)
    lines = [_crumbs(here, title), f"# {title}", "",
             f"左列是问题表现，中间是导致问题的原因，右列是对策（共 {len(problems)} 个问题、{len(causes)} 条原因、{len(cms)} 条对策）。"
             "下面按对策类别分图，全部条目的大图在页末。点击任一方框打开该条目；鼠标停在方框上可看到完整标题和摘要，"
             "选中方框（点击或用 Tab 键）可突出它所在的路径。手机上以列表显示。"
             f"同样的关系也可以在{link(here, MATRIX_URI, TITLES[MATRIX_URI])}中按行查看。", ""]
    if total == 0:
        return _page(title, lines + ["暂无条目。"], wide=True)
    groups = map_groups(kb)
    parts = paging(kb).map
    if parts:
        lines += [f"条目较多，关系图按对策类别分成 {len(parts)} 张，每张单独成页，画出该类中关联最多的 {MAP_PER_CATEGORY} 条对策；"
                  f"全部对策见{link(here, BY_CATEGORY_URI, TITLES[BY_CATEGORY_URI])}和"
                  f"{link(here, MATRIX_URI, TITLES[MATRIX_URI])}。", ""]
        lines += [f"- {link(here, p.uri, p.label)}：{len(members)} 条对策"
                  + (f"，图中画出 {MAP_PER_CATEGORY} 条" if len(members) > MAP_PER_CATEGORY else "")
                  for p, (_, _, members) in zip(parts, groups)]
        return _page(title, lines, wide=True)
    by_category = "按对策类别分图：" + " · ".join(f"[{esc(t)}](#{category_anchor(c)})" for c, t, _ in groups)
    lines += [LEGEND, "", by_category + " · [全部条目](#all)", ""]
    for cat_id, cat_title, members in groups:
        lines += _category_map(kb, here, cat_id, f"{cat_title}类对策", members)
    # the whole map on demand: a tangle of every line is of little use as the first view
    whole = map_figure(whole_graph(kb), here, "问题表现、原因与对策关系图", gap_x=WIDE_GAP_X)
    lines += ["## 全部条目 {#all}", "",
              raw_html(f'<details class="rh-map-all"><summary>显示全部 {total} 个条目的关系图（图较大，线条较多）</summary>'
                       f"{whole}</details>"), ""]
    return _page(title, lines, wide=True)


def _category_map(kb: KnowledgeBase, here: str, cat_id: str, label: str, all_members: list) -> list[str]:
    """The map of one category (``label``: "认识类对策"), its most connected countermeasures."""
    ranked = sorted(all_members, key=lambda cm: -(len(cm.problems) + len(cm.causes)))[:MAP_PER_CATEGORY]
    keep = {cm.id for cm in ranked}
    members = [cm for cm in all_members if cm.id in keep]
    cause_ids = dict.fromkeys(c for cm in members for c in cm.causes if kb.get(c))
    sub_causes = [kb.get(c) for c in cause_ids]
    problem_ids = dict.fromkeys([p for cm in members for p in cm.problems if kb.get(p)]
                                + [p for c in sub_causes for p in getattr(c, "problems", []) if kb.get(p)])
    sub_problems = [kb.get(p) for p in problem_ids]
    graph = whole_graph(kb, sub_problems, sub_causes, members)
    return [f"## {esc(label)} {{#{category_anchor(cat_id)}}}", "",
            raw_html(map_figure(graph, here, f"{label}关系图", map_caption(graph), gap_x=WIDE_GAP_X)), ""]


# --- parts of the big pages (ronghe.render.index_parts) --------------------------------

def render_part(kb: KnowledgeBase, part: Part) -> str:
    here = part.uri
    pg = paging(kb)
    base_title = TITLES[part.base]
    crumbs = breadcrumbs(here, [("对策", "countermeasures/index.md"), (HUB_TITLE, HUB_URI),
                                (base_title, part.base), (part.label, None)])
    pager = part_pager(here, pg, part, f"{base_title}（全部）")
    lines = [crumbs, f"# {esc(part.title)}", "", pager, ""]
    wide = part.base in (MATRIX_URI, MAP_URI)
    if part.base == MATRIX_URI:
        lines += [f"本部分列出 {len(part.entries)} 个问题表现各自的对策：直接针对问题的，和针对其原因的。", "",
                  raw_html(render_by_problem(kb, here, part.entries),
                           anchors=[problem_anchor(p.id) for p in part.entries]), ""]
    elif part.base == BY_CAUSE_URI:
        lines += [f"本部分共 {len(part.entries)} 条原因。每条原因列出它导致的问题表现和针对它的对策。", ""]
        for c in part.entries:
            lines += _cause_block(kb, here, c)
    elif part.base == BY_LEVEL_URI:
        lines += _level_block(kb, here, part.entries[0], part.group)
    else:
        members = crossref(kb).cms_by_category.get(part.key, [])
        lines += [f"本类共 {len(members)} 条对策"
                  + (f"，图中画出关联最多的 {MAP_PER_CATEGORY} 条" if len(members) > MAP_PER_CATEGORY else "")
                  + f"。全部对策见{link(here, pg.target(BY_CATEGORY_URI, category_anchor(part.key)), f'全部{part.group_title}类对策')}。",
                  "", LEGEND, ""]
        lines += _category_map(kb, here, part.key, part.label, members)   # label: "认识类对策"
    lines += [pager, ""]
    return _page(part.title, lines, wide=wide)


def countermeasure_indexes(kb: KnowledgeBase) -> list[tuple[str, str]]:
    pages = [(HUB_URI, render_hub(kb)), (MATRIX_URI, render_matrix_page(kb)), (BY_CAUSE_URI, render_by_cause(kb)),
             (BY_LEVEL_URI, render_by_level(kb)), (BY_TAG_URI, render_by_tag(kb)), (MAP_URI, render_map_page(kb))]
    return pages + [(p.uri, render_part(kb, p)) for p in paging(kb).parts()]

