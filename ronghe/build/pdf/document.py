"""Complete HTML documents for WeasyPrint, built from a body and stylesheets."""

from __future__ import annotations

import html
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE_CSS = HERE / "base.css"

# Named explicitly: with a generic family, fontconfig may pick a Japanese face or a bitmap font.
FONT_SANS = "Noto Sans CJK SC"
FONT_SERIF = "Noto Serif CJK SC"


def stylesheet(name: str) -> str:
    """Text of a stylesheet shipped in this package (e.g. ``base.css``)."""
    return (HERE / name).read_text(encoding="utf-8")


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string or the ``<style>`` element."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\<>&\'' or ord(c) < 0x20 else c for c in text) + '"'


def running_header(text: str) -> str:
    """CSS for the left running header of every page (the guide's name comes from its content);
    a stylesheet's ``@page :first`` rule still takes it off the first page."""
    return f"@page {{ @top-left {{ content: {css_string(text)}; }} }}"


def html_document(title: str, body: str, css: list[str] | tuple[str, ...] = (), *,
                  author: str = "", subject: str = "") -> str:
    """A standalone document. ``lang="zh-CN"`` makes the CJK fonts use Simplified Chinese glyph forms."""
    meta = [f'<meta name="author" content="{html.escape(author, quote=True)}">' if author else "",
            f'<meta name="description" content="{html.escape(subject, quote=True)}">' if subject else ""]
    styles = "\n".join(f"<style>\n{c}\n</style>" for c in (stylesheet("base.css"), *css))
    return ("<!DOCTYPE html>\n"
            '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n" + "".join(m + "\n" for m in meta if m)
            + styles + "\n</head>\n<body>\n" + body + "\n</body>\n</html>\n")
