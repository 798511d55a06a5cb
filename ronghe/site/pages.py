"""Every page the build generates from the knowledge base, as (source URI, Markdown).

This is the one place an engine adapter asks for pages; it does not know
about MkDocs. Producers are plain functions ``kb -> iterable of pages``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from . import incremental
from ronghe.content.graph import KnowledgeBase
from .checklist_pages import generated_checklist_pages
from .cm_indexes import countermeasure_indexes
from .entry_pages import PAGE_READS, page_views, render_entry
from .field_reference import render_field_reference
from .markup import prune_raw_html
from .index_pages import section_indexes


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    markdown: str


def entry_pages(kb: KnowledgeBase) -> Iterable[GeneratedPage]:
    # under `make serve`, pages of entries an edit cannot affect are reused (ronghe.incremental)
    for entry, markdown in incremental.render_entries(kb, render_entry, PAGE_READS, page_views):
        yield GeneratedPage(entry.page_path, markdown)


def index_pages(kb: KnowledgeBase) -> Iterable[GeneratedPage]:
    for uri, md in section_indexes(kb):
        yield GeneratedPage(uri, md)


def guide_pages(kb: KnowledgeBase) -> Iterable[GeneratedPage]:
    yield GeneratedPage("guide/fields.md", render_field_reference())


def countermeasure_index_pages(kb: KnowledgeBase) -> Iterable[GeneratedPage]:
    """对策索引: matrix, by cause / level / tag, relationship map (issue 5)."""
    for uri, md in countermeasure_indexes(kb):
        yield GeneratedPage(uri, md)


def checklist_pages(kb: KnowledgeBase) -> Iterable[GeneratedPage]:
    """Checklist pages of levels without a checklist file (those with one come from entry_pages)."""
    for uri, md in generated_checklist_pages(kb):
        yield GeneratedPage(uri, md)


def training_pages(kb: KnowledgeBase) -> Iterable[GeneratedPage]:
    """打印材料 page (the handouts are topic entry pages, the training index a section index) (issue 9)."""
    from .handout_pages import training_pages as pages

    for uri, md in pages(kb):
        yield GeneratedPage(uri, md)


PRODUCERS: list[Callable[[KnowledgeBase], Iterable[GeneratedPage]]] = [entry_pages, index_pages, guide_pages,
                                                                      checklist_pages, countermeasure_index_pages,
                                                                      training_pages]


def page_uris(kb: KnowledgeBase) -> set[str]:
    """Source URIs of every page ``generate_pages`` makes, without rendering them (for
    checking links that editors write in bodies)."""
    from ronghe.content.checklists import level_checklists
    from .handout_pages import PRINTABLES_URI
    from .index_parts import paging
    from .index_uris import HUB_URI, TITLES
    from .sections import SECTIONS

    uris = {e.page_path for e in kb.entries.values()} | {s.index_uri for s in SECTIONS}
    uris |= {"guide/fields.md", PRINTABLES_URI, HUB_URI, *TITLES}
    uris |= {lc.page_path for lc in level_checklists(kb)}
    uris |= {p.uri for p in paging(kb).parts()}
    return uris


def generate_pages(kb: KnowledgeBase) -> list[GeneratedPage]:
    pages: dict[str, GeneratedPage] = {}
    for producer in PRODUCERS:
        for page in producer(kb):
            if page.src_uri in pages:
                raise ValueError(f"两个生成页面使用了同一路径：{page.src_uri}")
            pages[page.src_uri] = page
    if incremental.STATE.active:  # the dev server runs for hours: drop raw HTML no page holds any more
        prune_raw_html(p.markdown for p in pages.values())
    return list(pages.values())
