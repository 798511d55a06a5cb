"""Find text that was decoded with the wrong codec somewhere before it reached us.

A line of UTF-8 read as GBK (``鍏氬缓宸ヤ綔``), GBK read as Big5 (``絨膘馱釬``), as
Latin-1 (``µ³½¨¹¤×÷``) or as Windows-1252 (``å…šå»º``), or as Shift-JIS (``ｵｳｽｨ``)
was saved again as valid text: no decoder complains, but the words are gone.
Such runs are dense in characters that real Chinese prose almost never uses:
characters outside the common set (GB2312, after simplification), CJK Extension
characters, Bopomofo, kana, box drawing, private use, Latin-1 letters and the
Windows-1252 punctuation they come with.

A run counts when it holds at least three such characters, each within three
characters of the next, and they make up at least 40 % of it. One rare
character in a name (``王喆``) never does. The text of a run cannot be trusted
to be turned back (bytes are usually lost on the way), so it is only reported.
"""

from __future__ import annotations

from typing import Callable

MIN_SUSPICIOUS = 3
MAX_GAP = 3
MIN_DENSITY = 0.4

_RANGES = (
    (0x00A1, 0x00FF),   # Latin-1 symbols and letters (GBK/UTF-8 read as Latin-1 or cp1252)
    (0x0152, 0x0153), (0x0160, 0x0161), (0x0178, 0x0178), (0x017D, 0x017E), (0x0192, 0x0192),
    (0x02C6, 0x02C6), (0x02DC, 0x02DC), (0x2020, 0x2021), (0x2030, 0x2030), (0x2039, 0x203A),
    (0x2033, 0x2033),   # ″ (double prime): a frequent GBK-as-other artefact
    (0x2500, 0x259F),   # box drawing, block elements
    (0x3040, 0x30FF),   # hiragana, katakana
    (0x3100, 0x312F), (0x31A0, 0x31BF),  # Bopomofo
    (0x3400, 0x4DBF),   # CJK Extension A
    (0xE000, 0xF8FF),   # private use
    (0xFE30, 0xFE4F),   # CJK compatibility forms (﹁)
    (0xFF61, 0xFF9F),   # half-width katakana
    (0xFFFD, 0xFFFD),
    (0x20000, 0x2FFFF),  # CJK Extensions B-F
)


def _in_ranges(o: int) -> bool:
    return any(a <= o <= b for a, b in _RANGES)


def find_runs(line: str, rare_cjk: Callable[[str], bool], neutral: Callable[[str], bool] = lambda c: False
              ) -> list[tuple[int, int]]:
    """(start, end) of the garbled runs in *line*.

    *rare_cjk(ch)* tells a CJK character outside the common set; *neutral(ch)* tells
    characters that neither count nor break a run (cleaning's own placeholders break it).
    """
    marks = []
    for i, ch in enumerate(line):
        if neutral(ch):
            marks.append(None)
        else:
            marks.append(_in_ranges(ord(ch)) or rare_cjk(ch))
    runs: list[tuple[int, int]] = []
    i, n = 0, len(line)
    while i < n:
        if not marks[i]:
            i += 1
            continue
        start = end = i
        count = 1
        j = i + 1
        while j < n and j - end <= MAX_GAP and marks[j] is not None:
            if marks[j]:
                end = j
                count += 1
            j += 1
        length = end - start + 1
        if count >= MIN_SUSPICIOUS and count / length >= MIN_DENSITY:
            runs.append((start, end + 1))
        i = end + 1
    return runs
