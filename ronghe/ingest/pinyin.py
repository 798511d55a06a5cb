"""Pinyin: remove readings copied along with the text, and make ids from Chinese.

A bracketed group after Chinese characters is a reading when its syllables are
readings of the characters right before it (``發(fā)展``, ``工作(gōng zuò)``);
pypinyin knows every reading of a character, heteronyms included (``行(háng)``).
Anything else in brackets stays: ``(APP)``, ``(app)``, ``(OA)``, ``(GDP)``, an
English gloss, or a syllable that is not a reading of the character before it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SYLLABLE = r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,6}"
READING = re.compile(rf"[(（]\s*({_SYLLABLE}(?:[\s'’]+{_SYLLABLE}){{0,5}})\s*[)）]")
_TONED = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ")


def _plain(syllable: str) -> str:
    """A syllable without tone marks, ü written as v (pypinyin's NORMAL style)."""
    out = []
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if unicodedata.category(ch) == "Mn" and ch != "\u0308":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).replace("ü", "v")


@lru_cache(maxsize=8192)
def readings(ch: str) -> frozenset[str]:
    """Every reading of *ch*, with tone marks and without (``发`` -> {fā, bō, fa, bo})."""
    from pypinyin import Style, pinyin  # imported lazily: a large dictionary

    toned = pinyin(ch, style=Style.TONE, heteronym=True, errors=lambda _: [[]])
    out: set[str] = set()
    for group in toned:
        for r in group:
            out.add(r)
            out.add(_plain(r))
    return frozenset(out)


def is_reading_of(chars: str, syllables: list[str]) -> bool:
    """True when *syllables* read *chars* one for one."""
    if len(chars) != len(syllables) or not chars:
        return False
    for ch, syl in zip(chars, syllables):
        r = readings(ch)
        if syl.lower() not in r and _plain(syl) not in r:
            return False
    return True


def strip_readings(text: str, counter=None, is_placeholder=lambda ch: False) -> str:
    """*text* without the bracketed readings that follow the characters they read.

    *is_placeholder(ch)* tells the marks cleaning put where characters were lost: a
    reading right after such a mark is removed when it is a valid syllable at all
    (it read the lost character).
    """
    def repl(m: re.Match) -> str:
        syllables = [s for s in re.split(r"[\s'’]+", m.group(1)) if s]
        start = m.start()
        before = text[max(0, start - len(syllables)):start]
        if is_reading_of(before, syllables):
            if counter is not None:
                counter["pinyin"] += 1
            return ""
        if start and is_placeholder(text[start - 1]) and len(syllables) == 1 and any(c in _TONED for c in syllables[0]):
            if counter is not None:
                counter["pinyin"] += 1
            return ""
        return m.group(0)

    return READING.sub(repl, text)


def slug(text: str, max_syllables: int = 8, max_len: int = 48) -> str:
    """A readable ASCII id part: Chinese as toneless pinyin, other letters and digits kept.

    ``报告甲`` -> ``baogao-jia``; ``2022年党建研究报告`` -> ``2022-nian-dangjian-yanjiu-baogao``.
    Words are told apart by jieba, so syllables of one word are written together.
    """
    from pypinyin import Style, lazy_pinyin

    text = unicodedata.normalize("NFKC", text)
    words: list[tuple[str, int]] = []   # (word, syllables)
    for token in _tokens(text):
        if re.fullmatch(r"[A-Za-z0-9]+", token):
            words.append((token.lower(), 1))
        elif re.search(r"[\u3400-\u9fff]", token):
            syl = [s for s in lazy_pinyin(token, style=Style.NORMAL, errors="ignore") if re.fullmatch(r"[a-zv]+", s)]
            if syl:
                words.append(("".join(syl), len(syl)))
    out: list[str] = []
    count = 0
    for w, n in words:
        if out and (count + n > max_syllables or len("-".join(out + [w])) > max_len):
            break
        out.append(w)
        count += n
    return "-".join(out)[:max_len].strip("-")


_STOP = {"的", "关于", "和", "与", "及", "之", "对", "在", "了", "是"}


def _tokens(text: str) -> list[str]:
    import warnings

    with warnings.catch_warnings():   # jieba 0.42 imports setuptools' deprecated pkg_resources
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        import jieba  # imported lazily; jieba is already a project dependency (search)

    jieba.setLogLevel(60)
    out = []
    for tok in jieba.cut(text):
        tok = tok.strip()
        if not tok or tok in _STOP or not re.search(r"[\w\u3400-\u9fff]", tok):
            continue
        out.append(tok)
    return out
