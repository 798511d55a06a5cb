"""Every page the build generates from the knowledge base, as (source URI, Markdown).

This is the one place an engine adapter asks for pages; it does not know
about MkDocs. Producers are plain functions ``kb -> iterable of pages``.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterable, Optional

from ronghe.content.checklists import level_checklists
from ronghe.content.graph import KnowledgeBase
from .checklist_pages import generated_checklist_pages
from .cm_indexes import countermeasure_indexes
from .entry_pages import PAGE_READS, page_views, render_entry
from .field_reference import render_field_reference
from .page_memo import render_all
from .booklet_files import split_at
from .state import SiteState
from .index_pages import section_indexes
from .index_parts import paging
from .sections import SECTIONS
from .urls import FIELDS_URI, HUB_URI, PRINTABLES_URI, TITLES, checklist_uri, entry_uri


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    text: Optional[str] = None                  # the page's Markdown, or None when deferred:
    render: Optional[Callable[[], str]] = None  # makes it when the site engine reads the page

    @property
    def markdown(self) -> str:
        return self.text if self.render is None else self.render()

    @property
    def deferred(self) -> bool:
        return self.render is not None


def _render_deferred(kb: KnowledgeBase, entry, state: SiteState) -> str:
    """An entry's page rendered as ``generate_pages`` would have rendered it."""
    with state.raw.collecting(), split_at(state.booklet_split):
        return render_entry(kb, entry)


def entry_pages(kb: KnowledgeBase, state: Optional[SiteState] = None, defer: bool = False) -> Iterable[GeneratedPage]:
    # under `make serve`, pages of entries an edit cannot affect are reused (ronghe.site.page_memo)
    if state is not None and state.entry_pages is not None:
        rendered = state.entry_pages.render_entries(kb, render_entry, PAGE_READS, page_views)
    elif defer and state is not None:
        # a one-off build: each entry page is rendered when the engine reads it, so a process
        # converting half the pages (ronghe.adapter.forked_pages) also renders that half
        for entry in kb.entries.values():
            yield GeneratedPage(entry_uri(entry), render=partial(_render_deferred, kb, entry, state))
        return
    else:
        rendered = render_all(kb, render_entry)
    for entry, markdown in rendered:
        yield GeneratedPage(entry_uri(entry), markdown)


def index_pages(kb: KnowledgeBase) -> Iterable[GeneratedPage]:
    for uri, md in section_indexes(kb):
        yield GeneratedPage(uri, md)


def guide_pages(kb: KnowledgeBase) -> Iterable[GeneratedPage]:
    yield GeneratedPage(FIELDS_URI, render_field_reference())


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


# every producer but entry_pages (which may reuse pages of the previous build)
PRODUCERS: list[Callable[[KnowledgeBase], Iterable[GeneratedPage]]] = [index_pages, guide_pages, checklist_pages,
                                                                      countermeasure_index_pages, training_pages]


def page_uris(kb: KnowledgeBase) -> set[str]:
    """Source URIs of every page ``generate_pages`` makes, without rendering them (for
    checking links that editors write in bodies)."""
    uris = {entry_uri(e) for e in kb.entries.values()} | {s.index_uri for s in SECTIONS}
    uris |= {FIELDS_URI, PRINTABLES_URI, HUB_URI, *TITLES}
    uris |= {checklist_uri(lc) for lc in level_checklists(kb)}
    uris |= {p.uri for p in paging(kb).parts() + paging(kb).section_parts()}
    return uris


def generate_pages(kb: KnowledgeBase, state: Optional[SiteState] = None, defer: bool = False) -> list[GeneratedPage]:
    """Every generated page. With a ``state`` (the plugin's), big raw HTML goes into its store
    as slots (``markup.raw_html``) and pages are reused as the state allows; with ``defer``
    too (a one-off build), entry pages are rendered only when their ``markdown`` is asked for."""
    pages: dict[str, GeneratedPage] = {}

    def add(produced: Iterable[GeneratedPage]) -> None:
        for page in produced:
            if page.src_uri in pages:
                raise ValueError(f"两个生成页面使用了同一路径：{page.src_uri}")
            pages[page.src_uri] = page

    with state.raw.collecting() if state is not None else nullcontext(), \
            split_at(state.booklet_split) if state is not None else nullcontext():
        add(entry_pages(kb, state, defer))
        for producer in PRODUCERS:
            add(producer(kb))
    if state is not None and state.reuses_pages:  # the dev server runs for hours: drop raw HTML no page holds any more
        state.raw.prune(p.markdown for p in pages.values())
    return list(pages.values())
