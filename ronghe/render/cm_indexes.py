"""对策索引 pages generated from the content graph: the hub, by cause, by
responsibility level (what each level must do, from the 举措 that name it), by tag,
and the relationship map of the whole knowledge base. (By problem = the matrix,
by category = the 对策 section index.)"""

from __future__ import annotations

import html

from ..checklists import checklist_of_level
from ..graph import KnowledgeBase
from ..model import Level
from .breadcrumbs import breadcrumbs
from .crossref import crossref, tag_anchor
from .index_uris import (BY_CATEGORY_URI, BY_CAUSE_URI, BY_LEVEL_URI, BY_TAG_URI, HUB_TITLE, HUB_URI, MAP_URI,
                         MATRIX_URI, TITLES, cause_anchor, category_anchor, level_anchor)
from .hrefs import a
from .markup import cell, esc, front_matter, html_table, link, raw_html  # raw HTML skips the converter
from .matrix import render_matrix_page
from .relmap import LEGEND, WIDE_GAP_X, map_figure, whole_graph
from .sections import SECTION_BY_TYPE


def E(text: str) -> str:  # text in raw HTML (quotes need no escaping outside attributes)
    return html.escape(text, quote=False)


MAP_MAX_NODES = 150   # above this, the map page draws one map per category ...
MAP_PER_CATEGORY = 40  # ... with at most this many countermeasures each (the page stays small)


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
        (BY_TAG_URI, f"按 {len(xr.entries_by_tag)} 个标签查找问题、对策和案例。"),
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
    for c in causes:  # headings in Markdown (table of contents), the rest as raw HTML (many links)
        problems = [kb.get(p) for p in dict.fromkeys(getattr(c, "problems", [])) if kb.get(p)]
        cms = kb.countermeasures_for_cause(c.id)
        body = [f"<p>{a(here, c.page_path, '查看原因详情')}：{E(c.summary)}</p>"]
        if problems:
            body.append("<p>导致的问题：" + "、".join(a(here, p.page_path, p.title) for p in problems) + "</p>")
        body += ["<p>针对它的对策：</p>", "<ul>"]
        body += [f"<li>{a(here, cm.page_path, cm.title)}：{E(cm.summary)}</li>" for cm in cms] or ["<li>暂无对策。</li>"]
        body.append("</ul>")
        lines += [f"## {esc(c.title)} {{#{cause_anchor(c.id)}}}", "", raw_html("\n".join(body)), ""]
    return _page(title, lines)


def render_by_level(kb: KnowledgeBase) -> str:
    here = BY_LEVEL_URI
    title = TITLES[here]
    xr = crossref(kb)
    levels = sorted(kb.levels(), key=lambda lv: (lv.order, lv.id))
    lines = [_crumbs(here, title), f"# {title}", "",
             "每个责任层级要做的事，取自各条对策中写明由该层级负责的具体举措。", ""]
    if levels:
        lines += ["| 责任层级 | 责任定位 | 举措数 | 涉及对策 |", "| --- | --- | --- | --- |"]
        for lv in levels:
            pairs = xr.measures_by_level.get(lv.id, [])
            cms = {cm.id for cm, _ in pairs}
            lines.append(f"| [{esc(lv.title)}](#{level_anchor(lv.id)}) | {cell(lv.role) or '—'} | {len(pairs)} | {len(cms)} |")
        lines.append("")
    for lv in levels:
        assert isinstance(lv, Level)
        pairs = xr.measures_by_level.get(lv.id, [])
        lines += [f"## {esc(lv.title)} {{#{level_anchor(lv.id)}}}", ""]
        intro = f"{link(here, lv.page_path, '查看层级详情')}" + (f"（{esc(lv.role)}）" if lv.role else "")
        cl = checklist_of_level(kb, lv.id)
        if cl:
            intro += f"；可打印的{link(here, cl.page_path, cl.title)}"
        lines += [intro + "。", ""]
        if not pairs:
            lines += ["暂无写明由本层级负责的举措。", ""]
            continue
        rows = [[E(_one_line(m.text)), E(_one_line(m.timing)) or "—", E(_one_line(m.evidence)) or "—",
                 a(here, cm.page_path, cm.title)] for cm, m in pairs]
        lines += [raw_html(html_table(["举措", "时间要求", "佐证材料", "所属对策"], rows)), ""]  # thousands of rows
    return _page(title, lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_by_tag(kb: KnowledgeBase) -> str:
    here = BY_TAG_URI
    title = TITLES[here]
    xr = crossref(kb)
    tags = xr.tags()
    lines = [_crumbs(here, title), f"# {title}", "",
             f"共 {len(tags)} 个标签，按使用次数排列。条目页上的标签也链接到这里。", ""]
    if tags:
        lines += ['<p class="rh-tagcloud">' + " ".join(
            f'<a class="rh-tag" href="#{tag_anchor(t)}">{esc(t)}（{len(xr.entries_by_tag[t])}）</a>' for t in tags) + "</p>", ""]
    for t in tags:
        lines += [f"## {esc(t)} {{#{tag_anchor(t)}}}", ""]
        by_type: dict[str, list] = {}
        for e in xr.entries_by_tag[t]:
            by_type.setdefault(e.type_name, []).append(e)
        for type_name, items in by_type.items():
            lines.append(f"- {SECTION_BY_TYPE[type_name].title}：" + "、".join(link(here, e.page_path, e.title) for e in items))
        lines.append("")
    return _page(title, lines)


def render_map_page(kb: KnowledgeBase) -> str:
    here = MAP_URI
    title = TITLES[here]
    problems, causes, cms = (kb.by_type(t) for t in ("problem", "cause", "countermeasure"))
    total = len(problems) + len(causes) + len(cms)
    lines = [_crumbs(here, title), f"# {title}", "",
             f"左列是问题表现，中间是导致问题的原因，右列是对策（共 {len(problems)} 个问题、{len(causes)} 条原因、{len(cms)} 条对策）。"
             "点击任一方框打开该条目；鼠标停在方框上可看到完整标题和摘要。"
             f"同样的关系也可以在{link(here, MATRIX_URI, TITLES[MATRIX_URI])}中按行查看。", "", LEGEND, ""]
    if total == 0:
        return _page(title, lines + ["暂无条目。"], wide=True)
    xr = crossref(kb)
    order = list(kb.categories) + [c for c in xr.cms_by_category if c not in kb.categories]
    groups = [(cat_id, kb.categories[cat_id].title if cat_id in kb.categories else (cat_id or "未分类"),
               xr.cms_by_category[cat_id]) for cat_id in order if xr.cms_by_category.get(cat_id)]
    by_category = "按对策类别分图：" + " · ".join(f"[{esc(t)}](#{category_anchor(c)})" for c, t, _ in groups)
    if total <= MAP_MAX_NODES:
        lines += [by_category, "", "## 全部条目 {#all}", "",
                  raw_html(map_figure(whole_graph(kb), here, "问题表现、原因与对策关系图", gap_x=WIDE_GAP_X)), ""]
    else:
        lines += [f"条目较多，关系图按对策类别分成若干张；每张画出该类中关联最多的 {MAP_PER_CATEGORY} 条对策，"
                  f"全部对策见{link(here, BY_CATEGORY_URI, TITLES[BY_CATEGORY_URI])}和"
                  f"{link(here, MATRIX_URI, TITLES[MATRIX_URI])}。", "", by_category, ""]
    for cat_id, cat_title, all_members in groups:
        ranked = sorted(all_members, key=lambda cm: -(len(cm.problems) + len(cm.causes)))[:MAP_PER_CATEGORY]
        keep = {cm.id for cm in ranked}
        members = [cm for cm in all_members if cm.id in keep]
        cause_ids = dict.fromkeys(c for cm in members for c in cm.causes if kb.get(c))
        sub_causes = [kb.get(c) for c in cause_ids]
        problem_ids = dict.fromkeys([p for cm in members for p in cm.problems if kb.get(p)]
                                    + [p for c in sub_causes for p in getattr(c, "problems", []) if kb.get(p)])
        sub_problems = [kb.get(p) for p in problem_ids]
        graph = whole_graph(kb, sub_problems, sub_causes, members)
        lines += [f"## {esc(cat_title)}类对策 {{#{category_anchor(cat_id)}}}", "",
                  raw_html(map_figure(graph, here, f"{cat_title}类对策关系图", gap_x=WIDE_GAP_X)), ""]
    return _page(title, lines, wide=True)


def countermeasure_indexes(kb: KnowledgeBase) -> list[tuple[str, str]]:
    return [(HUB_URI, render_hub(kb)), (MATRIX_URI, render_matrix_page(kb)), (BY_CAUSE_URI, render_by_cause(kb)),
            (BY_LEVEL_URI, render_by_level(kb)), (BY_TAG_URI, render_by_tag(kb)), (MAP_URI, render_map_page(kb))]

