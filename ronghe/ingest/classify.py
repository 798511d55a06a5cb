"""Give every section of a report a role: what kind of text it is.

Roles: background (背景、意义、现状、成效、基本情况、引言、结语: never an entry),
problems, causes, countermeasures, cases (做法、经验), none (摘要、关键词、目录、
参考文献、附件: not article text to draw entries from) and unclear (left to the
editor, with the reason).

1. **Heading.** A heading that names its kind decides. Chinese puts the head of a
   noun phrase last, so when a heading names several kinds the last keyword wins
   (``破解……问题的对策建议`` is countermeasures; ``问题的成因分析`` is causes). A
   heading that names both problems and causes (``存在的问题及原因``,
   ``原因及具体表现``) is a problem section whose subsections say which part they are.
   Keywords that are part of a set phrase of striving (``注重实效``, ``突出成效``) do
   not name a results section.
2. **Position and wording.** A top-level heading that names nothing is judged by
   where it stands and how its text is written. Reports follow one order
   (background, problems, causes, countermeasures); the roles allowed between the
   known neighbours are scored by the wording of the section (有的、不够 for
   problems; 由于、导致、根源 for causes; 要、必须、应当 for countermeasures; 先后、
   建立了、取得 for what was done). A role is given only when the wording clearly
   points to one allowed role; otherwise the section is unclear, never a guess.
3. **Parent.** A subsection has the role of its section. Its own heading decides only
   in a section that names two kinds (``存在的不足和下一步打算``), under background,
   or when it names results or non-text (``取得的成效``, ``附件``). In a report of practice (经验材料, 做法), a heading
   of measures (措施、举措) tells what was done: cases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .structure import Node, Structure

PROBLEMS, CAUSES, COUNTERMEASURES, CASES, CONTEXT = "problems", "causes", "countermeasures", "cases", "context"
NONE, UNCLEAR = "none", "unclear"
ENTRY_TYPES = (PROBLEMS, CAUSES, COUNTERMEASURES, CASES)
TYPE_NAMES = {
    PROBLEMS: "问题表现", CAUSES: "原因", COUNTERMEASURES: "对策措施", CASES: "典型案例", CONTEXT: "背景/论述",
    NONE: "非正文（摘要、目录、参考文献等）", UNCLEAR: "类型不明",
}

# heading keywords; longer ones are tried first so that 成因 is not read as 因
_HEADING_KEYWORDS: list[tuple[str, str]] = [
    ("对策建议", COUNTERMEASURES), ("对策措施", COUNTERMEASURES), ("对策", COUNTERMEASURES),
    ("建议", COUNTERMEASURES), ("措施", COUNTERMEASURES), ("举措", COUNTERMEASURES),
    ("路径", COUNTERMEASURES), ("途径", COUNTERMEASURES), ("办法", COUNTERMEASURES), ("策略", COUNTERMEASURES),
    ("破解之策", COUNTERMEASURES), ("几点思考", COUNTERMEASURES), ("意见", COUNTERMEASURES),
    ("下一步", COUNTERMEASURES), ("打算", COUNTERMEASURES), ("努力方向", COUNTERMEASURES),
    ("原因分析", CAUSES), ("原因", CAUSES), ("成因", CAUSES), ("根源", CAUSES), ("症结", CAUSES),
    ("制约因素", CAUSES), ("影响因素", CAUSES), ("根子", CAUSES),
    ("表现", PROBLEMS), ("问题", PROBLEMS), ("不足", PROBLEMS), ("短板", PROBLEMS), ("困境", PROBLEMS),
    ("挑战", PROBLEMS), ("弊端", PROBLEMS), ("差距", PROBLEMS), ("薄弱环节", PROBLEMS), ("难点", PROBLEMS),
    ("痛点", PROBLEMS), ("堵点", PROBLEMS), ("矛盾", PROBLEMS),
    ("做法", CASES), ("经验", CASES), ("案例", CASES), ("典型", CASES), ("实践探索", CASES),
    ("体会", CASES), ("心得", CASES), ("感悟", CASES),
    ("关系", CONTEXT), ("意义", CONTEXT), ("背景", CONTEXT), ("形势", CONTEXT), ("内涵", CONTEXT),
    ("必要性", CONTEXT), ("重要性", CONTEXT), ("基本情况", CONTEXT), ("概况", CONTEXT), ("调研情况", CONTEXT),
    ("现状", CONTEXT), ("成效", CONTEXT), ("实效", CONTEXT), ("成果", CONTEXT), ("成绩", CONTEXT),
    ("引言", CONTEXT), ("前言", CONTEXT), ("导言", CONTEXT), ("绪论", CONTEXT), ("结语", CONTEXT),
    ("结束语", CONTEXT), ("结论", CONTEXT), ("小结", CONTEXT), ("概述", CONTEXT), ("理论基础", CONTEXT),
    ("研究方法", CONTEXT), ("研究设计", CONTEXT), ("文献综述", CONTEXT),
    # the frame of a work plan (工作方案、整改方案): its schedule and aims are no entries, its tasks are measures
    ("整改任务", COUNTERMEASURES), ("任务清单", COUNTERMEASURES), ("任务分工", COUNTERMEASURES),
    ("时间安排", CONTEXT), ("进度安排", CONTEXT), ("实施步骤", CONTEXT), ("方法步骤", CONTEXT),
    ("工作步骤", CONTEXT), ("总体要求", CONTEXT), ("指导思想", CONTEXT), ("工作目标", CONTEXT),
    ("摘要", NONE), ("内容提要", NONE), ("关键词", NONE), ("主题词", NONE), ("目录", NONE), ("参考文献", NONE),
    ("附件", NONE), ("附录", NONE), ("编者按", NONE), ("作者简介", NONE), ("基金项目", NONE), ("注释", NONE), ("后记", NONE),
]
# a keyword after one of these verbs is a principle being followed, not what the section holds
_STRIVING = ("注重", "讲求", "务求", "突出", "追求", "力求", "确保", "狠抓", "抓")
_STRIVING_KEYWORDS = {"成效", "实效", "成果", "成绩"}
_SOLVING = re.compile(r"解决|破解|针对|化解|克服|整改|防止|避免|补齐|弥补|纠正|治理")
# in a report of practice, these measure keywords tell what was done
_PRACTICE_MEASURES = {"措施", "举措", "办法"}
_PRACTICE_TITLE = re.compile(r"经验|做法|典型材料|交流材料|工作汇报|情况汇报|实践|探索|工作总结")

# wording cues for sections whose heading names no role
_CUES: dict[str, re.Pattern] = {
    PROBLEMS: re.compile(r"有的|一些|部分|不够|不强|不足|缺乏|缺少|不到位|流于形式|弱化|虚化|脱节|不高|不紧|"
                         r"仍然存在|依然存在|偏少|薄弱|滞后|不明显|空泛|各搞一套|两张皮|不多|不大|不平衡|不均衡"),
    CAUSES: re.compile(r"原因|导致|由于|根源|造成|之所以|在于|源于|因为|致使|使得|归根结底|究其"),
    # what should be done: modal verbs
    COUNTERMEASURES: re.compile(r"(?<![主重需纪只])要(?![求点素件])|必须|(?<![反适对相供响效顺答])应(?![用急对变聘届])|"
                                r"务必|需要|亟需|亟待|建议|着力|切实|可以考虑|宜"),
    # what was done: past aspect, first person, results
    CASES: re.compile(r"我们|先后|以来|取得|逐步|得到|得以|累计|共有|已(?:经)?(?:建立|建成|实现|开展|形成)|"
                      r"(?<![为除])了(?![解])|[\d一二两三四五六七八九十]+年(?:多)?来"),
}
# background keywords that hold even inside a section of entries (二、主要做法 > （三）取得的成效)
_BACK_MATTER = {"附件", "附录", "参考文献", "注释", "后记", "作者简介"}
_STRONG_CONTEXT = {"成效", "实效", "成果", "成绩", "基本情况", "概况", "背景", "现状", "引言", "前言", "结语",
                   "结束语", "小结"}
# words of a heading without keyword that lean towards a role: remedies lean to countermeasures
_HEADING_CUES: dict[str, re.Pattern] = {
    COUNTERMEASURES: re.compile(r"破解|推进|推动|提升|加强|完善|构建|健全|优化|强化|思路|着力点"),
    PROBLEMS: re.compile(r"倾向|现象|隐忧|短处"),
    CAUSES: re.compile(r"根由|深层次|剖析"),
}
HEADING_CUE_WEIGHT = 2.0  # a cue word in the heading counts as this many hits per 100 characters
_ORDER = {CONTEXT: 0, PROBLEMS: 1, CAUSES: 2, COUNTERMEASURES: 3}
MIN_CUES_PER_100 = 1.0   # cue hits per 100 characters for the wording to speak at all
MIN_MARGIN = 1.5         # the best allowed role must score this many times the next one


@dataclass
class SectionType:
    type: str                               # one of ENTRY_TYPES, CONTEXT, NONE or UNCLEAR
    secondary: list[str] = field(default_factory=list)
    keyword: str = ""                        # the keyword that decided, "" when judged otherwise
    by: str = "heading"                      # "heading", "position", "wording", "parent"
    reason: str = ""                         # Chinese: why (shown in the report)


def keywords_of(section_type: str) -> list[str]:
    """Heading keywords that name *section_type* (used to spot it in a paragraph)."""
    return [kw for kw, t in _HEADING_KEYWORDS if t == section_type]


def heading_type(title: str, practice: bool = False) -> SectionType | None:
    """Role named by a heading, or None.

    A heading that is a whole sentence (``优化考核导向，将党建工作成效纳入……``) names its kind,
    if at all, in its first clause: the rest says what to do, not what the section is.
    """
    if len(title) > 24 and "，" in title:
        title = title.split("，")[0]
    found: list[tuple[int, str, str]] = []
    taken = [False] * len(title)
    for kw, typ in _HEADING_KEYWORDS:
        for m in re.finditer(re.escape(kw), title):
            if any(taken[m.start():m.end()]):
                continue
            if kw in _STRIVING_KEYWORDS and title[:m.start()].endswith(_STRIVING):
                continue
            if typ == PROBLEMS and _SOLVING.search(re.split(r"[，,；]", title[:m.start()])[-1]):
                continue  # 解决……的问题: what a measure solves, not a problem section
            for k in range(m.start(), m.end()):
                taken[k] = True
            if practice and kw in _PRACTICE_MEASURES:
                typ = CASES
            found.append((m.start(), kw, typ))
    if not found:
        return None
    found.sort()
    last_pos, last_kw, last_type = found[-1]
    secondary = []
    for (pos, kw, typ), (npos, _, _) in zip(found[:-1], found[1:]):
        # two kinds side by side (问题及原因, 不足和下一步打算) make a mixed section; a keyword that
        # qualifies the next one (问题产生的原因, 问题的根源) does not
        between = title[pos + len(kw):npos]
        joined = bool(re.search(r"及|和|与|以及|、|并", between)) and "的" not in between.replace("具体", "")
        if typ != last_type and typ not in secondary and typ in ENTRY_TYPES and joined:
            secondary.append(typ)
    if last_type == CAUSES and PROBLEMS in secondary:
        # 问题及原因: a problem section whose subsections say which part they are
        return SectionType(PROBLEMS, [CAUSES], last_kw, "heading", f"标题含“{last_kw}”，问题与原因并列")
    return SectionType(last_type, secondary, last_kw, "heading", f"标题含“{last_kw}”")


def wording_scores(text: str) -> dict[str, float]:
    """Cue hits per 100 characters for each entry role."""
    size = max(1, len(text)) / 100
    return {t: len(rx.findall(text)) / size for t, rx in _CUES.items()}


def _allowed(prev: str | None, nxt: str | None, practice: bool) -> list[str]:
    """Roles a keyword-less top-level section may have between its known neighbours."""
    lo = _ORDER.get(prev, 0) if prev else 0
    hi = _ORDER.get(nxt, 3) if nxt else 3
    if prev == CASES or nxt == CASES:
        lo, hi = min(lo, 1), max(hi, 3)
    roles = [r for r, o in _ORDER.items() if lo <= o <= hi and r != CONTEXT]
    # what an organ did may stand anywhere before the proposals (a survey reports practice too)
    if practice or prev in (None, CONTEXT, CASES, PROBLEMS) or nxt in (None, CASES, COUNTERMEASURES):
        roles.append(CASES)
    return roles


def _by_position_and_wording(node: Node, prev: str | None, nxt: str | None, first: bool,
                             practice: bool) -> SectionType:
    text = "".join(s.text for s in node.sentences())
    scores = wording_scores(text)
    for role, rx in _HEADING_CUES.items():
        scores[role] += HEADING_CUE_WEIGHT * len(rx.findall(node.title))
    allowed = _allowed(prev, nxt, practice)
    ranked = sorted(allowed, key=lambda r: -scores[r])
    if not ranked:
        return SectionType(UNCLEAR, by="position", reason="标题没有指明类型，位置也不允许任何类型")
    best = ranked[0]
    second = scores[ranked[1]] if len(ranked) > 1 else 0.0
    where = f"位于“{TYPE_NAMES.get(prev, '开头')}”之后" if prev else "位于开头"
    if nxt:
        where += f"、“{TYPE_NAMES[nxt]}”之前"
    if first and prev is None and not practice and (scores[best] < 2 * MIN_CUES_PER_100 or scores[best] < 2 * second):
        return SectionType(CONTEXT, by="position", reason="第一节，标题和行文都没有指明类型，按背景处理")
    if scores[best] >= MIN_CUES_PER_100 and scores[best] >= MIN_MARGIN * max(second, 0.01):
        return SectionType(best, by="position", reason=f"{where}，行文像“{TYPE_NAMES[best]}”")
    return SectionType(UNCLEAR, by="position",
                       reason=f"标题没有指明类型，{where}，行文不能确定是"
                              + "还是".join(f"“{TYPE_NAMES[r]}”" for r in ranked[:2]))


def _silent(node: Node) -> bool:
    """The wording of *node* points to no role at all."""
    scores = wording_scores("".join(s.text for s in node.sentences()))
    return max(scores.values()) < MIN_CUES_PER_100


def is_practice(structure: Structure) -> bool:
    """A report of practice (经验材料, 做法): its title says so."""
    return bool(structure.title and _PRACTICE_TITLE.search(structure.title))


def classify(structure: Structure) -> dict[int, SectionType]:
    """Role of every heading node, keyed by ``id(node)``."""
    result: dict[int, SectionType] = {}
    practice = is_practice(structure)
    top = structure.root.children
    own = [heading_type(n.title, practice) for n in top]

    # top level: heading, then position and wording between known neighbours
    # the neighbours that bound a section's role are the sections of entries around it
    known = [o.type if o and o.type in ENTRY_TYPES else None for o in own]
    back_matter = False
    for k, node in enumerate(top):
        if own[k] is not None:
            st = own[k]
            back_matter = back_matter or (st.type == NONE and st.keyword in _BACK_MATTER)
        elif back_matter:
            # 附件、参考文献 run to the end of a report: what follows them (numbered survey
            # figures, references) is part of them, not article text
            st = SectionType(NONE, by="position", reason="位于附件或参考文献之后")
        else:
            prev = next((known[j] for j in range(k - 1, -1, -1) if known[j]), None)
            nxt = next((known[j] for j in range(k + 1, len(top)) if known[j]), None)
            st = _by_position_and_wording(node, prev, nxt, k == 0, practice)
            before = result.get(id(top[k - 1])) if k else None
            if (st.type == UNCLEAR and before is not None and before.type in ENTRY_TYPES and own[k - 1] is None
                    and top[k - 1].kind == node.kind and _silent(node)):
                # parallel headings of one kind in a row (联学促思想、联建促基层……) whose text
                # says nothing either way continue the role of the one before
                st = SectionType(before.type, by="position",
                                 reason=f"与前一节“{top[k - 1].title[:12]}”并列，行文没有指向别的类型")
            if st.type in ENTRY_TYPES:
                known[k] = st.type
        result[id(node)] = st
        for child in node.children:
            _visit(child, st, practice, result)
    return result


def _visit(node: Node, parent: SectionType, practice: bool, result: dict[int, SectionType]) -> None:
    own = heading_type(node.title, practice)
    if parent.type == NONE:
        st = SectionType(NONE, by="parent", reason="所在章节不是正文")
    elif (own is not None and own.type in ENTRY_TYPES and own.type != parent.type
          and (parent.type not in ENTRY_TYPES or own.type in parent.secondary)):
        # a section that names two kinds (问题及原因) has subsections that say which part they are;
        # otherwise a keyword inside a section of entries describes it (原因 > “……有短板”)
        st = own
    elif own is not None and (own.type == NONE or own.keyword in _STRONG_CONTEXT):
        st = own
    elif parent.type in ENTRY_TYPES:
        st = SectionType(parent.type, [], parent.keyword, "parent", "随所在章节")
    elif own is not None:
        st = own
    else:
        st = SectionType(parent.type, by="parent", reason="随所在章节")
    result[id(node)] = st
    for child in node.children:
        _visit(child, st, practice, result)
