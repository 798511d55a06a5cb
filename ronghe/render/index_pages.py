"""Section index pages: the way into the entries (entries are not in the navigation)."""

from __future__ import annotations

from ..graph import KnowledgeBase
from ..model import Countermeasure, Entry
from .checklist_pages import render_checklist_index
from .markup import esc, front_matter, link
from .sections import SECTIONS, Section


def _entry_item(here: str, e: Entry) -> str:
    summary = f"：{esc(e.summary)}" if e.summary else ""
    return f"- {link(here, e.page_path, e.title)}{summary}"


def render_section_index(kb: KnowledgeBase, section: Section) -> str:
    if section.type_name == "checklist":
        return render_checklist_index(kb)  # one checklist per level, also for levels without a file
    here = section.index_uri
    entries = kb.by_type(section.type_name)
    lines = [f"# {section.title}", "", esc(section.intro), "", f"共 {len(entries)} 条。", ""]
    if section.type_name == "countermeasure":
        for cat in kb.categories.values():
            members = [e for e in entries if isinstance(e, Countermeasure) and e.category == cat.id]
            if members:
                lines += [f"## {esc(cat.title)}", "", esc(cat.summary), ""] + [_entry_item(here, e) for e in members] + [""]
    else:
        lines += [_entry_item(here, e) for e in entries]
    return front_matter(title=section.title) + "\n".join(lines).rstrip() + "\n"


def section_indexes(kb: KnowledgeBase) -> list[tuple[str, str]]:
    return [(s.index_uri, render_section_index(kb, s)) for s in SECTIONS]
