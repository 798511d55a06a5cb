"""The compact form in which the index and the document list travel to the browser.

A serialised lunr index (``index.build_index``) spends most of its bytes on
repetition: every field vector names its field and page (``"t/4658"``) and
every posting is an object ``{"4658": {}}``. Packed, the same index is about
40 % smaller, which is what the browser downloads and parses before search
is ready:

- vectors are listed field by field, page 0 to n-1 (the order ``build_index``
  writes them), so their names are implied by their position;
- a term is ``[term, number, refs of field 1, refs of field 2, ...]`` with the
  page numbers of each field as ascending gaps;
- a document's type is a number into ``types`` and its levels a bit mask
  over ``levels`` (in the order of the knowledge base's levels).

``unpack_*`` give back exactly what was packed. The browser unpacks straight
into lunr's index objects (``IndexParts`` and ``unpackDocs`` of web/worker.js).

Large parts are sent as JSON lines (``lines``): a header, then chunks of
``CHUNK`` items, which the browser parses and unpacks a few at a time
between queries.
"""

from __future__ import annotations

import json

CHUNK = 500     # items per line
VECTORS, TERMS = "v", "i"


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def pack_index(data: dict) -> dict:
    fields = list(data["fields"])
    vectors = data["fieldVectors"]
    if len(vectors) % max(len(fields), 1):
        raise ValueError("field vectors are not one per page and field")
    n = len(vectors) // len(fields) if fields else 0
    for k, (name, _vec) in enumerate(vectors):
        if name != f"{fields[k // n]}/{k % n}":
            raise ValueError(f"field vector {k} is {name!r}, not in build order")
    terms = []
    for term, posting in data["invertedIndex"]:
        item = [term, posting["_index"]]
        for f in fields:
            refs, last, gaps = sorted(int(r) for r in posting[f]), 0, []
            for r in refs:
                gaps.append(r - last)
                last = r
            item.append(gaps)
        terms.append(item)
    return {"version": data["version"], "fields": fields, "pipeline": data["pipeline"], "pages": n,
            VECTORS: [vec for _name, vec in vectors], TERMS: terms}


def unpack_index(packed: dict) -> dict:
    fields, n = packed["fields"], packed["pages"]
    vectors = [[f"{fields[k // n]}/{k % n}", vec] for k, vec in enumerate(packed[VECTORS])]
    no_metadata: dict = {}
    inverted = []
    for item in packed[TERMS]:
        entry: dict = {"_index": item[1]}
        for f, gaps in zip(fields, item[2:]):
            ref, refs = 0, {}
            for gap in gaps:
                ref += gap
                refs[str(ref)] = no_metadata
            entry[f] = refs
        inverted.append([item[0], entry])
    return {"version": packed["version"], "fields": fields, "fieldVectors": vectors,
            "invertedIndex": inverted, "pipeline": packed["pipeline"]}


def pack_docs(docs: list[list], level_ids: list[str]) -> dict:
    """Documents ``[location, title, summary, type, levels, aliases]``."""
    types: list[str] = []
    bit = {lv: 1 << i for i, lv in enumerate(level_ids)}
    rows = []
    for location, title, summary, type_, levels, aliases in docs:
        if type_ not in types:
            types.append(type_)
        rows.append([location, title, summary, types.index(type_), sum(bit[lv] for lv in levels), aliases])
    return {"types": types, "levels": list(level_ids), "rows": rows}


def unpack_docs(packed: dict) -> list[list]:
    types, levels = packed["types"], packed["levels"]
    return [[loc, title, summary, types[t], [lv for i, lv in enumerate(levels) if mask >> i & 1], aliases]
            for loc, title, summary, t, mask, aliases in packed["rows"]]


def lines(packed: dict, header: dict | None = None, **extra: list) -> list[str]:
    """A packed index as JSON lines, followed by other arrays (``extra``) in chunks;
    ``header``: small values that go into the first line with the index's own."""
    out = [_dump({**{k: v for k, v in packed.items() if k not in (VECTORS, TERMS)}, **(header or {})})]
    for key, items in [(VECTORS, packed[VECTORS]), (TERMS, packed[TERMS]), *extra.items()]:
        out += [_dump({key: items[i:i + CHUNK]}) for i in range(0, len(items), CHUNK)]
    return out


def from_lines(text_lines) -> dict:
    """Inverse of ``lines``: the packed index with the extra arrays beside it."""
    data: dict = {VECTORS: [], TERMS: []}
    for n, line in enumerate(text_lines):
        if not line.strip():
            continue
        obj = json.loads(line)
        if n == 0:
            data.update(obj)
        else:
            for key, items in obj.items():
                data.setdefault(key, []).extend(items)
    return data
