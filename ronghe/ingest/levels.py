"""Detect the responsibility levels a sentence names.

Level ids are the project's controlled vocabulary:
dangzu, dangzu-shuji, banzi-chengyuan, jiguan-dangwei, zhibu, zhibu-shuji,
dangyuan, jiguan-gongwei.

Longer names win over the shorter names they contain: ``机关党委书记`` is the
organ Party committee (jiguan-dangwei), not a 党委书记 of the 党组 level, and
``党支部书记`` names only zhibu-shuji.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEVEL_IDS = (
    "dangzu", "dangzu-shuji", "banzi-chengyuan", "jiguan-dangwei",
    "zhibu", "zhibu-shuji", "dangyuan", "jiguan-gongwei",
)

LEVEL_NAMES = {
    "dangzu": "党组（党委）",
    "dangzu-shuji": "党组（党委）书记",
    "banzi-chengyuan": "班子成员",
    "jiguan-dangwei": "机关党委",
    "zhibu": "党支部",
    "zhibu-shuji": "支部书记",
    "dangyuan": "党员",
    "jiguan-gongwei": "机关工委",
}

_P = r"(?:（[^（）]{1,6}）|\([^()]{1,6}\))?"  # optional bracketed alternative: 党组（党委）

# (pattern, level id); order matters: earlier (longer, more specific) patterns win
_PATTERNS: list[tuple[str, str]] = [
    (r"(?:直属|市直|县直|区直|各级)?机关工委|机关工作委员会", "jiguan-gongwei"),
    (rf"机关党委{_P}(?:专职副)?书记|机关党委{_P}|机关党总支|机关纪委|专职副书记", "jiguan-dangwei"),
    (rf"(?:党支部|支部|基层党组织|党总支|总支){_P}书记|书记抓、抓书记", "zhibu-shuji"),
    (rf"党组{_P}书记|党委{_P}书记|党组织书记|第一责任人|“?一把手”?|主要负责人|主要领导", "dangzu-shuji"),
    (r"(?:领导)?班子成员|分管领导|领导班子|一岗双责|“一岗双责”", "banzi-chengyuan"),
    (rf"党组{_P}|党委{_P}", "dangzu"),
    (r"党支部|支部|基层党组织|党小组|党总支|总支", "zhibu"),
    (r"党员(?:干部|领导干部)?|每个党员|共产党员", "dangyuan"),
]
_COMPILED = [(re.compile(p), lid) for p, lid in _PATTERNS]

# a 党委/党组织 that is clearly not the 党组 level
_NOT_DANGZU_BEFORE = ("基层", "下级", "所属", "直属", "机关")


@dataclass(frozen=True)
class LevelHit:
    level: str
    start: int
    end: int
    text: str


def find_levels(sentence: str) -> list[LevelHit]:
    """All level mentions in *sentence*, longest match first, no overlaps, in text order."""
    taken = [False] * len(sentence)
    hits: list[LevelHit] = []
    for rx, lid in _COMPILED:
        for m in rx.finditer(sentence):
            s, e = m.start(), m.end()
            if any(taken[s:e]):
                continue
            level = lid
            if lid == "dangzu" and sentence[max(0, s - 2):s] in _NOT_DANGZU_BEFORE:
                level = "zhibu" if sentence[max(0, s - 2):s] == "基层" else lid
                if sentence[max(0, s - 2):s] in ("下级", "所属", "直属"):
                    continue
            for k in range(s, e):
                taken[k] = True
            hits.append(LevelHit(level, s, e, m.group(0)))
    hits.sort(key=lambda h: h.start)
    return hits


def detect_levels(text: str) -> list[str]:
    """Distinct level ids named in *text*, in the order of LEVEL_IDS."""
    found = {h.level for h in find_levels(text)}
    return [lid for lid in LEVEL_IDS if lid in found]
