"""Breadcrumbs for generated pages (entries are not in the side navigation, so the
theme cannot show where a page sits): 首页 › 对策 › 压实第一责任人职责."""

from __future__ import annotations

import html
from typing import Optional

from .hrefs import href

HOME = "index.md"


def breadcrumbs(here: str, trail: list[tuple[str, Optional[str]]]) -> str:
    """One HTML line: 首页 › <trail...>; the last item (the page itself) is not a link."""
    items = [("首页", HOME)] + trail
    parts = []
    for i, (title, uri) in enumerate(items):
        last = i == len(items) - 1
        if uri and not last:
            parts.append(f'<a href="{href(here, uri)}">{html.escape(title)}</a>')
        else:
            parts.append(f'<span aria-current="page">{html.escape(title)}</span>' if last else html.escape(title))
    sep = '<span class="rh-crumbs__sep" aria-hidden="true"> › </span>'
    return f'<nav class="rh-crumbs" aria-label="当前位置">{sep.join(parts)}</nav>\n\n'
