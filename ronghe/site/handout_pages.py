"""Web pages of the training material (issue 9): a topic handout, the training index and
the list of printable material.

The handout page is the topic entry's page; ``docs/assets/ronghe-training.css`` gives
it an A4 print layout (no navigation, ruled lines for notes). Its PDF and the booklet
are written after the build (ronghe/build/pdf/handouts.py, ronghe/build/pdf/booklet.py); the
printable-material page carries placeholders that ronghe/build/pdf/printables.py fills with
each file's size and page count once the PDFs exist.
"""

from __future__ import annotations

import html
import posixpath
from typing import Optional

from ronghe.content.checklists import ALL_LEVELS_TITLE, level_checklists
from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import Topic
from ronghe.content.training import NOTE_LINES, PRINTABLES_TITLE, Handout, build_handout, handouts
from .booklet_files import booklet_files
from .breadcrumbs import breadcrumbs
from .markup import esc, front_matter, link, quote
from .sections import SECTION_BY_TYPE
from .urls import (ALL_LEVELS_PDF, PRINTABLES_URI, checklist_pdf_uri, entry_uri, handout_pdf_uri,
                   html_path)

E = html.escape
PENDING = "（生成后显示）"


def file_href(here: str, site_path: str) -> str:
    """Link from a generated page to a file written into the site after the build (a PDF)."""
    return E(posixpath.relpath(site_path, posixpath.dirname(here) or "."), quote=True)


def meta_placeholder(site_path: str) -> str:
    """Filled in after the build with the file's size and page count (ronghe/build/pdf/printables.py)."""
    return f'<span class="rh-pdf-meta" data-rh-pdf="{E(site_path, quote=True)}">{PENDING}</span>'


def _level_name(lv) -> str:
    return lv.title + (f"（{lv.role}）" if lv.role else "")


def handout_markdown(kb: KnowledgeBase, here: str, h: Handout) -> list[str]:
    """The handout body below the page header (title and summary come from the entry page)."""
    t = h.topic
    pdf_name = E(f"{t.title}.pdf", quote=True)
    out = [f'<p class="rh-handout-actions"><a class="md-button md-button--primary" '
           f'href="{file_href(here, handout_pdf_uri(t))}" download="{pdf_name}">下载讲义 PDF</a> '
           f'{meta_placeholder(handout_pdf_uri(t))} '
           f'<a class="md-button" href="{file_href(here, html_path(PRINTABLES_URI))}">全部打印材料</a></p>', "",
           '<div class="rh-handout" markdown="1">', ""]
    cat = h.category
    if cat:
        out += [f'<p class="rh-handout-cat">对策类别：<strong>{E(cat.title)}</strong>——{E(cat.summary)}</p>', ""]
    out += ["## 导语", "", t.intro.strip(), ""]
    out += ["## 一、问题表现", ""]
    out += [f"- **{link(here, entry_uri(p), p.title)}**：{esc(p.summary)}" for p in h.problems] or ["（暂无）"]
    out += ["", "## 二、主要原因", ""]
    out += [f"- **{link(here, entry_uri(c), c.title)}**：{esc(c.summary)}" for c in h.causes] or ["（暂无）"]
    out += ["", "## 三、各层级怎么做", "",
            f"以下举措摘自本类 {len(h.countermeasures)} 条对策，按责任层级列出；括号内为时间要求。", ""]
    for lm in h.by_level:
        out += [f"### {link(here, entry_uri(lm.level), _level_name(lm.level))}", ""]
        for cm, m in lm.measures:
            timing = f"（{esc(m.timing)}）" if m.timing else ""
            out.append(f"- {esc(m.text)}{timing}——{link(here, entry_uri(cm), cm.title)}")
        out.append("")
    if h.case:
        c = h.case
        out += [f"## 四、案例：{link(here, entry_uri(c), c.title)}", ""]
        facts = "；".join(x for x in (f"单位：{esc(c.unit)}" if c.unit else "", f"时间：{esc(c.date)}" if c.date else "") if x)
        if facts:
            out += [facts, ""]
        out += [esc(c.summary), ""]
        if c.figures:
            out += ["| 项目 | 数据 |", "| --- | --- |"]
            out += [f"| {esc(f.label)} | {esc(f.value)} |" for f in c.figures]
            out.append("")
        if c.citations:
            src = kb.get(c.citations[0].source)
            out += [quote(c.citations[0].passage), ">",
                    f"> —— {link(here, entry_uri(src), '《' + src.title + '》') if src else esc(c.citations[0].source)}", ""]
    out += ["## 五、研讨题", ""]
    out += [f'<ol class="rh-questions">' + "".join(f'<li>{E(q)}<span class="rh-answer"></span></li>' for q in t.questions) + "</ol>", ""]
    out += ["## 笔记", "", '<p class="rh-notes">' + '<span class="rh-note-line"></span>' * NOTE_LINES + "</p>", ""]
    out += ["</div>", ""]
    return out


def render_topic_body(kb: KnowledgeBase, here: str, topic: Topic) -> list[str]:
    """Renderer of ``topic`` entries for ronghe/render/entry_pages.py."""
    return handout_markdown(kb, here, build_handout(kb, topic))


def _booklet_downloads(kb: KnowledgeBase, here: str) -> list[str]:
    files = booklet_files(kb)
    if len(files) == 1:
        (title, path), = files
        return [f'<p><a class="md-button md-button--primary" href="{file_href(here, path)}" '
                f'download="{E(title, quote=True)}.pdf">下载全书 PDF</a> {meta_placeholder(path)}</p>', "",
                "全书按 问题 → 原因 → 对策 → 案例 → 各层级清单 → 术语 → 来源 编排，带目录、页码和“见第 N 页”的交叉引用。", ""]
    # a large knowledge base: one PDF per chapter (ronghe.site.booklet_files)
    items = [f'<li><a href="{file_href(here, path)}" download="{E(title, quote=True)}.pdf">{E(title)}</a> '
             f'{meta_placeholder(path)}</li>' for title, path in files]
    return [f"条目较多（{len(kb.entries):,} 条），全书按章分为 {len(files)} 个 PDF 文件，页码连续编排，"
            "“见第 N 页”指全书页码（可能在另一个文件中）。第一个文件含封面和目录。", "",
            '<ul class="rh-booklet-files">', *items, "</ul>", ""]


def render_training_index(kb: KnowledgeBase) -> str:
    """``training/index.md``: the handouts, the booklet and a link to all printable material."""
    section = SECTION_BY_TYPE["topic"]
    here = section.index_uri
    hs = handouts(kb)
    lines = [breadcrumbs(here, [(section.title, None)]), f"# {section.title}", "", esc(kb.identity.intro(section.type_name)), "",
             "## 全书（合订本）", "", *_booklet_downloads(kb, here),
             f"## 专题讲义（共 {len(hs)} 份）", "",
             "每份讲义 2～4 页：问题表现、主要原因、各层级怎么做、一个案例、研讨题和笔记栏。"
             "可在网页上直接打印，也可下载 PDF。", "",
             "| 专题 | 对策类别 | 研讨题 | PDF |", "| --- | --- | --- | --- |"]
    for h in hs:
        t = h.topic
        lines.append(f"| {link(here, entry_uri(t), t.title)} | {esc(h.category.title) if h.category else '—'} | "
                     f"{len(t.questions)} 道 | <a href=\"{file_href(here, handout_pdf_uri(t))}\">PDF</a> |")
    lines += ["", f"全部可打印的材料（清单、讲义、全书）及其页数和大小见{link(here, PRINTABLES_URI, PRINTABLES_TITLE)}。", ""]
    return front_matter(title=section.title) + "\n".join(lines).rstrip() + "\n"


def printable_files(kb: KnowledgeBase, limit: Optional[int] = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every printable file of the site, grouped: (group title, [(title, site path)])."""
    groups = [("全书", booklet_files(kb, limit)),
              ("专题讲义", [(t.title, handout_pdf_uri(t)) for t in (h.topic for h in handouts(kb))])]
    lcs = level_checklists(kb)
    if lcs:
        groups.append(("责任清单", [(lc.title, checklist_pdf_uri(lc)) for lc in lcs] + [(ALL_LEVELS_TITLE, ALL_LEVELS_PDF)]))
    return [(g, files) for g, files in groups if files]


def render_printables(kb: KnowledgeBase) -> str:
    """``training/printables.md``: one row per PDF; size and pages are filled in after the build."""
    here = PRINTABLES_URI
    section = SECTION_BY_TYPE["topic"]
    lines = [breadcrumbs(here, [(section.title, section.index_uri), (PRINTABLES_TITLE, None)]),
             f"# {PRINTABLES_TITLE}", "",
             "本站所有可打印的材料。PDF 在每次生成站点时由当前内容重新生成，页数和文件大小随之更新；"
             "网页版讲义和清单也可以直接用浏览器打印（A4）。", ""]
    for group, files in printable_files(kb):
        lines += [f"## {group}", "", '<table class="rh-printables">',
                  "<thead><tr><th>材料</th><th>页数与大小</th><th>下载</th></tr></thead><tbody>"]
        for title, path in files:
            lines.append(f'<tr><td>{E(title)}</td><td>{meta_placeholder(path)}</td>'
                         f'<td><a href="{file_href(here, path)}" download="{E(title, quote=True)}.pdf">PDF</a></td></tr>')
        lines += ["</tbody></table>", ""]
    return front_matter(title=PRINTABLES_TITLE) + "\n".join(lines).rstrip() + "\n"


def training_pages(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Generated pages besides the topic entry pages (the index comes from index_pages)."""
    return [(PRINTABLES_URI, render_printables(kb))]
