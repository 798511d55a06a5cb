"""Lists, paragraphs and quotations of generated pages written as HTML, not Markdown.

An entry page is mostly lists of linked entries with their summaries, 举措 and quoted
passages, all of it plain text that needs no Markdown. Python-Markdown ran every inline
pattern over every character of it: at 20,000 entries converting the pages was the
largest part of the build. These blocks go into the page as raw HTML slots
(``markup.raw_html``), which the converter passes over; headings stay Markdown, so the
table of contents and the heading anchors are the converter's as before. The HTML is the
one the converter wrote for the same Markdown (``<ul>``/``<ol>`` with one ``<li>`` per
line), so style sheets, scripts and tests see the same page.

Every text is escaped here; links point at the built ``.html`` files (``hrefs``).
"""

from __future__ import annotations

import html
from typing import Iterable

from .hrefs import href
from .markdown_cjk import join_cjk_lines
from .markup import raw_html


def text(value: str) -> str:
    """Plain text as HTML: escaped, a line break between Chinese characters removed
    (as ``markdown_cjk`` does for Markdown), other line breaks kept (shown as a space)."""
    return html.escape(join_cjk_lines(value.strip()), quote=False)


def a(here: str, to_uri: str, label: str, anchor: str = "", cls: str = "") -> str:
    """A link from the page ``here`` to the page of source URI ``to_uri``."""
    attrs = f' class="{cls}"' if cls else ""
    return f'<a{attrs} href="{href(here, to_uri, anchor)}">{html.escape(label, quote=False)}</a>'


def _list(tag: str, items: Iterable[str]) -> str:
    body = "\n".join(f"<li>{item}</li>" for item in items)
    return raw_html(f"<{tag}>\n{body}\n</{tag}>") if body else ""


def ul(items: Iterable[str]) -> str:
    """A bulleted list of HTML items, as one block of the page ("" when there are none)."""
    return _list("ul", items)


def ol(items: Iterable[str]) -> str:
    """A numbered list of HTML items."""
    return _list("ol", items)


def para(content_html: str) -> str:
    """One paragraph of HTML."""
    return raw_html(f"<p>{content_html}</p>")


def blockquote(paragraphs: Iterable[str]) -> str:
    """A quotation: one ``<p>`` per HTML paragraph."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return raw_html(f"<blockquote>\n{body}\n</blockquote>") if body else ""
