"""The search index in chunks, fetched by what a query needs (Pagefind's idea).

A published bundle (``publish.make_bundle``) becomes, in one folder
``search/ronghe_<digest>/``:

- ``head.js``: what reading a query needs, and nothing that grows much with
  the number of pages: the rules, the pinyin table, the vocabulary (every
  index term, in UTF-16 order as JavaScript compares strings, with flags:
  in the head index, in the body index, on a page for readers; and, for the
  terms of titles and names, on how many pages they are such a word), the
  first term of each term chunk, and per page only its type, its levels (two
  small numbers) and the knowledge graph's links that ranking uses;
- ``t<k>.js``: the postings of a run of terms (head fields t, k, s, p and body
  field b, packed as in ``wire``), about ``TERM_CHUNK_BYTES`` each, and the
  pages that hold the phrases of the synonym list in the same run (``p``;
  their names are in the head, ``phrases``: ``phrases.py``);
- ``m<k>.js``: location, title, summary and other names of pages
  ``k * META_PAGES`` ...;
- ``x<k>.js``: the text of pages ``k * TEXT_PAGES`` ... (the passage shown
  under a result, and where a synonym phrase the build did not list is
  looked for).

The worker loads the head and is ready; a query fetches the term chunks of
its words, ranks, and fetches the page chunks of the results it would show
(the rest of the pages are ranked by the highest score they could have, so
the answer is the one the whole index gives: ``web/worker.js``, ``Engine.need``).
``unchunk`` gives back the bundle (for the Python evaluation and the tests).
"""

from __future__ import annotations

import bisect
import json

from . import wire
from .index import reader_words, utf16_key

TERM_CHUNK_BYTES = 48_000
META_PAGES = 128
TEXT_PAGES = 8
HEAD_FIELDS_KEY, BODY_FIELDS_KEY = "h", "b"
IN_HEAD, IN_BODY, FOR_READERS = 1, 2, 4


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _page_set(groups_of_fields) -> set[int]:
    out = set()
    for groups in groups_of_fields:
        for group in groups:
            ref = 0
            for gap in group[1:]:
                ref += gap
                out.add(ref)
    return out


def _runs(n: int, size: int) -> int:
    return (n + size - 1) // size


# a page's type (an index into ``types``: one character) and levels (a bit mask: maskWidth characters)
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def _digits(value: int, width: int, what: str) -> str:
    """``value`` in ``width`` base-64 digits, lowest first."""
    if not 0 <= value < 64 ** width:
        raise ValueError(f"too many {what} for the search index ({value})")
    return "".join(DIGITS[value >> 6 * j & 63] for j in range(width))


def _undigits(text: str) -> int:
    return sum(DIGITS.index(ch) << 6 * j for j, ch in enumerate(text))


def chunk_bundle(bundle: dict) -> dict[str, list[str]]:
    """The files of the chunked index: name (``head``, ``t0``, ``m0``, ``x0`` ...) -> JSON lines."""
    rules = bundle["rules"]
    level_ids, maintainer_types = [lv[0] for lv in rules["levels"]], rules["maintainerTypes"]
    head_packed = wire.pack_index(bundle["index"])
    body_packed = wire.pack_index(bundle["body"])
    docs = wire.pack_docs(bundle["docs"], level_ids)
    rows = docs.pop("rows")
    n = len(rows)
    maintainer_numbers = {docs["types"].index(t) for t in maintainer_types if t in docs["types"]}
    maintainer = {i for i, row in enumerate(rows) if row[3] in maintainer_numbers}
    head_items = {item[0]: item for item in head_packed[wire.TERMS]}
    body_items = {item[0]: item for item in body_packed[wire.TERMS]}
    named_fields = [2 + head_packed["fields"].index(f) for f in ("t", "k") if f in head_packed["fields"]]
    terms = sorted(set(head_items) | set(body_items), key=utf16_key)
    for_readers = reader_words(bundle["index"], maintainer) | reader_words(bundle["body"], maintainer)
    flags, weights, reader_weights = [], [], {}
    chunks: list[tuple[list[str], list[str]]] = []
    firsts: list[str] = []
    size, last = TERM_CHUNK_BYTES, 0
    for k, term in enumerate(terms):
        h, b = head_items.get(term), body_items.get(term)
        flags.append(str((IN_HEAD if h else 0) | (IN_BODY if b else 0) | (FOR_READERS if term in for_readers else 0)))
        if h:     # pages where it is a word of the title and of the tags count twice (query.py, weight)
            named = [_page_set([h[f]]) for f in named_fields]
            total = sum(len(pages) for pages in named)
            if total:
                weights += [k - last, total]
                last = k
                readers = sum(len(pages - maintainer) for pages in named)
                if readers != total:
                    reader_weights[k] = readers
        dumped = (_dump(h) if h else "", _dump(b) if b else "")
        cost = len(dumped[0]) + len(dumped[1]) + 1
        if size + cost > TERM_CHUNK_BYTES and (not chunks or chunks[-1][0] or chunks[-1][1]):
            chunks.append(([], []))
            firsts.append(term)
            size = 0
        for side, text in zip(chunks[-1], dumped):
            if text:
                side.append(text)
        size += cost
    # a phrase's pages go with the term chunk whose run of terms it falls in (the worker finds it as a term's)
    table = bundle.get("phraseDocs") or {}
    phrase_names = sorted(table, key=utf16_key) if chunks else []
    phrase_items: list[list[str]] = [[] for _ in chunks]
    first_keys = [utf16_key(t) for t in firsts]
    for name, item in zip(phrase_names, wire.pack_phrases({name: table[name] for name in phrase_names})):
        phrase_items[max(0, bisect.bisect_right(first_keys, utf16_key(name)) - 1)].append(_dump(item))
    width = max(1, -(-len(level_ids) // 6))     # base-64 digits of a page's levels
    head = [
        _dump({"pages": n, "lunr": {"version": head_packed["version"], "pipeline": head_packed["pipeline"]},
               "fields": {HEAD_FIELDS_KEY: head_packed["fields"], BODY_FIELDS_KEY: body_packed["fields"]},
               "docs": docs, "sizes": {"meta": META_PAGES, "text": TEXT_PAGES}, "termChunks": firsts}),
        _dump({"rules": rules}),
        _dump({"pinyin": bundle["pinyin"]}),
        _dump({"kinds": "".join(_digits(row[3], 1, "types") for row in rows), "maskWidth": width,
               "masks": "".join(_digits(row[4], width, "levels") for row in rows)}),
        _dump({"links": bundle["links"]}),
        _dump({"phrases": phrase_names}),
        _dump({"terms": terms}),
        _dump({"flags": "".join(flags), "weights": weights, "readerWeights": reader_weights}),
    ]
    files = {"head": head}
    for k, (h_items, b_items) in enumerate(chunks):
        files[f"t{k}"] = ['{"h":[' + ",".join(h_items) + '],"b":[' + ",".join(b_items) + '],"p":['
                          + ",".join(phrase_items[k]) + "]}"]
    for k in range(_runs(n, META_PAGES)):
        part = rows[k * META_PAGES:(k + 1) * META_PAGES]
        files[f"m{k}"] = [_dump([[loc, title, summary, aliases] for loc, title, summary, _t, _m, aliases in part])]
    texts = bundle["texts"]
    for k in range(_runs(n, TEXT_PAGES)):
        files[f"x{k}"] = [_dump(texts[k * TEXT_PAGES:(k + 1) * TEXT_PAGES])]
    return files


def unchunk(files: dict[str, list[str]]) -> dict:
    """Inverse of ``chunk_bundle``: the bundle (``index``, ``body``, ``docs``, ``texts``, ``rules``,
    ``pinyin``, ``links``, ``phraseDocs``) as ``publish.make_bundle`` made it."""
    head: dict = {}
    for line in files["head"]:
        head.update(json.loads(line))
    n = head["pages"]
    lunr = head["lunr"]
    head_items, body_items, phrase_items = [], [], []
    for k in range(len(head["termChunks"])):
        chunk = json.loads(files[f"t{k}"][0])
        head_items += chunk["h"]
        body_items += chunk["b"]
        phrase_items += chunk.get("p", [])

    def index(fields: list[str], items: list) -> dict:
        return wire.unpack_index({**lunr, "fields": fields, "pages": n, wire.TERMS: items})

    rows = []
    for k in range(_runs(n, head["sizes"]["meta"])):
        rows += json.loads(files[f"m{k}"][0])
    texts = []
    for k in range(_runs(n, head["sizes"]["text"])):
        texts += json.loads(files[f"x{k}"][0])
    width, masks = head["maskWidth"], head["masks"]
    docs = wire.unpack_docs({**head["docs"], "rows": [
        [loc, title, summary, _undigits(kind), _undigits(masks[i * width:(i + 1) * width]), aliases]
        for i, ((loc, title, summary, aliases), kind) in enumerate(zip(rows, head["kinds"]))]})
    return {"index": index(head["fields"][HEAD_FIELDS_KEY], head_items),
            "body": index(head["fields"][BODY_FIELDS_KEY], body_items),
            "docs": docs, "texts": texts, "rules": head["rules"], "pinyin": head["pinyin"], "links": head["links"],
            "phraseDocs": wire.unpack_phrases(phrase_items)}
