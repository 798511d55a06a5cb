"""Content checked against the site it builds: what ``ronghe check`` and the plugin run.

The content layer checks files, fields and references; links that editors write in
bodies are checked against the pages this site generates. Both ``check`` and ``build``
go through ``load_checked``, so whatever ``check`` passes builds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ronghe.content.cache import ContentCache
from ronghe.content.graph import KnowledgeBase
from ronghe.content.loader import LoadResult, load_and_validate

from . import pages, urls


class ThisSite:
    """The pages of the site ``ronghe.site`` generates (``content.bodycheck.SitePages``)."""

    page_uris = staticmethod(pages.page_uris)
    entry_uri = staticmethod(urls.entry_uri)


def load_checked(content_dir: Path, root: Optional[Path] = None, cache: Optional[ContentCache] = None):
    """``(knowledge base or None, LoadResult)``; the knowledge base is None when there are errors."""
    return load_and_validate(content_dir, root=root, cache=cache, site=ThisSite())


def with_drafts(kb: KnowledgeBase, result: LoadResult) -> KnowledgeBase:
    """The knowledge base of ``result`` with its drafts (for their preview)."""
    return KnowledgeBase.from_entries(result.entries, result.categories, include_drafts=True, memo=kb.memo,
                                    identity=kb.identity)
