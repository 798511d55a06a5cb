"""Generated pages turned into HTML by ronghe.site.page_html instead of a new Markdown converter.

The site engine renders a page (``Page.render``) by building a Python-Markdown converter
with the site's extensions and its own link checker, anchor collector and title finder.
For a generated page, ``PageRender.install`` puts ``render`` in its place: the page's HTML,
table of contents, title, anchors and links to anchors are made as the engine makes them,
its links checked and rewritten by the engine's own code, in the same order; a page
outside the subset, or a site whose Markdown extensions or toc options this module does
not know, is rendered by the engine as before.
"""

from __future__ import annotations

import logging
import re
from functools import partial
from typing import Optional

from markdown.extensions.toc import slugify as default_slugify
from markdown.util import parseBoolValue
from mkdocs.structure.pages import Page, _HTMLHandler, _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc

from ronghe.site.page_html import HeadingStyle, convert

# extensions whose effect on the subset page_html writes is known (the rest of a page
# written for them, a fence, an admonition, ..., makes page_html give up)
KNOWN_EXTENSIONS = frozenset({
    "toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html",
    "pymdownx.details", "pymdownx.superfences", "ronghe.site.markdown_cjk",
})
# extensions whose effect page_html writes ({#id}, tables, the Chinese line join, raw HTML blocks)
REQUIRED_EXTENSIONS = frozenset({"toc", "tables", "attr_list", "md_in_html", "ronghe.site.markdown_cjk"})
# toc options page_html follows (others, e.g. anchorlink, baselevel, change the headings)
_TOC_OPTIONS = frozenset({"permalink", "permalink_title", "permalink_class", "slugify", "separator",
                          "toc_depth", "title", "title_class", "toc_class", "marker"})
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")   # the engine keeps links to anchors by its level


class PageRender:
    def __init__(self, style: HeadingStyle) -> None:
        self.style = style
        self.converted = 0      # pages page_html converted
        self.declined = 0       # pages left to the engine

    @classmethod
    def for_config(cls, config) -> Optional["PageRender"]:
        """None when the site's Markdown is not the one page_html writes for."""
        extensions = config.markdown_extensions
        if not all(isinstance(e, str) and e in KNOWN_EXTENSIONS for e in extensions) \
                or not REQUIRED_EXTENSIONS <= set(extensions):
            return None
        toc = dict((config.mdx_configs or {}).get("toc") or {})
        if not set(toc) <= _TOC_OPTIONS or toc.get("marker", "[TOC]") not in ("[TOC]", ""):
            return None
        permalink = toc.get("permalink", False)
        if not isinstance(permalink, (str, bool)):
            return None
        permalink = parseBoolValue(permalink, False)
        if permalink is None:   # a string the toc extension does not read as a boolean: the link's text
            permalink = toc["permalink"]
        if permalink is True or permalink == "":
            return None   # True writes an entity, "" an empty link: not handled here
        if permalink and toc.get("permalink_class", "headerlink") != "headerlink":
            return None   # the engine's title keeps a permalink of another class
        top, bottom = _depth(toc.get("toc_depth", 6))
        if top is None:
            return None
        return cls(HeadingStyle(slugify=toc.get("slugify", default_slugify), separator=toc.get("separator", "-"),
                                permalink=permalink or None, permalink_title=toc.get("permalink_title", ""),
                                permalink_class=toc.get("permalink_class", "headerlink"),
                                toc_top=top, toc_bottom=bottom))

    def install(self, page: Page) -> None:
        """``page`` is rendered by ``render`` when the engine renders it."""
        page.render = partial(self.render, page)

    def render(self, page: Page, config, files) -> None:
        del page.render   # the class's method again
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        links = _RelativePathTreeprocessor(page.file, files, config)
        done = convert(page.markdown, self.style, links.path_to_url)
        if done is None:
            self.declined += 1
            page.render(config, files)
            return
        self.converted += 1
        page.content = done.html
        page.toc = get_toc(done.toc_tokens)
        page._title_from_render = done.title
        page.present_anchor_ids = done.heading_ids | raw_anchor_ids(page.markdown, done.raw)
        if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = links.links_to_anchors


# an attribute the engine takes as an anchor; what changes how the HTML parser reads what follows
_ANCHOR_ATTR = re.compile(r"(?<![\w-])(?:id|name)(?![\w-])", re.I)   # valueless too: the engine keeps None
_PARSER_STATE = re.compile(r"<\s*(?:script|style|!|\?)", re.I)


def raw_anchor_ids(markdown: str, raw: list[str]) -> set[str]:
    """The ids (and names of ``<a>``) the engine's HTML parser finds in ``markdown``, all of whose
    tags are in the raw blocks ``raw``: parsed are only the blocks that may hold one (a page's
    HTML parsed whole took a fifth of its conversion time), unless something in the page could
    make the parser read across blocks (a script, a style, a comment)."""
    parser = _HTMLHandler()
    parser.feed(markdown if _PARSER_STATE.search(markdown) else "\n".join(b for b in raw if _ANCHOR_ATTR.search(b)))
    parser.close()
    return parser.present_anchor_ids


def _depth(value) -> tuple[Optional[int], int]:
    """The toc extension's (top, bottom) heading levels from ``toc_depth``."""
    try:
        if isinstance(value, str) and "-" in value:
            top, bottom = (int(x) for x in value.split("-"))
            return top, bottom
        return 1, int(value)
    except (TypeError, ValueError):
        return None, 0
