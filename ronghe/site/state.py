"""What page generation keeps between the builds of one process."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .booklet_files import DEFAULT_SPLIT
from .markup import RawHtmlStore
from .page_memo import EntryPageMemo, PageDigests


@dataclass
class SiteState:
    """Owned by the plugin's build session. A one-off build starts with a fresh one; the
    development server keeps one for hours, so a rebuild reuses what an edit cannot change."""

    raw: RawHtmlStore = field(default_factory=RawHtmlStore)
    entry_pages: Optional[EntryPageMemo] = None    # None: every entry page is rendered
    digests: Optional[PageDigests] = None          # None: every page counts as changed
    booklet_split: int = DEFAULT_SPLIT             # entries above which the booklet is one PDF per chapter

    @classmethod
    def incremental(cls) -> "SiteState":
        """For ``mkdocs serve --dirty``: pages and their digests are remembered."""
        return cls(entry_pages=EntryPageMemo(), digests=PageDigests())

    @property
    def reuses_pages(self) -> bool:
        return self.entry_pages is not None

    def unchanged_pages(self, site_dir: str, pages, salt: str) -> set[str]:
        return self.digests.unchanged(site_dir, pages, salt) if self.digests is not None else set()

    def forget(self, site_dir: str) -> None:
        if self.digests is not None:
            self.digests.forget(site_dir)
