"""Markdown prose of entries (``body``, a topic's ``intro``) as HTML for the printed documents."""

from __future__ import annotations

import html

import markdown


def md_html(text: str) -> str:
    """HTML of a Markdown fragment; raw HTML in content is shown as text, not interpreted."""
    if not text or not text.strip():
        return ""
    return markdown.markdown(html.escape(text.strip(), quote=False).replace("&gt;", ">"),
                             extensions=["tables", "ronghe.site.markdown_cjk"], output_format="html")


def paras(text: str) -> str:
    """Plain text with line breaks as paragraphs (source texts, passages)."""
    return "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.splitlines() if p.strip())
