"""Recognise the structure of a clean report: title, metadata and the section tree.

Heading markers, from the highest rank to the lowest::

    第一部分 / 第一章   一、  （一）  1. / 1、  1.1  （1）  ①  第一， / 首先，  一是 / 二是 …

and headings without a number: a short line without closing punctuation that a
paragraph follows (``支部建在小区上``), and labelled lines of academic papers
(``摘要：``, ``关键词：``, ``参考文献``, ``附件``). A table of contents (``目录`` and
the lines after it that end in page numbers) is recognised as one block and never
gives headings.

A document need not use all of them, nor in this order: a marker kind gets its
depth where it first appears (one below the heading open at that point), so a
report numbered only ``1. 2. 3.`` has those as its top level and ``第一，`` inside
``3、`` is one level below it. A heading is the first sentence of a
paragraph that starts with a marker; ``一是…`` may also start a sentence inside a
paragraph (an enumerated item).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .sentences import Sentence, split_sentences

_CN = "一二三四五六七八九十"
_CIRCLED_DIGITS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
MARKERS: list[tuple[str, re.Pattern]] = [
    ("part", re.compile(rf"^第([{_CN}]{{1,3}})(?:部分|章|篇)[、，：:\s]*")),
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})、")),
    ("cn-paren", re.compile(rf"^（([{_CN}]{{1,3}})）")),
    ("arabic", re.compile(r"^(\d{1,2})(?:[.．、](?!\d)|\s)")),
    ("decimal", re.compile(r"^(\d{1,2}[.．]\d{1,2})(?![.．]?\d)\s*")),
    ("arabic-paren", re.compile(r"^（(\d{1,2})）")),
    ("circled", re.compile(rf"^([{_CIRCLED_DIGITS}])")),
    ("di", re.compile(rf"^第([{_CN}]{{1,3}})(?:部分)?[、，：:]")),
    ("ordinal", re.compile(r"^(首先|其次|再次|最后)[，、：:]")),
    # 问题之一： / 建议之二： (a numbered item named by its kind)
    ("zhi", re.compile(rf"^[\u4e00-\u9fff]{{2,4}}之([{_CN}]{{1,3}})[：:]")),
    ("shi", re.compile(rf"^([{_CN}]{{1,3}})是(?=[^\s，。、；：])")),
]
# unnumbered headings and labelled lines rank where they are found (see parse_structure)
_RANK = {kind: k for k, (kind, _) in enumerate(MARKERS)}
_RANK["ordinal"] = _RANK["di"]
_RANK["zhi"] = _RANK["di"]
# item markers: the only numbered kinds a heading without number may hold
_ITEM_KINDS = {"arabic-paren", "circled", "di", "ordinal", "zhi", "shi"}
_PARA_ONLY = {"part", "cn", "cn-paren", "di", "arabic", "decimal", "arabic-paren", "circled", "ordinal", "zhi"}

# labelled lines of a paper or report that are sections of their own (never entries)
LABELS = re.compile(r"^(?:[【\[]\s*)?(摘\s*要|内容提要|关\s*键\s*词|主题词|参考文献|附\s*件\s*\d*|附\s*录|作者简介|基金项目|注\s*释|后\s*记|编者按)"
                    r"\s*(?:[】\]]\s*[:：]?|[:：]|$)")
_ONE_PARAGRAPH_LABELS = {"摘要", "内容提要", "关键词", "主题词", "编者按", "作者简介", "基金项目"}
# headings that stand at the top level wherever they are
_TOP_LEVEL_WORDS = re.compile(r"^(?:引\s*言|前\s*言|导\s*言|绪\s*论|结\s*语|结束语|结\s*论|小\s*结)$")
_TOC_TITLE = re.compile(r"^目\s*录$")
_TOC_LINE = re.compile(r"(?:[.…·．_\-—\s]{2,}|\t)\s*\d{1,3}$")

_DATE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?")
_YEAR_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\d)")


@dataclass
class Node:
    kind: str                   # marker kind, "root" for the document
    number: str                 # "一", "二", "1" …
    marker: str                 # the marker text as written: "一、", "（二）", "1.", "一是"
    heading: Sentence | None    # the heading sentence
    title: str                  # heading text without marker and final punctuation
    depth: int = 0
    children: list["Node"] = field(default_factory=list)
    body: list[Sentence] = field(default_factory=list)  # own sentences after the heading
    parent: "Node | None" = field(default=None, repr=False)

    @property
    def locator(self) -> str:
        parts = []
        node: Node | None = self
        while node is not None and node.kind != "root":
            parts.append(node.marker)
            if node.kind == "decimal":
                break   # "2.1" already says it is in "2"
            node = node.parent
        return "".join(reversed(parts))

    def sentences(self) -> list[Sentence]:
        """All sentences of this node's subtree, in document order."""
        out = [self.heading] if self.heading else []
        out += self.body
        for c in self.children:
            out += c.sentences()
        return sorted(out, key=lambda s: s.index)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Structure:
    title: str | None
    date: str | None
    publisher: str | None
    author: str | None
    sentences: list[Sentence]
    root: Node
    title_sentence: Sentence | None = None
    preface: list[Sentence] = field(default_factory=list)   # before the first heading
    warnings: list[str] = field(default_factory=list)        # Chinese, for the editor
    title_sentences: list[Sentence] = field(default_factory=list)  # the title (and subtitle) lines
    meta_sentences: list[Sentence] = field(default_factory=list)   # bylines, dates, publication lines
    toc: list[Sentence] = field(default_factory=list)              # a table of contents
    publication: str | None = None

    def headings(self) -> list[Node]:
        return [n for n in self.root.walk() if n.kind != "root"]


def match_marker(text: str) -> tuple[str, str, str] | None:
    """(kind, number, marker text) when *text* starts with a heading marker."""
    for kind, rx in MARKERS:
        m = rx.match(text)
        if m:
            marker = m.group(0).strip()
            if kind in ("di", "ordinal", "part", "zhi"):
                marker = marker.rstrip("、，：: ")
            return kind, m.group(1), marker
    return None


def heading_title(text: str, marker: str) -> str:
    t = text[len(marker):] if text.startswith(marker) else text
    t = t.strip().lstrip("、，：: ").rstrip("。！？；：:，")
    return t.strip()


def _year_warnings(sentences: list[Sentence]) -> list[str]:
    """Years that go backwards inside one paragraph (a chronology out of order)."""
    warnings = []
    by_para: dict[int, list[tuple[int, Sentence]]] = {}
    for s in sentences:
        for m in re.finditer(r"(?<!\d)((?:19|20)\d{2})年", s.text):
            by_para.setdefault(s.para, []).append((int(m.group(1)), s))
    for para, years in by_para.items():
        for (y1, s1), (y2, s2) in zip(years, years[1:]):
            if y2 < y1 and y1 - y2 >= 2:
                warnings.append(
                    f"清洗后第 {s2.line} 行：年份顺序异常，{y1}年之后出现{y2}年，请与原文核对（保留原文，不作改动）。"
                )
                break
    return warnings


def _item_ended(node: Node, s: Sentence, first_of_para: set[int]) -> bool:
    head = node.heading
    if head is None or s.para == head.para or any(b.para == s.para for b in node.body):
        return False
    standalone = head.index in first_of_para and not any(b.para == head.para for b in node.body)
    return not standalone


def _toc_paras(lines: list[str]) -> set[int]:
    """Paragraphs of a table of contents: ``目录`` and the lines after it that end in page
    numbers or repeat later headings; or three lines or more in a row ending in page numbers."""
    out: set[int] = set()
    k = 0
    while k < len(lines):
        if _TOC_TITLE.match(lines[k].replace(" ", "")):
            out.add(k)
            j = k + 1
            while j < len(lines) and len(lines[j]) <= 60 and (_TOC_LINE.search(lines[j]) or
                                                              lines[j] in lines[j + 1:]):
                out.add(j)
                j += 1
            k = j
            continue
        j = k
        while j < len(lines) and len(lines[j]) <= 60 and _TOC_LINE.search(lines[j]):
            j += 1
        if j - k >= 3:
            out.update(range(k, j))
            k = j
            continue
        k += 1
    return out


_CLOSING = tuple("。！？；，、…”’）」")


def _plain_heading(lines: list[str], k: int, skip: set[int], numbered: bool = False) -> bool:
    """Line *k* is shaped like a heading: short, no closing punctuation, a paragraph (or a
    numbered heading) follows. *numbered*: the line may start with a bare number (``2问题``)."""
    line = lines[k]
    if not 2 <= len(line) <= 30 or line.endswith(_CLOSING) or line.count("，") > 1:
        return False
    lead = r"^[（(“《]" if numbered else r"^[\d（(“《]"
    if re.search(r"[。！？；]", line) or re.match(lead, line) and not _TOP_LEVEL_WORDS.match(line):
        return False
    nxt = next((j for j in range(k + 1, len(lines)) if j not in skip), None)
    if nxt is None:
        return False
    follower = lines[nxt]
    return (len(follower) > len(line) and follower.endswith(("。", "！", "？", "”", "；"))) or bool(match_marker(follower))


def parse_structure(text: str, meta: dict | None = None, meta_lines: list[int] | None = None) -> Structure:
    """Parse clean *text*; *meta* is what cleaning found (title, author …), *meta_lines* the
    1-based clean lines that are bylines, dates or publication lines."""
    meta = dict(meta or {})
    sentences = split_sentences(text)
    lines = text.split("\n")
    meta_paras = {n - 1 for n in (meta_lines or [])}

    title = meta.get("title")
    title_paras: set[int] = set()
    if sentences and lines and not match_marker(lines[0]) and len(lines[0]) <= 60 and not lines[0].endswith("。"):
        # (an official document's title may begin with its issuing organ, a byline of its own)
        if title is None or title.startswith(lines[0]) or title.endswith(lines[0]):
            title = title or lines[0]
            title_paras.add(0)
            if len(lines) > 1 and title != lines[0] and title == lines[0] + lines[1] or (
                    len(lines) > 1 and title == lines[0] + "——" + lines[1].lstrip("—－- ")):
                title_paras.add(1)
    title_sentence = next((s for s in sentences if s.para in title_paras), None)
    date = meta.get("date")
    if not date:
        head = "\n".join(lines[:3])
        m = _DATE.search(head)
        if m:
            date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        else:
            m = _YEAR_MONTH.search(head)
            if m and len(head) < 400:
                date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"

    toc_paras = _toc_paras(lines)
    skip = title_paras | meta_paras | toc_paras

    # first pass: heading candidates
    first_of_para: set[int] = set()
    seen_para: set[int] = set()
    for s in sentences:
        if s.para not in seen_para:
            first_of_para.add(s.index)
            seen_para.add(s.para)
    marks: dict[int, tuple[str, str, str]] = {}
    for s in sentences:
        if s.para in skip:
            continue
        first = s.index in first_of_para
        label = LABELS.match(s.text) if first else None
        if label:
            name = re.sub(r"\s+", "", label.group(1))
            marks[s.index] = ("label", name, label.group(0).strip())
            continue
        mk = match_marker(s.text)
        if mk:
            kind = mk[0]
            if kind in _PARA_ONLY and not first:
                continue
            if kind == "arabic" and re.match(r"^\d{1,2}\s", s.text) and not re.match(r"^\d{1,2}\s+\S{2,30}$", s.text):
                continue  # "3 个" is a number, not a heading
            marks[s.index] = mk
        elif first and s.text == lines[s.para] and _plain_heading(lines, s.para, skip, numbered=True):
            # "1 引言" loses its space in cleaning: a number right before the words of a line
            # shaped like a heading is its marker
            num = re.match(r"^(\d{1,2})(?=[\u4e00-\u9fff“《])", s.text)
            marks[s.index] = ("arabic", num.group(1), num.group(1)) if num else ("plain", "", "")

    # a marker kind gets its depth where it first appears: nested under the heading
    # that is open at that point (so "第一，" inside "3、" is one level below it)
    depth_of: dict[str, int] = {}

    root = Node("root", "", "", None, title or "", 0)
    stack = [root]
    preface: list[Sentence] = []
    for s in sentences:
        if s.para in skip:
            continue
        mk = marks.get(s.index)
        if mk:
            kind, number, marker = mk
            if kind == "label" or (kind == "plain" and _TOP_LEVEL_WORDS.match(s.text)):
                depth = 1
            elif kind == "plain":
                # a heading without number belongs to the numbered heading open above it
                top = stack[-1]
                while top.kind in ("plain", "label", "shi"):
                    top = top.parent
                depth = top.depth + 1
            else:
                if kind not in depth_of:
                    top = stack[-1]
                    # a kind of higher standard rank than the open heading cannot nest in it
                    while top is not root and (top.kind == "label" or _RANK.get(top.kind, -1) >= _RANK[kind]
                                               or top.kind == "plain" and kind not in _ITEM_KINDS):
                        top = top.parent
                    depth_of[kind] = top.depth + 1
                depth = depth_of[kind]
            while stack[-1] is not root and stack[-1].depth >= depth:
                stack.pop()
            if kind == "label":
                title_text = number
            else:
                title_text = heading_title(s.text, marker)
            node = Node(kind, number, marker, s, title_text, depth, parent=stack[-1])
            stack[-1].children.append(node)
            stack.append(node)
        else:
            # an enumerated item (一是…) ends at the end of its paragraph
            # unless its heading stands alone as a paragraph (then the next paragraphs are its body)
            while stack[-1].kind == "shi" and _item_ended(stack[-1], s, first_of_para):
                stack.pop()
            # an abstract, keywords or an editor's note is one paragraph: what follows is not its body
            if stack[-1].kind == "label" and stack[-1].number in _ONE_PARAGRAPH_LABELS and \
                    stack[-1].heading is not None and s.para != stack[-1].heading.para:
                stack.pop()
            if stack[-1] is root:
                preface.append(s)
            else:
                stack[-1].body.append(s)
    root.body = []
    return Structure(
        title=title, date=date, publisher=meta.get("publisher"), author=meta.get("author"),
        sentences=sentences, root=root, title_sentence=title_sentence, preface=preface,
        warnings=_year_warnings(sentences),
        title_sentences=[s for s in sentences if s.para in title_paras],
        meta_sentences=[s for s in sentences if s.para in meta_paras and s.para not in title_paras],
        toc=[s for s in sentences if s.para in toc_paras and s.para not in title_paras | meta_paras],
        publication=meta.get("publication"),
    )
