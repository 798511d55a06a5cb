"""The navigation of pages outside it, rendered once per folder instead of once per page.

Material renders the whole navigation (sidebar and tabs) into every page. For the
thousands of generated pages that are not in the navigation (entries), no item of it
is active, and its links are relative to the page's folder: the rendered HTML is the
same for every such page of one folder. The theme (ronghe/site/theme/templates/main.html)
asks ``key(page)`` and, when it is not empty, renders the fragment once and reuses it.
Pages in the navigation (a few dozen: they mark their own item active) render as usual.
The header is the same too but for the page's title in it: it is kept cut around the
title (``header_put``) and the title of each page put back in (``header``).
A new cache for every build (``reset``): the navigation may change between rebuilds.
"""

from __future__ import annotations

import posixpath
import re

from markupsafe import Markup


class NavFragments:
    def __init__(self) -> None:
        self._nav_pages: set[int] = set()
        self._html: dict[tuple[str, str], Markup] = {}

    def reset(self, nav=None) -> None:
        self._html = {}
        self._nav_pages = {id(p) for p in nav.pages} if nav is not None else set()

    def key(self, page) -> str:
        """"" for a page in the navigation (never cached); else its folder in the site."""
        if page is None or id(page) in self._nav_pages or getattr(page, "url", None) is None:
            return ""
        return posixpath.dirname(page.url) + "/"

    def get(self, name: str, key: str):
        return self._html.get((name, key)) if key else None

    def put(self, name: str, key: str, html) -> Markup:
        html = Markup(html)
        if key:
            self._html[(name, key)] = html
        return html

    def header(self, key: str, page):
        """The header of ``page`` from the one kept for its folder, None if none is."""
        kept = self._html.get(("header", key)) if key else None
        title = str(_topic(page))
        if kept is None or _SPECIAL.search(title):   # a title the template might escape: rendered by it
            return None
        before, after = kept
        return Markup(before + title + after)

    def header_put(self, key: str, html, page) -> Markup:
        """Keep the header ``html`` rendered for ``page`` without its title: the text of the
        header's topic (Material's partials/header.html) must be that title, else nothing is kept."""
        html = str(html)
        at = html.find(_TOPIC)
        start = html.find(_ELLIPSIS, at) + len(_ELLIPSIS) if at >= 0 else -1
        end = html.find("</span>", start) if start >= len(_ELLIPSIS) else -1
        title = str(_topic(page))
        if key and end >= 0 and html[start:end].strip() == title.strip() and title.strip() \
                and not _SPECIAL.search(title):
            inner = html[start:end]
            lead = inner[:len(inner) - len(inner.lstrip())]
            trail = inner[len(inner.rstrip()):]
            if inner == lead + title.strip() + trail and title == title.strip():
                self._html[("header", key)] = (html[:start] + lead, trail + html[end:])
        return Markup(html)

    def attach(self, env) -> None:
        env.globals["rh_nav_key"] = self.key
        env.globals["rh_fragment"] = self.get
        env.globals["rh_fragment_put"] = self.put
        env.globals["rh_header"] = self.header
        env.globals["rh_header_put"] = self.header_put


_SPECIAL = re.compile(r"[<>&\"']")
_TOPIC = 'data-md-component="header-topic"'
_ELLIPSIS = '<span class="md-ellipsis">'


def _topic(page):
    """What Material's header shows as the page's topic."""
    meta = getattr(page, "meta", None)
    return meta["title"] if meta and meta.get("title") else page.title
