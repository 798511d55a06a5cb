"""Checklist PDFs: one per responsibility level plus one with all levels, written into the site.

The HTML is generated from the knowledge base (not from the web page), so the
printed form has exactly the columns a meeting needs: a square to tick, the
item with its timing, evidence and basis, 完成情况 and 备注 to fill in by hand.
"""

from __future__ import annotations

import html
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..checklists import (ALL_LEVELS_PDF, ALL_LEVELS_TITLE, LevelChecklist, basis_countermeasures, basis_sources,
                          level_checklists, pdf_path)
from ..graph import KnowledgeBase
from ..model import ChecklistItem
from .cache import RenderCache
from .document import html_document, stylesheet
from .render import render_pdf_cached

if TYPE_CHECKING:
    from ..postbuild import PostBuildContext

SITE_NAME = "融合指南"
E = html.escape


def _item_row(kb: KnowledgeBase, item: ChecklistItem) -> str:
    facts = []
    if item.timing:
        facts.append(f"时间要求：{E(item.timing)}")
    if item.evidence:
        facts.append(f"佐证材料：{E(item.evidence)}")
    basis = []
    cms = basis_countermeasures(kb, item)
    if cms:
        basis.append("依据对策：" + "、".join(f"“{E(cm.title)}”" for cm in cms))
    srcs = basis_sources(kb, item)
    if srcs:
        basis.append("出处：" + "、".join(f"《{E(s.title)}》" for s in srcs))
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


def checklist_document(kb: KnowledgeBase, lc: LevelChecklist) -> str:
    return html_document(lc.title, checklist_section(kb, lc), [stylesheet("checklist.css")],
                         author=SITE_NAME, subject=lc.summary)


def all_levels_document(kb: KnowledgeBase, lcs: list[LevelChecklist]) -> str:
    toc = "\n".join(f'<li><a href="#cl-{E(lc.level.id)}">{E(lc.title)}</a></li>' for lc in lcs)
    cover = (f'<section class="cover"><h1>{E(ALL_LEVELS_TITLE)}</h1>'
             f'<p class="cover-sub">{E(SITE_NAME)} · 破解机关党建与业务工作“两张皮”</p>'
             f'<p>共 {len(lcs)} 个责任层级。每份清单可单独打印，逐项勾选，并填写完成情况和备注。</p>'
             f'<ol class="toc">{toc}</ol></section>')
    body = cover + "\n" + "\n".join(checklist_section(kb, lc, first=False) for lc in lcs)
    return html_document(ALL_LEVELS_TITLE, body, [stylesheet("checklist.css")], author=SITE_NAME,
                         subject="各责任层级的机关党建责任清单")


def write_checklist_pdfs(kb: KnowledgeBase, site_dir: Path, context: "PostBuildContext") -> None:
    """Post-build step: every level's PDF and the all-levels PDF, rendered only when their input changed."""
    lcs = level_checklists(kb)
    if not lcs:
        return
    jobs = [(pdf_path(lc), checklist_document(kb, lc)) for lc in lcs]
    jobs.append((ALL_LEVELS_PDF, all_levels_document(kb, lcs)))
    started = time.monotonic()
    rendered = 0
    for rel_path, document in jobs:
        if not render_pdf_cached(document, site_dir / rel_path, context.cache_dir):
            rendered += 1
    RenderCache.under(context.cache_dir).prune()
    print(f"清单 PDF：共 {len(jobs)} 份，新生成 {rendered} 份，其余取自缓存"
          f"（{time.monotonic() - started:.1f} 秒）。", file=sys.stderr)
