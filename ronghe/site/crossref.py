"""Cross-reference tables derived from the knowledge base, computed once per build.

Everything a page needs beyond ``KnowledgeBase``'s direct look-ups (countermeasures
by category, countermeasures reaching a problem through its causes, 举措 by level,
entries by tag, checklist items by countermeasure) is built here in one pass over
the entries, so rendering N pages stays linear in N.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from ronghe.content.checklists import LevelChecklist, level_checklists
from ronghe.content.graph import KnowledgeBase, per_knowledge_base
from ronghe.content.model import ChecklistItem, Countermeasure, Entry, Measure
from ronghe.content.tags import reader_tags

# Types whose tags are collected for the tag index, in display order.
TAGGED_TYPES = ("countermeasure", "problem", "cause", "case", "term", "level", "checklist", "source")
# A tag gets a section on the tag index (and a link from entry pages) from this many entries on;
# a tag of one entry finds nothing the entry's own page does not show.
MIN_TAG_USES = 2


def tag_anchor(tag: str) -> str:
    """Stable ASCII anchor for a (Chinese) tag on the tag index page."""
    return "t-" + hashlib.sha1(tag.encode("utf-8")).hexdigest()[:8]


class CrossRef:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.cms_by_category: dict[str, list[Countermeasure]] = defaultdict(list)
        self.position_in_category: dict[str, int] = {}
        self.measures_by_level: dict[str, list[tuple[Countermeasure, Measure]]] = defaultdict(list)
        self.entries_by_tag: dict[str, list[Entry]] = defaultdict(list)
        self.checklist_items: dict[str, list[tuple[LevelChecklist, ChecklistItem]]] = defaultdict(list)
        self.cms_via_causes: dict[str, list[Countermeasure]] = {}

        for cm in kb.by_type("countermeasure"):
            assert isinstance(cm, Countermeasure)
            members = self.cms_by_category[cm.category]
            self.position_in_category[cm.id] = len(members)
            members.append(cm)
            for m in cm.measures:
                for lv in dict.fromkeys(m.levels):
                    self.measures_by_level[lv].append((cm, m))
        for type_name in TAGGED_TYPES:
            for e in kb.by_type(type_name):
                for tag in reader_tags(e.tags):          # internal tags (ronghe.content.tags) are never shown
                    self.entries_by_tag[tag].append(e)
        # the merged checklist of each level (file items + items derived from 举措), as shown on its page
        for cl in level_checklists(kb):
            for item in cl.items():
                basis = list(item.countermeasures)
                if item.derived_from:
                    basis.append(item.derived_from)
                for cm_id in dict.fromkeys(basis):
                    if cm_id in kb.entries:
                        self.checklist_items[cm_id].append((cl, item))
        for p in kb.by_type("problem"):
            direct = {c.id for c in kb.countermeasures_for_problem(p.id)}
            via: dict[str, Countermeasure] = {}
            for cause in kb.causes_of(p.id):
                for cm in kb.countermeasures_for_cause(cause.id):
                    if cm.id not in direct:
                        via.setdefault(cm.id, cm)  # type: ignore[arg-type]
            self.cms_via_causes[p.id] = sorted(via.values(), key=kb.sort_key)

    def tags(self) -> list[str]:
        """Reader tags of at least MIN_TAG_USES entries, most used first, then by name."""
        return sorted((t for t, es in self.entries_by_tag.items() if len(es) >= MIN_TAG_USES),
                      key=lambda t: (-len(self.entries_by_tag[t]), t))

    def shown_tags(self, entry: Entry) -> list[str]:
        """The tags an entry's page shows: reader tags that the tag index lists."""
        return [t for t in reader_tags(entry.tags) if len(self.entries_by_tag.get(t, ())) >= MIN_TAG_USES]

    def tag_groups(self) -> list[tuple[str, str, list[str]]]:
        """(group id, title, tags) for the tag index: a tag goes to the countermeasure category
        its entries belong to most (a problem or cause through the countermeasures for it, a
        case through the countermeasures it shows); tags of glossary terms only, of sources
        only and the rest follow. Tags in a group: most used first."""
        kb = self.kb
        order = {cid: i for i, cid in enumerate(kb.categories)}
        votes: dict[str, dict[str, int]] = {}
        for tag in self.tags():
            count: dict[str, int] = {}
            for e in self.entries_by_tag[tag]:
                for cat in self._categories_of(e):
                    count[cat] = count.get(cat, 0) + 1
            votes[tag] = count
        groups: dict[str, list[str]] = {}
        for tag in self.tags():
            count = votes[tag]
            if count:
                key = min(count, key=lambda c: (-count[c], order.get(c, len(order)), c))
            else:
                types = {e.type_name for e in self.entries_by_tag[tag]}
                key = "_term" if types == {"term"} else "_source" if types == {"source"} else "_other"
            groups.setdefault(key, []).append(tag)
        out = []
        for cid, cat in kb.categories.items():
            if cid in groups:
                out.append((cid, cat.title, groups.pop(cid)))
        for cid in sorted(k for k in groups if not k.startswith("_")):
            out.append((cid, cid, groups.pop(cid)))
        for key, title in (("_term", "术语分类"), ("_source", "文献类型"), ("_other", "其他")):
            if key in groups:
                out.append((key.lstrip("_"), title, groups.pop(key)))
        return out

    def _categories_of(self, e: Entry) -> list[str]:
        kb = self.kb
        if isinstance(e, Countermeasure):
            return [e.category]
        if e.type_name == "problem":
            cms = kb.countermeasures_for_problem(e.id)
        elif e.type_name == "cause":
            cms = kb.countermeasures_for_cause(e.id)
        elif e.type_name == "case":
            cms = [c for c in (kb.get(i) for i in getattr(e, "countermeasures", [])) if c is not None]
        else:
            return []
        return list(dict.fromkeys(getattr(c, "category", "") for c in cms if getattr(c, "category", "")))

    def causes_linking(self, cm: Countermeasure, problem_id: str) -> list[Entry]:
        """Causes of ``problem_id`` that ``cm`` addresses (why cm reaches the problem indirectly)."""
        kb = self.kb
        return [c for c in (kb.get(i) for i in dict.fromkeys(cm.causes))
                if c is not None and problem_id in getattr(c, "problems", [])]

    def similar_countermeasures(self, cm: Countermeasure, limit: int) -> list[Countermeasure]:
        """Up to ``limit`` countermeasures of the same category: those sharing a problem or
        cause first, then the neighbours in the category list. Bounded work per page."""
        kb = self.kb
        chosen: dict[str, Countermeasure] = {}
        for pid in cm.problems[:limit]:
            for other in kb.countermeasures_for_problem(pid)[: limit * 4]:
                if other.id != cm.id and getattr(other, "category", "") == cm.category:
                    chosen.setdefault(other.id, other)  # type: ignore[arg-type]
        for cid in cm.causes[:limit]:
            for other in kb.countermeasures_for_cause(cid)[: limit * 4]:
                if other.id != cm.id and getattr(other, "category", "") == cm.category:
                    chosen.setdefault(other.id, other)  # type: ignore[arg-type]
        members = self.cms_by_category.get(cm.category, [])
        pos = self.position_in_category.get(cm.id, 0)
        for offset in range(1, len(members)):
            if len(chosen) >= limit:
                break
            for idx in (pos + offset, pos - offset):
                if 0 <= idx < len(members) and members[idx].id != cm.id:
                    chosen.setdefault(members[idx].id, members[idx])
            if offset > limit * 2:
                break
        return list(chosen.values())[:limit]


@per_knowledge_base
def crossref(kb: KnowledgeBase) -> CrossRef:
    """The cross-reference tables of ``kb`` (computed on first use, then reused)."""
    return CrossRef(kb)
