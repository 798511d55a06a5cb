"""The prebuilt search index, in lunr's serialisation format (lunr 2.3.9).

lunr.js loads it as is (``lunr.Index.load``), and so does lunr.py, which the
Python evaluation uses. ``build_index`` computes exactly what
``lunr.Builder.build().serialize()`` would (BM25 field vectors with field
boosts, rounded to 3 decimals, no pipeline, no metadata) but in plain dict
operations: lunr.py's builder needs ~30 s for 5,000 pages, this ~10x less.
``tests/search/test_index.py`` checks the two agree.

Fields carry their boost inside the vectors, so titles and summaries outrank
body text without any work in the browser. Field names are one letter to
keep the file small; ``FIELD_NAMES`` maps them to what they hold.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Callable

from .documents import SearchDocument

LUNR_VERSION = "2.3.9"
# field key -> (what it holds, boost)
FIELDS: dict[str, tuple[str, float]] = {
    "t": ("title", 10.0),
    "k": ("keywords", 6.0),
    "s": ("summary", 4.0),
    "p": ("phrasings", 4.0),   # an editor's 常见说法 count as much as the summary (docs/guide/search.md)
    "b": ("body", 1.0),
}
FIELD_NAMES = {k: v[0] for k, v in FIELDS.items()}
# BM25's parameters. lunr's b is 0.75; entries range from a two-line glossary term to a long source, and
# 0.9 (more length normalisation) ranked the evaluation sets a little better (docs/guide/search.md).
K1, B = 1.2, 0.9


# A field that holds only the words the page's other fields named here lack: the 常见说法 bring the
# words readers use that the entry does not have (一团和气, 念文件); a word of its title said again in
# them (书记, 抓党建) would only lift the entries that have 常见说法 over those that do not (docs/guide/search.md).
NEW_WORDS_ONLY = {"p": ("t",)}


def document_fields(doc: SearchDocument) -> dict[str, str]:
    return {"t": doc.title, "k": " ".join(doc.keywords), "s": doc.summary, "p": " ".join(doc.phrasings), "b": doc.body}


def document_tokens(doc: SearchDocument, tokens: Callable[[str], list[str]]) -> dict[str, list[str]]:
    """The indexed words of each field of a page (see ``NEW_WORDS_ONLY``)."""
    out = {f: tokens(text) for f, text in document_fields(doc).items()}
    for f, others in NEW_WORDS_ONLY.items():
        if out[f]:
            known = {t for o in others for t in out[o]}
            out[f] = [t for t in out[f] if t not in known]
    return out


def _js_round(x: float) -> float:
    """``Math.round(x * 1000) / 1000`` as lunr.js does it (ties away from zero for positives)."""
    return math.floor(x * 1000 + 0.5) / 1000


def build_index(docs: list[SearchDocument], tokens: Callable[[str], list[str]],
                counted: Callable[[SearchDocument], bool] | None = None) -> dict:
    """Serialised lunr index; the ref of a document is its position in ``docs``. Only the
    documents ``counted`` (all, by default, as lunr's builder) count in a term's document
    frequency: the build counts the readers' pages only, so that the words of the maintainer
    pages (this guide quotes hundreds of queries) do not move the readers' ranking. (Every page
    still counts in the average field lengths: counting only the readers' pages there too ranked
    the evaluation sets worse, docs/guide/search.md.)"""
    counts = [counted is None or counted(doc) for doc in docs]
    n_docs = sum(counts)
    term_index: dict[str, int] = {}
    postings: dict[str, dict[str, list[str]]] = {}
    field_tf: dict[str, list[tuple[str, Counter, int]]] = {f: [] for f in FIELDS}
    df_of: dict[str, int] = {}     # term -> in how many counted documents' fields it is (lunr: postings)
    total_len = {f: 0 for f in FIELDS}
    for i, doc in enumerate(docs):
        ref = str(i)
        for f, toks in document_tokens(doc, tokens).items():
            tf = Counter(toks)
            field_tf[f].append((ref, tf, len(toks)))
            total_len[f] += len(toks)
            for term in tf:
                if term not in term_index:
                    term_index[term] = len(term_index)
                    postings[term] = {g: [] for g in FIELDS}
                    df_of[term] = 0
                postings[term][f].append(ref)
                df_of[term] += counts[i]
    idf = {}
    for term, df in df_of.items():
        idf[term] = math.log(1 + abs((n_docs - df + 0.5) / (df + 0.5)))
    field_vectors = []
    k1_1, floor = K1 + 1, math.floor
    for f, (_name, boost) in FIELDS.items():
        avg = total_len[f] / len(docs) if docs else 0
        for ref, tf, length in field_tf[f]:
            norm = K1 * (1 - B + B * (length / avg)) if avg else K1 * (1 - B)
            # same arithmetic as lunr's builder, rounded like _js_round (inlined: this loop runs per posting)
            vec = sorted((term_index[t], floor(idf[t] * (k1_1 * c) / (norm + c) * boost * 1000 + 0.5) / 1000)
                         for t, c in tf.items())
            field_vectors.append([f"{f}/{ref}", [x for pair in vec for x in pair]])
    inverted = []
    no_metadata: dict = {}        # shared, read-only: every posting carries no metadata
    for term in sorted(postings, key=lambda t: t.encode("utf-16-be")):   # JavaScript string order
        entry = {"_index": term_index[term]}
        for f in FIELDS:
            entry[f] = dict.fromkeys(postings[term][f], no_metadata)
        inverted.append([term, entry])
    return {"version": LUNR_VERSION, "fields": list(FIELDS), "fieldVectors": field_vectors,
            "invertedIndex": inverted, "pipeline": []}


HEAD_FIELDS = ("t", "k", "s", "p")


def common_terms(data: dict, share: float = 0.2, min_docs: int = 200) -> list[str]:
    """Terms on more than ``share`` of the pages of a large site (党建, 业务 ...).

    The browser leaves them out of the lunr query when the query also has
    rarer words (matching thousands of pages costs more than it helps the
    ranking) and only checks, page by page, whether they occur.
    """
    n_docs = len({fv[0].split("/", 1)[1] for fv in data["fieldVectors"]})
    if n_docs < min_docs:
        return []
    out = []
    for term, posting in data["invertedIndex"]:
        refs = set()
        for f in data["fields"]:
            refs.update(posting[f])
        if len(refs) > share * n_docs:
            out.append(term)
    return out


def split_index(data: dict, fields=HEAD_FIELDS) -> tuple[dict, dict]:
    """Split one serialised index into two lunr indexes by field: the *head*
    (title, keywords, summary, phrasings) and the *body*.

    Each part is a complete lunr index. Term numbers and vectors are those of
    the whole index (IDF over all fields); the score of a page is its head score
    plus its body score (lunr normalises the query weights within each part).
    The browser scores a query in each and adds the scores up (web/worker.js).
    """
    def part(keep) -> dict:
        vectors = [fv for fv in data["fieldVectors"] if fv[0].split("/", 1)[0] in keep]
        inverted = []
        for term, posting in data["invertedIndex"]:
            if any(posting[f] for f in keep):
                entry = {"_index": posting["_index"]}
                entry.update({f: posting[f] for f in keep})
                inverted.append([term, entry])
        return {"version": data["version"], "fields": list(keep), "fieldVectors": vectors,
                "invertedIndex": inverted, "pipeline": data["pipeline"]}

    rest = tuple(f for f in data["fields"] if f not in fields)
    return part(tuple(fields)), part(rest)


def utf16_key(term: str) -> bytes:
    """The order in which JavaScript compares strings (by UTF-16 code units)."""
    return term.encode("utf-16-be")


def reader_words(index: dict, aside: set[int]) -> set[str]:
    """The words of a serialised index (``index``, or a part of it: the head, the body) found
    on some page not in ``aside`` (the maintainer pages): the words a reader's query is read
    against (query.Scope). The one place this is worked out: the build (phrases), the chunker
    (its FOR_READERS flag, which the worker reads) and the Python engine all call it."""
    aside_refs = {str(i) for i in aside}
    return {term for term, posting in index["invertedIndex"]
            if any(field != "_index" and any(ref not in aside_refs for ref in refs)
                   for field, refs in posting.items())}
