"""All state of the builds of one process, owned by the plugin.

MkDocs keeps a plugin that has ``on_startup`` alive across the rebuilds of
``mkdocs serve``, so what the development server reuses between rebuilds lives
here, in one object, instead of in module globals: parsed content files and the
results derived from them (``ContentCache``), rendered entry pages and page digests
(``SiteState``), the background thread for slow steps, the content watcher and the
compiled templates. A one-off ``mkdocs build`` makes a session that reuses nothing.
"""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass, field
from typing import Optional

from ronghe.build.background import BackgroundRunner
from ronghe.build.postbuild import PostBuild
from ronghe.build.timings import NO_TIMINGS, Timings
from ronghe.content.cache import ContentCache
from ronghe.content.graph import KnowledgeBase
from ronghe.site.state import SiteState

from .devserver import ContentWatcher, TemplateCache
from .forked_pages import ForkedPages
from .fragments import NavFragments
from .page_store import PageStore

# The dev server keeps the whole knowledge base and its caches in memory; the collector's
# full passes over them took 0.3 s of every rebuild at N = 5,000. Rarer passes during a
# rebuild; a full one after it, in the background (BackgroundRunner).
GC_SERVE = (5000, 20, 100)


def _no_dirty_build_notice(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


@dataclass
class BuildSession:
    command: str = "build"                       # "build", "serve" or "gh-deploy"
    incremental: bool = False                    # `serve --dirty`: rebuilds reuse what they can
    content_cache: Optional[ContentCache] = None
    site: SiteState = field(default_factory=SiteState)
    background: Optional[BackgroundRunner] = None
    watcher: ContentWatcher = field(default_factory=ContentWatcher)
    templates: Optional[TemplateCache] = None
    timings: Timings = NO_TIMINGS
    fragments: NavFragments = field(default_factory=NavFragments)   # navigation HTML of this build
    pages: PageStore = field(default_factory=PageStore)              # converted pages, compressed
    # the current build
    kb: Optional[KnowledgeBase] = None
    drafts_kb: Optional[KnowledgeBase] = None    # with the drafts: their preview under `serve`
    postbuild: Optional[PostBuild] = None
    has_drafts: bool = False                     # the content holds drafts (not published)
    site_dir: str = ""
    forked_pages: Optional[ForkedPages] = None   # half of the pages converted on the second core
    deferred: dict = field(default_factory=dict)  # source URI -> render() of a page not yet rendered
    generated: set = field(default_factory=set)   # the built files of the pages generated last time
    gone: set = field(default_factory=set)        # ... and of those no longer generated (a deleted entry)

    @classmethod
    def start(cls, command: str, dirty: bool) -> "BuildSession":
        build_log = logging.getLogger("mkdocs.commands.build")
        if dirty and _no_dirty_build_notice not in build_log.filters:
            # the plugin keeps navigation and links right in dirty builds: the engine's notice does not apply
            build_log.addFilter(_no_dirty_build_notice)
        if command == "serve" and dirty:
            gc.set_threshold(*GC_SERVE)
            return cls(command=command, incremental=True, content_cache=ContentCache(),
                       site=SiteState.incremental(), background=BackgroundRunner(), templates=TemplateCache())
        if command == "serve":   # a full rebuild each time, but slow steps still in the background
            return cls(command=command, background=BackgroundRunner())
        return cls(command=command)

    @property
    def previews_drafts(self) -> bool:
        """Drafts are shown (marked 草稿) only by the development server, never in a build."""
        return self.command == "serve"

    def build_failed(self) -> None:
        self.site.forget(self.site_dir)
        self.deferred = {}
        if self.forked_pages is not None:
            self.forked_pages.abandon()
            self.forked_pages = None
        if self.postbuild is not None:
            self.postbuild.abandon()

    def stop(self) -> None:
        self.watcher.stop()
