"""The search index in chunks (ronghe.build.search.chunks): nothing lost on the way, each
term's postings in exactly one chunk the worker can find from the head, and the head's
vocabulary saying what the Python engine says of each word (web/worker.js reads only it
to understand a query)."""

from __future__ import annotations

import bisect
import json

import pytest

from ronghe.build.search import chunks
from ronghe.build.search.publish import make_bundle
from ronghe.build.search.query import SearchEngine


@pytest.fixture(scope="module")
def bundle(mini_kb, tmp_path_factory):
    made, _stats = make_bundle(mini_kb, tmp_path_factory.mktemp("site"), None)
    return made


@pytest.fixture(scope="module")
def files(bundle):
    return chunks.chunk_bundle(bundle)


def _head(files) -> dict:
    out: dict = {}
    for line in files["head"]:
        out.update(json.loads(line))
    return out


def test_the_chunks_give_back_the_whole_bundle(bundle, files):
    assert chunks.unchunk(files) == bundle


def test_every_term_is_in_the_one_chunk_the_head_points_to(files, monkeypatch):
    head = _head(files)
    firsts, terms = head["termChunks"], head["terms"]
    assert terms == sorted(terms, key=lambda t: t.encode("utf-16-be"))     # as JavaScript compares them
    where: dict[str, int] = {}
    for k in range(len(firsts)):
        chunk = json.loads(files[f"t{k}"][0])
        for item in chunk["h"] + chunk["b"]:
            assert where.setdefault(item[0], k) == k                          # head and body postings together
    assert set(where) == set(terms)
    keys = [t.encode("utf-16-be") for t in firsts]
    for term in terms:                                                        # Vocabulary.chunkOf
        assert where[term] == max(0, bisect.bisect_right(keys, term.encode("utf-16-be")) - 1)


def test_every_phrase_s_pages_are_in_the_chunk_the_head_points_to(site_bundle, monkeypatch):
    # the head names the phrases the build listed (phrases.py), their pages travel with the term chunks:
    # the head does not grow with the number of pages (at N = 5,000 the lists are some 90 KB)
    monkeypatch.setattr(chunks, "TERM_CHUNK_BYTES", 4000)
    files = chunks.chunk_bundle(site_bundle)
    head = _head(files)
    names, firsts = head["phrases"], head["termChunks"]
    assert names == sorted(site_bundle["phraseDocs"], key=lambda t: t.encode("utf-16-be")) and len(firsts) > 8
    assert all(isinstance(name, str) for name in names)                   # names only, no pages
    keys = [t.encode("utf-16-be") for t in firsts]
    where: dict[str, int] = {}
    for k in range(len(firsts)):
        for item in json.loads(files[f"t{k}"][0])["p"]:
            where[item[0]] = k
    for name in names:                                                        # Engine.phrasePages
        assert where[name] == max(0, bisect.bisect_right(keys, name.encode("utf-16-be")) - 1), name
    assert chunks.unchunk(files)["phraseDocs"] == site_bundle["phraseDocs"]


def test_term_chunks_stay_near_their_size(bundle, monkeypatch):
    monkeypatch.setattr(chunks, "TERM_CHUNK_BYTES", 800)
    files = chunks.chunk_bundle(bundle)
    sizes = []
    for name in (name for name in files if name.startswith("t")):
        chunk = json.loads(files[name][0])
        sizes.append((len(files[name][0]), len({item[0] for item in chunk["h"] + chunk["b"]})))
    assert len(sizes) > 8
    assert all(size <= 800 + 30 or terms == 1 for size, terms in sizes)      # (one long posting may be alone)
    assert chunks.unchunk(files) == bundle


def test_page_chunks_hold_their_run_of_pages(bundle, files):
    n = len(bundle["docs"])
    metas = sorted((name for name in files if name.startswith("m")), key=lambda name: int(name[1:]))
    texts = sorted((name for name in files if name.startswith("x")), key=lambda name: int(name[1:]))
    assert len(metas) == -(-n // chunks.META_PAGES) and len(texts) == -(-n // chunks.TEXT_PAGES)
    rows = [row for name in metas for row in json.loads(files[name][0])]
    assert [row[1] for row in rows] == [doc[1] for doc in bundle["docs"]]
    assert [t for name in texts for t in json.loads(files[name][0])] == bundle["texts"]


def test_the_vocabulary_says_what_the_engine_knows_of_each_word(site_bundle):
    # the built site: it has maintainer pages (站点说明), and words found only on them
    head, engine = _head(chunks.chunk_bundle(site_bundle)), SearchEngine(site_bundle)
    readers, everyone = engine.scopes[True], engine.scopes[False]
    weights, reader_weights, at = {}, {int(k): v for k, v in head["readerWeights"].items()}, 0
    for k in range(0, len(head["weights"]), 2):
        at += head["weights"][k]
        weights[at] = head["weights"][k + 1]
    for k, term in enumerate(head["terms"]):
        flag = int(head["flags"][k])
        assert bool(flag & chunks.FOR_READERS) == (term in readers), term
        assert bool(flag & chunks.IN_HEAD) == (term in engine.indexes[0].inverted_index), term
        assert everyone.weight(term) == weights.get(k, 0), term
        assert readers.weight(term) == reader_weights.get(k, weights.get(k, 0)), term
    maintainer_only = [t for t in head["terms"] if t not in readers]
    assert maintainer_only and any(head["readerWeights"].values())


def test_too_many_levels_for_the_head_is_said_not_mangled():
    with pytest.raises(ValueError, match="levels"):
        chunks._digits(64 ** 2, 2, "levels")
    assert chunks._undigits(chunks._digits(4095, 2, "levels")) == 4095
