"""Glossary links: the first mention of a glossary term (or one of its aliases) on a
page becomes a link to the term's entry, with its meaning as the link title (the
theme shows titles as tooltips). Works on the rendered HTML of a page body, so it
applies to every page alike; text inside headings, links, code, navigation and
drawings is left alone.

Cost per page is linear in the page's text: one regular expression (a trie of every
spelling) finds the longest spelling at each place, and each term links at most once.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass

from ronghe.content.graph import KnowledgeBase, per_knowledge_base
from ronghe.content.model import Term
from .urls import entry_uri, html_path

# Elements whose text is never linked (void elements cannot hold text anyway).
SKIP_ELEMENTS = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script",
                           "style", "svg", "nav", "abbr", "button", "textarea", "select", "title", "dfn",
                           "label", "summary", "th"})
_TOKEN = re.compile(r"<!--.*?-->|<![^>]*>|<[^>]*>", re.S)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_SELF_CLOSING = re.compile(r"/\s*>$")
_HREF = re.compile(r'\shref="([^"]*)"')


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    title: str
    summary: str
    url: str              # site-root-relative URL of the term's page, e.g. glossary/yi-gang-shuang-ze.html


class GlossaryLinker:
    def __init__(self, terms: list[GlossaryTerm], spellings: dict[str, GlossaryTerm]):
        self.terms = terms
        # escaped spelling -> term; one regular expression finds the longest spelling at each place
        self._by_spelling = {html.escape(s, quote=False): t for s, t in spellings.items()}
        self._pattern = re.compile(_trie_pattern(self._by_spelling)) if self._by_spelling else None
        self._by_url = {t.url: t.id for t in terms}
        self._folder = terms[0].url.rsplit("/", 1)[0] if terms else ""

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> "GlossaryLinker":
        terms: list[GlossaryTerm] = []
        spellings: dict[str, GlossaryTerm] = {}
        for e in kb.by_type("term"):
            assert isinstance(e, Term)
            t = GlossaryTerm(e.id, e.title, e.summary, html_path(entry_uri(e)))
            terms.append(t)
            for spelling in [e.title, *e.aliases]:
                spelling = spelling.strip()
                if len(spelling) >= 2 and spelling not in spellings:   # a term's own title wins over aliases
                    spellings[spelling] = t
        return cls(terms, spellings)

    def _anchor(self, term: GlossaryTerm, shown: str, page_url: str) -> str:
        target = posixpath.relpath(term.url, posixpath.dirname(page_url) or ".")
        tip = f"{term.title}：{term.summary}" if term.summary else term.title
        return (f'<a class="rh-term" href="{html.escape(target, quote=True)}" '
                f'title="{html.escape(tip, quote=True)}">{shown}</a>')

    def _note_linked_term(self, tag: str, page_url: str, done: set[str]) -> None:
        m = _HREF.search(tag)
        if m and not m.group(1).startswith(("#", "http:", "https:")):
            target = html.unescape(m.group(1)).split("#", 1)[0]
            url = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), target))
            term_id = self._by_url.get(url)
            if term_id:
                done.add(term_id)

    def _link_text(self, text: str, done: set[str], page_url: str) -> str:
        # the longest spelling found at a place wins, even when its term is already linked:
        # 机关党委书记 holds the term 机关党委, never 党委书记
        out: list[str] = []
        start = 0
        for m in self._pattern.finditer(text):  # type: ignore[union-attr]
            term = self._by_spelling[m.group()]
            if term.id not in done:
                out.append(text[start:m.start()])
                out.append(self._anchor(term, m.group(), page_url))
                done.add(term.id)
                start = m.end()
        out.append(text[start:])
        return "".join(out)

    def apply(self, page_html: str, page_url: str) -> str:
        """Link first mentions in ``page_html`` (the body of the page at ``page_url``,
        a site-root-relative URL such as ``problems/x.html``)."""
        if self._pattern is None:
            return page_html
        done = {t.id for t in self.terms if t.url == page_url}   # never link a term to its own page
        in_glossary = "/" in page_url and page_url.rsplit("/", 1)[0] == self._folder
        into_glossary = self._folder + "/"
        out: list[str] = []
        skip_depth = 0
        stack: list[str] = []
        pos = 0
        for m in _TOKEN.finditer(page_html):
            text = page_html[pos:m.start()]
            if text:
                out.append(self._link_text(text, done, page_url) if skip_depth == 0 and text.strip() else text)
            tag = m.group(0)
            out.append(tag)
            pos = m.end()
            name_m = _TAG_NAME.match(tag)
            if not name_m:
                continue
            closing, name = name_m.group(1) == "/", name_m.group(2).lower()
            # a term the page already links to is not linked again (term pages are in one folder:
            # only links from it or into it can point at one; pages hold thousands of links)
            if name == "a" and not closing and (in_glossary or into_glossary in tag):
                self._note_linked_term(tag, page_url, done)
            if name not in SKIP_ELEMENTS:
                continue
            if closing:
                if name in stack:
                    while stack:
                        top = stack.pop()
                        skip_depth -= 1
                        if top == name:
                            break
            elif not _SELF_CLOSING.search(tag):
                stack.append(name)
                skip_depth += 1
        rest = page_html[pos:]
        if rest:
            out.append(self._link_text(rest, done, page_url) if skip_depth == 0 else rest)
        return "".join(out)


def _trie_pattern(spellings) -> str:
    """A regular expression matching any of ``spellings``, the longest where several
    start at the same place (a trie: the scan for a first character runs in C)."""
    trie: dict = {}
    for spelling in spellings:
        node = trie
        for ch in spelling:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alternatives = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@per_knowledge_base
def glossary_linker(kb: KnowledgeBase) -> GlossaryLinker:
    """The linker for ``kb`` (built once per build, reused for every page)."""
    return GlossaryLinker.from_kb(kb)


def link_glossary_terms(kb: KnowledgeBase, page_html: str, page_url: str) -> str:
    return glossary_linker(kb).apply(page_html, page_url)
