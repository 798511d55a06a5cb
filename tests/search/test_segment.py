"""Index segmentation: domain words stay whole, long words are also indexed by
their parts, and the cache spares unchanged texts."""

from __future__ import annotations

from ronghe.build.search.dictionary import domain_words
from ronghe.build.search.segment import SegmentCache, Segmenter

TEXT = "破解党建和业务“两张皮”，落实一岗双责，严格三会一课，压实第一责任人职责。"


def test_domain_words_come_from_glossary_titles_tags_and_levels(mini_kb):
    words = domain_words(mini_kb)
    assert "一岗双责" in words and "一岗两责" in words          # glossary term and its alias
    assert "重业务轻党建" in words                               # an entry title
    assert "认识偏差" in words                                   # a tag
    assert "党组书记" in words and "党委书记" in words           # 党组（党委）书记, both ways of writing it


def test_domain_words_stay_one_token_and_long_words_are_indexed_by_their_parts():
    seg = Segmenter(["两张皮", "一岗双责", "三会一课", "第一责任人"])
    tokens = seg.tokens(TEXT)
    for word in ("两张皮", "一岗双责", "三会一课", "第一责任人"):
        assert word in tokens
    assert "责任人" in tokens and "责任" in tokens    # parts of 第一责任人, so 责任人 also finds it
    assert "的" not in seg.tokens("党建的责任")         # function characters are not indexed


def test_without_the_domain_dictionary_jieba_splits_the_terms():
    tokens = Segmenter([]).tokens("三会一课、联述联评联考、逐件销号")
    assert "三会一课" not in tokens and "联述联评联考" not in tokens and "逐件销号" not in tokens
    tokens = Segmenter(["三会一课", "联述联评联考", "逐件销号"]).tokens("三会一课、联述联评联考、逐件销号")
    assert {"三会一课", "联述联评联考", "逐件销号"} <= set(tokens)


def test_cache_spares_unchanged_texts_and_survives_unrelated_dictionary_changes(tmp_path):
    path = tmp_path / "segments.json"
    words = ["两张皮", "一岗双责"]
    first = Segmenter(words, SegmentCache(path, words))
    a = first.tokens(TEXT)
    b = first.tokens("考核体系各异，党建指标偏软。")
    first.cache.save()
    assert first.segmented == 2

    again = Segmenter(words, SegmentCache(path, words))
    assert again.tokens(TEXT) == a and again.tokens("考核体系各异，党建指标偏软。") == b
    assert again.segmented == 0

    # a new word (e.g. a new entry title) re-segments only the texts that contain it
    words2 = words + ["党建指标"]
    third = Segmenter(words2, SegmentCache(path, words2))
    assert third.tokens(TEXT) == a
    assert "党建指标" in third.tokens("考核体系各异，党建指标偏软。")
    assert third.segmented == 1


def test_a_negation_stays_with_its_word_in_the_index():
    tokens = Segmenter([]).tokens("对不合格等次通报批评，不担当、不作为的严肃问责，责任未落实")
    assert {"不合格", "不担当", "不作为", "未落实"} <= set(tokens)
    assert {"合格", "担当", "落实"} <= set(tokens)      # the words themselves are still found
    assert "不" not in tokens
