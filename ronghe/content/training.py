"""Training material (issue 9): what a topic handout holds, shared by its web page and its PDF.

A handout is built from one ``topic`` entry (content/training/topics/) and the
knowledge base: the category's countermeasures, the problems and causes they
address, the 举措 grouped by responsibility level, one case and the topic's
discussion questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .graph import KnowledgeBase
from .model import Case, Category, Cause, Countermeasure, Entry, Level, Measure, Problem, Topic

PRINTABLES_TITLE = "打印材料"
NOTE_LINES = 8          # ruled lines left for notes at the end of a handout


@dataclass
class LevelMeasures:
    level: Level
    measures: list[tuple[Countermeasure, Measure]] = field(default_factory=list)


@dataclass
class Handout:
    topic: Topic
    category: Optional[Category]
    countermeasures: list[Countermeasure]
    problems: list[Problem]
    causes: list[Cause]
    by_level: list[LevelMeasures]
    case: Optional[Case]

    @property
    def title(self) -> str:
        return self.topic.title

    @property
    def slug(self) -> str:
        return self.topic.slug or self.topic.id


def _unique(entries) -> list:
    seen: dict[str, Entry] = {}
    for e in entries:
        if e is not None:
            seen.setdefault(e.id, e)
    return list(seen.values())


def choose_case(kb: KnowledgeBase, topic: Topic, cms: list[Countermeasure]) -> Optional[Case]:
    """The topic's own case, else the case showing most of the category's countermeasures."""
    if topic.case and isinstance(kb.get(topic.case), Case):
        return kb.get(topic.case)  # type: ignore[return-value]
    ids = {cm.id for cm in cms}
    best, best_score = None, 0
    for case in kb.by_type("case"):
        score = len(ids.intersection(getattr(case, "countermeasures", [])))
        if score > best_score:
            best, best_score = case, score
    return best  # type: ignore[return-value]


def build_handout(kb: KnowledgeBase, topic: Topic) -> Handout:
    cms: list[Countermeasure] = kb.countermeasures_in_category(topic.category)  # type: ignore[assignment]
    if topic.problems:
        problems = _unique(kb.get(i) for i in topic.problems)
    else:
        problems = sorted(_unique(kb.get(i) for cm in cms for i in cm.problems), key=kb.sort_key)
    causes = sorted(_unique(kb.get(i) for cm in cms for i in cm.causes), key=kb.sort_key)
    by_level = []
    for lv in kb.levels():
        found = [(cm, m) for cm in cms for m in cm.measures if lv.id in m.levels]
        if found:
            by_level.append(LevelMeasures(lv, found))
    return Handout(topic=topic, category=kb.categories.get(topic.category), countermeasures=cms,
                   problems=problems, causes=causes, by_level=by_level, case=choose_case(kb, topic, cms))


def topics(kb: KnowledgeBase) -> list[Topic]:
    """Published topics in category order."""
    order = {cid: i for i, cid in enumerate(kb.categories)}
    found = [t for t in kb.by_type("topic") if isinstance(t, Topic)]
    return sorted(found, key=lambda t: (order.get(t.category, len(order)), t.title))


def handouts(kb: KnowledgeBase) -> list[Handout]:
    return [build_handout(kb, t) for t in topics(kb)]
