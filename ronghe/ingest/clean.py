"""Clean a raw report: the text a reader and the knowledge base can rely on.

Steps, in order (each counted in ``CleanResult.changes``):
 1. find runs of characters that cannot be recovered: lost bytes (``??傮w``, partially
    re-aligned when the rest decodes cleanly) and text decoded with the wrong codec
    (ronghe.ingest.mojibake); a marker takes their place;
 2. strip HTML tags and entities, paywall markers;
 3. web chrome and spam lines (ronghe.ingest.chrome), before anything reads the text;
 4. remove pinyin readings after the characters they read (``發(fā)展`` -> ``發展``);
 5. restore masked characters (``D建`` -> ``党建``) and ``xjp`` -> ``习近平``;
 6. traditional -> simplified (OpenCC ``t2s``);
 7. circled numerals (``㈠`` -> ``（一）``), full-width Chinese punctuation;
 8. hard line breaks inside sentences (PDF copies) are joined;
 9. line level: site names, metadata lines, teasers; the title line is put first;
    bylines, dates and sign-offs are recorded (ronghe.ingest.metadata); inline headings
    that follow a sentence on the same line start a new paragraph;
10. blocks of lines that repeat earlier ones are collapsed.

The result has one paragraph per line, no indentation and a final newline.
Unrecoverable runs appear in the text as ``□`` (the customary mark for an
illegible character) and are listed with their position in the clean text and
in the input.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from . import chrome, metadata, mojibake, pinyin

MISSING = "□"  # shown in the clean text where characters were lost

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_FW_PUNCT = "，。、；：？！“”‘’（）《》【】—…·"
_BMP_PUA = ("\ue000", "\uf8ff")
_MARK_BASE = 0xF0000  # plane-15 private use: internal placeholders, never in output


@dataclass(frozen=True)
class Span:
    """A run of characters that could not be recovered.

    ``start``/``end``/``line``/``col`` locate the replacement in the clean text
    (0-based offsets, 1-based line and column); ``src_line``/``src_col`` locate the
    original run in the input file; ``text`` is the original run and
    ``replacement`` what the clean text shows instead.
    """

    start: int
    end: int
    line: int
    col: int
    text: str
    replacement: str = MISSING
    src_line: int = 0
    src_col: int = 0
    kind: str = "lost"   # "lost": bytes lost ("??"); "garbled": decoded with the wrong codec


@dataclass(frozen=True)
class Removed:
    """A line removed from the input, with the reason (Chinese) and input line number."""

    line: int
    text: str
    reason: str


@dataclass
class CleanResult:
    text: str
    unrecoverable: list[Span] = field(default_factory=list)
    changes: Counter = field(default_factory=Counter)
    removed: list[Removed] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # title, date, publisher, author, publication when found
    line_sources: list[tuple[int, int]] = field(default_factory=list)  # per clean line: input lines (first, last)
    repeats: list[dict] = field(default_factory=list)  # collapsed repeated blocks (input line ranges)
    meta_lines: list[int] = field(default_factory=list)  # clean lines that are bylines, dates, publications

    def source_lines(self, first: int, last: int) -> tuple[int, int]:
        """Input line range of clean lines *first*..*last* (1-based)."""
        if not self.line_sources:
            return first, last
        return self.line_sources[first - 1][0], self.line_sources[last - 1][1]


# ---------------------------------------------------------------------------
# helpers


def is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK_RE.match(ch))


@lru_cache(maxsize=2)
def _converter(config: str):
    import opencc  # imported lazily: the package is needed only for cleaning

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional -> simplified, character by character and by phrase (OpenCC t2s)."""
    return _converter("t2s").convert(text)


def simplify_document(text: str) -> str:
    """Simplify a whole document.

    A document written in traditional characters goes through OpenCC ``tw2s``, which
    also resolves the verb suffix 著 -> 着 (``打著`` -> ``打着``) that ``t2s`` leaves
    alone; a simplified document only through ``t2s``, because ``tw2s`` would turn a
    correct ``显著`` into ``显着``.
    """
    simp = to_simplified(text)
    cjk = sum(1 for c in text if is_cjk(c))
    changed = sum(1 for x, y in zip(text, simp) if x != y)
    if cjk and changed >= max(20, cjk // 50):
        return _converter("tw2s").convert(text)
    return simp


@lru_cache(maxsize=4096)
def _common_char(ch: str) -> bool:
    """True when *ch* (after simplification) is in GB2312, i.e. a common character."""
    simp = to_simplified(ch)
    try:
        simp.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _is_pua(ch: str) -> bool:
    return _BMP_PUA[0] <= ch <= _BMP_PUA[1]


def _rare_cjk(ch: str) -> bool:
    return is_cjk(ch) and not _common_char(ch)


# ---------------------------------------------------------------------------
# 1. unrecoverable runs

_JUNK_ASCII = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz{}[]@^`|~\\_)")
_TONED = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü")


def _is_anchor(text: str, i: int) -> bool:
    ch = text[i]
    if ch == "\ufffd" or _is_pua(ch):
        return True
    if ch != "?":
        return False
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if prev == "?" or nxt == "?":
        return True
    # a single "?" glued to Latin letters or rare characters is a lost byte,
    # while "怎么办?我们" is an ordinary half-width question mark
    return (nxt in _JUNK_ASCII and nxt != ")") or _rare_cjk(nxt) or _rare_cjk(prev) or _is_pua(nxt)


def _junk(ch: str) -> bool:
    return ch in _JUNK_ASCII or ch in _TONED or ch == "?" or ch == "\ufffd" or _is_pua(ch) or _rare_cjk(ch)


def _good_recovered(s: str) -> bool:
    return bool(s) and all((is_cjk(c) and _common_char(c)) or c in _FW_PUNCT for c in s)


def _realign(run: str) -> tuple[str, str]:
    """Split *run* into (lost, recovered).

    The runs seen in practice are GBK byte streams that lost a byte and were decoded
    out of step. Re-encoding the longest tail without ``?`` and dropping its first byte
    often yields the original characters; accept that only when every recovered
    character is a common Chinese character or Chinese punctuation.
    """
    for i in range(len(run)):
        tail = run[i:]
        if "?" in tail or "\ufffd" in tail:
            continue
        try:
            data = tail.encode("gb18030")
            fixed = data[1:].decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if _good_recovered(fixed):
            return run[:i], fixed
    return run, ""


def _find_runs(text: str) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if not _is_anchor(text, i):
            i += 1
            continue
        start = i
        while start > 0 and _rare_cjk(text[start - 1]):
            start -= 1
        # a "?" just before a lost byte belongs to the same run ("?己耍\ue0f1")
        back = text.rfind("?", max(0, start - 3), start)
        if back >= 0 and "\n" not in text[back:start] and (not runs or runs[-1][1] <= back):
            start = back
        end = i + 1
        while True:
            while end < n and _junk(text[end]) and text[end] != "(":
                end += 1
            # a byte stream decoded out of step ends where a trail byte reads as ASCII
            look = text[end:end + 4]
            m = re.match(rf"[{_CJK}]{{1,3}}[A-Za-z{{}}@\\^`|~_\[\]]", look)
            if m and (_is_anchor(text, end - 1) or _junk(text[end - 1])):
                end += m.end()
            # merge with another anchor that follows within three characters
            nxt = next((j for j in range(end, min(n, end + 4)) if _is_anchor(text, j)), None)
            if nxt is None or "\n" in text[end:nxt]:
                break
            end = nxt + 1
        # a trailing ")" only belongs to the run when it closes nothing
        while end > start + 1 and text[end - 1] == ")" and "(" in text[start:end - 1]:
            end -= 1
        runs.append((start, end))
        i = end
    return runs


def _garbled_runs(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of text decoded with the wrong codec (ronghe.ingest.mojibake), outside *taken*."""
    chars = list(text)
    for s, e in taken:
        for k in range(s, e):
            chars[k] = "\x00"
    masked = "".join(chars)
    runs: list[tuple[int, int]] = []
    offset = 0
    for line in masked.split("\n"):
        for s, e in mojibake.find_runs(line, _rare_cjk, neutral=lambda c: c == "\x00"):
            runs.append((offset + s, offset + e))
        offset += len(line) + 1
    return runs


def _mark_unrecoverable(text: str, changes: Counter) -> tuple[str, list[dict]]:
    lost = _find_runs(text)
    garbled = _garbled_runs(text, lost)
    runs = sorted([(s, e, "lost") for s, e in lost] + [(s, e, "garbled") for s, e in garbled])
    if not runs:
        return text, []
    out, found, pos = [], [], 0
    for idx, (s, e, kind) in enumerate(runs):
        run = text[s:e]
        lost_part, recovered = _realign(run) if kind == "lost" else (run, "")
        line = text.count("\n", 0, s) + 1
        col = s - (text.rfind("\n", 0, s) + 1) + 1
        found.append({"text": run, "recovered": recovered, "src_line": line, "src_col": col, "kind": kind})
        out.append(text[pos:s])
        out.append(chr(_MARK_BASE + idx) + recovered)
        pos = e
        changes["unrecoverable_runs" if kind == "lost" else "garbled_runs"] += 1
        if recovered:
            changes["realigned_chars"] += len(recovered)
    out.append(text[pos:])
    return "".join(out), found


# ---------------------------------------------------------------------------
# 2. HTML and paywall

_HTML_TAG = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>", re.S | re.I)
_PAYWALL_INLINE = re.compile(r"#{2,}\s*paid(?:begin|end)\s*#{2,}", re.I)
_PAYWALL_LINE = re.compile(r"此处(?:隐藏|省略)\s*\d*\s*字|下载后(?:查看|阅读)|(?:付费|购买|登录)后(?:阅读|查看)(?:全文)?|余下全文")


_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|tr|td|h\d|table|section|article|ul|ol|dd|dt|blockquote|hr)\b", re.I)
_BREAK = "\x1e"  # marks a paragraph break introduced by a block-level tag (split into lines later)


def _strip_html(text: str, changes: Counter) -> str:
    """Remove tags, comments, scripts and styles from the whole text.

    A removed match keeps its line breaks (so input line numbers stay valid); a
    block-level tag becomes a paragraph break marker. Entities are decoded later,
    line by line.
    """
    n = 0

    def repl(m: re.Match) -> str:
        nonlocal n
        n += 1
        return "\n" * m.group(0).count("\n") + (_BREAK if _BLOCK_TAG.match(m.group(0)) else "")

    text = _HTML_TAG.sub(repl, text)
    changes["html_tags"] += n
    return text


# ---------------------------------------------------------------------------
# 4. masks and abbreviations

# "D" standing for 党 in words where nothing else makes sense
_MASK_SURE = re.compile(
    r"(?<![A-Za-z0-9])D(?=建|员|组织|組織|中央|委|支部|总支|總支|务|務|政机关|政機關|组|組|小组|风|風|纪|紀|性|内|內|章|课|課|旗|徽|费|費|代会|代會)"
)
_MASK_ANY = re.compile(rf"(?<![A-Za-z0-9])D(?![A-Za-z0-9])")
_NOT_PARTY = set("级級轮輪类類型版座区區盘盤档檔调調口罩超")
_XJP = re.compile(r"(?<![A-Za-z])xjp(?![A-Za-z])", re.I)


def _restore_masks(text: str, changes: Counter) -> str:
    sure = len(_MASK_SURE.findall(text))
    if sure >= 3:
        # the document is masked: every lone "D" next to a Chinese character is 党
        def repl(m: re.Match) -> str:
            i = m.start()
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if (is_cjk(prev) or is_cjk(nxt)) and nxt not in _NOT_PARTY:
                changes["masks"] += 1
                return "党"
            return m.group(0)

        text = _MASK_ANY.sub(repl, text)
    else:
        text, n = _MASK_SURE.subn("党", text)
        changes["masks"] += n
    text, n = _XJP.subn("习近平", text)
    changes["xjp"] += n
    return text


# ---------------------------------------------------------------------------
# 6. punctuation

_CIRCLED = {chr(0x3220 + i): f"（{c}）" for i, c in enumerate("一二三四五六七八九十")}
_CIRCLED.update({chr(0x2474 + i): f"（{i + 1}）" for i in range(20)})  # ⑴..⒇
_CIRCLED.update({chr(0x2488 + i): f"{i + 1}." for i in range(20)})  # ⒈..⒛
_CORNER_QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’"}  # traditional texts' quotes
_SIMPLE_PUNCT = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}


def _cjkish(ch: str) -> bool:
    return is_cjk(ch) or ch in _FW_PUNCT or (len(ch) == 1 and ord(ch) >= _MARK_BASE)


def _normalise_punct(line: str, changes: Counter) -> str:
    # full-width letters/digits/space to half-width; circled numerals
    buf = []
    for ch in line:
        o = ord(ch)
        if ch in _CIRCLED:
            buf.append(_CIRCLED[ch])
            changes["circled_numerals"] += 1
        elif ch in _CORNER_QUOTES:
            buf.append(_CORNER_QUOTES[ch])
            changes["punctuation"] += 1
        elif 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
            buf.append(chr(o - 0xFEE0))
        elif ch in "\u3000\u00a0\u2002\u2003\u2009":
            buf.append(" ")
        else:
            buf.append(ch)
    line = "".join(buf)
    if not any(is_cjk(c) for c in line):
        return line

    chars = list(line)
    n = len(chars)

    def neighbour(i: int, step: int) -> str:
        j = i + step
        while 0 <= j < n and chars[j] == " ":
            j += step
        return chars[j] if 0 <= j < n else ""

    for i, ch in enumerate(chars):
        if ch in _SIMPLE_PUNCT:
            prev, nxt = neighbour(i, -1), neighbour(i, 1)
            if ch in ",:" and prev.isdigit() and nxt.isdigit() and chars[i - 1] != " ":
                continue
            if _cjkish(prev) or _cjkish(nxt) or nxt == "" and _cjkish(prev):
                chars[i] = _SIMPLE_PUNCT[ch]
                changes["punctuation"] += 1
        elif ch == "．":
            chars[i] = "." if (i and chars[i - 1].isdigit()) else "。"
            changes["punctuation"] += 1
        elif ch == ".":
            prev, nxt = chars[i - 1] if i else "", chars[i + 1] if i + 1 < n else ""
            if is_cjk(prev) and (nxt == "" or _cjkish(nxt) or nxt in "\"'"):
                chars[i] = "。"
                changes["punctuation"] += 1
    line = "".join(chars)

    # parentheses: a pair becomes full-width when it holds or touches Chinese
    def paren(m: re.Match) -> str:
        before = line[m.start() - 1] if m.start() else ""
        after = line[m.end()] if m.end() < len(line) else ""
        inner = m.group(1)
        if any(_cjkish(c) for c in inner) or _cjkish(before) or _cjkish(after):
            changes["punctuation"] += 1
            return f"（{inner}）"
        return m.group(0)

    prev_line = None
    while prev_line != line:
        prev_line = line
        line = re.sub(r"\(([^()（）]*)\)", paren, line)
    # unmatched half-width parenthesis touching Chinese
    line = re.sub(rf"\((?=[{_CJK}])", "（", line)
    line = re.sub(rf"(?<=[{_CJK}])\)", "）", line)

    # straight quotes, paired within the line
    if '"' in line:
        parts = line.split('"')
        if len(parts) % 2 == 1:
            out = parts[0]
            for k, part in enumerate(parts[1:]):
                out += ("“" if k % 2 == 0 else "”") + part
            changes["punctuation"] += len(parts) - 1
            line = out

    # a table row pasted from Word or Excel keeps its cells apart (序号<tab>问题<tab>措施…)
    if line.strip("\t").count("\t") >= 2:
        line = re.sub(r"[ \t]*\t[ \t]*", "｜", line.strip(" \t"))
    # spaces next to Chinese characters or Chinese punctuation carry no meaning
    line = re.sub(rf"(?<=[{_CJK}{_FW_PUNCT}])[ \t]+|[ \t]+(?=[{_CJK}{_FW_PUNCT}])", "", line)
    return line


# ---------------------------------------------------------------------------
# 7. line level

_META = re.compile(r"^(?:发布时间[:：]?\s*)?(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(.*)$")
_SITE_NAME = re.compile(r"^[^，。；：！？]{1,30}?\s*(?:-|\||｜|_)\s*[^，。；：！？]{1,30}$")
_BODY_END = tuple("。！？”；…")
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.]\S)")
_INLINE_HEADING = re.compile(
    r"(?<=[。！？；”.!?;\"])[ \t]+(?=(?:\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]+、|[一二三四五六七八九十]+是|（[一二三四五六七八九十\d]+）))"
)

Src = tuple[int, int]  # first and last input line a clean line comes from


def _is_body(line: str) -> bool:
    if metadata.EDITOR_NOTE.match(line):
        return False   # an editor's note stands before the title in reposted articles
    return (len(line) >= 40 and line.endswith(_BODY_END)) or bool(_HEADING_START.match(line))


def _set_meta(meta: dict, fields: dict) -> None:
    for key, value in fields.items():
        if value:
            meta.setdefault(key, value)


def _chrome_lines(lines: list[str], srcs: list[Src], changes: Counter, removed: list[Removed],
                  meta: dict, categories: set[str]) -> tuple[list[str], list[Src]]:
    """Remove what the web page put around the article (ronghe.ingest.chrome), first of all."""
    out, out_src = [], []
    for line, src in zip(lines, srcs):
        text = line.strip()
        if not text:
            out.append(line)
            out_src.append(src)
            continue
        # spam sentences inside a paragraph go as sentences: the article text around them stays
        kept, spam = chrome.strip_spam_sentences(text)
        if spam and kept:
            for sentence in spam:
                removed.append(Removed(src[0], sentence, "网站推广语（句子）"))
                changes["spam_lines"] += 1
            text = line = kept
        norm = chrome.normalise(text, to_simplified)
        pattern = chrome.match(norm)
        if pattern is not None:
            removed.append(Removed(src[0], text, pattern.reason))
            changes["spam_lines" if pattern.name in ("seo", "spam") else "chrome_lines"] += 1
            if pattern.name in ("info", "nav"):
                _set_meta(meta, metadata.info_fields(norm))
                categories.update(chrome.breadcrumb_categories(norm))
            continue
        out.append(line)
        out_src.append(src)
    return out, out_src


# a line of a PDF copy ends where the page did, not where the sentence does
_TOC_LINE = re.compile(r"(?:[.…·．_\-—]{2,}|\s{2,}|\t)\s*\d{1,3}$")
_OPEN_END = tuple("，、“‘（《—")
_CLOSED_END = tuple("。！？；：”’）》…!?;:")


def _join_broken_lines(lines: list[str], srcs: list[Src], changes: Counter) -> tuple[list[str], list[Src]]:
    """Join hard line breaks inside sentences (text copied from a PDF).

    A line is continued by the next when it ends inside a sentence: with a comma, an
    enumeration comma or an opening bracket, or, in a document whose lines are cut at
    one width, when it is a full line without closing punctuation. A line that starts
    with a heading marker is never joined to the one before.
    """
    lengths = Counter(len(ln) for ln in lines
                      if len(ln) >= 20 and not ln.endswith(_CLOSED_END) and not _TOC_LINE.search(ln))
    width = 0
    if lengths:
        common, n = lengths.most_common(1)[0]
        near = sum(c for w, c in lengths.items() if abs(w - common) <= 1)
        if near >= 5 and near >= len(lines) * 0.3:
            width = common
    out: list[str] = []
    out_src: list[Src] = []
    last = ""   # the physical line the paragraph so far ends with
    for line, src in zip(lines, srcs):
        if out and _continues(last, line, width):
            out[-1] += line
            out_src[-1] = (out_src[-1][0], src[1])
            changes["joined_lines"] += 1
        else:
            out.append(line)
            out_src.append(src)
        last = line
    return out, out_src


def _continues(prev: str, line: str, width: int) -> bool:
    if not prev or not line or _TOC_LINE.search(prev) or _TOC_LINE.search(line) or prev.startswith("——"):
        return False   # a table of contents, a subtitle
    if _HEADING_START.match(line) or re.match(r"^(?:第[一二三四五六七八九十]+[，、：部章节]|[①-⑳]|（\d+）)", line):
        return False
    if line[0] in "，。、；：！？）》”’":
        return True   # a line never starts with closing punctuation of its own
    if not is_cjk(line[0]) and line[0] not in "“‘《（0123456789":
        return False
    if prev.endswith(_OPEN_END) and len(prev) >= 10 and not _HEADING_START.match(prev):
        return True
    return bool(width) and abs(len(prev) - width) <= 1 and not prev.endswith(_CLOSED_END)


def _collapse_repeats(lines: list[str], srcs: list[Src], changes: Counter, removed: list[Removed],
                      repeats: list[dict]) -> tuple[list[str], list[Src]]:
    """Drop blocks of lines that repeat earlier ones (a copy pasted twice, a page saved in a loop).

    A repeated line goes when it is long (a paragraph, 15 characters or more) or stands in
    a run of repeated lines with a long one; short lines (a heading such as 主要做法) may
    legitimately come back and stay otherwise. Each block is reported once with its range.
    """
    first: dict[str, int] = {}
    repeat_of: list[int | None] = []
    for i, line in enumerate(lines):
        key = re.sub(r"\s+", "", line)
        repeat_of.append(first.get(key))
        first.setdefault(key, i)
    drop = [False] * len(lines)
    i = 0
    while i < len(lines):
        if repeat_of[i] is None:
            i += 1
            continue
        j = i
        while j < len(lines) and repeat_of[j] is not None:
            j += 1
        if any(len(lines[k]) >= 15 for k in range(i, j)):
            for k in range(i, j):
                drop[k] = True
        i = j
    out, out_src = [], []
    block: list[int] = []

    def flush() -> None:
        if not block:
            return
        a, b = block[0], block[-1]
        orig = [repeat_of[k] for k in block]
        first_orig = min(orig)
        copies = max(1, sum(1 for o in orig if o == first_orig))
        repeats.append({"lines": [srcs[a][0], srcs[b][1]], "same_as": [srcs[first_orig][0], srcs[max(orig)][1]],
                        "count": len(block), "copies": copies})
        more = f"……（共 {len(block)} 行，至原文第 {srcs[b][1]} 行）" if b > a else ""
        times = f"，重复 {copies} 遍" if copies > 1 else ""
        removed.append(Removed(srcs[a][0], lines[a] + more,
                               f"重复的内容（与原文第 {srcs[first_orig][0]} 行起相同{times}，已合并）"))
        changes["repeated_lines"] += len(block)
        block.clear()

    for k, line in enumerate(lines):
        if drop[k]:
            block.append(k)
        else:
            flush()
            out.append(line)
            out_src.append(srcs[k])
    flush()
    if repeats:
        changes["repeated_blocks"] += len(repeats)
    return out, out_src


def _lines(text: str, srcs: list[Src], changes: Counter, removed: list[Removed], meta: dict,
           categories: set[str]) -> tuple[list[str], list[Src]]:
    """Line-level cleaning. *srcs[i]* are the input lines of line i."""
    lines = [(ln.strip(), src) for ln, src in zip(text.split("\n"), srcs)]
    kept: list[tuple[str, Src]] = []

    def drop(line: str, src: Src, reason: str, key: str) -> None:
        removed.append(Removed(src[0], line, reason))
        changes[key] += 1

    for line, src in lines:
        if not line:
            continue
        if _PAYWALL_LINE.search(line) and len(line) < 60:
            drop(line, src, "付费墙提示", "paywall_lines")
        elif metadata.JOURNAL_LINE.match(line):
            drop(line, src, "期刊排版信息（分类号、文献标识码等）", "meta_lines")
        elif not re.search(rf"[{_CJK}A-Za-z]", line) and not any(ord(c) >= _MARK_BASE for c in line):
            drop(line, src, "无文字内容的残留行", "chrome_lines")
        else:
            kept.append((line, src))

    # header: everything before the first body line
    first_body = next((k for k, (line, _) in enumerate(kept) if _is_body(line)), len(kept))
    header, body = kept[:first_body], kept[first_body:]
    body_text = "".join(line for line, _ in body)
    new_header: list[tuple[str, Src]] = []
    seen: set[str] = set()
    for line, src in header:
        m = _META.match(line)
        if m and len(line) < 100 and not line.endswith(_BODY_END):
            _set_meta(meta, metadata.info_fields(line))
            rest = re.sub(r"(来源|作者|阅读)\s*[:：].*$", "", m.group(4)).strip()
            if rest:
                categories.add(rest)
            drop(line, src, "日期/来源信息（已记入元数据）", "meta_lines")
        elif line in seen:
            drop(line, src, "重复的行", "duplicate_lines")
        elif (_SITE_NAME.match(line) and not line.endswith(_BODY_END) and "——" not in line
              and not metadata.byline(line)):
            drop(line, src, "网站名称", "chrome_lines")
        else:
            seen.add(line)
            new_header.append((line, src))
    header = []
    for line, src in new_header:
        if line in categories:
            drop(line, src, "网站栏目名称", "chrome_lines")
        else:
            header.append((line, src))

    # metadata lines in the header: bylines, dates, publications, front matter
    byline_lines: set[int] = set()
    candidates: list[int] = []
    for k, (line, src) in enumerate(header):
        if _header_meta(line, meta, names=False):
            byline_lines.add(k)
        elif (len(line) <= 60 and not line.endswith(_BODY_END) and not metadata.FRONT_MATTER.match(line)
              and not metadata.EDITOR_NOTE.match(line)):
            candidates.append(k)
    # title: the longest short header line that is not metadata or a subtitle; teasers repeat it
    title_k = None
    for k in candidates:
        if re.match(r"^[—－]", header[k][0]) or re.fullmatch(r"[（(].*[）)]", header[k][0]):
            continue   # a subtitle, or a line in brackets (an affiliation, a note)
        if title_k is None or len(header[k][0]) > len(header[title_k][0]):
            title_k = k
    if title_k is not None:
        line, src = header[title_k]
        bare = metadata.TITLE_PREFIX.sub("", line)
        if bare != line and bare:
            removed.append(Removed(src[0], line[:len(line) - len(bare)], "标题前的网站编号（如“第一篇：”）"))
            changes["chrome_lines"] += 1
            header[title_k] = (bare, src)
        # a subtitle line (——以某市为例) belongs to the title
        nxt = title_k + 1
        title = header[title_k][0]
        if nxt < len(header) and re.match(r"^[—－]", header[nxt][0]) and nxt in candidates:
            title = title + "——" + header[nxt][0].lstrip("—－ ")
            nxt += 1
        # an official document's title names the issuing organ on the line above: 某局党组 / 关于…的方案
        prev = title_k - 1
        if (title.startswith("关于") and prev >= 0 and prev in byline_lines and metadata.org_name(header[prev][0])
                and meta.get("author") == header[prev][0]):
            title = header[prev][0] + title
        meta.setdefault("title", title)
        # names without a label (张明 李华) count as a byline only right under the title
        if nxt < len(header) and nxt in candidates and _header_meta(header[nxt][0], meta, names=True):
            byline_lines.add(nxt)
            candidates.remove(nxt)
            if nxt + 1 < len(header) and _header_meta(header[nxt + 1][0], meta, names=False):
                byline_lines.add(nxt + 1)
    title = header[title_k][0] if title_k is not None else None
    final_header = []
    for k, (line, src) in enumerate(header):
        if title and k != title_k and line != title and line.startswith(title):
            drop(line, src, "摘要预览（与正文开头重复）", "teaser_lines")
        elif k != title_k and k not in byline_lines and len(line) >= 20 and line[:20] in body_text:
            drop(line, src, "摘要预览（与正文开头重复）", "teaser_lines")
        else:
            final_header.append((line, src, k in byline_lines))
    if title:
        # stable: the title (and its subtitle) first
        subtitle = header[title_k + 1][0] if meta.get("title", "").startswith(title + "——") else None
        final_header.sort(key=lambda item: 0 if item[0] == title else 1 if item[0] == subtitle else 2)
    # sign-off after the text: unit and date (落款)
    tail_meta: list[int] = []
    for k in range(len(body) - 1, max(-1, len(body) - 4), -1):
        line = body[k][0]
        if _tail_meta(line, meta):
            tail_meta.append(k)
        else:
            break
    out = [line for line, _, _ in final_header] + [line for line, _ in body]
    out_src = [src for _, src, _ in final_header] + [src for _, src in body]
    meta_idx = [i for i, (_, _, is_meta) in enumerate(final_header) if is_meta]
    meta_idx += [len(final_header) + k for k in sorted(tail_meta)]
    meta["meta_line_texts"] = [out[i] for i in meta_idx]
    return out, out_src


def _header_meta(line: str, meta: dict, names: bool) -> str | None:
    """Record metadata from a header line; the kind of line, or None when it is not metadata."""
    pub = metadata.publication(line)
    if pub:
        meta.setdefault("publication", pub)
        d = metadata.iso_date(line)
        if d:
            meta.setdefault("date", d)
        return "publication"
    d = metadata.date_line(line)
    if d:
        meta.setdefault("date", d)
        return "date"
    unit = metadata.affiliation(line)
    if unit and meta.get("author") and "（" not in meta["author"]:
        meta["author"] = f"{meta['author']}（{unit}）"
        return "affiliation"
    b = metadata.byline(line, after_title=names)
    if b and not meta.get("author"):
        _set_meta(meta, b)
        return "byline"
    return None


def _tail_meta(line: str, meta: dict) -> bool:
    """A sign-off line after the text (unit, date); recorded when the header had none."""
    if len(line) > 40 or line.endswith(_BODY_END):
        return False
    d = metadata.date_line(line)
    if d:
        meta.setdefault("date", d)
        return True
    info = re.match(r"^(?:来源|出处|原载|转自|刊于)\s*[:：]\s*(\S.{0,30})$", line)
    if info:
        pub = metadata.publication(line)
        if pub:
            meta.setdefault("publication", pub)
        else:
            meta.setdefault("publisher", info.group(1).strip())
        return True
    if metadata.org_name(line) or re.match(r"^[（(]\s*(?:作者|执笔|作者单位)", line):
        b = metadata.byline(line, after_title=False)
        if b:
            meta.setdefault("author", b["author"])
            if b.get("date"):
                meta.setdefault("date", b["date"])
            return True
    return False


def _place_markers(out: str, found: list[dict]) -> tuple[str, list[Span]]:
    """Replace the internal placeholders by MISSING and locate them in the final text."""
    pieces: list[str] = []
    spans: list[Span] = []
    pos = 0
    length = 0
    line, line_start = 1, 0
    for m in re.finditer("[\U000F0000-\U000FFFFD]", out):
        chunk = out[pos:m.start()]
        pieces.append(chunk)
        nl = chunk.rfind("\n")
        if nl >= 0:
            line += chunk.count("\n")
            line_start = length + nl + 1
        length += len(chunk)
        info = found[ord(m.group(0)) - _MARK_BASE]
        spans.append(Span(
            start=length, end=length + 1, line=line, col=length - line_start + 1, text=info["text"],
            replacement=MISSING + to_simplified(info["recovered"]),
            src_line=info["src_line"], src_col=info["src_col"], kind=info["kind"],
        ))
        pieces.append(MISSING)
        length += 1
        pos = m.end()
    pieces.append(out[pos:])
    return "".join(pieces), spans


# ---------------------------------------------------------------------------


def clean_text(raw: str) -> CleanResult:
    """Clean *raw* (already decoded) text. Pure: no I/O."""
    changes: Counter = Counter()
    removed: list[Removed] = []
    meta: dict = {}
    categories: set[str] = set()
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")

    text, found = _mark_unrecoverable(text, changes)
    # remember the input line of every line through the steps that may add lines
    text, n = _PAYWALL_INLINE.subn("", text)
    changes["paywall_markers"] += n
    is_html = bool(_HTML_TAG.search(text))
    if is_html:
        text = _strip_html(text, changes)
    stripped: list[str] = []
    srcs: list[Src] = []
    for k, ln in enumerate(text.split("\n"), start=1):
        for sub in ln.split(_BREAK):
            stripped.append(html.unescape(sub).replace("\n", " ") if is_html else sub)
            srcs.append((k, k))
    stripped, srcs = _chrome_lines(stripped, srcs, changes, removed, meta, categories)
    text = "\n".join(stripped)
    text = pinyin.strip_readings(text, changes, is_placeholder=lambda ch: ord(ch) >= _MARK_BASE)
    text = _restore_masks(text, changes)
    simp = simplify_document(text)
    changes["simplified_chars"] += sum(1 for x, y in zip(text, simp) if x != y)
    if simp.count("\n") == text.count("\n"):  # OpenCC keeps lines; keep the line map valid
        text = simp
    else:  # pragma: no cover - defensive
        text = "\n".join(simplify_document(ln) for ln in text.split("\n"))
    # inline headings after a sentence start a new paragraph
    split_lines: list[str] = []
    split_src: list[Src] = []
    for ln, src in zip(text.split("\n"), srcs):
        parts = _INLINE_HEADING.split(ln)
        changes["split_paragraphs"] += len(parts) - 1
        split_lines.extend(parts)
        split_src.extend([src] * len(parts))
    lines = [_normalise_punct(ln, changes).strip() for ln in split_lines]
    keep = [k for k, ln in enumerate(lines) if ln]
    lines, split_src = _join_broken_lines([lines[k] for k in keep], [split_src[k] for k in keep], changes)
    paragraphs, para_src = _lines("\n".join(lines), split_src, changes, removed, meta, categories)
    repeats: list[dict] = []
    paragraphs, para_src = _collapse_repeats(paragraphs, para_src, changes, removed, repeats)
    meta_texts = meta.pop("meta_line_texts", [])
    meta_lines = [i + 1 for i, p in enumerate(paragraphs) if p in meta_texts]
    out = "\n".join(paragraphs) + "\n" if paragraphs else ""
    final, spans = _place_markers(out, found)
    changes["unrecoverable_in_removed_lines"] += len(found) - len(spans)
    removed.sort(key=lambda r: r.line)
    return CleanResult(text=final, unrecoverable=list(spans), changes=changes, removed=removed, meta=meta,
                       line_sources=para_src, repeats=repeats, meta_lines=meta_lines)
