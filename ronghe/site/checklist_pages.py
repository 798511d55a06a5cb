"""Checklist pages: one per responsibility level, for ticking off on screen and for printing.

The table is raw HTML inside the Markdown page (checkboxes, print-only columns);
``docs/assets/ronghe-checklist.js`` keeps the ticks in the browser and
``docs/assets/ronghe-checklist.css`` holds the screen and print layout.
"""

from __future__ import annotations

import html
import re
import posixpath

from ronghe.content.checklists import (ALL_LEVELS_TITLE, ItemAccounting, LevelChecklist, basis_countermeasures,
                                       basis_sources, checklist_of_file, level_checklists, merge_level_items,
                                       more_text, shown_basis)
from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import Checklist, ChecklistItem, Entry
from .hrefs import href
from .index_parts import paging
from .markup import esc, front_matter, link, raw_html
from .sections import SECTION_BY_TYPE
from .urls import ALL_LEVELS_PDF, BY_LEVEL_URI, TITLES, checklist_pdf_uri, checklist_uri, entry_uri

STORAGE_NOTE = "勾选情况只保存在您这台电脑的这个浏览器里，不会上传；换电脑或清除浏览器数据后需重新勾选。"


def count_note(acc: ItemAccounting) -> str:
    """Why a level's number of 举措 and of checklist items differ, in one sentence ("" when
    every 举措 is an item of its own and the file lists nothing else)."""
    if acc.merged == 0 and acc.from_file == 0:
        return ""
    text = f"本层级在各对策中共有 {acc.measures} 项举措"
    if acc.merged:
        text += f"，其中 {acc.merged} 项已被清单列明的事项涵盖或与其他举措内容相同，不再单列"
    return text + f"；清单共 {acc.items} 项＝清单文件列明 {acc.from_file} 项＋由举措汇总 {acc.derived} 项。"


def _filehref(here: str, site_path: str) -> str:
    """Link from a page to a file written into the site (e.g. a PDF)."""
    return html.escape(posixpath.relpath(site_path, posixpath.dirname(here) or "."), quote=True)


def _a(here: str, e: Entry, text: str) -> str:
    return f'<a href="{href(here, entry_uri(e))}">{html.escape(text)}</a>'


def _links(here: str, entries: list[Entry], text=lambda e: e.title) -> str:
    return "、".join(_a(here, e, text(e)) for e in entries)


def _all_measures(kb: KnowledgeBase, here: str, lc: LevelChecklist) -> str:
    """Where every 举措 of the level is listed (after a list shortened by ``shown_basis``)."""
    uri, _, anchor = paging(kb).level_row(lc.level.id).partition("#")
    return f'（本层级全部举措见<a href="{href(here, uri, anchor)}">{html.escape(TITLES[BY_LEVEL_URI])}</a>）'


def _basis_line(kb: KnowledgeBase, here: str, lc: LevelChecklist, item: ChecklistItem) -> str:
    cms, n_cms = shown_basis(basis_countermeasures(kb, item))
    srcs, n_srcs = shown_basis(basis_sources(kb, item))
    parts = []
    if cms:   # on screen shown once the item is ticked (before that the help line names them)
        more = more_text(cms, n_cms, "条对策")
        parts.append('<span class="rh-cl-basis-cm">依据对策：' + _links(here, cms)
                     + (more + _all_measures(kb, here, lc) if more else "") + "</span>")
    if srcs:
        parts.append("出处：" + _links(here, srcs, lambda s: f"《{s.title}》") + more_text(srcs, n_srcs, "种文献"))
    if item.derived_from:
        parts.append('<span class="rh-cl-derived">由对策举措汇总</span>')
    return '<div class="rh-cl-basis">' + '<span class="rh-cl-sep"> · </span>'.join(parts) + "</div>" if parts else ""


def _help_line(kb: KnowledgeBase, here: str, lc: LevelChecklist, item: ChecklistItem) -> str:
    cms, n_cms = shown_basis(basis_countermeasures(kb, item))
    if not cms:
        return ""
    more = more_text(cms, n_cms, "条")
    return (f'<div class="rh-cl-help">尚未做到？参考对策：{_links(here, cms)}'
            f'{more + _all_measures(kb, here, lc) if more else ""}</div>')


def _row(kb: KnowledgeBase, here: str, lc: LevelChecklist, item: ChecklistItem) -> str:
    iid = html.escape(item.id, quote=True)
    text = html.escape(" ".join(item.text.split()))
    return (
        f'<tr class="rh-cl-item" id="{iid}" data-item="{iid}">'
        f'<td class="rh-cl-c-check"><input type="checkbox" class="rh-cl-check" id="rh-chk-{iid}" '
        f'data-item="{iid}"><span class="rh-cl-box" aria-hidden="true"></span></td>'
        f'<td class="rh-cl-c-text"><label for="rh-chk-{iid}">{text}</label>'
        f'{_basis_line(kb, here, lc, item)}{_help_line(kb, here, lc, item)}</td>'
        f'<td class="rh-cl-c-timing">{html.escape(item.timing) or "—"}</td>'
        f'<td class="rh-cl-c-evidence">{html.escape(item.evidence) or "—"}</td>'
        '<td class="rh-cl-c-status"></td><td class="rh-cl-c-note"></td></tr>'
    )


_HEAD = ('<thead><tr><th class="rh-cl-c-check">完成</th><th class="rh-cl-c-text">事项</th>'
         '<th class="rh-cl-c-timing">时间要求</th><th class="rh-cl-c-evidence">佐证材料</th>'
         '<th class="rh-cl-c-status">完成情况</th><th class="rh-cl-c-note">备注</th></tr></thead>')


def _toolbar(here: str, lc: LevelChecklist, total: int) -> list[str]:
    pdf_name = html.escape(f"{lc.title}.pdf", quote=True)
    all_name = html.escape(f"{ALL_LEVELS_TITLE}.pdf", quote=True)
    return [
        f'<div class="rh-cl-toolbar" data-rh-checklist="{html.escape(lc.level.id, quote=True)}" data-rh-total="{total}">',
        '<div class="rh-cl-progress">'
        f'<progress class="rh-cl-bar" max="{total}" value="0" aria-label="完成进度" '
        f'aria-valuetext="已完成 0 / {total} 项"></progress>'
        f'<span class="rh-cl-progress-text" role="status" aria-live="polite">已完成 <b class="rh-cl-done">0</b> / {total} 项</span></div>',
        '<div class="rh-cl-actions">'
        '<button type="button" class="md-button rh-cl-reset">清空勾选</button>'
        '<button type="button" class="md-button rh-cl-print">打印本清单</button>'
        f'<a class="md-button md-button--primary rh-cl-pdf" href="{_filehref(here, checklist_pdf_uri(lc))}" download="{pdf_name}">下载 PDF</a>'
        f'<a class="md-button rh-cl-pdf-all" href="{_filehref(here, ALL_LEVELS_PDF)}" download="{all_name}">全部层级合订本 PDF</a>'
        '</div>',
        f'<p class="rh-cl-note">{html.escape(STORAGE_NOTE)}</p>',
        "</div>",
        "",
    ]


def _print_head() -> list[str]:
    return [
        '<div class="rh-cl-printhead">'
        '<span>单位：<span class="rh-fill rh-fill--long"></span></span>'
        '<span>年度：<span class="rh-fill rh-fill--short"></span>年</span>'
        '<span>填表人：<span class="rh-fill"></span></span>'
        "</div>",
        "",
    ]


def _sign_block() -> list[str]:
    return [
        '<div class="rh-cl-sign">'
        '<p><span>责任人（签字）：<span class="rh-fill"></span></span>'
        '<span>日期：<span class="rh-fill rh-fill--short"></span>年<span class="rh-fill rh-fill--tiny"></span>月'
        '<span class="rh-fill rh-fill--tiny"></span>日</span></p>'
        '<p><span>审核人（签字）：<span class="rh-fill"></span></span>'
        '<span>日期：<span class="rh-fill rh-fill--short"></span>年<span class="rh-fill rh-fill--tiny"></span>月'
        '<span class="rh-fill rh-fill--tiny"></span>日</span></p>'
        "</div>",
        "",
    ]


def _help_list(kb: KnowledgeBase, here: str, lc: LevelChecklist) -> list[str]:
    by_cm: dict[str, list[str]] = {}
    for item in lc.items():
        for cm in shown_basis(basis_countermeasures(kb, item))[0]:   # those the items name
            by_cm.setdefault(cm.id, []).append(item.id)
    if not by_cm:
        return []
    out = ['<section class="rh-cl-helpbox">', "<h2>尚未完成事项的参考对策</h2>",
           '<p class="rh-cl-helpnote">下列对策写明了怎么做、由谁做，并附典型案例；已全部勾选的事项对应的对策会自动隐去。</p>',
           '<ul class="rh-cl-helplist">']
    for cm_id, item_ids in by_cm.items():
        cm = kb.get(cm_id)
        summary = f"：{html.escape(cm.summary)}" if cm.summary else ""
        out.append(f'<li data-items="{html.escape(" ".join(item_ids), quote=True)}">{_a(here, cm, cm.title)}{summary}</li>')
    out += ["</ul>", "</section>", ""]
    return out


def render_level_checklist(kb: KnowledgeBase, here: str, lc: LevelChecklist) -> list[str]:
    """Everything below the page header: toolbar, print header, grouped items, signature lines."""
    items = lc.items()
    from_file, derived = lc.counts()
    out = []
    lv = lc.level
    role = f"（{esc(lv.role)}）" if lv.role else ""
    head = f"责任层级：{link(here, entry_uri(lv), lv.title)}{role}。"
    if not items:
        return out + [head + "本层级暂无需要落实的事项。", ""]
    out += [head + f"共 {len(items)} 项，"
            + (f"其中清单列明 {from_file} 项、由对策举措汇总 {derived} 项。" if from_file and derived
               else ("均由对策举措汇总。" if derived else "均为清单列明事项。")), ""]
    out += _toolbar(here, lc, len(items))
    out += _print_head()
    for g in lc.groups:
        if not g.items:
            continue
        out += [f"## {esc(g.title)}", ""]
        rows = "\n".join(_row(kb, here, lc, i) for i in g.items)
        # a raw HTML slot: the converter would parse the whole table twice; the items are link targets
        out += [raw_html(f'<table class="rh-cl-table">{_HEAD}<tbody>\n{rows}\n</tbody></table>',
                         anchors=[i.id for i in g.items]), ""]
    out += _sign_block()
    help_list = _help_list(kb, here, lc)
    if help_list:
        out += [raw_html("\n".join(help_list).rstrip()), ""]
    # how the items were counted, for editors and trainers: after the items, so that on a phone the first
    # screen is the toolbar and the first items, not bookkeeping
    note = count_note(lc.accounting(kb))
    if note:
        out += [f'<p class="rh-count-note" markdown="span">{esc(note)}'
                f"（各层级对照见{link(here, BY_LEVEL_URI, TITLES[BY_LEVEL_URI])}）</p>", ""]
    return out


def render_checklist_body(kb: KnowledgeBase, here: str, e: Checklist) -> list[str]:
    """Body of the page of a checklist file (called from ``entry_pages``)."""
    lc = checklist_of_file(kb, e)
    if lc is None:  # its level is not published: show the file's items only
        lv = kb.get(e.level)
        if lv is None:
            return [f"责任层级“{esc(e.level)}”未发布。", ""] + [
                f"- {esc(i.text)}" for i in e.items()] + [""]
        lc = LevelChecklist(level=lv, groups=merge_level_items(kb, lv, e), source=e, slug=e.slug or e.id)
    return render_level_checklist(kb, here, lc)


def render_generated_checklist_page(kb: KnowledgeBase, lc: LevelChecklist) -> str:
    """The full page of a level that has no checklist file."""
    here = checklist_uri(lc)
    section = SECTION_BY_TYPE["checklist"]
    lines = [f"# {esc(lc.title)}", "",
             f'<p class="rh-kicker"><span class="rh-type rh-type--checklist">{section.title}</span></p>', "",
             '!!! abstract "摘要"', "", f"    {esc(lc.summary)}", ""]
    lines += render_level_checklist(kb, here, lc)
    meta = {"title": lc.title, "ronghe_type": "checklist", "ronghe_level": lc.level.id}
    return front_matter(**meta) + "\n".join(lines).rstrip() + "\n"


def generated_checklist_pages(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(src_uri, markdown) of the checklist pages of levels without a checklist file."""
    return [(checklist_uri(lc), render_generated_checklist_page(kb, lc))
            for lc in level_checklists(kb) if lc.source is None]


def render_checklist_index(kb: KnowledgeBase) -> str:
    """``checklists/index.md``: every level's checklist, with item counts and PDFs."""
    section = SECTION_BY_TYPE["checklist"]
    here = section.index_uri
    lcs = level_checklists(kb)
    lines = [f"# {section.title}", "", esc(kb.identity.intro(section.type_name)), "",
             "每份清单汇总了清单文件列明的事项和各项对策中写明该层级的举措，"
             "并注明依据的对策、出处、时间要求和佐证材料。", ""]
    if not lcs:
        return front_matter(title=section.title) + "\n".join(lines + ["暂无责任层级。"]) + "\n"
    lines += [f"共 {len(lcs)} 个层级。", ""]
    # a list of cards rather than a four-column table: readable on a phone
    rows = []
    for lc in lcs:
        lv = lc.level
        pdf = (f' · <a href="{_filehref(here, checklist_pdf_uri(lc))}">打印版 PDF</a>' if lc.items() else "")
        rows.append(f'<li><a class="rh-cl-index__name" href="{href(here, checklist_uri(lc))}">{html.escape(lc.title)}</a>'
                    f'<span class="rh-cl-index__meta">{len(lc.items())} 项 · 责任层级：'
                    f'<a href="{href(here, entry_uri(lv))}">{html.escape(lv.title)}</a>{pdf}</span></li>')
    lines += [raw_html('<ul class="rh-cl-index">' + "".join(rows) + "</ul>"), ""]
    lines += [f'全部层级合订为一册：<a href="{_filehref(here, ALL_LEVELS_PDF)}">{html.escape(ALL_LEVELS_TITLE)}（PDF）</a>', ""]
    return front_matter(title=section.title) + "\n".join(lines).rstrip() + "\n"


HOME_MARKER = "<!-- ronghe:level-checklists -->"
# the marker on a line of its own (not where a page quotes it, e.g. in code)
HOME_MARKER_LINE = re.compile(r"^[ \t]*" + re.escape(HOME_MARKER) + r"[ \t]*$", re.M)


def fill_home_marker(kb: KnowledgeBase, markdown: str, here: str = "index.md") -> str:
    """``markdown`` with a line holding only ``HOME_MARKER`` replaced by ``home_checklist_links``."""
    if HOME_MARKER not in markdown:
        return markdown
    return HOME_MARKER_LINE.sub(lambda _m: home_checklist_links(kb, here), markdown)


def home_checklist_links(kb: KnowledgeBase, here: str = "index.md") -> str:
    """The home page's direct way to each level's own checklist (replaces ``HOME_MARKER``
    in docs/index.md): one link per level, with its number of items."""
    lcs = level_checklists(kb)
    if not lcs:
        return ""
    items = "".join(f'<li><a href="{href(here, checklist_uri(lc))}">{html.escape(lc.level.short or lc.level.title)}</a>'
                    f'<span class="rh-home-cl__n">{len(lc.items())} 项</span></li>' for lc in lcs)
    return f'<ul class="rh-home-cl" aria-label="各层级责任清单">{items}</ul>'
