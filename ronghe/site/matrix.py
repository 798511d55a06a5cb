"""问题—对策矩阵: problems as rows, countermeasures (grouped by category) as columns.

● = the countermeasure names the problem; ○ = it addresses one of the problem's causes.
The grid is drawn only while it stays readable (and small); the list by problem below it
is always there and grows with the number of links, not with problems × countermeasures.
"""

from __future__ import annotations

import html
from typing import Optional

from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import Countermeasure, Entry
from .breadcrumbs import breadcrumbs
from .crossref import crossref
from .hrefs import a
from .index_parts import PART_SIZE, contents, paging
from .urls import HUB_TITLE, HUB_URI, MATRIX_URI, TITLES, entry_uri, problem_anchor
from .markup import front_matter, raw_html

GRID_MAX_COLUMNS = 60
GRID_MAX_ROWS = 120


def _ordered_countermeasures(kb: KnowledgeBase) -> list[tuple[str, list[Countermeasure]]]:
    xr = crossref(kb)
    groups = []
    for cat_id, cat in kb.categories.items():
        if xr.cms_by_category.get(cat_id):
            groups.append((cat.title, xr.cms_by_category[cat_id]))
    for cat_id, members in xr.cms_by_category.items():
        if cat_id not in kb.categories and members:
            groups.append((cat_id or "未分类", members))
    return groups


def render_grid(kb: KnowledgeBase, here: str = MATRIX_URI) -> str:
    """The matrix as one raw-HTML block (no blank lines, so Markdown leaves it alone)."""
    xr = crossref(kb)
    groups = _ordered_countermeasures(kb)
    cms = [cm for _, members in groups for cm in members]
    problems = kb.by_type("problem")
    rows = ['<div class="rh-matrix-wrap"><table class="rh-matrix">', "<thead>",
            '<tr><th class="rh-matrix__corner" rowspan="2" scope="col">问题表现 ＼ 对策</th>']
    for title, members in groups:
        rows.append(f'<th class="rh-matrix__cat rh-matrix__first" colspan="{len(members)}" scope="colgroup">{html.escape(title)}</th>')
    rows.append('<th class="rh-matrix__count" rowspan="2" scope="col">对策数</th></tr><tr>')
    # a rule before the first column of each category
    first = {members[0].id for _, members in groups}

    def sep(cm) -> str:
        return " rh-matrix__first" if cm.id in first else ""

    for cm in cms:
        rows.append(f'<th class="rh-matrix__cm{sep(cm)}" scope="col">'
                    f'{a(here, entry_uri(cm), cm.title, title=cm.summary)}</th>')
    rows.append("</tr></thead><tbody>")
    for p in problems:
        direct = {c.id for c in kb.countermeasures_for_problem(p.id)}
        via = {c.id for c in xr.cms_via_causes.get(p.id, [])}
        empty = " rh-matrix__row--empty" if not direct and not via else ""
        rows.append(f'<tr class="rh-matrix__row{empty}"><th scope="row">{a(here, entry_uri(p), p.title, title=p.summary)}</th>')
        for cm in cms:
            if cm.id in direct:
                why = f"{cm.title} —— 直接针对“{p.title}”"
                rows.append(f'<td class="rh-matrix__hit{sep(cm)}">{a(here, entry_uri(cm), "●", title=why, label=why)}</td>')
            elif cm.id in via:
                why = f"{cm.title} —— 针对其原因：" + "、".join(c.title for c in xr.causes_linking(cm, p.id))
                rows.append(f'<td class="rh-matrix__via{sep(cm)}">{a(here, entry_uri(cm), "○", title=why, label=why)}</td>')
            else:
                rows.append(f'<td class="{sep(cm).strip()}"></td>' if sep(cm) else "<td></td>")
        rows.append(f'<td class="rh-matrix__n">{len(direct) + len(via) or "—"}</td></tr>')
    rows.append("</tbody></table></div>")
    return "".join(rows)


def render_matrix_page(kb: KnowledgeBase) -> str:
    here = MATRIX_URI
    problems = kb.by_type("problem")
    cms = kb.by_type("countermeasure")
    title = TITLES[MATRIX_URI]
    lines = [breadcrumbs(here, [("对策", "countermeasures/index.md"), (HUB_TITLE, HUB_URI), (title, None)]),
             f"# {title}", "",
             f"共 {len(problems)} 个问题表现、{len(cms)} 条对策。每一行是一个问题表现，每一列是一条对策（按类别分组）："
             "**●** 表示对策直接针对该问题，**○** 表示对策针对该问题的某个原因。点击符号打开对策，"
             "把鼠标停在符号上可看到对应关系。", ""]
    if problems and cms and len(cms) <= GRID_MAX_COLUMNS and len(problems) <= GRID_MAX_ROWS:
        lines += [render_grid(kb, here), ""]
        lines += ['<p class="rh-matrix-legend"><span>● 直接针对</span><span>○ 针对其原因</span>'
                  '<span class="rh-matrix-legend__empty">底色标出的行：暂无对策</span></p>', ""]
    elif problems and cms:
        lines += ["问题和对策较多，矩阵以下面的列表形式给出。", ""]
    lines += ["## 按问题查对策 {#by-problem}", ""]
    parts = paging(kb).matrix
    if not problems:
        lines += ["暂无问题表现。", ""]
    elif parts:  # the list by problem in parts (ronghe.render.index_parts), here its contents
        lines += [f"问题表现较多，列表分 {len(parts)} 部分，每部分 {PART_SIZE} 个。点击问题直接打开它所在的部分。", ""]
        lines += contents(here, parts, problem_anchor, "###")
    else:  # raw HTML: thousands of links made this the slowest page to convert
        lines += [raw_html(render_by_problem(kb, here), anchors=[problem_anchor(p.id) for p in problems]), ""]
    return front_matter(title=title, hide=["navigation", "toc"]) + "\n".join(lines).rstrip() + "\n"


def render_by_problem(kb: KnowledgeBase, here: str = MATRIX_URI, problems: Optional[list[Entry]] = None) -> str:
    """按问题查对策 as HTML: per problem (all, or ``problems``) a heading (linked to from its
    page), its summary and the countermeasures addressing it directly or through one of its causes."""
    xr = crossref(kb)
    out = []
    for p in kb.by_type("problem") if problems is None else problems:
        anchor = html.escape(problem_anchor(p.id), quote=True)
        out += [f'<h3 id="{anchor}">{html.escape(p.title, quote=False)}'
                f'<a class="headerlink" href="#{anchor}" title="本节的链接">¶</a></h3>',
                f"<p>{a(here, entry_uri(p), '查看问题详情')}：{html.escape(p.summary, quote=False)}</p>"]
        direct = kb.countermeasures_for_problem(p.id)
        via = xr.cms_via_causes.get(p.id, [])
        if not direct and not via:
            out.append("<p>暂无针对这一问题的对策。</p>")
            continue
        items = []
        if direct:
            items.append("<li>直接针对本问题：" + "、".join(a(here, entry_uri(cm), cm.title) for cm in direct) + "</li>")
        shown = {cm.id for cm in direct}
        for cause in kb.causes_of(p.id):
            cms = [cm for cm in kb.countermeasures_for_cause(cause.id) if cm.id not in shown]
            if cms:
                items.append(f"<li>针对原因“{a(here, entry_uri(cause), cause.title)}”："
                             + "、".join(a(here, entry_uri(cm), cm.title) for cm in cms) + "</li>")
        out.append("<ul>\n" + "\n".join(items) + "\n</ul>")
    return "\n".join(out)
