"""Generated pages turned into HTML without the Markdown converter.

The page renderers (entries, indexes, checklists, handouts) write a small part of
Markdown: raw HTML blocks (most of a page; ronghe.site.markup), ATX headings with an
optional ``{#id}``, and paragraphs of text with backslash escapes, entities,
``**strong**`` and ``[links](url)``. Python-Markdown takes about 5 ms for such a page
(a new converter for every page, its HTML block parser, the inline patterns, the
table of contents); at 20,000 entries that was three fifths of page conversion.

``convert`` writes, for that subset, the HTML that Python-Markdown with the site's
extensions writes, byte for byte, with the same heading ids and table of contents,
and gives up (``None``) on anything else: a list, a table, a quote, an admonition,
inline HTML, emphasis with ``_``, a lone ``*``, a line with leading or trailing
spaces... The caller then lets the converter do the page. Giving up is always safe;
a wrong answer is not: tests/site/test_page_html.py compares both, page by page, on
the seeds and on a generated base, and on hostile text.

Links are handed to ``rewrite`` in document order (the site engine checks them and
makes them relative) once the whole page is known to convert, so that no link is checked
twice. Text outside raw HTML blocks holds no tag (``<`` there makes it give up): the ids
the engine finds in a page's HTML are those of its headings and of ``raw``.
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from markdown.extensions.toc import nest_toc_tokens, strip_tags, unique
from markdown.serializers import _escape_attrib_html, _escape_cdata

from ronghe.site.markdown_cjk import join_cjk_lines
from ronghe.site.markup import html_table

# what Python-Markdown with the tables extension unescapes after a backslash
_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!|")
# block-level tags whose raw HTML the site's pages start a block with
_RAW_TAGS = frozenset({"div", "nav", "p", "ul", "ol", "table", "figure", "blockquote", "section",
                       "aside", "details", "dl", "form", "fieldset", "header", "footer"})
# a newline or any other whitespace than a space right after the name: not a raw block to the converter
_RAW_START = re.compile(r"<([a-z]+)[ >]")
# a raw block's tags, strictly (no '<', backtick or other whitespace than space and newline inside),
# and its text (no '<')
_ATTR_VALUE = r"""(?:[ \n]*=[ \n]*(?:"[^"<`]*"|'[^'<`]*'|[^\s"'=<>`]+))?"""
_RAW_ATTR_NAME = re.compile(r"[ \n]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)" + _ATTR_VALUE)
_RAW_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[ \n]+[a-zA-Z_:][-a-zA-Z0-9_:.]*" + _ATTR_VALUE + r")*)[ \n]*(/?)>"
                        r"|([^<]+)")
# elements whose content an HTML parser reads as text (title, textarea... in newer Pythons)
_RAW_TEXT_ELEMENTS = re.compile(r"<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b",
                                re.I)
# a character reference the HTML extractor rewrites (&#12 -> &#12;) or loses its place after (&#;)
_BAD_CHARREF = re.compile(r"&#(?![0-9]+;|[xX][0-9a-fA-F]+;)")
# a fence superfences finds anywhere, raw HTML blocks included (its preprocessor runs first)
_FENCE = re.compile(r"^[> ]*(?:`{3,}|~{3,})", re.M)
_HEADING = re.compile(r"(#{1,6})(.*)")
_HEADING_ID = re.compile(r"^(.*?)[ ]+\{#([A-Za-z0-9_:.\-]+)\}[ ]*$")
_URL = re.compile(r"[A-Za-z0-9_./#%~\-]+")
# characters that mean something to Markdown (or its extensions) where the subset has no rule
_NOT_TEXT = frozenset("*_`[]<{}|\\!&")
# a line that could start some other block: list, quote, table, fence, admonition, setext rule,
# ordered list, indented code, attribute list, definition...
_OTHER_BLOCK = re.compile(r"[-+*>|=!?:~`#<\s]|\d+[.)]")


@dataclass
class HeadingStyle:
    """How the site's toc extension marks headings (mkdocs.yml ``toc:``)."""
    slugify: Callable[[str, str], str]
    separator: str = "-"
    permalink: Optional[str] = "¶"    # None: headings have no permalink
    permalink_title: str = ""
    permalink_class: str = "headerlink"
    toc_top: int = 1
    toc_bottom: int = 6


@dataclass
class Converted:
    html: str
    toc_tokens: list
    title: Optional[str]                        # text of a first-level heading that opens the page
    heading_ids: set[str] = field(default_factory=set)
    raw: list[str] = field(default_factory=list)   # the raw HTML blocks: the page's only tags


def convert(markdown: str, style: HeadingStyle, rewrite: Callable[[str], str]) -> Optional[Converted]:
    """The page's HTML as Python-Markdown writes it, None where the subset ends. ``rewrite``
    is called for every link, in document order, only once the whole page is known to convert."""
    if any(c in markdown for c in "\r\t\x00\x02\x03"):
        return None
    blocks: list[tuple[str, object]] = []
    for chunk in re.split(r"\n(?:[ ]*\n)+", markdown.strip("\n")):
        if not chunk:
            continue
        kind = _block(chunk)
        if kind is None:
            return None
        blocks.append(kind)
    urls: list[str] = []

    def later(url: str) -> str:
        """A slot for the link, filled in once the page converts."""
        urls.append(url)
        return f"\x00{len(urls) - 1}\x00"

    # ids given with {#id} are taken before any heading gets one from its text
    used = {b[1][2] for b in blocks if b[0] == "h" and b[1][2]}
    counters: dict[str, int] = {}
    out: list[str] = []
    tokens: list[dict] = []
    ids: set[str] = set()
    raw: list[str] = []
    title = None
    for i, (kind, value) in enumerate(blocks):
        if kind == "raw":
            raw.append(value)
            out.append(value + "\n")
        elif kind == "table":
            rows = [[_inline_or_none(cell, later) for cell in row] for row in value]
            if any(cell is None for row in rows for cell in row):
                return None
            # Python-Markdown writes one empty row for a table without rows
            out.append(html_table(rows[0], rows[1:] or [[""] * len(rows[0])]))
        elif kind == "p":
            inner = _inline_or_none(value, later) if "\n" not in value else _escape(join_cjk_lines(value))
            if inner is None:
                return None
            out.append(f"<p>{inner}</p>")
        else:
            heading = _heading(value, style, used, counters, later)
            if heading is None:
                return None
            html, token = heading
            if style.toc_top <= token["level"] <= style.toc_bottom:
                tokens.append(token)
            ids.add(token["id"])
            if i == 0 and token["level"] == 1:
                title = _title_text(token["html"])
            out.append(html)
    page = "\n".join(out).strip("\n")
    if urls:   # the site engine checks and rewrites links in document order, as in the converter
        page = _SLOT.sub(lambda m: _escape_attr(rewrite(urls[int(m.group(1))])), page)
    return Converted(page, nest_toc_tokens(tokens), title, ids, raw)


_SLOT = re.compile("\x00([0-9]+)\x00")


def _heading(value, style: HeadingStyle, used: set[str], counters: dict,
             link: Callable[[str], str]) -> Optional[tuple[str, dict]]:
    """A heading's HTML and its table-of-contents token (the toc extension sees links as written)."""
    level, text, given = value
    inner = _inline_or_none(text, _escape_attr)
    if inner is None:
        return None
    name = strip_tags(inner)
    ident = given or unique(style.slugify(_html.unescape(name), style.separator), used, counters)
    token = {"level": level, "id": ident, "name": name, "html": inner, "data-toc-label": ""}
    if "<a " in inner:
        inner = _inline_or_none(text, link)
    permalink = ""
    if style.permalink:
        title_attr = f' title="{_escape_attr(style.permalink_title)}"' if style.permalink_title else ""
        permalink = (f'<a class="{_escape_attr(style.permalink_class)}" href="{link("#" + ident)}"'
                     f'{title_attr}>{_escape(style.permalink)}</a>')
    return f'<h{level} id="{_escape_attr(ident)}">{inner}{permalink}</h{level}>', token


def _block(chunk: str) -> Optional[tuple[str, object]]:
    """("raw", html) | ("h", (level, text, id)) | ("p", text), None outside the subset."""
    if chunk.startswith("<"):
        m = _RAW_START.match(chunk)
        if m is None or m.group(1) not in _RAW_TAGS or chunk != chunk.rstrip() or _FENCE.search(chunk) \
                or _BAD_CHARREF.search(chunk) or not _closes_at_end(chunk, m.group(1)):
            return None
        return ("raw", chunk)
    lines = chunk.split("\n")
    if any(line != line.strip(" ") or not line for line in lines):
        return None
    if chunk.startswith("#"):
        m = _HEADING.fullmatch(chunk)
        if m is None or len(lines) > 1 or not m.group(2).startswith(" "):
            return None
        text = m.group(2).strip()
        given = ""
        if "{" in text:
            idm = _HEADING_ID.match(text)
            if idm is None:
                return None
            text, given = idm.group(1).strip(), idm.group(2)
        if not text or text.endswith("#") or "\\>" in text:   # \> is ">" in the toc, "&gt;" in the page
            return None
        return ("h", (len(m.group(1)), text, given))
    if chunk.startswith("|"):
        if any(c.isspace() and c != " " for c in "".join(lines)):   # cells are stripped of spaces only
            return None
        rows = _table_rows(lines)
        return None if rows is None else ("table", rows)
    if _OTHER_BLOCK.match(chunk) or any(_OTHER_BLOCK.match(line) for line in lines[1:]):
        return None
    if len(lines) > 1 and any(c in _NOT_TEXT or c == ">" for c in chunk):
        return None   # soft breaks only in plain text (the CJK line join sees placeholders otherwise)
    return ("p", chunk)


_RULE = re.compile(r"\|(?: ?-{3,} ?\|)+")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _table_rows(lines: list[str]) -> Optional[list[list[str]]]:
    """A pipe table with a plain rule (no alignment): its header and rows of cell texts."""
    if len(lines) < 2 or not _RULE.fullmatch(lines[1]) or "\\\\" in "".join(lines):
        return None
    rows = []
    for line in lines[:1] + lines[2:]:
        if not (line.startswith("|") and line.endswith("|") and not line.endswith("\\|")) or "`" in line:
            return None
        rows.append([cell.strip() for cell in _CELL_SPLIT.split(line[1:-1])])
    if len(rows[0]) != lines[1].count("|") - 1 or any(len(row) != len(rows[0]) for row in rows):
        return None
    return rows


def _closes_at_end(chunk: str, tag: str) -> bool:
    """The block's first element closes where the chunk ends, and not before, as Markdown's HTML
    extractor reads it (an end tag closes back to its start tag, names in any case); tags only of a
    strict form, no ``markdown`` attribute, nothing a parser would read across blocks."""
    if _RAW_TEXT_ELEMENTS.search(chunk):
        return False
    stack: list[str] = []
    pos, closed = 0, False
    for m in _RAW_TOKEN.finditer(chunk):
        if m.start() != pos or closed:
            return False
        pos = m.end()
        if m.group(5) is not None:
            continue
        if any(a.group(1).lower() == "markdown" for a in _RAW_ATTR_NAME.finditer(m.group(3))):
            return False
        name = m.group(2).lower()
        if m.group(1):
            if name in stack:
                while stack.pop() != name:
                    pass
                closed = not stack
        elif not m.group(4) and name != "hr":   # the extractor keeps no <hr> open
            stack.append(name)
    return closed and pos == len(chunk) and chunk.endswith(f"</{tag}>")


_INLINE = re.compile(
    r"\\(?P<esc>.)"
    r"|\*\*(?P<strong>(?:\\.|[^\\*\[\]\n])+?)\*\*"
    r"|\[(?P<text>(?:\\.|[^\\\[\]*\n])+)\]\((?P<url>[^()\s\"'<>]+)\)"
    r"|(?P<entity>&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)", re.S)


def _inline_or_none(text: str, link: Callable[[str], str], nested: bool = False) -> Optional[str]:
    """Inline Markdown of the subset as HTML (``link(url)``: what the href holds); None on anything
    else. ``nested``: inside **…** or a link's brackets, where only escapes and entities are taken."""
    out: list[str] = []
    pos = 0
    for m in _INLINE.finditer(text):
        plain = _plain(text[pos:m.start()])
        if plain is None:
            return None
        out.append(plain)
        pos = m.end()
        if m.group("esc") is not None:
            if m.group("esc") not in _ESCAPABLE:
                return None
            out.append(_escape(m.group("esc")))
        elif m.group("entity") is not None:
            out.append(m.group("entity"))
        elif nested:
            return None
        elif m.group("strong") is not None:
            inner = _inline_or_none(m.group("strong"), link, nested=True)
            if inner is None or m.group("strong") != m.group("strong").strip():   # "** x**" is no emphasis
                return None
            out.append(f"<strong>{inner}</strong>")
        else:
            inner = _inline_or_none(m.group("text"), link, nested=True)
            url = m.group("url")
            if inner is None or not _URL.fullmatch(url) or (out and out[-1].endswith("!")):
                return None
            out.append(f'<a href="{link(url)}">{inner}</a>')
    plain = _plain(text[pos:])
    if plain is None:
        return None
    out.append(plain)
    return "".join(out)


def _plain(text: str) -> Optional[str]:
    if any(c in _NOT_TEXT for c in text):
        return None
    return _escape(text)


# the converter's own serializer rules for text and attribute values (bare "&" escaped, entities kept)
_escape = _escape_cdata
_escape_attr = _escape_attrib_html


def _title_text(inner: str) -> str:
    """The site engine's title from a page's first heading: its text, tags removed."""
    while (start := inner.find("<")) != -1 and (end := inner.find(">", start)) != -1:
        inner = inner[:start] + inner[end + 1:]
    return " ".join(inner.split())
