"""Practically all of every report must be in the knowledge base, word for word.

A sentence of a report's cleaned text (its source entry's ``text``) counts as covered
when it appears verbatim (whitespace ignored) in a citation passage of a published
non-source entry. Whatever is not covered must be listed, with a reason, in
content/policies/sources/_coverage-exclusions.yml, and that list must not go stale.
"""

from __future__ import annotations

import pytest

import _content_kb as _kb

OVERALL_MIN = 0.95
PER_REPORT_MIN = 0.90


def _coverage():
    passages = _kb.passages_by_source()
    result = {}
    for sid, src in sorted(_kb.sources().items()):
        if src.get("duplicate_of"):
            continue
        sents = _kb.sentences(src["text"])
        mine = passages.get(sid, [])
        uncovered = [s for s in sents if not any(s in p for p in mine)]
        result[sid] = (sents, uncovered)
    return result


def _exclusions():
    data = _kb.load(_kb.EXCLUSIONS_FILE) or []
    return [(e["source"], _kb.squash(e["sentence"]), e.get("reason", "")) for e in data]


def test_reports_are_covered_sentence_by_sentence(capsys):
    cov = _coverage()
    assert len(cov) == 4, f"expected the four reports 001–004, found {sorted(cov)}"
    total = sum(len(s) for s, _ in cov.values())
    covered = sum(len(s) - len(u) for s, u in cov.values())
    lines = [f"{sid}: {len(s) - len(u)}/{len(s)} = {(len(s) - len(u)) / len(s):.1%}" for sid, (s, u) in cov.items()]
    lines.append(f"overall: {covered}/{total} = {covered / total:.1%}")
    with capsys.disabled():
        print("\n[sentence coverage]\n  " + "\n  ".join(lines))
    assert covered / total >= OVERALL_MIN, "\n".join(lines)
    for sid, (s, u) in cov.items():
        assert (len(s) - len(u)) / len(s) >= PER_REPORT_MIN, f"{sid}: too little of the report is cited"


def test_every_uncovered_sentence_is_justified():
    listed = {(src, s) for src, s, _ in _exclusions()}
    missing = [(sid, s) for sid, (_, unc) in _coverage().items() for s in unc if (sid, s) not in listed]
    assert not missing, "uncovered sentences not listed in _coverage-exclusions.yml:\n" + \
        "\n".join(f"  {sid}: {s}" for sid, s in missing)


def test_exclusion_list_is_accurate():
    cov = _coverage()
    for src, sentence, reason in _exclusions():
        assert reason.strip(), f"no reason given for {sentence!r}"
        assert src in cov, f"unknown source {src!r} in exclusions"
        sents, uncovered = cov[src]
        assert sentence in sents, f"{src}: {sentence!r} is not a sentence of the report (stale entry?)"
        assert sentence in uncovered, f"{src}: {sentence!r} is cited now; remove it from the exclusions"


def test_sentence_splitting_rules():
    text = "一、这是标题行\n第一句话在这里。短句。第二句话也在这里；第三句话在这里！\n"
    assert _kb.sentences(text) == ["一、这是标题行", "第一句话在这里。", "第二句话也在这里；", "第三句话在这里！"]


@pytest.mark.parametrize("sid", ["liangzhangpi-diaoyan-baogao", "ronghe-fazhan-sikao-2022",
                                 "zeren-tixi-diaoyan-baogao", "pojie-liangzhangpi-jiaotong"])
def test_every_passage_is_verbatim_from_its_source(sid):
    text = _kb.squash(_kb.sources()[sid]["text"])
    for p in _kb.passages_by_source().get(sid, []):
        assert p in text, f"passage not found in {sid}: {p[:40]}…"
