"""Sentence splitting: nothing lost, quotations kept whole."""

from __future__ import annotations

from ronghe.ingest.sentences import split_sentences


def test_sentences_rebuild_every_paragraph(seed):
    key, path, raw, result, *_ = seed
    sentences = split_sentences(result.text)
    paras = [p for p in result.text.split("\n") if p]
    rebuilt: dict[int, str] = {}
    for s in sentences:
        assert result.text[s.start:s.end] == s.text
        rebuilt[s.para] = rebuilt.get(s.para, "") + s.text
    assert [rebuilt[k] for k in sorted(rebuilt)] == paras


def test_sentence_ends_and_quotations():
    text = "他指出，“要抓好党建。要促进业务”。第二句！第三句？“引语在句末。”第四句\n标题行\n"
    got = [s.text for s in split_sentences(text)]
    assert got == ["他指出，“要抓好党建。要促进业务”。", "第二句！", "第三句？", "“引语在句末。”", "第四句", "标题行"]


def test_positions_are_line_and_column():
    text = "第一句。第二句。\n第三句。\n"
    s = split_sentences(text)
    assert [(x.line, x.col, x.para) for x in s] == [(1, 1, 0), (1, 5, 0), (2, 1, 1)]


def test_unbalanced_quote_does_not_swallow_a_long_paragraph():
    text = "“" + "这是一句很长的话。" * 30 + "\n"
    assert len(split_sentences(text)) == 30
