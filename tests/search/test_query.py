"""Reading a query: every word is kept (Material drops the last word of an
unspaced query such as 数据安全), traditional characters are folded, glossary
synonyms and facet filters are understood."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ronghe.build.search.dictionary import domain_words
from ronghe.build.search.documents import SearchDocument, site_documents
from ronghe.build.search.index import build_index
from ronghe.build.search.query import SearchEngine, rules_for, segment
from ronghe.build.search.segment import STOP_CHARS, Segmenter


def _engine(kb, docs):
    seg = Segmenter(domain_words(kb))
    bundle = {"index": build_index(docs, seg.tokens),
              "docs": [[d.location, d.title, d.summary, d.type, d.levels, d.aliases] for d in docs],
              "rules": rules_for(kb)}
    return SearchEngine(bundle)


@pytest.fixture(scope="module")
def data_engine(mini_kb):
    docs = [
        SearchDocument("a.html", "数据统计口径", "统计数据的口径要统一。", type="problem"),
        SearchDocument("b.html", "数据安全管理", "落实数据安全责任。", type="countermeasure"),
        SearchDocument("c.html", "安全生产", "安全生产责任制。", type="case"),
    ]
    return _engine(mini_kb, docs)


@pytest.fixture(scope="module")
def mini_engine(mini_kb, tmp_path_factory):
    return _engine(mini_kb, site_documents(mini_kb, tmp_path_factory.mktemp("site")))


def test_last_word_of_an_unspaced_query_is_kept(data_engine):
    parsed = data_engine.parse("数据安全")
    assert "".join(parsed.units) == "数据安全"
    assert any(c.term.startswith("安全") or c.term == "数据安全" for c in parsed.clauses)
    top = data_engine.search("数据安全")[0]
    assert top["location"] == "b.html"          # the page with both words, not just 数据*
    assert all(top["terms"].values())


@pytest.mark.parametrize("query", ["数据安全管理", "安全 数据", "统计数据口径", "数据安全怎么办"])
def test_no_query_word_is_dropped(data_engine, query):
    parsed = data_engine.parse(query)
    words = "".join(query.replace("怎么办", "").split())
    assert "".join(parsed.units) == words
    covered = {u for c in parsed.clauses for u in c.covers}
    assert covered == set(range(len(parsed.units)))     # every word is searched for


@settings(max_examples=200, deadline=None)
@given(run=st.text(alphabet="党建业务考核数据安全两张皮的", min_size=1, max_size=12),
       vocab=st.sets(st.text(alphabet="党建业务考核数据安全两张皮", min_size=1, max_size=4), max_size=12))
def test_segmentation_covers_the_whole_query(run, vocab):
    pieces = segment(run, vocab)
    assert "".join(p for p, _ in pieces) == run
    for piece, kind in pieces:
        assert piece
        if kind == "word":
            assert piece in vocab
        if kind == "stop":
            assert piece in STOP_CHARS


def test_unknown_word_falls_back_to_prefix_and_characters(data_engine):
    parsed = data_engine.parse("数据安")          # still typing 安全
    assert parsed.units[-1] in ("安", "安全") or "".join(parsed.units) == "数据安"
    assert any(c.wildcard for c in parsed.clauses)
    assert data_engine.search("数据安")[0]["location"] == "b.html"


def test_traditional_characters_are_folded(mini_engine):
    assert mini_engine.search("重業務輕黨建")[0]["location"] == "problems/zhong-yewu-qing-dangjian.html"


def test_glossary_alias_finds_the_term(mini_engine):
    # 一岗两责 is an alias of 一岗双责 in the glossary
    assert mini_engine.search("一岗两责")[0]["location"] == "glossary/yi-gang-shuang-ze.html"


def test_level_name_written_another_way(mini_engine):
    # the level is titled 党组（党委）书记; readers write 党委书记
    top = [r["location"] for r in mini_engine.search("党委书记")[:3]]
    assert "levels/dangzu-shuji.html" in top


def test_facet_filters(mini_engine):
    parsed = mini_engine.parse("类型:对策 责任")
    assert parsed.type == "countermeasure" and parsed.units == ["责任"]
    assert {r["type"] for r in mini_engine.search("类型:对策 责任")} == {"countermeasure"}
    assert mini_engine.parse("层级：党委书记 清单").level == "dangzu-shuji"
    only_type = mini_engine.search("类型:案例")
    assert [r["location"] for r in only_type] == ["cases/demo-case.html"]


def test_titles_outrank_body_text(mini_engine):
    # 考核体系各异 is the title of a cause and appears in the body of other pages
    assert mini_engine.search("考核体系各异")[0]["location"] == "causes/kaohe-tixi-geyi.html"


def test_a_long_query_word_is_also_searched_by_its_parts(mini_engine):
    # 重业务轻党建 is one dictionary word (an entry title); narrowed to countermeasures,
    # pages that speak of 业务 and 党建 separately must still be found
    parsed = mini_engine.parse("类型:对策 重业务轻党建")
    assert parsed.units == ["重业务轻党建"]
    assert {"业务", "党建"} <= {c.term for c in parsed.clauses}
    found = mini_engine.search("类型:对策 重业务轻党建")
    assert found and {r["type"] for r in found} == {"countermeasure"}
