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

    def give_back(self, page) -> None:
        data = self._held.pop(id(page), None)
        if data is not None:
            page.content = zlib.decompress(data).decode("utf-8")

    @staticmethod
    def forget(page) -> None:
        page.content = None

    def clear(self) -> None:
        self._held = {}
