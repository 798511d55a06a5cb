"""The body of a checklist page (one checklist per responsibility level)."""

from __future__ import annotations

from ..graph import KnowledgeBase
from ..model import Checklist
from .markup import cell, esc, link


def render_checklist_body(kb: KnowledgeBase, here: str, e: Checklist) -> list[str]:
    out = []
    lv = kb.get(e.level)
    if lv:
        out += [f"责任层级：{link(here, lv.page_path, lv.title)}", ""]
    for g in e.groups:
        out += [f"## {esc(g.title)}", "", "| 事项 | 时间要求 | 佐证材料 | 依据 |", "| --- | --- | --- | --- |"]
        for item in g.items:
            basis = "、".join(link(here, kb.get(c).page_path, kb.get(c).title) for c in item.countermeasures if kb.get(c))
            out.append(f'| <span id="{item.id}"></span>{cell(item.text)} | {cell(item.timing) or "—"} | '
                       f'{cell(item.evidence) or "—"} | {basis or "—"} |')
        out.append("")
    return out
