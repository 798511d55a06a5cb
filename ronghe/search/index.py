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
    "b": ("body", 1.0),
}
FIELD_NAMES = {k: v[0] for k, v in FIELDS.items()}
K1, B = 1.2, 0.75


def document_fields(doc: SearchDocument) -> dict[str, str]:
    return {"t": doc.title, "k": " ".join(doc.keywords), "s": doc.summary, "b": doc.body}


def _js_round(x: float) -> float:
    """``Math.round(x * 1000) / 1000`` as lunr.js does it (ties away from zero for positives)."""
    return math.floor(x * 1000 + 0.5) / 1000


def build_index(docs: list[SearchDocument], tokens: Callable[[str], list[str]]) -> dict:
    """Serialised lunr index; the ref of a document is its position in ``docs``."""
    n_docs = len(docs)
    term_index: dict[str, int] = {}
    postings: dict[str, dict[str, list[str]]] = {}
    field_tf: dict[str, list[tuple[str, Counter, int]]] = {f: [] for f in FIELDS}
    total_len = {f: 0 for f in FIELDS}
    for i, doc in enumerate(docs):
        ref = str(i)
        for f, text in document_fields(doc).items():
            toks = tokens(text)
            tf = Counter(toks)
            field_tf[f].append((ref, tf, len(toks)))
            total_len[f] += len(toks)
            for term in tf:
                if term not in term_index:
                    term_index[term] = len(term_index)
                    postings[term] = {g: [] for g in FIELDS}
                postings[term][f].append(ref)
    idf = {}
    for term, by_field in postings.items():
        df = sum(len(refs) for refs in by_field.values())
        idf[term] = math.log(1 + abs((n_docs - df + 0.5) / (df + 0.5)))
    field_vectors = []
    for f, (_name, boost) in FIELDS.items():
        avg = total_len[f] / n_docs if n_docs else 0
        for ref, tf, length in field_tf[f]:
            norm = K1 * (1 - B + B * (length / avg)) if avg else K1 * (1 - B)
            vec = sorted((term_index[t], _js_round(idf[t] * ((K1 + 1) * c) / (norm + c) * boost)) for t, c in tf.items())
            field_vectors.append([f"{f}/{ref}", [x for pair in vec for x in pair]])
    inverted = []
    for term in sorted(postings, key=lambda t: t.encode("utf-16-be")):   # JavaScript string order
        entry = {"_index": term_index[term]}
        for f in FIELDS:
            entry[f] = {ref: {} for ref in postings[term][f]}
        inverted.append([term, entry])
    return {"version": LUNR_VERSION, "fields": list(FIELDS), "fieldVectors": field_vectors,
            "invertedIndex": inverted, "pipeline": []}
