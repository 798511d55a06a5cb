"""One responsibility checklist per level: items written in ``content/checklists/``
merged with items derived from the 举措 (measures) of countermeasures that name
the level.

Merge rules (what a curator can rely on):

- Every published level gets a checklist, with or without a checklist file.
- Items from the file keep their order and groups; derived items follow the
  file items of their group (a group is added when the file has none like it).
- Every measure of a countermeasure that lists the level becomes an item,
  unless the file already covers it. A file item covers a measure when the
  texts are the same apart from punctuation; or when it names the measure's
  countermeasure as its basis and one text contains the other, or the texts
  resemble each other (then each file item stands for one measure of that
  countermeasure, the most similar one, unless another is nearly identical).
- The same measure text written in two countermeasures gives one item with
  both countermeasures as its basis.
- A derived item lands in a group chosen from its timing (年初 -> 年初谋划,
  年终/述职 -> 年终述职, 考核/检查 -> 检查考核, otherwise 日常推进); when its
  timing says nothing, the measure text is used the same way.
- A file item without timing or evidence takes them from the measure it covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Optional

from .graph import KnowledgeBase, per_knowledge_base
from .model import Checklist, ChecklistGroup, ChecklistItem, Countermeasure, Entry, Level, Measure


# Canonical groups, in the order of a working year.
GROUP_START = "年初谋划"
GROUP_ROUTINE = "日常推进"
GROUP_REVIEW = "检查考核"
GROUP_YEAR_END = "年终述职"
CANONICAL_GROUPS = (GROUP_START, GROUP_ROUTINE, GROUP_REVIEW, GROUP_YEAR_END)

# (group, keywords) tried in this order on the timing, then on the text.
_GROUP_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (GROUP_YEAR_END, ("年终", "年底", "年末", "岁末", "述职", "12月", "十二月", "全年总结", "年度总结")),
    (GROUP_START, ("年初", "开年", "1月", "一月", "年度计划", "每年初", "谋划", "部署")),
    (GROUP_REVIEW, ("考核", "检查", "督查", "督导", "巡察", "评议", "测评", "半年", "年中", "问责", "考评")),
    (GROUP_ROUTINE, ("每月", "每季度", "每周", "经常", "日常", "随时", "及时", "长期", "定期")),
)

# A file item and a measure of the same countermeasure are the same duty from this similarity on.
SIMILARITY_THRESHOLD = 0.2
# ... and from this similarity on even when the file item already stands for another measure.
STRONG_SIMILARITY = 0.5

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    """Text without punctuation and whitespace (for comparisons only)."""
    return _NOT_WORD.sub("", text)


def _bigrams(text: str) -> set[str]:
    t = normalize(text)
    return {t[i:i + 2] for i in range(len(t) - 1)} or ({t} if t else set())


def similarity(a: str, b: str) -> float:
    """Dice coefficient on character bigrams (0..1), robust for Chinese without word splitting."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def group_for(timing: str, text: str = "") -> str:
    """The canonical group of a derived item: from its timing, else from its text."""
    for probe in (timing, text):
        if not probe:
            continue
        for group, words in _GROUP_KEYWORDS:
            if any(w in probe for w in words):
                return group
    return GROUP_ROUTINE


def derived_item_id(cm_id: str, index: int) -> str:
    """Id of the item derived from measure ``index`` (1-based) of countermeasure ``cm_id``.

    The double hyphen cannot occur in content ids, so it never collides with a file item."""
    return f"{cm_id}--{index}"


@dataclass
class LevelChecklist:
    """The merged checklist of one level (what the page and the PDFs show)."""

    level: Level
    groups: list[ChecklistGroup]
    source: Optional[Checklist] = None       # the checklist file, when there is one
    slug: str = ""                           # unique among the checklists (its page: ronghe.site.urls)

    @property
    def title(self) -> str:
        if self.source is not None:
            return self.source.title
        return f"{self.level.short or self.level.title}责任清单"

    @property
    def summary(self) -> str:
        if self.source is not None and self.source.summary:
            return self.source.summary
        return f"{self.level.title}必须落实的事项，由各项对策中写明该层级的举措汇总而成。"

    def items(self) -> list[ChecklistItem]:
        return [item for g in self.groups for item in g.items]

    def counts(self) -> tuple[int, int]:
        """(items from the file, items derived from measures)."""
        items = self.items()
        derived = sum(1 for i in items if i.derived_from)
        return len(items) - derived, derived

    def accounting(self, kb: "KnowledgeBase") -> "ItemAccounting":
        """How the level's 举措 became the items (why the two numbers differ)."""
        from_file, derived = self.counts()
        measures = len(_measures_for_level(kb, self.level.id))
        return ItemAccounting(measures=measures, from_file=from_file, derived=derived,
                              merged=max(measures - derived, 0))


@dataclass(frozen=True)
class ItemAccounting:
    """A level's 举措 (written in countermeasures) against its checklist items:
    items = from_file + derived; measures = derived + merged (a merged 举措 is covered by a
    file item or has the same text as another 举措)."""

    measures: int
    from_file: int
    derived: int
    merged: int

    @property
    def items(self) -> int:
        return self.from_file + self.derived


# --- merging -----------------------------------------------------------------------

@dataclass
class _Derived:
    item: ChecklistItem
    measure: Measure


def _measures_for_level(kb: KnowledgeBase, level_id: str) -> list[tuple[Countermeasure, int, Measure]]:
    out = []
    for cm in kb.countermeasures_for_level(level_id):
        assert isinstance(cm, Countermeasure)
        for i, m in enumerate(cm.measures, 1):
            if level_id in m.levels:
                out.append((cm, i, m))
    return out


def _covering_pairs(file_items: list[ChecklistItem],
                    measures: list[tuple[Countermeasure, int, Measure]]) -> dict[tuple[str, int], ChecklistItem]:
    """Which measures the file items already cover: (cm id, measure index) -> file item."""
    covered: dict[tuple[str, int], ChecklistItem] = {}
    used: set[tuple[int, str]] = set()   # (file item index, cm id): an item covers one measure per countermeasure
    # 1. same text (any basis); or one text contains the other and the item names the countermeasure.
    # The first file item that qualifies wins; looked up, not compared with every item (N measures).
    texts = [normalize(item.text) for item in file_items]
    first_with_text: dict[str, int] = {}
    naming: dict[str, list[int]] = {}    # cm id -> the file items that name it, in order
    for n, (item, text) in enumerate(zip(file_items, texts)):
        if text:
            first_with_text.setdefault(text, n)
        for cm_id in item.countermeasures:
            naming.setdefault(cm_id, []).append(n)
    for cm, i, m in measures:
        text = normalize(m.text)
        if not text:
            continue
        first = first_with_text.get(text)
        for n in naming.get(cm.id, ()):
            if first is not None and n >= first:
                break
            if texts[n] and (text in texts[n] or texts[n] in text):
                first = n
                break
        if first is not None:
            covered[(cm.id, i)] = file_items[first]
            used.add((first, cm.id))
    # 2. same countermeasure and similar text: greedy one-to-one, most similar first
    candidates = []
    for cm, i, m in measures:
        if (cm.id, i) in covered:
            continue
        for n, item in enumerate(file_items):
            if cm.id in item.countermeasures:
                s = similarity(item.text, m.text)
                if s >= SIMILARITY_THRESHOLD:
                    candidates.append((-s, n, cm.id, i, item))
    for _neg, n, cm_id, i, item in sorted(candidates, key=lambda c: c[:4]):
        if (cm_id, i) in covered or (n, cm_id) in used:
            continue
        covered[(cm_id, i)] = item
        used.add((n, cm_id))
    # 3. a file item that merges several measures of its countermeasure: strong similarity suffices
    for neg, n, cm_id, i, item in sorted(candidates, key=lambda c: c[:4]):
        if (cm_id, i) not in covered and -neg >= STRONG_SIMILARITY:
            covered[(cm_id, i)] = item
    return covered


def merge_level_items(kb: KnowledgeBase, level: Level, source: Optional[Checklist]) -> list[ChecklistGroup]:
    """The groups of ``level``'s checklist: file items plus derived items, without duplicates."""
    measures = _measures_for_level(kb, level.id)
    # the merge reads nothing else; under the dev server it is redone only when these change
    inputs = (source.groups if source else None, [(cm.id, i, m) for cm, i, m in measures])
    return kb.memo.reuse(f"checklist-merge:{level.id}", inputs, lambda: _merge(source, measures),
                         copy=_copy_groups)


def _copy_groups(groups: list[ChecklistGroup]) -> list[ChecklistGroup]:
    return [ChecklistGroup(g.title, [replace(i, countermeasures=list(i.countermeasures)) for i in g.items])
            for g in groups]


def _merge(source: Optional[Checklist], measures: list[tuple[Countermeasure, int, Measure]]) -> list[ChecklistGroup]:
    file_groups = _copy_groups(source.groups if source else [])
    file_items = [i for g in file_groups for i in g.items]
    covered = _covering_pairs(file_items, measures)

    derived: list[_Derived] = []
    by_text: dict[str, _Derived] = {}    # the first derived item of each (normalized) text
    for cm, i, m in measures:
        item = covered.get((cm.id, i))
        if item is not None:
            item.timing = item.timing or m.timing
            item.evidence = item.evidence or m.evidence
            continue
        text = normalize(m.text)
        twin = by_text.get(text) if text else None
        if twin is not None:
            if cm.id not in twin.item.countermeasures:
                twin.item.countermeasures.append(cm.id)
            twin.item.timing = twin.item.timing or m.timing
            twin.item.evidence = twin.item.evidence or m.evidence
            continue
        group = group_for(m.timing, m.text)
        derived.append(_Derived(ChecklistItem(
            id=derived_item_id(cm.id, i), text=m.text, countermeasures=[cm.id],
            timing=m.timing, evidence=m.evidence, group=group, derived_from=cm.id), m))
        if text:
            by_text.setdefault(text, derived[-1])

    groups = file_groups
    for d in derived:
        target = next((g for g in groups if g.title == d.item.group), None) or next(
            (g for g in groups if _group_matches(g.title, d.item.group)), None)
        if target is None:
            target = ChecklistGroup(d.item.group, [])
            _insert_group(groups, target)
        target.items.append(d.item)
    return groups


# A file group whose title contains one of these words takes the derived items of the canonical group.
_GROUP_TITLE_WORDS = {
    GROUP_START: ("年初", "谋划"),
    GROUP_ROUTINE: ("日常", "推进"),
    GROUP_REVIEW: ("检查", "考核"),
    GROUP_YEAR_END: ("年终", "述职"),
}


def _group_matches(file_title: str, canonical: str) -> bool:
    return any(w in file_title for w in _GROUP_TITLE_WORDS.get(canonical, ()))


def _rank(title: str) -> int:
    return CANONICAL_GROUPS.index(title) if title in CANONICAL_GROUPS else -1


def _insert_group(groups: list[ChecklistGroup], new: ChecklistGroup) -> None:
    """Insert a canonical group after the last group that comes before it in a working year."""
    rank = _rank(new.title)
    at = 0
    for n, g in enumerate(groups):
        r = _rank(g.title)
        if r == -1 or r < rank:
            at = n + 1
    groups.insert(at, new)


# --- the checklists of a knowledge base --------------------------------------------------

def _slugs(kb: KnowledgeBase, levels: list[Level]) -> dict[str, str]:
    """Level id -> the slug of its checklist: the checklist file's own, else the level's,
    made unique among the checklist files (and the section index)."""
    taken = {e.slug or e.id for e in kb.by_type("checklist")} | {"index"}
    slugs = {}
    for lv in levels:
        cl = kb.checklist_for_level(lv.id)
        if cl is not None:
            slugs[lv.id] = cl.slug or cl.id
            continue
        base = lv.slug or lv.id
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-qingdan" if n == 2 else f"{base}-qingdan-{n - 1}"
        taken.add(slug)
        slugs[lv.id] = slug
    return slugs


@per_knowledge_base
def level_checklists(kb: KnowledgeBase) -> list[LevelChecklist]:
    """One merged checklist per published level, top level first."""
    levels = kb.levels()
    slugs = _slugs(kb, levels)
    out = []
    for lv in levels:
        source = kb.checklist_for_level(lv.id)
        out.append(LevelChecklist(level=lv, groups=merge_level_items(kb, lv, source), source=source,
                                  slug=slugs[lv.id]))
    return out


def checklist_of_level(kb: KnowledgeBase, level_id: str) -> Optional[LevelChecklist]:
    return next((c for c in level_checklists(kb) if c.level.id == level_id), None)


def checklist_of_file(kb: KnowledgeBase, checklist: Checklist) -> Optional[LevelChecklist]:
    return next((c for c in level_checklists(kb) if c.source is checklist), None)


def basis_countermeasures(kb: KnowledgeBase, item: ChecklistItem) -> list[Countermeasure]:
    return [e for e in (kb.get(c) for c in item.countermeasures) if isinstance(e, Countermeasure)]


def basis_sources(kb: KnowledgeBase, item: ChecklistItem) -> list[Entry]:
    """The source documents behind an item: those its countermeasures cite, in citation order."""
    seen: dict[str, Entry] = {}
    for cm in basis_countermeasures(kb, item):
        for c in cm.citations:
            src = kb.get(c.source)
            if src is not None and src.id not in seen:
                seen[src.id] = src
    return list(seen.values())


# A checklist item summarises the 举措 of many countermeasures once a knowledge base is
# large (80 of them for one item at 20,000 entries): the page, the PDF and the booklet
# name the first few and count the rest, or one item's basis would fill a page.
BASIS_SHOWN = 5


def shown_basis(entries: list, limit: int = BASIS_SHOWN) -> tuple[list, int]:
    """The first ``limit`` of ``entries`` and how many there are in all."""
    return entries[:limit], len(entries)


def more_text(shown: list, total: int, unit: str) -> str:
    """"等共 80 条对策" after a shortened list, "" when the list is whole."""
    return f"等共 {total} {unit}" if total > len(shown) else ""


ALL_LEVELS_TITLE = "各层级责任清单（合订本）"


def all_items(checklists: Iterable[LevelChecklist]) -> list[tuple[LevelChecklist, ChecklistItem]]:
    return [(cl, item) for cl in checklists for item in cl.items()]
