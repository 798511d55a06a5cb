"""Typo and homophone tolerance: which known word a reader meant by a run of
characters that is no word at all (党见 -> 党建, 述值评议 -> 述职评议).

Python twin of ``Engine.prototype.findCorrection`` in ``web/worker.js``.

The query is first segmented over the index vocabulary; single characters
left between the words ("loose" characters: 党 见, 述 值) are where a typo
can be. A span of the query around them -- the loose characters, with up to
two words on either side -- is compared with the vocabulary:

- tier 0: one loose character swapped for one read the same way (见 -> 建);
- tier 1: ... for one read nearly the same way (z/zh, n/l, an/ang ...);
- tier 2 (spans of 3 or more characters with at least two loose characters):
  one loose character swapped for any character, dropped, or one character
  added next to it (edit distance 1).

Only words that occur in a title, a tag or another name of some page count
("targets": a reader searches for those); among several, the one on most
such pages wins. Spans that take in more loose characters, then longer
spans, are tried first; a lower tier always beats a higher one.

A span that is itself a common word of the language is no typo, though the
index does not have it (主意 is not 主义, 参考 not 常考): ``real_words`` lists, at
build time, the common words (jieba's dictionary, ``REAL_WORD_COUNT``) that
one swap would otherwise turn into a target; the list goes to the browser
with the query rules.

A typo can also make a real word: 主题责任 for 主体责任, where 主题 and 责任 are both words
and nothing is loose. ``find_homophone_term`` takes a run of two or more whole words of the
query, at least ``HOMOPHONE_TERM_MIN`` characters, and swaps one of
its characters for one whose usual reading is the same (``PinyinTable.same_first``: not a rare
reading, or 建有 would be 建立 and 逐一 第一): if that makes a target, the reader meant it. A long
term read exactly alike is seldom a chance: on the 933 queries of the evaluation sets, only
主题责任 is corrected so. (Two real words read alike still can be: 服务重心 is read as 服务中心.)
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from types import MappingProxyType
from typing import Container, Iterable, Mapping, Optional, Protocol

from .pinyin import PinyinTable

MAX_SPAN = 8          # characters of a span compared with the vocabulary
NEIGHBOURS = 2        # words on either side of the loose characters that a span may take in
LOOSE = ("char", "unknown", "stop")
# A correction keeps the numerals typed: 只有五个党员 is not 只有误 (有五 and 有误 sound alike), 四会一课 is
# not 三会一课. It may add one (三会课 -> 三会一课) or drop a doubled one (三会一一课 -> 三会一课).
NUMERALS = "零〇一二三四五六七八九十百千万亿两几"
# A word this frequent in jieba's dictionary is a word of the language (主意 2,900), not a typo; the typos
# readers make are no words at all (党见, 述值) or rare ones (型态 23) ...
REAL_WORD_COUNT = 50
# ... or words far rarer than the word they are one homophone from: 领到 (281) is a typo of 领导 (31,739),
# 整治 (635) of 政治 (24,866), 机智 (281) of 机制 (4,138); 主意 (2,900) is not one of 主义 (2,416), nor
# 留不住 of 留不足 (不住 2,023, 不足 5,615). A word is left as typed when it is seen at least this share as
# often as every title word it is one swap from.
REAL_WORD_SHARE = 0.3
# Two characters left loose in a spoken sentence are far more often two words than a typo: 人也 (让干党务的
# 人也能被提拔) is not 人意, 连个 not 两个, 着用 (统筹着用) not 作用, 时想 not 思想. A span of two characters is
# therefore corrected only by a swap for a character read exactly the same way (tier 0), and not when one of
# them is a function character (a particle, an adverb, a preposition, a measure word, 一, a negation), which
# reads as a word of its own; the typos of the evaluation sets (考合, 评意, 党见) are kept. Characters that are
# often typed for a title word's own (和 for 核, 只 for 职, 是 for 事, 为 for 委, 有, 要, 在 ...) are not listed.
FUNCTION_CHARS = "的地得着了过吗呢吧啊也再又还就都才把被让给以往个一不没"
# Characters of a run of whole words that a same-reading swap may turn into a target (主题责任 -> 主体责任)
HOMOPHONE_TERM_MIN = 4
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


class Lexicon(Protocol):
    def is_target(self, word: str) -> bool: ...            # a word of some title, tag or name
    def weight(self, word: str) -> int: ...                # on how many pages it is such a word
    def with_prefix(self, prefix: str) -> Iterable[str]: ...   # vocabulary words starting so, sorted


def _starts(pieces: list[tuple[str, str]]) -> list[int]:
    """Where each piece starts in the pieces' text."""
    starts, pos = [], 0
    for piece, _kind in pieces:
        starts.append(pos)
        pos += len(piece)
    return starts


def _spans(pieces: list[tuple[str, str]]) -> list[tuple[int, int, int, list[int]]]:
    """Candidate spans ``(start, end, loose characters taken in, editable positions)``, best first."""
    starts = _starts(pieces)
    ends = [s + len(p) for s, (p, _k) in zip(starts, pieces)]
    m = len(pieces)
    groups: list[tuple[int, int]] = []
    k = 0
    while k < m:
        if pieces[k][1] in LOOSE:
            a = k
            while k + 1 < m and pieces[k + 1][1] in LOOSE:
                k += 1
            if any(pieces[x][1] != "stop" for x in range(a, k + 1)):
                groups.append((a, k))
        k += 1
    seen: set[tuple[int, int]] = set()
    out = []
    for a, b in groups:
        for i in range(max(0, a - NEIGHBOURS), b + 1):
            for j in range(max(a, i), min(m - 1, b + NEIGHBOURS) + 1):
                s, e = starts[i], ends[j]
                if e - s < 2 or e - s > MAX_SPAN or (s, e) in seen:
                    continue
                seen.add((s, e))
                core = sum(len(pieces[x][0]) for x in range(i, j + 1) if pieces[x][1] in ("char", "unknown"))
                if not core:
                    continue
                editable = [p - s for x in range(i, j + 1) if pieces[x][1] in LOOSE for p in range(starts[x], ends[x])]
                out.append((s, e, core, editable))
    out.sort(key=lambda t: (-t[2], -(t[1] - t[0]), t[0]))
    return out


def keeps_numerals(typed: str, word: str, numerals: str = NUMERALS) -> bool:
    """The numerals of ``typed`` (a doubled one counted once) are, in order, among those of ``word``."""
    wanted = [c for k, c in enumerate(typed) if c in numerals and (k == 0 or typed[k - 1] != c)]
    have = iter(c for c in word if c in numerals)
    return all(c in have for c in wanted)


def _best(found: set[str], lex: Lexicon, typed: str) -> Optional[str]:
    found = {w for w in found if keeps_numerals(typed, w)}
    if not found:
        return None
    return sorted(found, key=lambda w: (-lex.weight(w), w))[0]


def _swap(text: str, editable: list[int], alternatives, lex: Lexicon) -> Optional[str]:
    found: set[str] = set()
    for i in editable:
        for c in alternatives(text[i]):
            cand = text[:i] + c + text[i + 1:]
            if lex.is_target(cand):
                found.add(cand)
    return _best(found, lex, text)


def _edit(text: str, editable: list[int], lex: Lexicon) -> Optional[str]:
    found: set[str] = set()
    n = len(text)
    for i in editable:
        cand = text[:i] + text[i + 1:]                  # a character too many
        if len(cand) >= 3 and lex.is_target(cand):
            found.add(cand)
        if i >= 1:                                      # a wrong character
            for w in lex.with_prefix(text[:i]):
                if len(w) == n and w[i + 1:] == text[i + 1:] and w != text and lex.is_target(w):
                    found.add(w)
    for i in range(1, n):                               # a character missing before position i
        if (i - 1) in editable or i in editable:
            for w in lex.with_prefix(text[:i]):
                if len(w) == n + 1 and w[i + 1:] == text[i:] and lex.is_target(w):
                    found.add(w)
    return _best(found, lex, text)


@lru_cache(maxsize=2)   # the dictionary is read once per process, not at every rebuild of the dev server
def common_words(min_count: int = REAL_WORD_COUNT) -> Mapping[str, int]:
    """Words of two to four Chinese characters of jieba's dictionary seen at least ``min_count`` times
    (read-only: the same mapping is shared between calls)."""
    spec = find_spec("jieba")
    path = Path(spec.origin).parent / "dict.txt" if spec and spec.origin else None
    out: dict[str, int] = {}
    if path is None or not path.is_file():
        return MappingProxyType(out)
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) >= min_count and _HAN_WORD.match(parts[0]):
                out[parts[0]] = int(parts[1])
    return MappingProxyType(out)


def real_words(targets: Iterable[str], table: PinyinTable, common: Mapping[str, int],
               share: float = REAL_WORD_SHARE) -> list[str]:
    """The common words that one swap of a character for one read the same or nearly the same
    way (tiers 0 and 1) makes a target, and that are not much rarer than any such target
    (``share``): a reader who types them means them. (Those the readers' pages have are words
    of the query anyway; those only maintainer pages have would not be.)"""
    rivals: dict[str, int] = {}        # word -> how often its most frequent target is seen
    for term in targets:
        if not _HAN_WORD.match(term):
            continue
        for i, ch in enumerate(term):
            for c in dict.fromkeys(table.same(ch) + table.close(ch)):
                word = term[:i] + c + term[i + 1:]
                if word in common and word != term:
                    rivals[word] = max(rivals.get(word, 0), common.get(term, 0))
    return sorted(w for w, rival in rivals.items() if common[w] >= share * rival)


def find_correction(pieces: list[tuple[str, str]], table: PinyinTable, lex: Lexicon,
                    real: Container[str] = (), function_chars: str = FUNCTION_CHARS) -> Optional[tuple[int, int, str]]:
    """``(start, end, word)``: the characters ``start:end`` of the pieces' text are
    probably a typo for ``word``; ``None`` if nothing fits. A span in ``real`` (a word of the
    language, see ``real_words``) is left as typed; a span of two characters is corrected only by
    a same-reading swap, and not when it holds one of ``function_chars``."""
    text = "".join(p for p, _k in pieces)
    spans = [sp for sp in _spans(pieces) if text[sp[0]:sp[1]] not in real   # a word of the language is none
             and not (sp[1] - sp[0] == 2 and any(ch in function_chars for ch in text[sp[0]:sp[1]]))]
    if not spans:
        return None
    for tier in (0, 1, 2):
        for s, e, core, editable in spans:
            span = text[s:e]
            if tier and e - s == 2:          # two characters: only one read exactly the same way
                continue
            if tier == 0:
                word = _swap(span, editable, table.same, lex) if table else None
            elif tier == 1:
                word = _swap(span, editable, table.close, lex) if table else None
            else:
                word = _edit(span, editable, lex) if len(span) >= 3 and core >= 2 else None
            if word:
                return s, e, word
    return None


def find_homophone_term(pieces: list[tuple[str, str]], table: PinyinTable, lex: Lexicon,
                        min_len: int = HOMOPHONE_TERM_MIN) -> Optional[tuple[int, int, str]]:
    """``(start, end, word)``: two or more whole words of the pieces, ``start:end`` of their text,
    are a target typed with one character read the same way (主题责任 -> 主体责任); ``None`` if
    none is. The longest such run wins, then the first."""
    text = "".join(p for p, _k in pieces)
    starts = _starts(pieces)
    spans = []
    for i in range(len(pieces)):
        for j in range(i + 1, len(pieces)):
            if pieces[i][1] != "word" or pieces[j][1] != "word":
                break
            s, e = starts[i], starts[j] + len(pieces[j][0])
            if e - s > MAX_SPAN:
                break
            if e - s >= min_len:
                spans.append((s, e))
    spans.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
    for s, e in spans:
        span = text[s:e]                     # (never a target: segmentation takes a target whole)
        word = _swap(span, list(range(len(span))), table.same_first, lex)
        if word:
            return s, e, word
    return None
