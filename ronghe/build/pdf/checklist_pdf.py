"""Checklist PDFs: one per responsibility level plus one with all levels, written into the site.

The HTML is generated from the knowledge base (not from the web page), so the
printed form has exactly the columns a meeting needs: a square to tick, the
item with its timing, evidence and basis, 完成情况 and 备注 to fill in by hand.

Each level's checklist is rendered once, as a part (ronghe/build/pdf/parts.py) cached by the
hash of its HTML, and used twice: alone as that level's PDF and, after a cover with
the contents, in the all-levels PDF (ronghe/build/pdf/assemble.py writes the page numbers).
"""

from __future__ import annotations

import html
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ronghe.build.logs import LOG
from ronghe.content.checklists import (ALL_LEVELS_TITLE, LevelChecklist, basis_countermeasures, basis_sources,
                                       level_checklists, more_text, shown_basis)
from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import ChecklistItem
from . import assemble, parts
from .cache import RenderCache, content_key
from .document import html_document, running_header, stylesheet
from ronghe.site.urls import ALL_LEVELS_PDF, checklist_pdf_uri

if TYPE_CHECKING:
    from ronghe.build.postbuild import PostBuildContext

E = html.escape


def _item_row(kb: KnowledgeBase, item: ChecklistItem) -> str:
    facts = []
    if item.timing:
        facts.append(f"时间要求：{E(item.timing)}")
    if item.evidence:
        facts.append(f"佐证材料：{E(item.evidence)}")
    basis = []
    cms, n_cms = shown_basis(basis_countermeasures(kb, item))
    if cms:
        basis.append("依据对策：" + "、".join(f"“{E(cm.title)}”" for cm in cms) + more_text(cms, n_cms, "条对策"))
    srcs, n_srcs = shown_basis(basis_sources(kb, item))
    if srcs:
        basis.append("出处：" + "、".join(f"《{E(s.title)}》" for s in srcs) + more_text(srcs, n_srcs, "种文献"))
    meta = f'<p class="facts">{"；".join(facts)}</p>' if facts else ""
    basis_html = f'<p class="basis">{"；".join(basis)}</p>' if basis else ""
    return (f'<tr><td class="c-check"><span class="box"></span></td>'
            f'<td class="c-text"><p class="text">{E(" ".join(item.text.split()))}</p>{meta}{basis_html}</td>'
            '<td class="c-status"></td><td class="c-note"></td></tr>')


_HEAD = ('<thead><tr><th class="c-check">完成</th><th class="c-text">事项（时间要求、佐证材料、依据）</th>'
         '<th class="c-status">完成情况</th><th class="c-note">备注</th></tr></thead>')

_FILL_HEAD = ('<div class="fillhead"><span>单位：<span class="fill fill-long"></span></span>'
              '<span>年度：<span class="fill fill-short"></span>年</span>'
              '<span>填表人：<span class="fill"></span></span></div>')

_DATE = '日期：<span class="fill fill-short"></span>年<span class="fill fill-tiny"></span>月<span class="fill fill-tiny"></span>日'
_SIGN = ('<div class="sign">'
         f'<p><span>责任人（签字）：<span class="fill"></span></span><span>{_DATE}</span></p>'
         f'<p><span>审核人（签字）：<span class="fill"></span></span><span>{_DATE}</span></p>'
         '</div>')


def checklist_section(kb: KnowledgeBase, lc: LevelChecklist, *, first: bool = True) -> str:
    """One level's checklist as an HTML section (reusable by a booklet chapter)."""
    lv = lc.level
    role = f"（{E(lv.role)}）" if lv.role else ""
    items = lc.items()
    parts = [f'<section class="checklist{"" if first else " page-break"}" id="cl-{E(lv.id)}">',
             f"<h1>{E(lc.title)}</h1>",
             f'<p class="level">责任层级：{E(lv.title)}{role}　共 {len(items)} 项</p>',
             _FILL_HEAD]
    if not items:
        parts.append("<p>本层级暂无需要落实的事项。</p>")
    for g in lc.groups:
        if not g.items:
            continue
        rows = "\n".join(_item_row(kb, i) for i in g.items)
        parts.append(f'<h2>{E(g.title)}</h2>\n<table class="items">{_HEAD}<tbody>\n{rows}\n</tbody></table>')
    parts += [_SIGN, "</section>"]
    return "\n".join(parts)


# A part has no footer: the page numbers are written when the parts are joined.
_PART_CSS = "@page { @bottom-center { content: none; } }"
ALL_LEVELS_SUBJECT = "各责任层级的机关党建责任清单"
# checklist.css: @top-left and @top-right (8pt, #666) of every page but a document's first
HEADER = assemble.TextStyle("NotoSansCJKsc-Regular", 8, 0x66 / 255)
PAGE_MARGIN_TOP, PAGE_MARGIN_SIDE = 18 * assemble.MM, 16 * assemble.MM     # base.css


def checklist_document(kb: KnowledgeBase, lc: LevelChecklist) -> str:
    """One level's checklist: a part of its own PDF and of the all-levels PDF."""
    return html_document(lc.title, checklist_section(kb, lc), [stylesheet("checklist.css"), _PART_CSS,
                                                                running_header(header_left(kb))],
                         author=kb.identity.name, subject=lc.summary)


def header_left(kb: KnowledgeBase) -> str:
    return f"{kb.identity.name} · 责任清单" if kb.identity.name else "责任清单"


def _cover(kb: KnowledgeBase, lcs: list[LevelChecklist], pages: dict[str, int]) -> str:
    toc = "\n".join(f'<li><a href="#cl-{E(lc.level.id)}" data-page="{pages.get(f"cl-{lc.level.id}", "")}">'
                    f'{E(lc.title)}</a></li>' for lc in lcs)
    return (f'<section class="cover"><h1>{E(ALL_LEVELS_TITLE)}</h1>'
            f'<p class="cover-sub">{E(" · ".join(filter(None, (kb.identity.name, kb.identity.title))))}</p>'
            f'<p>共 {len(lcs)} 个责任层级。每份清单可单独打印，逐项勾选，并填写完成情况和备注。</p>'
            f'<ol class="toc">{toc}</ol></section>')


def all_levels_document(kb: KnowledgeBase, lcs: list[LevelChecklist], pages: dict[str, int] | None = None) -> str:
    """The all-levels PDF as one HTML document (it is made of parts; this is for checks and tests)."""
    body = _cover(kb, lcs, pages or {}) + "\n" + "\n".join(checklist_section(kb, lc, first=False) for lc in lcs)
    return html_document(ALL_LEVELS_TITLE, body, [stylesheet("checklist.css"), running_header(header_left(kb))],
                         author=kb.identity.name,
                         subject=ALL_LEVELS_SUBJECT)


def _cover_part(kb: KnowledgeBase, lcs: list[LevelChecklist], pages: dict[str, int]) -> parts.Part:
    return parts.Part("cover", html_document(ALL_LEVELS_TITLE, _cover(kb, lcs, pages), [stylesheet("checklist.css"),
                                                                                         _PART_CSS],
                                             author=kb.identity.name, subject=ALL_LEVELS_SUBJECT))


def _all_levels_parts(kb: KnowledgeBase, lcs, level_parts, cache_dir: Path):
    """The cover (with the contents' page numbers) and the levels, rendered; and the parts rendered now."""
    cover_pages, made = 1, []
    for _ in range(3):
        pages, start = {}, cover_pages
        for lc, rp in zip(lcs, level_parts):
            pages[f"cl-{lc.level.id}"] = start + 1
            start += rp.pages
        cover, now = parts.render_parts([_cover_part(kb, lcs, pages)], cache_dir)
        made += now
        if cover[0].pages == cover_pages:
            break
        cover_pages = cover[0].pages
    return cover + list(level_parts), made


def _headers(level_parts, first_page: int, left: str) -> tuple[assemble.Stamp, ...]:
    """The running header of the first page of each level in the all-levels PDF: a level's own
    PDF has none there (``@page :first``), the all-levels PDF has it on every page but the cover."""
    out, page = [], first_page
    for rp in level_parts:
        w, h = rp.meta["sizes"][0]
        y = assemble.top_baseline(HEADER, PAGE_MARGIN_TOP, h)
        title = re.search(r"<title>(.*?)</title>", rp.part.document).group(1)
        out += [assemble.Stamp(page, left, HEADER, PAGE_MARGIN_SIDE, y),
                assemble.Stamp(page, html.unescape(title), HEADER, w - PAGE_MARGIN_SIDE, y, "right")]
        page += rp.pages
    return tuple(out)


ASSEMBLY_REVISION = "1"


def _join(cache_dir: Path, rendered, dest: Path, **kw) -> bool:
    key = content_key("checklist", ASSEMBLY_REVISION, repr(sorted(kw.items())), *(rp.pdf.name for rp in rendered))
    return RenderCache.under(cache_dir).produce(key, dest, lambda path: assemble.assemble(rendered, path, **kw))


def write_checklist_pdfs(kb: KnowledgeBase, site_dir: Path, context: "PostBuildContext") -> None:
    """Post-build step: every level's PDF and the all-levels PDF; only the levels whose HTML
    changed are rendered again."""
    lcs = level_checklists(kb)
    if not lcs:
        return
    started = time.monotonic()
    level_parts, made = parts.render_parts([parts.Part(lc.level.id, checklist_document(kb, lc)) for lc in lcs],
                                           context.cache_dir, context.pdf_workers, label="清单 PDF")
    for lc, rp in zip(lcs, level_parts):
        _join(context.cache_dir, [rp], site_dir / checklist_pdf_uri(lc), title=lc.title, author=kb.identity.name,
              subject=lc.summary)
    everything, now = _all_levels_parts(kb, lcs, level_parts, context.cache_dir)
    made += now
    _join(context.cache_dir, everything, site_dir / ALL_LEVELS_PDF, title=ALL_LEVELS_TITLE, author=kb.identity.name,
          subject=ALL_LEVELS_SUBJECT, stamps=_headers(level_parts, everything[0].pages, header_left(kb)))
    LOG.info("清单 PDF：共 %d 份（%d 段），新生成 %d 段，其余取自缓存（%.1f 秒）。",
             len(lcs) + 1, len(lcs) + 1, len(made), time.monotonic() - started)
