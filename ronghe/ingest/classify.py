"""Classify sections into problems, causes, countermeasures, cases or context.

A heading decides when it names its type (表现/问题 -> problems, 原因/成因 ->
causes, 对策/建议/措施 -> countermeasures, 做法/经验/成效 -> cases). Chinese
puts the head of a noun phrase last, so when a heading names several types the
last keyword wins (``破解……问题的对策建议`` is countermeasures; ``原因及具体表现``
is problems, with causes as a secondary type). A heading without keyword is
judged by the wording of its sentences; a subsection inherits the type of its
section unless that section is context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .structure import Node, Structure

PROBLEMS, CAUSES, COUNTERMEASURES, CASES, CONTEXT = "problems", "causes", "countermeasures", "cases", "context"
ENTRY_TYPES = (PROBLEMS, CAUSES, COUNTERMEASURES, CASES)
TYPE_NAMES = {
    PROBLEMS: "问题表现", CAUSES: "原因", COUNTERMEASURES: "对策措施", CASES: "典型案例", CONTEXT: "背景/论述",
}

# heading keywords; longer ones are tried first so that 成因 is not read as 因
_HEADING_KEYWORDS: list[tuple[str, str]] = [
    ("对策建议", COUNTERMEASURES), ("对策措施", COUNTERMEASURES), ("对策", COUNTERMEASURES),
    ("建议", COUNTERMEASURES), ("措施", COUNTERMEASURES), ("举措", COUNTERMEASURES),
    ("路径", COUNTERMEASURES), ("办法", COUNTERMEASURES), ("破解之策", COUNTERMEASURES),
    ("几点思考", COUNTERMEASURES), ("意见", COUNTERMEASURES),
    ("原因分析", CAUSES), ("原因", CAUSES), ("成因", CAUSES), ("根源", CAUSES), ("症结", CAUSES),
    ("表现", PROBLEMS), ("问题", PROBLEMS), ("不足", PROBLEMS), ("短板", PROBLEMS), ("困境", PROBLEMS),
    ("挑战", PROBLEMS), ("现状", PROBLEMS),
    ("做法", CASES), ("经验", CASES), ("成效", CASES), ("实效", CASES), ("成果", CASES), ("案例", CASES),
    ("典型", CASES),
    ("关系", CONTEXT), ("意义", CONTEXT), ("背景", CONTEXT), ("形势", CONTEXT), ("内涵", CONTEXT),
    ("必要性", CONTEXT), ("重要性", CONTEXT), ("基本情况", CONTEXT), ("概况", CONTEXT), ("调研情况", CONTEXT),
]

# wording cues for sections whose heading names no type
_CUES: dict[str, tuple[str, ...]] = {
    PROBLEMS: ("有的", "不够", "不强", "不足", "缺乏", "缺少", "不到位", "流于形式", "弱化", "脱节", "不高"),
    CAUSES: ("原因", "导致", "由于", "根源", "造成", "之所以", "在于"),
    # what should be done: modal verbs
    COUNTERMEASURES: ("要", "必须", "应当", "应该", "务必", "需要", "进一步"),
    # what was done: past aspect, first person, results
    CASES: ("我们", "先后", "了", "以来", "取得", "逐步", "得到", "得以"),
}


@dataclass
class SectionType:
    type: str                               # one of ENTRY_TYPES or CONTEXT
    secondary: list[str] = field(default_factory=list)
    keyword: str = ""                        # the keyword that decided, "" when judged by wording
    by: str = "heading"                      # "heading", "wording" or "parent"


def keywords_of(section_type: str) -> list[str]:
    """Heading keywords that name *section_type* (used to spot it in a paragraph)."""
    return [kw for kw, t in _HEADING_KEYWORDS if t == section_type]


def heading_type(title: str) -> SectionType | None:
    """Type named by a heading, or None."""
    found: list[tuple[int, str, str]] = []
    taken = [False] * len(title)
    for kw, typ in _HEADING_KEYWORDS:
        for m in re.finditer(re.escape(kw), title):
            if any(taken[m.start():m.end()]):
                continue
            for k in range(m.start(), m.end()):
                taken[k] = True
            found.append((m.start(), kw, typ))
    if not found:
        return None
    found.sort()
    last_pos, last_kw, last_type = found[-1]
    secondary = []
    for pos, kw, typ in found[:-1]:
        modifier = title[pos + len(kw):pos + len(kw) + 1] == "的"  # "问题的根源": 问题 only qualifies
        if typ != last_type and typ not in secondary and typ != CONTEXT and not modifier:
            secondary.append(typ)
    return SectionType(last_type, secondary, last_kw, "heading")


def wording_type(text: str) -> SectionType:
    scores = {t: sum(text.count(c) for c in cues) for t, cues in _CUES.items()}
    n = max(1, len(text) // 100)
    best = max(scores, key=lambda t: scores[t])
    if scores[best] / n < 1.0:
        return SectionType(CONTEXT, by="wording")
    return SectionType(best, by="wording")


def classify(structure: Structure) -> dict[int, SectionType]:
    """Section type of every heading node, keyed by ``id(node)``."""
    result: dict[int, SectionType] = {}

    def visit(node: Node, parent: SectionType | None) -> None:
        own = heading_type(node.title) if node.kind != "root" else None
        if node.kind == "root":
            st = None
        elif parent is None or parent.type == CONTEXT:
            if own is not None:
                st = own
            elif node.depth == 1 or parent is None:
                text = "".join(s.text for s in node.sentences())
                st = wording_type(text)
            else:
                st = SectionType(CONTEXT, by="parent")
        elif parent.secondary and own is not None and own.type in [parent.type] + parent.secondary:
            st = own  # a mixed section (问题及原因) whose subsections say which part they are
        else:
            st = SectionType(parent.type, [], parent.keyword, "parent")
        if st is not None:
            result[id(node)] = st
        for child in node.children:
            visit(child, st)

    visit(structure.root, None)
    return result
