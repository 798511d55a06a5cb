"""The build lists which pages hold each phrase of the synonym list (phrases.py), so that ranking
needs no page text to tell; the list must say exactly what the pages' texts say."""

from __future__ import annotations

from ronghe.build.search import wire
from ronghe.build.search.phrases import candidate_phrases, phrase_docs


def test_the_list_agrees_with_the_pages_texts(site_bundle, site_engine):
    table = site_bundle["phraseDocs"]
    assert len(table) > 100 and sum(1 for pages in table.values() if pages) > 50
    for phrase, pages in table.items():
        holding = {i for i in range(len(site_engine.docs)) if phrase in site_engine.page_text(i)}
        assert set(pages) == holding, phrase
    # every phrase a query on the site makes is in the list (a reader's own 念文件, synonyms of 一把手)
    for q in ("一把手对党建不上心", "支部开会就是念文件", "考核就是摆样子咋整", "党员不担当不作为怎么办"):
        for phrase in site_engine.parse(q).phrases:
            assert phrase in table, (q, phrase)


def test_phrases_are_the_synonyms_that_are_no_index_word():
    synonyms = {"走过场": ["流于形式", "走个过场"], "抓": ["搞"], "念文件": ["照本宣科"]}
    assert candidate_phrases(synonyms, {"流于形式", "过场"}) == ["念文件", "照本宣科", "走个过场", "走过场"]


def test_pages_are_found_however_common_the_characters():
    texts = ["党建走个过场", "走过场", "过场", "党建党建", ""]
    assert phrase_docs(["走个过场", "走过场", "党建", "不在"], texts) == {
        "走个过场": [0], "走过场": [1], "党建": [0, 3], "不在": []}


def test_the_list_travels_packed_and_comes_back_the_same():
    table = {"走过场": [3, 4, 90], "念文件": [], "党建": [0]}
    packed = wire.pack_phrases(table)
    assert packed[0] == ["走过场", 3, 1, 86]
    assert wire.unpack_phrases(packed) == table
