"""Where each row of the big 对策索引 pages lives once they are split into parts.

At a few thousand entries, one page per index grew to megabytes and took seconds to
open (按责任层级查举措 2.3 MB, 关系图 1.9 MB, 按原因查对策 1.7 MB, the list of the
问题—对策矩阵 1.3 MB at N = 5,000). Above a size, such a page becomes a contents page
and its rows go to parts of bounded size:

- the matrix list and 按原因查对策: ``PART_SIZE`` problems or causes per part, in the
  order of the knowledge base (``indexes/matrix-2.md``, ``indexes/by-cause-2.md``);
- 按责任层级查举措: one page per level (``indexes/by-level-<level>.md``), or per level and
  countermeasure category for a level with many 举措 (``indexes/by-level-<level>--<category>.md``:
  ids have no "--");
- 关系图: one page per countermeasure category (``indexes/map-<category>.md``).

A section index (问题表现, 原因, 对策 ...) with more than ``SECTION_LIMIT`` entries lists
them on parts too: the countermeasures one part per category (the index shows the first
``SECTION_PREVIEW`` of each), the other sections ``SECTION_PART_SIZE`` entries per part
(``indexes/all-problems-2.md``, ``indexes/all-countermeasures-<category>.md``).

Entry pages link to the part that holds their row (``Paging.target``). With parts by
position, adding an entry moves only the rows at the part boundaries to another part,
so under the dev server only those entries' pages are rendered again
(``entry_pages.page_views`` includes where each row lives).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Callable

from ronghe.content.graph import KnowledgeBase, per_knowledge_base
from ronghe.content.model import Countermeasure, Entry
from .crossref import crossref
from .hrefs import a, href
from .sections import SECTIONS
from .urls import (BY_CATEGORY_URI, BY_CAUSE_URI, BY_LEVEL_URI, INDEX_DIR, MAP_URI, MATRIX_URI, TITLES,
                   category_anchor, cause_anchor, level_anchor, problem_anchor)
from .markup import link, raw_html

PART_SIZE = 100          # problems (matrix list) or causes (按原因查对策) per part
LEVEL_SPLIT_ROWS = 500   # above this many 举措 rows in all, each level gets its own page
LEVEL_PART_ROWS = 600    # ... and above this many of one level, a page per countermeasure category
MAP_MAX_NODES = 150      # above this many boxes in all, each category gets its own map page
MAP_PER_CATEGORY = 40    # ... which draws at most this many countermeasures (the page stays small)
SECTION_LIMIT = 300      # above this many entries, a section index lists them on parts
SECTION_PART_SIZE = 300  # entries per part of a section (the countermeasures: a part per category)
SECTION_PREVIEW = 10     # countermeasures of each category on the 对策 index itself


@dataclass
class Part:
    uri: str             # source URI of the part page
    base: str            # source URI of the page it is a part of
    number: int          # 1, 2, ... in the order of the contents
    label: str           # what the part holds: "第 2 部分" or a level or category title
    title: str           # page title
    entries: list[Entry] = field(default_factory=list)  # the rows (problems, causes) or [level]
    key: str = ""        # level or category id for the parts by level / category
    group: str = ""      # the category of a level's part, when a level is split by category
    group_title: str = ""  # ... and its title
    start: int = 1       # number of its first row among all rows (numbered parts)


def _numbered(base: str, entries: list[Entry], size: int = 0, stem: str = "", title: str = "") -> list[Part]:
    """Parts of ``size`` rows (``PART_SIZE``): ``<stem>-<n>.md`` (``stem``: ``base`` without ``.md``)."""
    size, stem, title = size or PART_SIZE, stem or base[:-3], title or TITLES[base]
    parts = []
    for i in range(0, len(entries), size):
        n = i // size + 1
        parts.append(Part(uri=f"{stem}-{n}.md", base=base, number=n, label=f"第 {n} 部分",
                          title=f"{title}（第 {n} 部分）", entries=entries[i:i + size], start=i + 1))
    return parts


def map_groups(kb: KnowledgeBase) -> list[tuple[str, str, list[Countermeasure]]]:
    """(category id, title, countermeasures) in the order of the categories; categories
    not declared in categories.yml come last."""
    xr = crossref(kb)
    order = list(kb.categories) + [c for c in xr.cms_by_category if c not in kb.categories]
    return [(cat_id, kb.categories[cat_id].title if cat_id in kb.categories else (cat_id or "未分类"),
             xr.cms_by_category[cat_id]) for cat_id in order if xr.cms_by_category.get(cat_id)]


def map_node_count(kb: KnowledgeBase) -> int:
    return sum(len(kb.by_type(t)) for t in ("problem", "cause", "countermeasure"))


def level_categories(kb: KnowledgeBase, level_id: str) -> list[tuple[str, str, list]]:
    """The 举措 of a level by the category of their countermeasure, in category order:
    ``(category id, title, [(countermeasure, measure), ...])``."""
    by_category: dict[str, list] = {}
    for cm, m in crossref(kb).measures_by_level.get(level_id, []):
        by_category.setdefault(cm.category, []).append((cm, m))
    return [(cat_id, title, by_category[cat_id]) for cat_id, title, _ in map_groups(kb) if cat_id in by_category]


def _level_parts(kb: KnowledgeBase, lv, before: int) -> list[Part]:
    """The page of a level in 按责任层级查举措, or a page per countermeasure category when
    the level has more than ``LEVEL_PART_ROWS`` 举措 (``before``: parts ahead of it)."""
    stem, name = f"{BY_LEVEL_URI[:-3]}-{lv.slug or lv.id}", f"{TITLES[BY_LEVEL_URI]}：{lv.title}"
    if len(crossref(kb).measures_by_level.get(lv.id, [])) <= LEVEL_PART_ROWS:
        return [Part(uri=f"{stem}.md", base=BY_LEVEL_URI, number=before + 1, label=lv.title, title=name,
                     entries=[lv], key=lv.id)]
    return [Part(uri=f"{stem}--{cat_id}.md", base=BY_LEVEL_URI, number=before + i, label=f"{lv.title}·{title}类",
                 title=f"{name}（{title}类）", entries=[lv], key=lv.id, group=cat_id, group_title=title)
            for i, (cat_id, title, _) in enumerate(level_categories(kb, lv.id), 1)]


class Paging:
    def __init__(self, kb: KnowledgeBase):
        problems, causes = kb.by_type("problem"), kb.by_type("cause")
        self.matrix = _numbered(MATRIX_URI, problems) if len(problems) > PART_SIZE else []
        self.by_cause = _numbered(BY_CAUSE_URI, causes) if len(causes) > PART_SIZE else []
        xr = crossref(kb)
        levels = sorted(kb.levels(), key=lambda lv: (lv.order, lv.id))
        rows = sum(len(xr.measures_by_level.get(lv.id, [])) for lv in levels)
        self.by_level: list[Part] = []
        if rows > LEVEL_SPLIT_ROWS:
            for lv in levels:
                self.by_level += _level_parts(kb, lv, len(self.by_level))
        self.map = [Part(uri=f"{MAP_URI[:-3]}-{cat_id}.md", base=MAP_URI, number=i, label=f"{title}类对策",
                         title=f"{TITLES[MAP_URI]}：{title}类对策", key=cat_id, group_title=title)
                    for i, (cat_id, title, _) in enumerate(map_groups(kb), 1)] if map_node_count(kb) > MAP_MAX_NODES else []
        self.sections: dict[str, list[Part]] = {}   # section index URI -> its parts
        for s in SECTIONS:
            entries = kb.by_type(s.type_name)
            if s.type_name in ("checklist", "topic") or len(entries) <= SECTION_LIMIT:
                continue   # one checklist per level, a handout per category: short lists
            if s.type_name == "countermeasure":
                self.sections[s.index_uri] = [
                    Part(uri=f"{INDEX_DIR}/all-{s.path}-{cat_id}.md", base=s.index_uri, number=i, label=f"{title}类",
                         title=f"{s.title}：{title}类", entries=members, key=cat_id)
                    for i, (cat_id, title, members) in enumerate(map_groups(kb), 1)]
            else:
                self.sections[s.index_uri] = _numbered(s.index_uri, entries, SECTION_PART_SIZE,
                                                       f"{INDEX_DIR}/all-{s.path}", s.title)
        self._where: dict[tuple[str, str], str] = {}   # (page, anchor) -> the part holding the anchor
        for part in self.matrix:
            self._where.update(((MATRIX_URI, problem_anchor(e.id)), part.uri) for e in part.entries)
        for part in self.by_cause:
            self._where.update(((BY_CAUSE_URI, cause_anchor(e.id)), part.uri) for e in part.entries)
        for p in reversed(self.by_level):   # a level's row: its first part
            self._where[(BY_LEVEL_URI, level_anchor(p.key))] = p.uri
        self._where.update(((MAP_URI, category_anchor(p.key)), p.uri) for p in self.map)
        self._where.update(((BY_CATEGORY_URI, category_anchor(p.key)), p.uri)
                           for p in self.sections.get(BY_CATEGORY_URI, []))

    def parts(self) -> list[Part]:
        """The parts of the 对策索引 pages."""
        return self.matrix + self.by_cause + self.by_level + self.map

    def level_parts(self, level_id: str) -> list[Part]:
        """The pages of a level in 按责任层级查举措 ([] when it is on the page itself)."""
        return [p for p in self.by_level if p.key == level_id]

    def level_row(self, level_id: str) -> str:
        """Where a level's 举措 are: its row in 按责任层级查举措, or that page itself when the
        level is split by category (its contents list the level's pages; none has them all)."""
        if len(self.level_parts(level_id)) > 1:
            return BY_LEVEL_URI
        return self.target(BY_LEVEL_URI, level_anchor(level_id))

    def section_parts(self) -> list[Part]:
        return [p for parts in self.sections.values() for p in parts]

    def target(self, base: str, anchor: str) -> str:
        """``base#anchor``, or ``part#anchor`` when that row lives on a part of ``base``."""
        uri = self._where.get((base, anchor), base)
        return f"{uri}#{anchor}"

    def uri_of(self, base: str, anchor: str) -> str:
        """The part page of ``base`` holding ``anchor`` ("" when it is on the page itself)."""
        return self._where.get((base, anchor), "")

    def neighbours(self, part: Part) -> tuple[Part | None, Part | None]:
        siblings = {MATRIX_URI: self.matrix, BY_CAUSE_URI: self.by_cause, BY_LEVEL_URI: self.by_level,
                    MAP_URI: self.map, **self.sections}[part.base]
        i = part.number - 1
        return (siblings[i - 1] if i else None), (siblings[i + 1] if i + 1 < len(siblings) else None)


def pager(here: str, pg: Paging, part: Part, whole: str) -> str:
    """‹ previous part · the page it is a part of (``whole``: its link text) · next part ›"""
    prev, nxt = pg.neighbours(part)
    E = html.escape
    items = [f'<a href="{href(here, prev.uri)}" rel="prev">‹ {E(prev.label)}</a>' if prev else "",
             f'<a href="{href(here, part.base)}">{E(whole)}</a>',
             f'<a href="{href(here, nxt.uri)}" rel="next">{E(nxt.label)} ›</a>' if nxt else ""]
    return '<nav class="rh-pager" aria-label="分页">' + "".join(f"<span>{i}</span>" for i in items) + "</nav>"


@per_knowledge_base
def paging(kb: KnowledgeBase) -> Paging:
    """How the index pages of ``kb`` are split (computed on first use, then reused)."""
    return Paging(kb)


def contents(here: str, parts: list[Part], anchor_of: Callable[[str], str], heading: str) -> list[str]:
    """Markdown for the contents of a page split into numbered parts: a heading per part
    (linking to it) and the titles of its rows, each linking to its row there."""
    lines = []
    for p in parts:
        rows = "".join(f"<li>{a(here, p.uri, e.title, anchor=anchor_of(e.id))}</li>" for e in p.entries)
        lines += [f"{heading} {link(here, p.uri, p.label)} {{#part-{p.number}}}", "",
                  raw_html(f'<ul class="rh-contents">{rows}</ul>'), ""]
    return lines
