"""The navigation of pages outside it, rendered once per folder instead of once per page.

Material renders the whole navigation (sidebar and tabs) into every page. For the
thousands of generated pages that are not in the navigation (entries), no item of it
is active, and its links are relative to the page's folder: the rendered HTML is the
same for every such page of one folder. The theme (ronghe/site/theme/templates/main.html)
asks ``key(page)`` and, when it is not empty, renders the fragment once and reuses it.
Pages in the navigation (a few dozen: they mark their own item active) render as usual.
A new cache for every build (``reset``): the navigation may change between rebuilds.
"""

from __future__ import annotations

import posixpath

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

    def attach(self, env) -> None:
        env.globals["rh_nav_key"] = self.key
        env.globals["rh_fragment"] = self.get
        env.globals["rh_fragment_put"] = self.put
