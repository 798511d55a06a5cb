"""Section index pages: the way into the entries (entries are not in the navigation)."""

from __future__ import annotations

from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import Entry
from .checklist_pages import render_checklist_index
from .handout_pages import render_training_index
from . import index_parts
from .index_parts import Part, pager, paging
from .breadcrumbs import breadcrumbs
from .crossref import crossref
from .urls import (BY_CAUSE_URI, BY_LEVEL_URI, BY_TAG_URI, HUB_TITLE, HUB_URI, MAP_URI, MATRIX_URI, TITLES,
                   category_anchor, entry_uri)
from .markup import esc, front_matter, link
from .sections import SECTIONS, Section

# Other ways into a section's entries (generated 对策索引 pages), shown under its intro.
_WAYS_IN = {
    "problem": (MATRIX_URI, MAP_URI, BY_TAG_URI),
    "cause": (BY_CAUSE_URI, MAP_URI),
    "countermeasure": (HUB_URI, MATRIX_URI, BY_CAUSE_URI, BY_LEVEL_URI, BY_TAG_URI, MAP_URI),
    "level": (BY_LEVEL_URI,),
    "case": (BY_TAG_URI,),
}


def _ways_in(here: str, type_name: str) -> list[str]:
    uris = _WAYS_IN.get(type_name, ())
    if not uris:
        return []
    names = "、".join(link(here, u, TITLES.get(u, HUB_TITLE)) for u in uris)
    return [f'<p class="rh-ways-in" markdown="span">其他查找方式：{names}</p>', ""]


def _entry_item(here: str, e: Entry) -> str:
    summary = f"：{esc(e.summary)}" if e.summary else ""
    return f"- {link(here, entry_uri(e), e.title)}{summary}"


def render_section_index(kb: KnowledgeBase, section: Section) -> str:
    if section.type_name == "checklist":
        return render_checklist_index(kb)  # one checklist per level, also for levels without a file
    if section.type_name == "topic":
        return render_training_index(kb)  # handouts, booklet and printable material (issue 9)
    here = section.index_uri
    entries = kb.by_type(section.type_name)
    parts = paging(kb).sections.get(here, [])
    lines = [breadcrumbs(here, [(section.title, None)]), f"# {section.title}", "", esc(kb.identity.intro(section.type_name)), "",
             f"共 {len(entries)} 条。", ""] + _ways_in(here, section.type_name)
    if section.type_name == "countermeasure":
        by_category = crossref(kb).cms_by_category
        part_of = {p.key: p for p in parts}
        if parts:
            lines += [f"对策较多，下面每类列出前 {index_parts.SECTION_PREVIEW} 条，点“本类全部”看其余的。", ""]
        for cat in kb.categories.values():
            members = by_category.get(cat.id, [])
            if members:
                lines += [f"## {esc(cat.title)} {{#{category_anchor(cat.id)}}}", "",
                          f"{esc(cat.summary)}（{link(here, paging(kb).target(MAP_URI, category_anchor(cat.id)), '本类关系图')}）", ""]
                part = part_of.get(cat.id)
                lines += [_entry_item(here, e) for e in (members[:index_parts.SECTION_PREVIEW] if part else members)] + [""]
                if part:
                    lines += [f"{link(here, part.uri, f'本类全部 {len(members)} 条对策')}", ""]
    elif parts:
        lines += [f"条目较多，分为 {len(parts)} 部分，每部分最多 {len(parts[0].entries)} 条：", ""]
        lines += [f"- {link(here, p.uri, p.label)}：{esc(p.entries[0].title)} … {esc(p.entries[-1].title)}"
                  f"（{len(p.entries)} 条）" for p in parts]
    else:
        lines += [_entry_item(here, e) for e in entries]
    return front_matter(title=section.title) + "\n".join(lines).rstrip() + "\n"


def render_section_part(kb: KnowledgeBase, part: Part) -> str:
    """A part of a long section index: its entries with their summaries."""
    here = part.uri
    section = next(s for s in SECTIONS if s.index_uri == part.base)
    nav = pager(here, paging(kb), part, f"返回{section.title}目录")
    anchor = f" {{#{category_anchor(part.key)}}}" if part.key else ""   # where 全部某类对策 leads
    lines = [breadcrumbs(here, [(section.title, section.index_uri), (part.label, None)]),
             f"# {esc(part.title)}{anchor}", "", nav, ""]
    if part.key:   # a category of countermeasures
        cat = kb.categories.get(part.key)
        lines += [f"本类共 {len(part.entries)} 条对策。" + (esc(cat.summary) if cat and cat.summary else ""), ""]
    else:
        last = part.start + len(part.entries) - 1
        lines += [f"第 {part.start}–{last} 条，共 {len(kb.by_type(section.type_name))} 条。", ""]
    lines += [_entry_item(here, e) for e in part.entries] + ["", nav, ""]
    return front_matter(title=part.title) + "\n".join(lines).rstrip() + "\n"


def section_indexes(kb: KnowledgeBase) -> list[tuple[str, str]]:
    return ([(s.index_uri, render_section_index(kb, s)) for s in SECTIONS]
            + [(p.uri, render_section_part(kb, p)) for p in paging(kb).section_parts()])
