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

# Types whose tags are collected for the tag index, in display order.
TAGGED_TYPES = ("countermeasure", "problem", "cause", "case", "term", "level", "checklist", "source")


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
                for tag in dict.fromkeys(e.tags):
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
        """Tags, most used first, then by name."""
        return sorted(self.entries_by_tag, key=lambda t: (-len(self.entries_by_tag[t]), t))

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
