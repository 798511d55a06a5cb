"""The prebuilt index is what lunr would build, and lunr loads it."""

from __future__ import annotations

import json

from lunr.builder import Builder
from lunr.index import Index

from ronghe.build.search.documents import site_documents
from ronghe.build.search.documents import SearchDocument
from ronghe.build.search.index import B, FIELDS, K1, build_index, document_tokens, split_index
from ronghe.build.search.segment import Segmenter
from ronghe.build.search.dictionary import domain_words


def _canonical(data: dict) -> dict:
    data = json.loads(json.dumps(data))
    data["fieldVectors"] = sorted(data["fieldVectors"])
    data["invertedIndex"] = sorted(data["invertedIndex"], key=lambda item: item[0])
    return data


def test_index_equals_the_one_lunr_py_builds(mini_kb, tmp_path):
    docs = site_documents(mini_kb, tmp_path)
    seg = Segmenter(domain_words(mini_kb))
    ours = build_index(docs, seg.tokens)

    builder = Builder()
    builder.b(B)
    builder.k1(K1)
    builder.ref("ref")
    for name, (_label, boost) in FIELDS.items():
        builder.field(name, boost=boost)
    builder.metadata_whitelist = []
    for i, doc in enumerate(docs):
        record = {"ref": str(i)}
        record.update(document_tokens(doc, seg.tokens))
        builder.add(record)
    theirs = builder.build().serialize()

    assert _canonical(ours) == _canonical(theirs)


def test_terms_are_in_javascript_string_order_so_lunr_js_can_load_them(mini_kb, tmp_path):
    docs = site_documents(mini_kb, tmp_path)
    data = build_index(docs, Segmenter(domain_words(mini_kb)).tokens)
    terms = [t for t, _ in data["invertedIndex"]]
    assert terms == sorted(terms, key=lambda t: t.encode("utf-16-be"))
    idx = Index.load(data)
    assert idx.search("一岗双责")   # lunr.py loads and queries it


def test_head_and_body_parts_add_up_to_the_whole_index(mini_kb, tmp_path):
    docs = site_documents(mini_kb, tmp_path)
    whole = build_index(docs, Segmenter(domain_words(mini_kb)).tokens)
    head, body = split_index(whole)
    assert head["fields"] == ["t", "k", "s", "p"] and body["fields"] == ["b"]
    assert sorted(head["fieldVectors"] + body["fieldVectors"]) == sorted(whole["fieldVectors"])
    def nonempty(posting):
        return {f: refs for f, refs in posting.items() if refs != {}}

    parts: dict = {}
    for part in (head, body):
        for term, posting in part["invertedIndex"]:
            parts.setdefault(term, {}).update(nonempty(posting))
    assert parts == {term: nonempty(p) for term, p in whole["invertedIndex"]}
    # each part is a lunr index, and together they find the same pages
    q = "一岗双责"
    total = {r["ref"] for r in Index.load(whole).search(q)}
    found = {r["ref"] for part in (head, body) for r in Index.load(part).search(q)}
    assert found == total


def test_the_sayings_of_an_entry_add_the_words_its_title_lacks(mini_kb):
    seg = Segmenter(domain_words(mini_kb) + ["念文件", "一团和气"])
    doc = SearchDocument("a.html", "组织生活流于形式", "三会一课不规范。", type="problem",
                         phrasings=["组织生活就是念文件", "组织生活一团和气"])
    fields = document_tokens(doc, seg.tokens)
    assert {"念文件", "一团和气"} <= set(fields["p"])
    assert not set(fields["p"]) & set(fields["t"])        # 组织生活: already the title's, counted there once
    plain = document_tokens(SearchDocument("b.html", "组织生活流于形式", "三会一课不规范。", type="problem"), seg.tokens)
    assert fields["t"] == plain["t"] and fields["s"] == plain["s"] and plain["p"] == []


def test_what_the_maintainer_pages_say_does_not_move_the_readers_ranking(mini_kb):
    # only the readers' pages count in the document frequency (publish.make_bundle): rewriting the search
    # guide, which quotes hundreds of queries, in as many words leaves every reader's page vector as it was
    seg = Segmenter(domain_words(mini_kb))
    readers = [SearchDocument("a.html", "组织生活流于形式", "支部开会走过场。", type="problem"),
               SearchDocument("b.html", "党建考核", "考核要看实绩。", type="countermeasure")]
    quoting, other = "支部 开会 考核 实绩", "天气 晴朗 适合 出游"
    assert len(seg.tokens(quoting)) == len(seg.tokens(other))

    def vectors(guide_text: str, counted) -> list:
        guide = SearchDocument("guide.html", "搜索说明", guide_text, type="page")
        data = build_index(readers + [guide], seg.tokens, counted=counted)
        return [v for v in data["fieldVectors"] if not v[0].endswith("/2")]

    readers_only = lambda d: d.type != "page"     # noqa: E731
    assert vectors(quoting, readers_only) == vectors(other, readers_only)
    # lunr's own builder counts every page: there the guide's words change the readers' vectors
    assert vectors(quoting, None) != vectors(other, None)
