"""Converted pages held compressed between conversion and templating.

MkDocs converts every page first and renders the templates afterwards, so the HTML of
every page of the site is in memory at once (2.6 GB at 20,000 entries). Between the
two, a page's HTML is kept zlib-compressed (a fifth of its size or less) and given
back to the page just before its template is rendered; after its file is written,
the page forgets it (nothing later reads it: anchors were collected at conversion).
"""

from __future__ import annotations

import re
import zlib
from functools import partial

from ronghe.build.search.documents import article_html

# whitespace after a line break, outside <pre> and <textarea> (where it is shown)
_SHOWN = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_INDENT = re.compile(r"\n\s+")


def squeeze(page_html: str) -> str:
    """``page_html`` without the templates' indentation and blank lines: a sixth of an entry
    page (8 KB of 48 KB) at no cost to the reader; a line break stays a line break, so no
    text gains or loses a space, and the insides of <pre> and <textarea> are kept as they are."""
    parts = _SHOWN.split(page_html)
    return "".join(p if i % 2 else _INDENT.sub("\n", p) for i, p in enumerate(parts))


class PageStore:
    def __init__(self) -> None:
        self._held: dict[int, bytes] = {}

    def hold(self, page, html: str) -> str:
        """Keep ``html`` compressed for ``page``; what the page holds meanwhile ("")."""
        self._held[id(page)] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    def take(self, page) -> bytes:
        """The compressed HTML held for ``page``, no longer held here (to hand to another process)."""
        return self._held.pop(id(page))

    def put(self, page, data: bytes) -> None:
        """Hold HTML compressed elsewhere (``take``) for ``page``."""
        self._held[id(page)] = data

    def peek(self, page) -> str | None:
        """The HTML held for ``page`` (it stays held), None if none is."""
        data = self._held.get(id(page))
        return None if data is None else zlib.decompress(data).decode("utf-8")

    def give_back(self, page) -> None:
        data = self._held.pop(id(page), None)
        if data is not None:
            page.content = zlib.decompress(data).decode("utf-8")

    @staticmethod
    def forget(page) -> None:
        page.content = None

    def __contains__(self, page) -> bool:
        return id(page) in self._held

    def clear(self) -> None:
        self._held = {}


def articles(files, store: PageStore, site_name: str) -> dict:
    """Location of every page of the site -> what makes the HTML of its article (for the
    search index, ``ronghe.build.search.documents``): from the converted HTML held for it,
    else (a page a dirty build skipped) None, its built file; HTML files the site copies
    as they are read from their source."""
    out: dict = {}
    for file in files:
        if not file.inclusion.is_included():
            continue    # not written
        if file.page is not None:
            out[file.dest_uri] = partial(_article, file.page, store, site_name) if file.page in store else None
        elif file.dest_uri.endswith(".html"):
            out[file.dest_uri] = partial(_content, file)
    return out


def _content(file) -> str:
    return file.content_string


def _article(page, store: PageStore, site_name: str) -> str:
    return article_html(store.peek(page) or "", page.title or site_name)
