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
    return _widen(line, runs, marks)


_STOPS = "。！？；\n"


def _widen(line: str, runs: list[tuple[int, int]], marks: list) -> list[tuple[int, int]]:
    """Garbled runs take the whole sentence they are most of.

    Mis-decoded bytes also yield common characters (``宸`` and ``缓`` in ``鍏氬缓宸ヤ綔``), so
    the runs found are pieces of one damaged stretch: when they cover at least a third of a
    sentence, the sentence up to its closing punctuation is one run.
    """
    if not runs:
        return runs
    out: list[tuple[int, int]] = []
    start = 0
    for k, ch in enumerate(line + "\n"):
        if ch not in _STOPS:
            continue
        end = k
        inside = [(s, e) for s, e in runs if s >= start and e <= end + 1]
        if inside:
            covered = sum(e - s for s, e in inside)
            size = len(line[start:end].strip())
            if size and covered / size >= 1 / 3:
                lead = len(line[start:end]) - len(line[start:end].lstrip())
                out.append((start + lead, end))
            else:
                out.extend(inside)
        start = end + 1
    # runs that crossed a sentence end
    for r in runs:
        if not any(s <= r[0] and r[1] <= e for s, e in out) and r not in out:
            out.append(r)
    out.sort()
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
