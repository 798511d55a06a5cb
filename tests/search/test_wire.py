"""The packed form of the index and documents gives back exactly what was
packed, and is much smaller than lunr's own serialisation."""

from __future__ import annotations

import json

import pytest

from ronghe.build.search import wire
from ronghe.build.search.dictionary import domain_words
from ronghe.build.search.documents import site_documents
from ronghe.build.search.index import build_index, split_index
from ronghe.build.search.segment import Segmenter


@pytest.fixture(scope="module")
def mini_index(mini_kb, tmp_path_factory):
    docs = site_documents(mini_kb, tmp_path_factory.mktemp("site"))
    return docs, build_index(docs, Segmenter(domain_words(mini_kb)).tokens)


def _size(obj) -> int:
    return len(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode())


def test_packed_index_unpacks_to_the_same_index(mini_index):
    _docs, whole = mini_index
    for part in (whole, *split_index(whole)):
        packed = wire.pack_index(part)
        assert wire.unpack_index(json.loads(json.dumps(packed))) == json.loads(json.dumps(part))


def test_packed_index_is_much_smaller(mini_index):
    _docs, whole = mini_index
    assert _size(wire.pack_index(whole)) < 0.75 * _size(whole)


def test_vectors_out_of_build_order_are_refused(mini_index):
    _docs, whole = mini_index
    shuffled = dict(whole, fieldVectors=list(reversed(whole["fieldVectors"])))
    with pytest.raises(ValueError):
        wire.pack_index(shuffled)


def test_documents_round_trip_with_levels_in_order(mini_kb, mini_index):
    docs, _whole = mini_index
    rows = [[d.location, d.title, d.summary, d.type, d.levels, d.aliases] for d in docs]
    level_ids = [lv.id for lv in mini_kb.levels()]
    assert any(len(r[4]) > 1 for r in rows)
    # locations are packed as a shared folder and suffix and the rest: odd ones come back too
    rows += [[loc, "标题", "", rows[0][3], [], []] for loc in ("index.html", "guide/deploy.html#nginx", "glossary/",
                                                               "x/.html", "plain", "a/b.html.html")]
    packed = wire.pack_docs(rows, level_ids)
    assert wire.unpack_docs(json.loads(json.dumps(packed))) == rows
