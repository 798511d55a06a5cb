"""Glossary links: the first mention of a glossary term (or one of its aliases) on a
page becomes a link to the term's entry, with its meaning as the link title (the
theme shows titles as tooltips). Works on the rendered HTML of a page body, so it
applies to every page alike; text inside headings, links, code, navigation and
drawings is left alone.

Only whole words are linked. The site layer has no segmenter (jieba belongs to the
search build), so word boundaries come from three rules, measured on an evaluation set
(tests/fixtures/glossary_words.yml; figures in docs/guide/editing.md § 术语链接):

1. longest match over the spellings *and* the content's own vocabulary: titles (split at
   punctuation), tags, aliases, level names, category titles. A vocabulary word that
   contains a spelling (考核结果运用 holds 考核) is read as one word and not linked;
2. a two-character spelling that forms a four-character parallel phrase with the next or
   previous two characters (主责主业, 述职述廉) is part of that phrase;
3. a two-character alias (not a term's own title, e.g. 工委, 主责) is linked only where it
   stands apart: after punctuation, a non-Chinese character or a function word
   (的、和、对 ...), never glued to a modifier (上下级工委).

At most ``PER_PARAGRAPH`` links per paragraph (list item, table cell): a term first met in
a full paragraph is linked at its next mention instead.

Cost per page is linear in the page's text: one regular expression (a trie of every
spelling and guard word) finds the longest one at each place, and each term links at most once.
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


PER_PARAGRAPH = 3
# Elements that start a new paragraph for PER_PARAGRAPH.
BLOCK_ELEMENTS = frozenset({"p", "li", "td", "th", "dd", "dt", "blockquote", "div", "section", "article", "table",
                            "tr", "ul", "ol", "dl", "figcaption", "figure", "details", "summary", "aside",
                            "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr"})
# Characters after which a short alias starts a word (function words, as in search's stop list).
FUNCTION_CHARS = frozenset("的了和与及是在对把被等之为以也就都而或其着地得个这那向由经将从给让同跟并即及与")
_HAN = re.compile(r"[\u3400-\u9fff]")
_HAN_PHRASE = re.compile(r"[\u3400-\u9fff]+")
GUARD_MAX_LEN = 8     # vocabulary phrases longer than this are sentences, not words


def _is_han(ch: str) -> bool:
    return bool(ch) and bool(_HAN.match(ch))


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    title: str
    summary: str
    url: str              # site-root-relative URL of the term's page, e.g. glossary/yi-gang-shuang-ze.html


class GlossaryLinker:
    def __init__(self, terms: list[GlossaryTerm], spellings: dict[str, GlossaryTerm], guards=()):
        self.terms = terms
        # escaped spelling -> term; one regular expression finds the longest spelling (or guard
        # word, which links nothing) at each place
        self._by_spelling = {html.escape(s, quote=False): t for s, t in spellings.items()}
        titles = {html.escape(t.title, quote=False) for t in terms}
        self._short_alias = {s for s in self._by_spelling if len(s) <= 2 and s not in titles}
        self.guards = frozenset(g for g in guards if g not in spellings and any(s in g for s in spellings))
        pattern = list(self._by_spelling) + [html.escape(g, quote=False) for g in self.guards]
        self._pattern = re.compile(_trie_pattern(pattern)) if self._by_spelling else None
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
        return cls(terms, spellings, content_vocabulary(kb))

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

    def whole_word(self, text: str, start: int, end: int) -> bool:
        """Rules 2 and 3 of the module docstring for the spelling at text[start:end]."""
        spelling = text[start:end]
        if len(spelling) != 2:
            return True
        after, before = text[end:end + 2], text[max(start - 2, 0):start]
        if (len(after) == 2 and after[0] == spelling[0] and _is_han(after[1])) or \
                (len(before) == 2 and before[0] == spelling[0] and _is_han(before[1])):
            return False                        # 主责主业, 主业主责
        if spelling in self._short_alias:
            prev = text[start - 1] if start > 0 else ""
            return not _is_han(prev) or prev in FUNCTION_CHARS
        return True

    def _link_text(self, text: str, done: set[str], page_url: str, para: list[int]) -> str:
        # the longest spelling found at a place wins, even when its term is already linked:
        # 机关党委书记 holds the term 机关党委, never 党委书记
        out: list[str] = []
        start = 0
        for m in self._pattern.finditer(text):  # type: ignore[union-attr]
            term = self._by_spelling.get(m.group())
            if term is None or term.id in done or para[0] >= PER_PARAGRAPH:
                continue                          # a guard word, a term linked before, a full paragraph
            if not self.whole_word(text, m.start(), m.end()):
                continue
            out.append(text[start:m.start()])
            out.append(self._anchor(term, m.group(), page_url))
            done.add(term.id)
            para[0] += 1
            start = m.end()
        out.append(text[start:])
        return "".join(out)

    def apply(self, page_html: str, page_url: str) -> str:
        """Link first mentions in ``page_html`` (the body of the page at ``page_url``,
        a site-root-relative URL such as ``problems/x.html``)."""
        if self._pattern is None:
            return page_html
        own = self._by_url.get(page_url)   # never link a term to its own page (a lookup: O(page), not O(terms))
        done = {own} if own else set()
        in_glossary = "/" in page_url and page_url.rsplit("/", 1)[0] == self._folder
        into_glossary = self._folder + "/"
        out: list[str] = []
        skip_depth = 0
        stack: list[str] = []
        para = [0]          # glossary links in the current paragraph
        pos = 0
        for m in _TOKEN.finditer(page_html):
            text = page_html[pos:m.start()]
            if text:
                out.append(self._link_text(text, done, page_url, para) if skip_depth == 0 and text.strip() else text)
            tag = m.group(0)
            out.append(tag)
            pos = m.end()
            name_m = _TAG_NAME.match(tag)
            if not name_m:
                continue
            closing, name = name_m.group(1) == "/", name_m.group(2).lower()
            if name in BLOCK_ELEMENTS:
                para[0] = 0
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
            out.append(self._link_text(rest, done, page_url, para) if skip_depth == 0 else rest)
        return "".join(out)


def content_vocabulary(kb: KnowledgeBase) -> set[str]:
    """Words of the content itself (rule 1): Han phrases of titles split at punctuation,
    tags, aliases, level names and roles, category titles; two to GUARD_MAX_LEN characters."""
    words: set[str] = set()

    def add(text: str) -> None:
        for phrase in _HAN_PHRASE.findall(text or ""):
            if 2 <= len(phrase) <= GUARD_MAX_LEN:
                words.add(phrase)

    for e in kb.entries.values():
        add(e.title)
        for t in e.tags:
            add(t)
        for alias in getattr(e, "aliases", ()):
            add(alias)
        for name in (getattr(e, "short", ""), getattr(e, "role", "")):
            add(name)
    for cat in kb.categories.values():
        add(cat.title)
    return words


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
