"""Relative URLs for raw HTML written into generated pages (tables, SVG, breadcrumbs).

Markdown links (``[x](../a.md)``) are rewritten by the site engine; links inside raw
HTML are not, so they must point at the built ``.html`` files directly
(the site uses ``use_directory_urls: false``)."""

from __future__ import annotations

import html

from .markup import rel
from .urls import html_path


def href(from_uri: str, to_uri: str, anchor: str = "") -> str:
    target = html_path(rel(from_uri, to_uri))
    return html.escape(target + (f"#{anchor}" if anchor else ""), quote=True)


def a(from_uri: str, to_uri: str, text: str, anchor: str = "", title: str = "", cls: str = "",
      label: str = "") -> str:
    """A link in raw HTML; ``label`` is read out by screen readers instead of ``text`` (e.g. for ●)."""
    attrs = f' class="{cls}"' if cls else ""
    attrs += f' title="{html.escape(title, quote=True)}"' if title else ""
    attrs += f' aria-label="{html.escape(label, quote=True)}"' if label else ""
    return f'<a href="{href(from_uri, to_uri, anchor)}"{attrs}>{html.escape(text)}</a>'
