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
    """A readable ASCII id part: each Chinese character as its toneless pinyin syllable, other
    letters and digits kept, all joined by hyphens.

    ``报告甲`` -> ``bao-gao-jia``; ``2022年党建研究报告`` -> ``2022-nian-dang-jian-yan-jiu-bao-gao``.
    A leading 关于 and every 的 are left out: they carry no meaning in an id. (Words are not
    told apart: that needs a segmenter, and this layer imports none.)
    """
    from pypinyin import Style, lazy_pinyin  # imported lazily: a large dictionary

    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"^关于", "", text.strip()).replace("的", "")
    parts: list[str] = []
    for token in re.findall(r"[A-Za-z0-9]+|[\u3400-\u9fff]+", text):
        if re.fullmatch(r"[A-Za-z0-9]+", token):
            parts.append(token.lower())
        else:   # a whole run at once: pypinyin reads a character in its phrase (行业: hang)
            parts += [s for s in lazy_pinyin(token, style=Style.NORMAL, errors="ignore") if re.fullmatch(r"[a-zv]+", s)]
    out: list[str] = []
    for p in parts[:max_syllables]:
        if out and len("-".join(out + [p])) > max_len:
            break
        out.append(p)
    return "-".join(out)
