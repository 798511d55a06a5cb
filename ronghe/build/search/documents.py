"""What the search index holds for each page of the site.

One ``SearchDocument`` per published entry (title, summary, body text, type,
responsibility levels), per section index page and per other page of the site
(the guides and other pages: the text of their article, from the converted page a full
build hands over, or else read from the built HTML). A listing (the relationship map, the
indexes by cause, level and tag, the printables ...: ``LISTING_URIS``) repeats the titles and
summaries of entries that have documents of their own: it is known by its title and first
paragraph only, so that it does not come before those entries for words that are theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Callable, Mapping, Optional

from ronghe.content.graph import KnowledgeBase
from ronghe.content.tags import reader_tags
from ronghe.content.model import Case, Checklist, Countermeasure, Entry, Level, Source, Term
from ronghe.site.index_parts import paging
from ronghe.site.sections import SECTIONS
from ronghe.site.urls import LISTING_URIS, entry_uri, html_path
from .synonyms import name_variants

TYPE_LABELS = {
    "problem": "问题", "cause": "原因", "countermeasure": "对策", "case": "案例", "checklist": "清单",
    "level": "层级", "term": "术语", "source": "文献", "topic": "专题", "page": "页面", "guide": "站点说明",
}
# The types a reader can narrow results to, in this order: every type a result is tagged with
# (a generic page, 页面, aside).
FACET_TYPES = ("problem", "cause", "countermeasure", "case", "checklist", "level", "term", "topic", "source", "guide")
# Pages for those who edit and run the site, not for readers: found only under their own
# facet (类型:站点说明), or when nothing else matches.
MAINTAINER_TYPES = ("guide",)
GUIDE_FOLDER = "guide/"
# Text read from a page outside the guides: enough for every listing of the seeds (the longest,
# the relationship map, has 16,000 characters), while at 20,000 entries a listing page holds
# hundreds of thousands that only repeat the titles of entries that have their own documents.
MAX_PAGE_TEXT = 20_000
_CHUNK = 65_536
# What is read of a listing: its first paragraph, cut after a sentence within this many characters.
LISTING_TEXT = 120
_SENTENCE_END = re.compile(r"[。！？!?]")

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP = re.compile(r"[*_`#>|~]+|^\s*[-+]\s+|^\s*\d+[.)]\s+", re.M)


def markdown_text(md: str) -> str:
    """Readable text of a Markdown fragment (links keep their text)."""
    return " ".join(_MD_MARKUP.sub(" ", _MD_LINK.sub(r"\1", md)).split())


PHRASINGS_LABEL = "常见说法："
# The sayings' share of a page's text for passages (publish.MAX_TEXT in all): many or long ones
# (the content check warns about them) must not push the body out.
PHRASINGS_TEXT = 600
_SENTENCE_BREAK = re.compile(r"[。！？!?\s]+")


@dataclass
class SearchDocument:
    location: str                 # page URL relative to the site root, e.g. problems/x.html
    title: str
    summary: str = ""
    type: str = "page"
    levels: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)   # tags, aliases, level names
    body: str = ""
    entry_id: str = ""
    aliases: list[str] = field(default_factory=list)    # other names of exactly this entry
    phrasings: list[str] = field(default_factory=list)  # how cadres say it (the entry's 常见说法)

    @property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.type, "页面")

    @property
    def passage_text(self) -> str:
        """The text passages under a result are taken from (and the query's phrases are looked for
        in, ``query.SearchEngine.page_text``): each of the entry's 常见说法 as a line of its own,
        labelled and without sentence breaks (the browser cuts passages there), so that a reader who
        typed one sees that one; up to ``PHRASINGS_TEXT`` characters of them, then the body."""
        lines, size = [], 0
        for saying in self.phrasings:
            line = PHRASINGS_LABEL + _SENTENCE_BREAK.sub(" ", saying).strip()
            size += len(line) + 1
            if size > PHRASINGS_TEXT:
                break
            lines.append(line)
        return "\n".join(lines + ([self.body] if self.body else []))


def _levels_of(kb: KnowledgeBase, entry: Entry) -> list[str]:
    def of_cms(cms) -> list[str]:
        return [lv for cm in cms if isinstance(cm, Countermeasure) for m in cm.measures for lv in m.levels]

    if isinstance(entry, Countermeasure):
        ids = of_cms([entry])
    elif isinstance(entry, Case):
        ids = list(entry.levels) + of_cms(kb.get(i) for i in entry.countermeasures)
    elif isinstance(entry, Checklist):
        ids = [entry.level]
    elif isinstance(entry, Level):
        ids = [entry.id]
    elif entry.type_name == "problem":
        ids = of_cms(kb.countermeasures_for_problem(entry.id))
    elif entry.type_name == "cause":
        ids = of_cms(kb.countermeasures_for_cause(entry.id))
    else:
        ids = []
    order = {lv.id: i for i, lv in enumerate(kb.levels())}
    return sorted({i for i in ids if i in order}, key=order.get)


def _item(text: str, timing: str, evidence: str) -> str:
    """A measure or checklist item as one line: 做什么（何时；留什么材料）."""
    extra = "；".join(filter(None, (timing, evidence)))
    return f"{text}（{extra}）" if extra else text


def entry_document(kb: KnowledgeBase, entry: Entry) -> SearchDocument:
    keywords = reader_tags(entry.tags)   # internal tags (ronghe.content.tags) are for editors only
    body = [markdown_text(entry.body)]
    aliases: list[str] = []
    if isinstance(entry, Term):
        keywords += entry.aliases
        aliases = list(entry.aliases)
    if isinstance(entry, Level):
        keywords += [entry.short, entry.role]
        aliases = name_variants(entry.title) + [entry.short]
    if isinstance(entry, Countermeasure):
        cat = kb.categories.get(entry.category)
        if cat:
            keywords.append(cat.title)
        body += [_item(m.text, m.timing, m.evidence) for m in entry.measures]
    if isinstance(entry, Case):
        body += [entry.unit, entry.date] + [f"{f.label} {f.value}" for f in entry.figures]
    if isinstance(entry, Checklist):
        body += [g.title for g in entry.groups]
        body += [_item(i.text, i.timing, i.evidence) for i in entry.items()]
    # other types (e.g. training topics): their lead text and questions
    body += [markdown_text(str(getattr(entry, "intro", "") or ""))] + [str(q) for q in getattr(entry, "questions", []) or []]
    if isinstance(entry, Source):
        body += [entry.publisher, entry.author, entry.date]
    else:
        body += [c.passage for c in entry.citations]
    return SearchDocument(
        location=html_path(entry_uri(entry)), title=entry.title, summary=entry.summary,
        type=entry.type_name, levels=_levels_of(kb, entry), keywords=[k for k in keywords if k],
        body="\n".join(b.strip() for b in body if b and b.strip()), entry_id=entry.id,
        aliases=[a for a in dict.fromkeys(aliases) if a and a != entry.title],
        phrasings=[p for p in dict.fromkeys(entry.phrasings) if p],
    )


class _PageText(HTMLParser):
    """Title (first h1) and text of the article of a built page."""

    SKIP = {"script", "style", "nav", "header", "footer"}

    def __init__(self):
        super().__init__()
        self.depth = 0          # inside <article>
        self.skip = 0
        self.in_h1 = False
        self.in_headerlink = False
        self.title: list[str] = []
        self.text: list[str] = []
        self.p_depth = 0        # inside a <p> of the article
        self.first_p: list[str] = []   # the text of its first paragraph (a listing's introduction)
        self.p_done = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in self.SKIP:
            self.skip += 1
        elif tag == "h1" and self.depth:
            self.in_h1 = True
        elif tag == "a" and "headerlink" in (a.get("class") or ""):
            self.in_headerlink = True
        elif tag == "p" and self.depth and not self.p_done:
            self.p_depth += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth = max(0, self.depth - 1)
        elif self.depth and tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "h1":
            self.in_h1 = False
        elif tag == "a":
            self.in_headerlink = False
        elif tag == "p" and self.p_depth:
            self.p_depth -= 1
            self.p_done = self.p_done or (not self.p_depth and bool("".join(self.first_p).strip()))

    def handle_data(self, data):
        if not self.depth or self.skip or self.in_headerlink:
            return
        (self.title if self.in_h1 and not self.title else self.text).append(data)
        if self.p_depth and not self.p_done:
            self.first_p.append(data)


def page_document(site_dir: Path, location: str, html: Optional[str] = None,
                  listing: bool = False) -> SearchDocument | None:
    """The document of a page that is not an entry: its title (first h1) and the text of its
    article, from ``html`` (the page, or its article) or else from the built file. The text
    of a page outside the guides is read up to about ``MAX_PAGE_TEXT`` characters; of a
    ``listing``, only its first paragraph (at most ``LISTING_TEXT`` characters)."""
    if html is None:
        html = (site_dir / location).read_text(encoding="utf-8")
    guide = location.startswith(GUIDE_FOLDER)
    parser = _PageText()
    start = 0
    while start < len(html):
        end = html.find("<", start + _CHUNK)   # a piece ends before a tag: no text is cut in two
        end = len(html) if end < 0 else end
        parser.feed(html[start:end])
        start = end
        if not guide and sum(map(len, parser.text)) >= (LISTING_TEXT * 4 if listing else MAX_PAGE_TEXT):
            break
    title = " ".join("".join(parser.title).split())
    text = " ".join(" ".join(parser.text).split())
    if not title:
        return None
    summary = text[:80] + ("…" if len(text) > 80 else "")
    if listing:   # its first paragraph (the introduction above the list), at most LISTING_TEXT characters
        text = " ".join("".join(parser.first_p).split()) or text
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, LISTING_TEXT + 1)]
        text = text[:max(ends)] if len(text) > LISTING_TEXT and ends else text[:LISTING_TEXT]
    return SearchDocument(location=location, title=title, summary=summary, type="guide" if guide else "page", body=text)


def article_html(content: str, title: str) -> str:
    """A converted page's content as the theme puts it in the page's article (Material's
    ``partials/content.html`` adds the title as a heading when the content has none)."""
    heading = "" if "<h1" in content else f"<h1>{title}</h1>"
    return f"<article>{heading}{content}</article>"


def site_documents(kb: KnowledgeBase, site_dir: Path,
                   pages: Optional[Mapping[str, Callable[[], str]]] = None) -> list[SearchDocument]:
    """Every searchable page: entries first (in type order), then section and other pages.
    ``pages`` (location -> its article HTML) replaces reading the built pages."""
    docs = [entry_document(kb, e) for s in SECTIONS for e in kb.by_type(s.type_name)]
    known = {d.location for d in docs}
    for s in SECTIONS:
        loc = html_path(s.index_uri)
        known.add(loc)
        docs.append(SearchDocument(location=loc, title=s.title, summary=kb.identity.intro(s.type_name),
                                   body=kb.identity.intro(s.type_name)))
    # the parts of a long section index list entries that are searched on their own
    known |= {html_path(p.uri) for p in paging(kb).section_parts()}
    # the parts of a big listing (matrix-2, by-level-<level> ...) are listings too
    listings = {html_path(uri) for uri in LISTING_URIS} | {html_path(p.uri) for p in paging(kb).parts()}
    if pages is None:
        located = {path.relative_to(site_dir).as_posix(): None for path in site_dir.rglob("*.html")}
    else:
        located = dict(pages)
    for loc in sorted(located, key=PurePosixPath):
        if loc in known or loc == "404.html" or loc.startswith("assets/"):
            continue
        source = located[loc]
        doc = page_document(site_dir, loc, source() if source is not None else None, loc in listings)
        if doc:
            docs.append(doc)
    return docs

