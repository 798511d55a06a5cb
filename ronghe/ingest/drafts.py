"""Draft entries in the project's content format, from a classified structure.

Every sentence of the clean text goes to exactly one place: a draft entry (its
verbatim passage) or the unclassified list (with the reason). The source entry
holds the whole clean text and is not counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ronghe.content.schema import EDIT_MARK  # text to review: a published entry must not keep it
from .classify import (CASES, CAUSES, CONTEXT, COUNTERMEASURES, ENTRY_TYPES, NONE, PROBLEMS, TYPE_NAMES, UNCLEAR,
                       SectionType, keywords_of)
from .clean import CleanResult
from .levels import detect_levels
from .sentences import Sentence
from .ids import IdAllocator, report_prefix, title_id
from .structure import Node, Structure


# entry type name and directory (relative to drafts/) per section type
TYPE_INFO = {
    PROBLEMS: ("problem", "policies/problems"),
    CAUSES: ("cause", "policies/causes"),
    COUNTERMEASURES: ("countermeasure", "policies/countermeasures"),
    CASES: ("case", "cases"),
}
SOURCE_DIR = "policies/sources"

# countermeasure category guessed from the heading; the earliest keyword in the title wins
_CATEGORY_KEYWORDS: list[tuple[str, str]] = [
    ("认识", "renshi"), ("思想", "renshi"), ("理念", "renshi"), ("意识", "renshi"), ("站位", "renshi"),
    ("责任", "zeren"), ("“责”", "zeren"), ("压实", "zeren"),
    ("考核", "kaohe-jili"), ("考评", "kaohe-jili"), ("激励", "kaohe-jili"), ("奖惩", "kaohe-jili"),
    ("评价", "kaohe-jili"),
    ("机制", "jizhi"), ("制度", "jizhi"), ("体系", "jizhi"), ("流程", "jizhi"),
    ("群众", "fuwu-qunzhong"), ("便民", "fuwu-qunzhong"), ("惠民", "fuwu-qunzhong"), ("服务", "fuwu-qunzhong"),
    ("组织", "zuzhi-baozhang"), ("队伍", "zuzhi-baozhang"), ("保障", "zuzhi-baozhang"), ("干部", "zuzhi-baozhang"),
]
DEFAULT_CATEGORY = "jizhi"
DEFAULT_LEVEL = "dangzu"

_TIMING = re.compile(r"每年年初|每年年底|每年|年初|年中|年底|年终|每半年|每季度|每月|每周|定期|常态化")
_FIGURE_UNITS = "个项名本份人家元次条件处所多余万亿"


@dataclass
class Unclassified:
    sentence: Sentence
    reason: str


@dataclass
class Draft:
    kind: str            # problem, cause, countermeasure, case, source
    id: str
    relpath: str         # relative to the drafts directory
    data: dict
    sentences: list[Sentence] = field(default_factory=list)
    locator: str = ""
    shared: bool = False   # cites a passage another draft holds (the two entries of one table row)


@dataclass
class DraftSet:
    source: Draft
    entries: list[Draft]
    unclassified: list[Unclassified]
    total: int

    @property
    def in_drafts(self) -> int:
        return sum(len(d.sentences) for d in self.entries if not d.shared)

    def accounting_ok(self) -> bool:
        seen: list[int] = [s.index for d in self.entries if not d.shared for s in d.sentences]
        seen += [u.sentence.index for u in self.unclassified]
        return sorted(seen) == list(range(self.total))


# ---------------------------------------------------------------------------


def id_prefix(stem: str) -> str:
    """ASCII prefix for the ids of one report (see ronghe.ingest.ids.report_prefix)."""
    return report_prefix(stem)


def short_title(text: str, limit: int = 24) -> str:
    t = text.strip().rstrip("。！？；：，")
    if len(t) > limit and "，" in t:
        t = t.split("，")[0]
    if len(t) > 40:
        t = t[:40] + "…"
    return t


# a leading modal verb is the report's voice, not the entry's name (要建立… -> 建立…)
_MODAL = re.compile(r"^(?:要|应当|应|需要|必须)(?=[\u4e00-\u9fff]{4})")
# the words of a heading that only names its kind (存在的不足, 为什么会出现这些情况, 下一步打算)
_GENERIC = re.compile(r"为什么会?出现|存在的?|主要|方面|这些|情况|问题|不足|短板|原因|根源|分析|对策|建议|措施|"
                      r"思考|下一步|打算|做法|经验|体会|当前|目前|几点|一些|哪些|工作|[及和与的是有\s]")


# table rows as the cleaning keeps them (see clean.py), and the columns that name an entry's kind
TABLE_CELL = "｜"
_PROBLEM_COLUMN = re.compile(r"问题|表现|不足|短板|差距")
_MEASURE_COLUMN = re.compile(r"措施|对策|举措|任务|办法|建议")


def _cell_title(cell: str) -> str:
    """A table cell names its entry in its first clause (修订考核办法，统一考核… -> 修订考核办法)."""
    first = re.split(r"[，；。]", cell.strip())[0]
    return first if len(first) >= 4 else cell.strip()


def draft_title(heading: str) -> str:
    """A draft's title from its own heading: the first clause of a long one, without a leading
    modal verb; a heading that only names its kind gets the 【待编辑】 mark, so that the entry
    cannot be published under it."""
    title = _MODAL.sub("", short_title(heading))
    if len(_GENERIC.sub("", title)) < 2:
        return EDIT_MARK + title
    return title


def guess_category(title: str) -> str:
    best = None
    for kw, cat in _CATEGORY_KEYWORDS:
        pos = title.find(kw)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, cat)
    return best[1] if best else DEFAULT_CATEGORY


def _passage(text: str, sentences: list[Sentence]) -> str:
    return text[sentences[0].start:sentences[-1].end]


def _summary(sentences: list[Sentence], heading: Sentence | None) -> str:
    body = [s for s in sentences if heading is None or s.index != heading.index]
    first = (body[0] if body else sentences[0]).text.strip()
    return EDIT_MARK + first


def _figures(sentences: list[Sentence]) -> list[dict]:
    out = []
    for s in sentences:
        for clause in re.split(r"[，、；。：]", s.text):
            m = re.search(rf"(\d+(?:\.\d+)?(?:多|余)?[{_FIGURE_UNITS}]+)", clause)
            if not m or len(clause) > 30:
                continue
            label = (clause[:m.start()] + clause[m.end():]).strip("“”（）() ")
            label = re.sub(r"^(?:共|累计|其中|和|及|与)", "", label)
            if 2 <= len(label) <= 20 and re.search(r"[\u4e00-\u9fff]", label):
                out.append({"label": label, "value": m.group(1)})
    return out[:12]


def _measures(node: Node, text: str) -> list[dict]:
    items = node.children or [node]
    node_levels = detect_levels("".join(s.text for s in node.sentences()))
    measures = []
    for item in items:
        item_text = "".join(s.text for s in item.sentences())
        levels = detect_levels(item_text) or node_levels or [DEFAULT_LEVEL]
        m: dict = {"text": short_title(item.title, 60), "levels": levels}
        tm = _TIMING.search(item_text)
        if tm:
            m["timing"] = tm.group(0)
        measures.append(m)
    return measures


# ---------------------------------------------------------------------------


def plan_drafts(seed_name: str, stem: str, clean: CleanResult, structure: Structure,
                types: dict[int, SectionType], ids: IdAllocator | None = None) -> DraftSet:
    """Drafts of one report. *ids* hands out ids not used elsewhere (a fresh one when None)."""
    text = clean.text
    ids = ids if ids is not None else IdAllocator()
    prefix = id_prefix(stem)
    source_id = ids.claim(title_id(structure.title, f"{prefix}-source", max_syllables=8)
                          if structure.title else (prefix if prefix != "report" else "report-source"))
    unclassified: list[Unclassified] = []
    entries: list[Draft] = []

    def where(sentences: list[Sentence], locator: str) -> dict:
        first, last = sentences[0].line, sentences[-1].line
        src_first, src_last = clean.source_lines(first, last)
        return {"seed": seed_name, "section": locator or "（无编号段落）",
                "lines": f"{src_first}-{src_last}" if src_last != src_first else str(src_first),
                "clean_lines": f"{first}-{last}" if last != first else str(first)}

    def new_entry(section_type: str, sentences: list[Sentence], title: str, locator: str,
                  heading: Sentence | None, node: Node | None, owns: bool = True,
                  summary: str | None = None) -> Draft:
        kind, directory = TYPE_INFO[section_type]
        title = draft_title(title)
        eid = ids.claim(title_id(title.removeprefix(EDIT_MARK), f"{prefix}-{kind}"))
        data: dict = {
            "id": eid,
            "title": title,
            "summary": EDIT_MARK + summary if summary else _summary(sentences, heading),
            "draft": True,
            "ingest": where(sentences, locator),
        }
        if section_type == CAUSES:
            data["problems"] = []
        elif section_type == COUNTERMEASURES:
            data["category"] = guess_category(title)
            data["problems"] = []
            data["causes"] = []
            data["measures"] = _measures(node, text) if node is not None else [
                {"text": short_title(title, 60),
                 "levels": detect_levels("".join(s.text for s in sentences)) or [DEFAULT_LEVEL]}]
        elif section_type == CASES:
            if structure.date:
                data["date"] = structure.date
            data["countermeasures"] = []
            levels = detect_levels("".join(s.text for s in sentences))
            if levels:
                data["levels"] = levels
            figures = _figures(sentences)
            if figures:
                data["figures"] = figures
        citation: dict = {"source": source_id, "passage": _passage(text, sentences)}
        if locator:
            citation["locator"] = locator
        data["citations"] = [citation]
        # a draft that cites a passage another draft already holds (a table row) does not own it
        entries.append(Draft(kind, eid, f"{directory}/{eid}.yml", data, list(sentences), locator, shared=not owns))
        return entries[-1]

    def table(node: Node) -> bool:
        """A section that is a table pasted from Word (rows of cells split by ｜, a header row
        naming its columns): each row is an entry of the kind its columns name, titled by its
        cell (问题表现 -> a problem, 整改措施 -> a countermeasure, both cite the row)."""
        rows: dict[int, list[Sentence]] = {}
        for s in node.body:
            rows.setdefault(s.para, []).append(s)
        cells = {p: "".join(s.text for s in ss).strip().split(TABLE_CELL) for p, ss in rows.items()}
        paras = sorted(rows)
        if len(paras) < 2 or any(len(cells[p]) < 3 for p in paras):
            return False
        head = cells[paras[0]]
        pcol = next((k for k, c in enumerate(head) if _PROBLEM_COLUMN.search(c)), None)
        ccol = next((k for k, c in enumerate(head) if k != pcol and _MEASURE_COLUMN.search(c)), None)
        if pcol is None and ccol is None:
            return False
        if node.heading:
            unclassified.append(Unclassified(node.heading, "章节标题"))
        unclassified.extend(Unclassified(s, "表头") for s in rows[paras[0]])
        for p in paras[1:]:
            row = cells[p]
            problem = None
            if pcol is not None and pcol < len(row) and row[pcol].strip():
                problem = new_entry(PROBLEMS, rows[p], _cell_title(row[pcol]), node.locator, None, None, summary=row[pcol])
            if ccol is not None and ccol < len(row) and row[ccol].strip():
                measure = new_entry(COUNTERMEASURES, rows[p], _cell_title(row[ccol]), node.locator, None, None,
                                    owns=problem is None, summary=row[ccol])
                if problem is not None:   # the row says which problem the measure answers
                    measure.data["problems"] = [problem.id]
        return True

    def intro(node: Node, st: SectionType) -> None:
        """Sentences before the first subsection: an entry of the secondary kind when the
        heading names two (``原因及具体表现``), no subsection carries that kind and the
        paragraph speaks of it; else unclassified."""
        paras: dict[int, list[Sentence]] = {}
        for s in node.body:
            paras.setdefault(s.para, []).append(s)
        carried = {types[id(c)].type for c in node.children if id(c) in types}
        for sentences in paras.values():
            para_text = "".join(s.text for s in sentences)
            kind = next((t for t in st.secondary if t not in carried
                         and any(kw in para_text for kw in keywords_of(t))), None)
            if kind in TYPE_INFO:
                new_entry(kind, sentences, node.title, node.locator, None, node)
            else:
                unclassified.extend(Unclassified(s, "章节导语") for s in sentences)

    def not_entry(node: Node, reason: str) -> None:
        for s in node.sentences():
            unclassified.append(Unclassified(s, reason))

    def visit(node: Node, parent_type: str | None) -> None:
        st = types.get(id(node))
        typ = st.type if st else CONTEXT
        if typ in ENTRY_TYPES and typ != parent_type:
            if node.children:
                if node.heading:
                    unclassified.append(Unclassified(node.heading, "章节标题"))
                intro(node, st)
                for child in node.children:
                    cst = types.get(id(child))
                    if cst and cst.type != typ and cst.by == "heading":
                        visit(child, typ)
                    else:
                        new_entry(typ, child.sentences(), child.title, child.locator, child.heading, child)
            elif table(node):
                pass
            else:
                # a section without subsections is one entry, titled by its own heading
                new_entry(typ, node.sentences(), node.title, node.locator, node.heading, node)
        elif typ == NONE:
            not_entry(node, f"非正文（{node.title}）")
        elif typ == UNCLEAR:
            if node.heading:
                unclassified.append(Unclassified(node.heading, f"类型不明：{st.reason}"))
            for s in node.body:
                unclassified.append(Unclassified(s, f"类型不明：{st.reason}"))
            for child in node.children:
                visit(child, None)
        else:
            reason = f"{TYPE_NAMES[CONTEXT]}（{node.title}）" if node.kind != "root" else "前言"
            if node.heading:
                unclassified.append(Unclassified(node.heading, reason))
            for s in node.body:
                unclassified.append(Unclassified(s, reason))
            for child in node.children:
                visit(child, None)

    for s in structure.title_sentences:
        unclassified.append(Unclassified(s, "标题"))
    for s in structure.meta_sentences:
        unclassified.append(Unclassified(s, "署名、日期或出处"))
    for s in structure.toc:
        unclassified.append(Unclassified(s, "目录"))
    for s in structure.preface:
        unclassified.append(Unclassified(s, "前言（第一个章节标题之前）"))
    for child in structure.root.children:
        visit(child, None)
    unclassified.sort(key=lambda u: u.sentence.index)

    source = build_source(seed_name, source_id, clean, structure)
    return DraftSet(source, entries, unclassified, len(structure.sentences))


def defects(clean: CleanResult, structure: Structure) -> list[str]:
    """Known defects of the original, in Chinese, for the source entry."""
    c = clean.changes
    out = []
    if c["masks"]:
        out.append(f"“党”字被屏蔽为字母 D（已恢复 {c['masks']} 处）")
    if c["xjp"]:
        out.append(f"“习近平”被缩写为 xjp（已恢复 {c['xjp']} 处）")
    if c["simplified_chars"]:
        out.append(f"繁体字（已转换为简体，{c['simplified_chars']} 字）")
    if c["pinyin"]:
        out.append(f"汉字后夹带拼音注音（已删除 {c['pinyin']} 处）")
    if c["html_tags"]:
        out.append(f"含 HTML 标签（已删除 {c['html_tags']} 个）")
    paywall = c["paywall_markers"] + c["paywall_lines"]
    if paywall:
        out.append(f"含付费墙标记（已删除 {paywall} 处）" + ("，部分正文被隐藏" if c["paywall_lines"] else ""))
    chrome = c["chrome_lines"] + c["meta_lines"] + c["teaser_lines"] + c["duplicate_lines"]
    if chrome:
        out.append(f"含网站栏目、导航、推广或重复的预览文字（已删除 {chrome} 行）")
    if c["spam_lines"]:
        out.append(f"含网站推广语（已删除 {c['spam_lines']} 处）")
    for block in clean.repeats:
        a, b = block["lines"]
        x, y = block["same_as"]
        times = f"，{block['copies']} 遍" if block.get("copies", 1) > 1 else ""
        out.append(f"原文第 {a}–{b} 行重复了第 {x}–{y} 行的内容（已合并为一份{times}）")
    if c["joined_lines"]:
        out.append(f"句子中间有硬换行（PDF 复制的痕迹，已接上 {c['joined_lines']} 处）")
    if c["circled_numerals"]:
        out.append(f"带圈序号（如 ㈠，已改为（一）等，{c['circled_numerals']} 处）")
    if c["punctuation"]:
        out.append(f"半角标点（已改为全角中文标点，{c['punctuation']} 处）")
    for sp in clean.unrecoverable:
        extra = f"，其后“{sp.replacement[1:]}”按字节错位还原" if len(sp.replacement) > 1 else ""
        shown = "".join(f"<U+{ord(ch):04X}>" if 0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd" else ch
                        for ch in sp.text)
        out.append(f"乱码“{shown}”无法恢复（原文第 {sp.src_line} 行第 {sp.src_col} 列，"
                   f"清洗后第 {sp.line} 行第 {sp.col} 列），以 □ 标出{extra}")
    out.extend(structure.warnings)
    return out


def build_source(seed_name: str, source_id: str, clean: CleanResult, structure: Structure) -> Draft:
    data: dict = {
        "id": source_id,
        "title": structure.title or seed_name,
        "draft": True,
        "ingest": {"seed": seed_name, "section": "全文"},
    }
    for key in ("author", "publisher", "date"):
        value = getattr(structure, key)
        if value:
            data[key] = value
    if structure.publication:
        data["origin"] = structure.publication
    data["seed_file"] = seed_name
    d = defects(clean, structure)
    if d:
        data["defects"] = d
    data["text"] = clean.text
    return Draft("source", source_id, f"{SOURCE_DIR}/{source_id}.yml", data)


# ---------------------------------------------------------------------------
# YAML


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        # every value written out in full: an anchor/alias (``levels: *id001``) would tie two
        # lists together, so an edit of one would silently change the other
        return True


def _str_representer(dumper: yaml.SafeDumper, value: str):
    style = "|" if ("\n" in value or len(value) > 60) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def render_yaml(data: dict) -> str:
    """YAML an editor can read: block scalars for long text, Chinese unescaped, key order kept."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000,
                     default_flow_style=False)
