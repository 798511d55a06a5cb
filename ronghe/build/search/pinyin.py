"""Pinyin for typo and homophone tolerance.

A reader who types with a pinyin input method and picks the wrong character
(党见 for 党建, 述值 for 述职) typed the right syllables. At build time every
character a reader may type (the GB2312 set, plus the characters of the index
vocabulary) gets all its readings from pypinyin, without tones; the browser
receives them grouped by syllable (``["jian见建间…", "shu书述…", …]``, about
30 KB) and finds the word meant by swapping a character for one read the same
way (or nearly the same: z/zh, c/ch, s/sh, n/l, an/ang, en/eng, in/ing) and
looking the result up in the vocabulary. The pinyin of every vocabulary word
is thus the combination of its characters' readings, so nothing per word has
to travel. ``PinyinTable`` is the Python twin of the browser's table.
"""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Iterable, Optional

_SYLLABLE = re.compile(r"^[a-z]+")
# In a group, the characters for which the syllable is their first (most usual) reading come first, then this
# mark and those that are only sometimes read so (行 is first xing, then hang): "hang行航…|巷…".
PRIMARY_END = "|"
_HAN = re.compile(r"[\u4e00-\u9fff]")


@functools.lru_cache(maxsize=1)
def _gb2312_chars() -> tuple[str, ...]:
    chars = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return tuple(chars)


@functools.lru_cache(maxsize=None)
def _readings(ch: str) -> tuple[str, ...]:
    """Every reading of a character, tones dropped, ü written v (kept for the next build under ronghe serve)."""
    from pypinyin import Style, pinyin

    readings = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(syl for syl in (readings[0] if readings else []) if _SYLLABLE.fullmatch(syl))


def pinyin_groups(extra_chars: Iterable[str] = (), cache: Optional[Path] = None) -> list[str]:
    """Syllable groups ``"jian见建间…"`` for the GB2312 characters and ``extra_chars``, sorted by
    syllable. ``cache``: a JSON file keeping the readings between builds (pypinyin takes ~0.5 s)."""
    from importlib.metadata import version

    pypinyin_version = version("pypinyin")
    chars = set(_gb2312_chars())
    chars.update(ch for ch in extra_chars if _HAN.match(ch))
    known: dict[str, list[str]] = {}
    if cache is not None:
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            if data.get("pypinyin") == pypinyin_version:
                known = data["readings"]
        except (OSError, ValueError, KeyError):
            known = {}
    missing = [ch for ch in chars if ch not in known]
    for ch in missing:
        known[ch] = list(_readings(ch))
    if cache is not None and missing:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:     # own temporary file: builds may run side by side
            json.dump({"pypinyin": pypinyin_version, "readings": known}, fh, ensure_ascii=False)
        os.replace(tmp, cache)
    groups: dict[str, tuple[list[str], list[str]]] = {}
    for ch in sorted(chars):
        for k, syl in enumerate(known[ch]):
            groups.setdefault(syl, ([], []))[1 if k else 0].append(ch)
    return [syl + "".join(first) + (PRIMARY_END + "".join(other) if other else "")
            for syl, (first, other) in sorted(groups.items())]


def fuzzy(syllable: str) -> str:
    """The key under which nearly-alike syllables meet: zh/z, ch/c, sh/s, n/l, -ang/-an, -eng/-en, -ing/-in."""
    s = syllable
    for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if s.startswith(a):
            s = b + s[2:]
            break
    if s.startswith("n") and s != "n" and s != "ng":
        s = "l" + s[1:]
    for a, b in (("ang", "an"), ("eng", "en"), ("ing", "in")):
        if s.endswith(a):
            s = s[: -len(a)] + b
            break
    return s


class PinyinTable:
    """Readings of characters and characters of readings, from ``pinyin_groups``."""

    def __init__(self, groups: Iterable[str]):
        self.first_of: dict[str, str] = {}          # syllable -> the characters it is the first reading of
        self.readings: dict[str, list[str]] = {}
        self.first_reading: dict[str, str] = {}
        self.close_of: dict[str, list[str]] = {}
        for group in groups:
            syl = _SYLLABLE.match(group).group(0)
            first, _mark, other = group[len(syl):].partition(PRIMARY_END)
            self.first_of[syl] = first
            for ch in first:
                self.first_reading[ch] = syl
            for ch in first + other:
                self.readings.setdefault(ch, []).append(syl)
            self.close_of.setdefault(fuzzy(syl), []).append(syl)

    def __bool__(self) -> bool:
        return bool(self.first_of)

    def same(self, ch: str) -> list[str]:
        """Characters whose usual (first) reading is one of the readings of ``ch``, in table order,
        ``ch`` excluded: what a reader may have meant who typed ``ch`` (an input method offers ``ch``
        for the syllable of the character meant, as usually read). 和 (he, hu, huo) is offered for
        核 (he), not for 化, whose usual reading is hua (huo is a rare one): 门诊量和收入 is no 量化."""
        out: list[str] = []
        for syl in self.readings.get(ch, []):
            out += [c for c in self.first_of.get(syl, "") if c != ch and c not in out]
        return out

    def same_first(self, ch: str) -> list[str]:
        """Characters whose first (most usual) reading is that of ``ch`` (重 zhong: 中, not 逐 for 第),
        ``ch`` excluded."""
        syl = self.first_reading.get(ch)
        return [c for c in self.first_of[syl] if c != ch] if syl else []

    def close(self, ch: str) -> list[str]:
        """Characters whose usual reading is nearly one of the readings of ``ch`` (a close syllable,
        not the same one)."""
        mine = self.readings.get(ch, [])
        out: list[str] = []
        for syl in mine:
            for other in self.close_of.get(fuzzy(syl), []):
                if other not in mine:
                    out += [c for c in self.first_of.get(other, "") if c != ch and c not in out]
        return out
