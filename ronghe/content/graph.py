"""The relation graph of the knowledge base.

Relations are written once, on one side (a cause names its problems, a
countermeasure its problems and causes, ...). ``KnowledgeBase`` computes both
directions once, so page rendering never scans all entries per page.
"""

from __future__ import annotations

import functools
import weakref
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Optional, TypeVar

from .cache import NO_MEMO, ResultMemo
from .identity import NO_IDENTITY, GuideIdentity
from .model import Category, Checklist, ChecklistItem, Countermeasure, Entry, Level


@dataclass(frozen=True)
class Relation:
    source_type: str
    field: str
    target_type: str      # "*" = any entry type
    label: str            # shown on the source entry's page
    reverse_label: str    # shown on the target entry's page

    @property
    def key(self) -> str:
        return f"{self.source_type}.{self.field}"


CAUSE_PROBLEMS = Relation("cause", "problems", "problem", "导致的问题", "主要原因")
CM_PROBLEMS = Relation("countermeasure", "problems", "problem", "针对的问题", "应对之策")
CM_CAUSES = Relation("countermeasure", "causes", "cause", "针对的原因", "应对之策")
CASE_COUNTERMEASURES = Relation("case", "countermeasures", "countermeasure", "体现的对策", "典型案例")
CASE_PROBLEMS = Relation("case", "problems", "problem", "涉及的问题", "典型案例")
CASE_LEVELS = Relation("case", "levels", "level", "涉及的层级", "典型案例")
CHECKLIST_LEVEL = Relation("checklist", "level", "level", "责任层级", "责任清单")
LEVEL_PARENT = Relation("level", "parent", "level", "上级层级", "下级层级")
SOURCE_DUPLICATE = Relation("source", "duplicate_of", "source", "重复于", "重复版本")
TERM_SEE_ALSO = Relation("term", "see_also", "*", "参见", "相关术语")
TOPIC_CASE = Relation("topic", "case", "case", "研讨案例", "研讨专题")
TOPIC_PROBLEMS = Relation("topic", "problems", "problem", "聚焦的问题", "研讨专题")
# Relations written in a top-level field, in the order pages list them.
RELATIONS: tuple[Relation, ...] = (CAUSE_PROBLEMS, CM_PROBLEMS, CM_CAUSES, CASE_COUNTERMEASURES, CASE_PROBLEMS,
                                   CASE_LEVELS, CHECKLIST_LEVEL, LEVEL_PARENT, SOURCE_DUPLICATE, TERM_SEE_ALSO,
                                   TOPIC_CASE, TOPIC_PROBLEMS)
# Relations that do not sit in a top-level field:
MEASURE_LEVELS = Relation("countermeasure", "measures.levels", "level", "责任层级", "相关对策")
CITES = Relation("*", "citations.source", "source", "出处", "引用本文献的条目")
CHECK_ITEM_BASIS = Relation("checklist", "groups.items.countermeasures", "countermeasure", "依据对策", "相关清单")
ALL_RELATIONS = RELATIONS + (MEASURE_LEVELS, CITES, CHECK_ITEM_BASIS)


def _as_list(value) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def outgoing_refs(entry: Entry) -> Iterable[tuple[Relation, str]]:
    """Every (relation, target id) that ``entry`` writes, in file order."""
    for rel in RELATIONS:
        if rel.source_type == entry.type_name:
            for target in _as_list(getattr(entry, rel.field, None)):
                yield rel, target
    if isinstance(entry, Countermeasure):
        for m in entry.measures:
            for lv in m.levels:
                yield MEASURE_LEVELS, lv
    if isinstance(entry, Checklist):
        for item in entry.items():
            for cm in item.countermeasures:
                yield CHECK_ITEM_BASIS, cm
    for c in entry.citations:
        yield CITES, c.source


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


class KnowledgeBase:
    """Published entries (or all, with drafts) and their relations in both directions."""

    def __init__(self, entries: dict[str, Entry], categories: dict[str, Category], memo: ResultMemo = NO_MEMO,
                 identity: GuideIdentity = NO_IDENTITY):
        self.entries = entries
        self.categories = categories
        self.identity = identity          # the guide's name and topic (content/guide.yml)
        # results derived from the content, reused between builds of the dev server (ronghe.content.cache)
        self.memo = memo
        self._out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self._in: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self._by_type: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries.values():
            self._by_type[entry.type_name].append(entry)
            for rel, target in outgoing_refs(entry):
                if target in entries:
                    self._out[entry.id][rel.key].append(target)
                    self._in[target][rel.key].append(entry.id)
        for type_name, items in self._by_type.items():
            items.sort(key=self.sort_key)

    @classmethod
    def from_entries(cls, entries: Iterable[Entry], categories: Iterable[Category] = (),
                     include_drafts: bool = False, memo: ResultMemo = NO_MEMO,
                     identity: GuideIdentity = NO_IDENTITY) -> "KnowledgeBase":
        chosen = {e.id: e for e in entries if include_drafts or not e.draft}
        cats = {c.id: c for c in sorted(categories, key=lambda c: (c.order, c.id))}
        return cls(chosen, cats, memo, identity)

    # --- look-ups -------------------------------------------------------------
    @staticmethod
    def sort_key(entry: Entry):
        return (getattr(entry, "order", 0), entry.title, entry.id)

    def get(self, entry_id: str) -> Optional[Entry]:
        return self.entries.get(entry_id)

    def by_type(self, type_name: str) -> list[Entry]:
        return self._by_type.get(type_name, [])

    def targets(self, entry_id: str, rel: Relation) -> list[Entry]:
        return [self.entries[i] for i in _unique(self._out[entry_id][rel.key])] if entry_id in self._out else []

    def sources_of(self, entry_id: str, rel: Relation) -> list[Entry]:
        """Entries that point at ``entry_id`` through ``rel`` (the reverse direction)."""
        if entry_id not in self._in:
            return []
        return sorted((self.entries[i] for i in _unique(self._in[entry_id][rel.key])), key=self.sort_key)

    # --- domain questions -----------------------------------------------------
    def causes_of(self, problem_id: str) -> list[Entry]:
        return self.sources_of(problem_id, CAUSE_PROBLEMS)

    def countermeasures_for_problem(self, problem_id: str) -> list[Entry]:
        return self.sources_of(problem_id, CM_PROBLEMS)

    def countermeasures_for_cause(self, cause_id: str) -> list[Entry]:
        return self.sources_of(cause_id, CM_CAUSES)

    def cases_for_countermeasure(self, cm_id: str) -> list[Entry]:
        return self.sources_of(cm_id, CASE_COUNTERMEASURES)

    def cases_for_problem(self, problem_id: str) -> list[Entry]:
        return self.sources_of(problem_id, CASE_PROBLEMS)

    def countermeasures_for_level(self, level_id: str) -> list[Entry]:
        return self.sources_of(level_id, MEASURE_LEVELS)

    def citing_entries(self, source_id: str) -> list[Entry]:
        return self.sources_of(source_id, CITES)

    def checklists_for_countermeasure(self, cm_id: str) -> list[Entry]:
        return self.sources_of(cm_id, CHECK_ITEM_BASIS)

    def checklist_items_for_countermeasure(self, cm_id: str) -> list[tuple[Checklist, ChecklistItem]]:
        out = []
        for cl in self.checklists_for_countermeasure(cm_id):
            assert isinstance(cl, Checklist)
            out += [(cl, item) for item in cl.items() if cm_id in item.countermeasures]
        return out

    def countermeasures_in_category(self, category_id: str) -> list[Entry]:
        return [e for e in self.by_type("countermeasure") if getattr(e, "category", "") == category_id]

    def levels(self) -> list[Level]:
        return self.by_type("level")  # type: ignore[return-value]

    def checklist_for_level(self, level_id: str) -> Optional[Checklist]:
        found = self.sources_of(level_id, CHECKLIST_LEVEL)
        return found[0] if found else None  # type: ignore[return-value]


T = TypeVar("T")


def per_knowledge_base(compute: Callable[["KnowledgeBase"], T]) -> Callable[["KnowledgeBase"], T]:
    """Decorator: ``compute(kb)`` runs once per knowledge base; the result is kept while
    ``kb`` lives (tables derived from the whole knowledge base, computed once per build).
    The results are in the wrapper's ``cache`` attribute (tests may replace it)."""
    @functools.wraps(compute)
    def once(kb: "KnowledgeBase") -> T:
        found = once.cache.get(kb)  # type: ignore[attr-defined]
        if found is None:
            found = once.cache[kb] = compute(kb)  # type: ignore[attr-defined]
        return found
    once.cache = weakref.WeakKeyDictionary()  # type: ignore[attr-defined]
    return once
