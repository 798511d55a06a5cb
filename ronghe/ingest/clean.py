"""Clean a raw report: the text a reader and the knowledge base can rely on.

Steps, in order (each counted in ``CleanResult.changes``):
 1. find runs of characters that cannot be recovered (lost bytes, ``??傮w``) and
    put a marker in their place (partially re-aligned when the rest decodes cleanly);
 2. strip HTML tags and entities, paywall markers;
 3. remove pinyin annotations after characters (``發(fā)展`` -> ``發展``);
 4. restore masked characters (``D建`` -> ``党建``) and ``xjp`` -> ``习近平``;
 5. traditional -> simplified (OpenCC ``t2s``);
 6. circled numerals (``㈠`` -> ``（一）``), full-width Chinese punctuation;
 7. line level: site chrome, SEO spam, breadcrumbs, metadata lines, teasers and
    repeated lines are removed; the title line is put first; inline headings that
    follow a sentence on the same line start a new paragraph.

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
    meta: dict = field(default_factory=dict)  # title, date, publisher, author when found


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


def _mark_unrecoverable(text: str, changes: Counter) -> tuple[str, list[dict]]:
    runs = _find_runs(text)
    if not runs:
        return text, []
    out, found, pos = [], [], 0
    for idx, (s, e) in enumerate(runs):
        run = text[s:e]
        lost, recovered = _realign(run)
        line = text.count("\n", 0, s) + 1
        col = s - (text.rfind("\n", 0, s) + 1) + 1
        found.append({"text": run, "recovered": recovered, "src_line": line, "src_col": col})
        out.append(text[pos:s])
        out.append(chr(_MARK_BASE + idx) + recovered)
        pos = e
        changes["unrecoverable_runs"] += 1
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
# 3. pinyin annotations

_PINYIN_SYL = r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,6}"
_PINYIN = re.compile(rf"(?<=[^\s(（])[(（]({_PINYIN_SYL})[)）]")


def _strip_pinyin(text: str, changes: Counter) -> str:
    def repl(m: re.Match) -> str:
        syl = m.group(1)
        prev = text[m.start() - 1]
        toned = any(c in _TONED for c in syl)
        # an annotation carries a tone mark, or follows a Chinese character directly
        if toned or is_cjk(prev) or ord(prev) >= _MARK_BASE:
            changes["pinyin"] += 1
            return ""
        return m.group(0)

    return _PINYIN.sub(repl, text)


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

    # spaces next to Chinese characters or Chinese punctuation carry no meaning
    line = re.sub(rf"(?<=[{_CJK}{_FW_PUNCT}])[ \t]+|[ \t]+(?=[{_CJK}{_FW_PUNCT}])", "", line)
    return line


# ---------------------------------------------------------------------------
# 7. line level

_SPAM_WORDS = ("无码", "精品", "久久", "日韩", "中文字幕", "亚洲", "欧美", "国产", "成人", "在线观看", "av",
               "彩票", "博彩", "娱乐城", "视频在线", "免费观看", "午夜", "一区二区", "高清")
_CHROME = re.compile(
    r"您(?:现在)?的位置|当前位置|返回栏目|返回列表|返回首页|举报此信息|责任编辑|进入.{0,20}微站|打印本页|关闭窗口|"
    r"^分享到|^上一篇|^下一篇|^【?字体|扫一扫|版权所有|^首页\s*[>›»]|ICP备"
)
_META = re.compile(r"^(?:发布时间[:：]?\s*)?(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(.*)$")
_SITE_NAME = re.compile(r"^[^，。；：！？]{1,30}?\s*(?:-|\||｜|_)\s*[^，。；：！？]{1,30}$")
_BODY_END = tuple("。！？”；…")
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.]\S)")
_INLINE_HEADING = re.compile(
    r"(?<=[。！？；”.!?;\"])[ \t]+(?=(?:\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]+、|[一二三四五六七八九十]+是|（[一二三四五六七八九十\d]+）))"
)


def _spam(line: str) -> bool:
    low = line.lower()
    return sum(w in low for w in _SPAM_WORDS) >= 3


def _is_body(line: str) -> bool:
    return (len(line) >= 40 and line.endswith(_BODY_END)) or bool(_HEADING_START.match(line))


def _parse_meta(line: str, meta: dict) -> None:
    m = _META.match(line)
    if m:
        meta.setdefault("date", f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")
    for key, label in (("publisher", "来源"), ("author", "作者")):
        mm = re.search(rf"{label}\s*[:：]\s*(.+?)(?=\s|来源|作者|阅读|编辑|$)", line)
        if mm:
            meta.setdefault(key, mm.group(1))


def _lines(text: str, src_lines: list[int], changes: Counter, removed: list[Removed], meta: dict) -> list[str]:
    """Line-level cleaning. *src_lines[i]* is the input line number of line i."""
    lines = [(ln.strip(), src) for ln, src in zip(text.split("\n"), src_lines)]
    kept: list[tuple[str, int]] = []

    def drop(line: str, src: int, reason: str, key: str) -> None:
        removed.append(Removed(src, line, reason))
        changes[key] += 1

    for line, src in lines:
        if not line:
            continue
        if _PAYWALL_LINE.search(line) and len(line) < 60:
            drop(line, src, "付费墙提示", "paywall_lines")
        elif _spam(line):
            drop(line, src, "垃圾推广文字", "spam_lines")
        elif _CHROME.search(line) and len(line) < 120 and not line.endswith("。"):
            drop(line, src, "网站栏目/导航文字", "chrome_lines")
        elif not re.search(rf"[{_CJK}A-Za-z]", line) and not any(ord(c) >= _MARK_BASE for c in line):
            drop(line, src, "无文字内容的残留行", "chrome_lines")
        else:
            kept.append((line, src))

    # header: everything before the first body line
    first_body = next((k for k, (line, _) in enumerate(kept) if _is_body(line)), len(kept))
    header, body = kept[:first_body], kept[first_body:]
    body_text = "".join(line for line, _ in body)
    categories: set[str] = set()
    for line, _ in lines:
        if _CHROME.search(line):
            parts = re.split(r"\s*[>›»]\s*", line)
            if len(parts) > 1:
                categories.add(parts[-1].strip())
    new_header: list[tuple[str, int]] = []
    seen: set[str] = set()
    for line, src in header:
        m = _META.match(line)
        if m and len(line) < 100 and not line.endswith(_BODY_END):
            _parse_meta(line, meta)
            rest = re.sub(r"(来源|作者|阅读)\s*[:：].*$", "", m.group(4)).strip()
            if rest:
                categories.add(rest)
            drop(line, src, "日期/来源信息（已记入元数据）", "meta_lines")
        elif line in seen:
            drop(line, src, "重复的行", "duplicate_lines")
        elif _SITE_NAME.match(line) and not line.endswith(_BODY_END) and "——" not in line:
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
    # title: a short header line without sentence punctuation; teasers repeat it
    title = None
    for line, _ in header:
        if len(line) <= 60 and not line.endswith(_BODY_END) and (title is None or len(line) > len(title)):
            title = line
    final_header = []
    for line, src in header:
        if title and line != title and line.startswith(title):
            drop(line, src, "摘要预览（与正文开头重复）", "teaser_lines")
        elif line != title and len(line) >= 20 and line[:20] in body_text:
            drop(line, src, "摘要预览（与正文开头重复）", "teaser_lines")
        else:
            final_header.append((line, src))
    if title:
        meta.setdefault("title", title)
        final_header.sort(key=lambda item: item[0] != title)  # stable: title first
    out = [line for line, _ in final_header + body]

    return out


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
            src_line=info["src_line"], src_col=info["src_col"],
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
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")

    text, found = _mark_unrecoverable(text, changes)
    # remember the input line of every line through the steps that may add lines
    text, n = _PAYWALL_INLINE.subn("", text)
    changes["paywall_markers"] += n
    is_html = bool(_HTML_TAG.search(text))
    if is_html:
        text = _strip_html(text, changes)
    stripped: list[str] = []
    src_lines: list[int] = []
    for k, ln in enumerate(text.split("\n"), start=1):
        for sub in ln.split(_BREAK):
            stripped.append(html.unescape(sub).replace("\n", " ") if is_html else sub)
            src_lines.append(k)
    text = "\n".join(stripped)
    text = _strip_pinyin(text, changes)
    text = _restore_masks(text, changes)
    simp = simplify_document(text)
    changes["simplified_chars"] += sum(1 for x, y in zip(text, simp) if x != y)
    if simp.count("\n") == text.count("\n"):  # OpenCC keeps lines; keep the line map valid
        text = simp
    else:  # pragma: no cover - defensive
        text = "\n".join(simplify_document(ln) for ln in text.split("\n"))
    # inline headings after a sentence start a new paragraph
    split_lines: list[str] = []
    split_src: list[int] = []
    for ln, src in zip(text.split("\n"), src_lines):
        parts = _INLINE_HEADING.split(ln)
        changes["split_paragraphs"] += len(parts) - 1
        split_lines.extend(parts)
        split_src.extend([src] * len(parts))
    lines = [_normalise_punct(ln, changes) for ln in split_lines]
    paragraphs = _lines("\n".join(lines), split_src, changes, removed, meta)
    out = "\n".join(paragraphs) + "\n" if paragraphs else ""
    final, spans = _place_markers(out, found)
    changes["unrecoverable_in_removed_lines"] += len(found) - len(spans)
    return CleanResult(text=final, unrecoverable=list(spans), changes=changes, removed=removed, meta=meta)
