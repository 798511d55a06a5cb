"""The chapters of the booklet (ronghe/build/pdf/booklet.py): the HTML of every kind of entry.

问题 → 原因 → 对策 → 案例 → 各层级清单 → 术语 → 来源, and the appendix with the training
topics. Each entry is an ``<article>`` with its anchor (``anchor``); every relation
between entries is a cross-reference (``xref``) to the target's anchor that prints as
“（见第 N 页）”, the number going into a page-number slot the assembler fills in
(ronghe/build/pdf/parts.py, ronghe/build/pdf/assemble.py).

A chapter's body is a list of blocks; each block after the first starts a new page
and becomes a part of its own (one per category in 对策, one per level in 各层级责任清单).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Optional

from ronghe.content.checklists import (LevelChecklist, basis_countermeasures, level_checklists, more_text,
                                       shown_basis)
from ronghe.content.graph import KnowledgeBase
from ronghe.content.tags import reader_tags
from ronghe.content.model import Case, Cause, Countermeasure, Entry, Level, Problem, Source, Term, Topic
from ronghe.content.training import topics
from .prose import md_html, paras

E = html.escape
NUMERALS = "一二三四五六七八九十"


def anchor(entry_id: str) -> str:
    return f"e-{entry_id}"


@dataclass(frozen=True)
class Chapter:
    key: str                 # anchor: ch-<key>
    title: str               # without the numeral, e.g. 问题表现
    intro: str
    body: Callable[[KnowledgeBase], list[str]]   # blocks: each after the first starts a new page (a part)

    @property
    def anchor(self) -> str:
        return f"ch-{self.key}"


# --- small pieces ------------------------------------------------------------------

def xref(kb: KnowledgeBase, entry_id: str, text: Optional[str] = None) -> str:
    """A cross-reference: the target's title, printed with “（见第 N 页）”; the number goes into a
    page-number slot (ronghe/build/pdf/parts.py), numbered per part by ``_number_slots``."""
    target = kb.get(entry_id)
    if target is None:
        return E(text or entry_id)
    return (f'<a class="xref" href="#{anchor(entry_id)}">{E(text or target.title)}'
            f'<span class="xs">（见第<span class="pn" data-to="{anchor(entry_id)}"></span>页）</span></a>')


def _refs(kb: KnowledgeBase, label: str, entries: Iterable[Optional[Entry]]) -> str:
    found = [e for e in entries if e is not None]
    if not found:
        return ""
    return f'<p class="refs"><span class="rl">{E(label)}：</span>' + "；".join(xref(kb, e.id) for e in found) + "</p>"


def _citations(kb: KnowledgeBase, entry: Entry) -> str:
    if not entry.citations:
        return ""
    out = ['<div class="cites">']
    for c in entry.citations:
        src = kb.get(c.source)
        where = f"，{E(c.locator)}" if c.locator else ""
        name = xref(kb, c.source, f"《{src.title}》") if src else E(c.source)
        passage = "<br>".join(E(p.strip()) for p in c.passage.splitlines() if p.strip())
        out.append(f'<blockquote>{passage}<span class="by">—— {name}{where}</span></blockquote>')
    return "\n".join(out + ["</div>"])


def _head(entry: Entry, level: str = "h2", kicker: str = "") -> str:
    k = f'<p class="kicker">{E(kicker)}</p>' if kicker else ""
    summary = f'<p class="summary">{E(entry.summary)}</p>' if entry.summary else ""
    shown = reader_tags(entry.tags)   # internal tags (ronghe.content.tags) are for editors only
    tags = f'<p class="tags">标签：{"、".join(E(t) for t in shown)}</p>' if shown else ""
    return f'<{level} class="entry-title">{E(entry.title)}</{level}>{k}{summary}{md_html(entry.body)}{tags}'


def _article(entry: Entry, inner: str) -> str:
    return f'<article class="entry entry-{entry.type_name}" id="{anchor(entry.id)}">{inner}</article>'


def _ids(kb: KnowledgeBase, ids: Iterable[str]) -> list[Entry]:
    return [e for e in (kb.get(i) for i in dict.fromkeys(ids)) if e is not None]


# --- chapters ----------------------------------------------------------------------

def _problems(kb: KnowledgeBase) -> list[str]:
    out = []
    for p in kb.by_type("problem"):
        assert isinstance(p, Problem)
        out.append(_article(p, _head(p) + _refs(kb, "主要原因", kb.causes_of(p.id))
                            + _refs(kb, "应对之策", kb.countermeasures_for_problem(p.id))
                            + _refs(kb, "典型案例", kb.cases_for_problem(p.id)) + _citations(kb, p)))
    return ["\n".join(out)]


def _causes(kb: KnowledgeBase) -> list[str]:
    out = []
    for c in kb.by_type("cause"):
        assert isinstance(c, Cause)
        out.append(_article(c, _head(c) + _refs(kb, "导致的问题", _ids(kb, c.problems))
                            + _refs(kb, "应对之策", kb.countermeasures_for_cause(c.id)) + _citations(kb, c)))
    return ["\n".join(out)]


def _level_names(kb: KnowledgeBase, ids: list[str]) -> str:
    return "、".join(E(getattr(kb.get(i), "short", "") or i) for i in ids)


def _countermeasure(kb: KnowledgeBase, cm: Countermeasure) -> str:
    rows = "".join(
        f'<tr><td class="n">{i}</td><td>{E(m.text)}</td><td class="lv">{_level_names(kb, m.levels)}</td>'
        f'<td class="tm">{E(m.timing) or "—"}</td><td class="ev">{E(m.evidence) or "—"}</td></tr>'
        for i, m in enumerate(cm.measures, 1))
    table = ('<table class="measures"><thead><tr><th class="n">序号</th><th>举措</th><th class="lv">责任层级</th>'
             f'<th class="tm">时间要求</th><th class="ev">佐证材料</th></tr></thead><tbody>{rows}</tbody></table>')
    return _article(cm, _head(cm, "h3") + table + _refs(kb, "针对的问题", _ids(kb, cm.problems))
                    + _refs(kb, "针对的原因", _ids(kb, cm.causes))
                    + _refs(kb, "典型案例", kb.cases_for_countermeasure(cm.id)) + _citations(kb, cm))


def _countermeasures(kb: KnowledgeBase) -> list[str]:
    """One block per category (each starts a new page)."""
    blocks = []
    done: set[str] = set()
    for cat in kb.categories.values():
        members = [cm for cm in kb.countermeasures_in_category(cat.id) if isinstance(cm, Countermeasure)]
        if not members:
            continue
        out = [f'<h2 class="category" id="cat-{E(cat.id)}">{E(cat.title)}</h2><p class="cat-summary">{E(cat.summary)}</p>']
        for cm in members:
            out.append(_countermeasure(kb, cm))
            done.add(cm.id)
        blocks.append("\n".join(out))
    rest = [cm for cm in kb.by_type("countermeasure") if cm.id not in done and isinstance(cm, Countermeasure)]
    if rest:
        blocks.append("\n".join(['<h2 class="category">其他对策</h2>'] + [_countermeasure(kb, cm) for cm in rest]))
    return blocks or [""]


def _cases(kb: KnowledgeBase) -> list[str]:
    out = []
    for c in kb.by_type("case"):
        assert isinstance(c, Case)
        facts = "；".join(x for x in (f"单位：{E(c.unit)}" if c.unit else "", f"时间：{E(c.date)}" if c.date else "") if x)
        figures = ""
        if c.figures:
            rows = "".join(f'<tr><td>{E(f.label)}</td><td class="v">{E(f.value)}</td></tr>' for f in c.figures)
            figures = f'<table class="figures">{rows}</table>'
        out.append(_article(c, _head(c, kicker=facts) + figures
                            + _refs(kb, "体现的对策", _ids(kb, c.countermeasures))
                            + _refs(kb, "针对的问题", _ids(kb, c.problems))
                            + (f'<p class="refs"><span class="rl">涉及的层级：</span>{_level_names(kb, c.levels)}</p>'
                               if c.levels else "")
                            + _citations(kb, c)))
    return ["\n".join(out)]


def _levels(kb: KnowledgeBase) -> list[str]:
    """Each level: what it is, then its checklist (items from the file and from 举措, merged);
    one block per level (each starts a new page)."""
    by_level = {lc.level.id: lc for lc in level_checklists(kb)}
    out = []
    for lv in kb.levels():
        assert isinstance(lv, Level)
        kicker = "　".join(x for x in (f"简称：{lv.short}" if lv.short else "", f"责任定位：{lv.role}" if lv.role else "") if x)
        parent = _refs(kb, "上级层级", _ids(kb, [lv.parent] if lv.parent else []))
        inner = _head(lv, kicker=kicker) + parent + _citations(kb, lv)
        lc = by_level.get(lv.id)
        if lc is not None and lc.items():
            inner += _checklist(kb, lc)
        out.append(_article(lv, inner))
    # checklist files whose level is not published still belong in the book
    shown = {lc.source.id for lc in by_level.values() if lc.source is not None}
    rest = [_article(cl, _head(cl)) for cl in kb.by_type("checklist") if cl.id not in shown]
    if rest:
        if out:
            out[-1] += "\n" + "\n".join(rest)
        else:
            out = ["\n".join(rest)]
    return out or [""]


def _checklist(kb: KnowledgeBase, lc: LevelChecklist) -> str:
    """A level's checklist: its title, then each group's items with a box to tick, their timing,
    evidence and the countermeasures they come from."""
    cl_id = f' id="{anchor(lc.source.id)}"' if lc.source is not None else ""
    out = f'<h3 class="checklist-title"{cl_id}>{E(lc.title)}（{len(lc.items())} 项）</h3>'
    if lc.source is not None and lc.source.summary:
        out += f'<p class="summary">{E(lc.source.summary)}</p>'
    for g in lc.groups:
        if not g.items:
            continue
        items = []
        for item in g.items:
            facts = "；".join(x for x in (f"时间要求：{E(item.timing)}" if item.timing else "",
                                         f"佐证材料：{E(item.evidence)}" if item.evidence else "") if x)
            cms, n_cms = shown_basis(basis_countermeasures(kb, item))
            basis = "、".join(xref(kb, cm.id) for cm in cms) + more_text(cms, n_cms, "条对策")
            extra = (f'<span class="facts">{facts}</span>' if facts else "") + \
                    (f'<span class="facts">依据：{basis}</span>' if basis else "")
            items.append(f'<li><span class="box"></span>{E(" ".join(item.text.split()))}{extra}</li>')
        out += f'<h4>{E(g.title)}</h4><ul class="checks">{"".join(items)}</ul>'
    return out


def _terms(kb: KnowledgeBase) -> list[str]:
    out = []
    for t in kb.by_type("term"):
        assert isinstance(t, Term)
        aliases = f'<p class="kicker">也称：{"、".join(E(a) for a in t.aliases)}</p>' if t.aliases else ""
        inner = (f'<h3 class="entry-title">{E(t.title)}</h3>{aliases}<p class="summary">{E(t.summary)}</p>'
                 f'{md_html(t.body)}' + _refs(kb, "参见", _ids(kb, t.see_also)) + _citations(kb, t))
        out.append(_article(t, inner))
    return ['<div class="terms">' + "\n".join(out) + "</div>"]


def _sources(kb: KnowledgeBase) -> list[str]:
    out = []
    for s in kb.by_type("source"):
        assert isinstance(s, Source)
        facts = [("作者", s.author), ("发布单位", s.publisher), ("日期", s.date), ("出处", s.origin), ("原始文件", s.seed_file)]
        rows = "".join(f"<tr><th>{k}</th><td>{E(v)}</td></tr>" for k, v in facts if v)
        inner = f'<h2 class="entry-title">{E(s.title)}</h2>'
        if s.summary:
            inner += f'<p class="summary">{E(s.summary)}</p>'
        inner += md_html(s.body) + (f'<table class="facts">{rows}</table>' if rows else "")
        if s.duplicate_of:
            inner += f'<p class="note">本文与{xref(kb, s.duplicate_of, "《" + getattr(kb.get(s.duplicate_of), "title", s.duplicate_of) + "》")}内容相同，本书引用原报告。</p>'
        if s.defects:
            inner += '<p class="rl">原始材料的已知缺陷：</p><ul class="defects">' + "".join(f"<li>{E(d)}</li>" for d in s.defects) + "</ul>"
        citing = kb.citing_entries(s.id)
        if citing:
            inner += f'<p class="refs"><span class="rl">引用本文献的条目：</span>共 {len(citing)} 条，见各条目的“原文出处”。</p>'
        if s.text.strip():
            inner += f'<div class="fulltext"><p class="rl">清洗后全文：</p>{paras(s.text)}</div>'
        out.append(_article(s, inner))
    return ["\n".join(out)]


def _topics(kb: KnowledgeBase) -> list[str]:
    out = []
    for t in topics(kb):
        assert isinstance(t, Topic)
        cat = kb.categories.get(t.category)
        kicker = f"对策类别：{cat.title}" if cat else ""
        qs = "".join(f"<li>{E(q)}</li>" for q in t.questions)
        out.append(_article(t, _head(t, kicker=kicker) + md_html(t.intro) + _refs(kb, "研讨案例", _ids(kb, [t.case] if t.case else []))
                            + f'<p class="rl">研讨题：</p><ol class="questions">{qs}</ol>'))
    return ["\n".join(out)]


CHAPTERS: tuple[Chapter, ...] = (
    Chapter("problems", "问题表现", "{topic}在机关里的具体表现，每条附有它的原因、对策、案例和原文出处。", _problems),
    Chapter("causes", "原因", "导致{topic}的深层原因，以及它们导致的问题和针对它们的对策。", _causes),
    Chapter("countermeasures", "对策", "破解{topic}的对策，按类别编排；每条对策拆成具体举措，写明责任层级、时间要求和佐证材料。",
            _countermeasures),
    Chapter("cases", "典型案例", "各地机关的典型做法和成效。", _cases),
    Chapter("levels", "各层级责任清单", "从机关工委到党员，各责任层级的定位和必须落实的事项（□ 处可勾选）。", _levels),
    Chapter("glossary", "术语", "本书使用的术语及其含义。", _terms),
    Chapter("sources", "来源文献", "本书内容所依据的调研报告：出处、已知缺陷和清洗后的全文。", _sources),
)
APPENDIX = Chapter("topics", "附录：研讨专题", "培训用的研讨专题，每类对策一个；完整讲义（含问题、原因、各层级举措、案例和笔记栏）另行印发。",
                   _topics)


def chapter_heading(i: Optional[int], ch: Chapter) -> str:
    """The printed chapter title (``一、问题表现``), also used in the table of contents."""
    return ch.title if i is None else f"{NUMERALS[i]}、{ch.title}"


def chapters(kb: KnowledgeBase) -> list[tuple[str, Chapter]]:
    """(printed title, chapter) of this book, introductions naming the guide's own problem."""
    chs = list(enumerate(CHAPTERS)) + ([(None, APPENDIX)] if topics(kb) else [])
    return [(chapter_heading(i, ch), replace(ch, intro=kb.identity.fill(ch.intro))) for i, ch in chs]


def chapter_blocks(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(part name, HTML) of every block of every chapter: a chapter, or one category / level of it."""
    out = []
    for heading, ch in chapters(kb):
        for j, block in enumerate(ch.body(kb)):
            if j == 0:
                head = (f'<section class="chapter chapter-{ch.key}" id="{ch.anchor}">'
                        f'<h1 class="chapter-title">{E(heading)}</h1><p class="chapter-intro">{E(ch.intro)}</p>')
            else:   # a continuation: the running header still names the chapter
                head = (f'<section class="chapter chapter-{ch.key}">'
                        f'<p class="running-chapter" data-chapter="{E(heading)}"></p>')
            out.append((ch.key if j == 0 else f"{ch.key}-{j}", f"{head}{block}</section>"))
    return out


__all__ = ["APPENDIX", "CHAPTERS", "Chapter", "anchor", "chapter_blocks", "chapter_heading", "chapters", "xref"]
