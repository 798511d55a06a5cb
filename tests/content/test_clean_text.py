"""No traditional characters, masks or scraping junk in anything content/ publishes.

Every string of every published content file is checked (titles, summaries, bodies,
citation passages, the sources' full texts, glossary aliases, checklist items, …).
"""

from __future__ import annotations

import re

import opencc
import pytest

import _content_kb as _kb

T2S = opencc.OpenCC("t2s")

# Characters that OpenCC t2s rewrites although they are correct Simplified Chinese
# in context. Keep this list short and explain every entry.
T2S_ALLOWED: dict[str, str] = {}

CJK = r"[\u3400-\u9fff]"
PINYIN = "a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ"
CHECKS = [
    ("mask: Latin D standing for 党", re.compile(rf"(?<![A-Za-z])D(?={CJK})|(?<={CJK})D(?![A-Za-z])")),
    ("xjp abbreviation for 习近平", re.compile(r"xjp", re.I)),
    ("pinyin annotation after a character", re.compile(rf"(?<={CJK})[（(][{PINYIN}]{{1,7}}[)）]")),
    ("HTML tag", re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>")),
    ("paywall marker", re.compile(r"##\s*paid", re.I)),
    ("question marks left by broken bytes", re.compile(r"\?\?|？？")),
    ("replacement character", re.compile("\ufffd")),
    ("private-use character", re.compile("[\ue000-\uf8ff]")),
    ("circled/parenthesised ideographic numeral", re.compile("[\u3220-\u3229\u3280-\u3289]")),
    ("half-width punctuation between Chinese characters", re.compile(rf"(?<={CJK})[,;:!?](?={CJK})")),
]
# "□" marks bytes the ingest could not recover. It may appear only in the verbatim
# text of a source (and in passages quoted from it), and the source must say so.
MISSING = "□"


_STRINGS = None


def _strings():
    global _STRINGS
    if _STRINGS is None:
        _STRINGS = list(_kb.published_strings())
    return _STRINGS


def test_there_is_content_to_check():
    assert len({p for p, _, _ in _strings()}) > 50


def test_no_traditional_characters():
    bad = []
    for path, fpath, s in _strings():
        converted = T2S.convert(s)
        if converted == s:
            continue
        diffs = {(a, b) for a, b in zip(s, converted) if a != b}
        if len(converted) != len(s) or any(T2S_ALLOWED.get(a) != b for a, b in diffs):
            bad.append(f"{path.relative_to(_kb.ROOT)} {'/'.join(fpath)}: {sorted(diffs)}")
    assert not bad, "traditional characters (t2s would change them):\n" + "\n".join(bad)


@pytest.mark.parametrize("name,pattern", CHECKS, ids=[c[0] for c in CHECKS])
def test_no_junk(name, pattern):
    bad = []
    for path, fpath, s in _strings():
        m = pattern.search(s)
        if m:
            ctx = s[max(0, m.start() - 8): m.end() + 8].replace("\n", " ")
            bad.append(f"{path.relative_to(_kb.ROOT)} {'/'.join(fpath)}: …{ctx}…")
    assert not bad, f"{name}:\n" + "\n".join(bad)


def test_lost_characters_only_in_verbatim_source_text():
    bad = []
    for path, fpath, s in _strings():
        if MISSING not in s:
            continue
        verbatim = (_kb.is_source(path) and fpath == ("text",)) or fpath[-1:] == ("passage",)
        documented = _kb.is_source(path) and fpath[:1] == ("defects",)
        if not (verbatim or documented):
            bad.append(f"{path.relative_to(_kb.ROOT)} {'/'.join(fpath)}")
    assert not bad, f"{MISSING} outside quoted source text:\n" + "\n".join(bad)
    for sid, src in _kb.sources().items():
        if MISSING in (src.get("text") or ""):
            assert any(MISSING in d for d in src.get("defects") or []), \
                f"{sid}: the text has {MISSING} but its defects do not explain it"


def test_the_checks_catch_what_they_are_for():
    samples = {
        "mask: Latin D standing for 党": "加强D建工作",
        "xjp abbreviation for 习近平": "xjp总书记",
        "pinyin annotation after a character": "發(fā)展",
        "HTML tag": "<b id=\"x\">正文</b>",
        "paywall marker": "开##paidbegin##拓",
        "question marks left by broken bytes": "效果??傮w",
        "half-width punctuation between Chinese characters": "近年来,我们",
    }
    for name, pattern in CHECKS:
        if name in samples:
            assert pattern.search(samples[name]), name
    assert T2S.convert("業務發展") != "業務發展"
    # and they leave ordinary text alone
    ok = "党组（党委）书记履行“第一责任人”职责，见来源“D”字说明（一）。"
    assert not any(p.search(ok) for _, p in CHECKS)
