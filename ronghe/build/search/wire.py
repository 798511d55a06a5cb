"""The compact form in which the index and the document list travel to the browser.

A serialised lunr index (``index.build_index``) spends most of its bytes on
repetition: every field vector names its field and page (``"t/4658"``) and
every posting is an object ``{"4658": {}}``. Packed, the same index is about
40 % smaller, which is what the browser downloads and parses before search
is ready:

- there are no field vectors: the weights are in the postings. A term is
  ``[term, number, groups of field 1, groups of field 2, ...]``; a group is
  ``[weight, page gaps...]``: the pages where the term has that weight in the
  field's vector, as ascending gaps (weights are rounded to thousandths and
  written as integers, weight × 1000; a term has few distinct weights in a
  field, so this is smaller than a weight per page). A page's field vector is
  its weights over all terms in term number order (``unpack_index`` rebuilds
  lunr's vectors; the browser scores from the postings and never builds them);
- the pages that hold each phrase of the synonym list (``phrases``) are
  ``[phrase, page gaps...]``;
- a document's type is a number into ``types`` and its levels a bit mask
  over ``levels`` (in the order of the knowledge base's levels); its location
  is ``[place, middle]``, ``places`` holding the ``[folder, suffix]`` pairs
  (``countermeasures/``, ``.html``) that most locations share.

``unpack_*`` give back exactly what was packed. The browser keeps a term's
postings packed until a query needs them (``PackedIndex`` of web/worker.js).
How the packed index is cut into the files the browser fetches: ``chunks``.
"""

from __future__ import annotations

TERMS = "i"


def pack_index(data: dict) -> dict:
    fields = list(data["fields"])
    vectors = data["fieldVectors"]
    if len(vectors) % max(len(fields), 1):
        raise ValueError("field vectors are not one per page and field")
    n = len(vectors) // len(fields) if fields else 0
    # per field: term number -> [page, weight, page, weight ...], pages ascending (the vectors are in page order)
    weights: list[dict[int, list[int]]] = [{} for _ in fields]
    entries = 0
    for k, (name, vec) in enumerate(vectors):
        if name != f"{fields[k // n]}/{k % n}":
            raise ValueError(f"field vector {k} is {name!r}, not in build order")
        by_term, page = weights[k // n], k % n
        for j in range(0, len(vec), 2):
            weight = vec[j + 1]
            m = round(weight * 1000)
            if m / 1000 != weight:
                raise ValueError(f"weight {weight!r} is not rounded to thousandths")
            found = by_term.get(vec[j])
            if found is None:
                by_term[vec[j]] = [page, m]
            else:
                found += (page, m)
        entries += len(vec) // 2
    terms = []
    for term, posting in data["invertedIndex"]:
        number = posting["_index"]
        item = [term, number]
        for f, by_term in zip(fields, weights):
            got = by_term.get(number, ())
            if len(got) != 2 * len(posting[f]):
                raise ValueError(f"the postings of {term!r} in field {f} and the field vectors disagree")
            groups: dict[int, list[int]] = {}     # weight -> [weight, page gaps ...]
            last: dict[int, int] = {}
            for x in range(0, len(got), 2):
                page, m = got[x], got[x + 1]
                group = groups.get(m)
                if group is None:
                    groups[m] = [m, page]
                else:
                    group.append(page - last[m])
                last[m] = page
            item.append(list(groups.values()))
            entries -= len(got) // 2
        terms.append(item)
    if entries:
        raise ValueError("the field vectors hold terms the postings do not")
    return {"version": data["version"], "fields": fields, "pipeline": data["pipeline"], "pages": n, TERMS: terms}


def unpack_index(packed: dict) -> dict:
    fields, n = packed["fields"], packed["pages"]
    per_page: list[list[list]] = [[[] for _ in range(n)] for _ in fields]
    no_metadata: dict = {}
    inverted = []
    for item in packed[TERMS]:
        number = item[1]
        entry: dict = {"_index": number}
        for k, f in enumerate(fields):
            found, pages = [], per_page[k]
            for group in item[2 + k]:
                ref, weight = 0, group[0] / 1000
                for gap in group[1:]:
                    ref += gap
                    found.append(ref)
                    pages[ref].append((number, weight))
            entry[f] = {str(r): no_metadata for r in sorted(found)}
        inverted.append([item[0], entry])
    vectors = [[f"{f}/{page}", [x for pair in sorted(per_page[k][page]) for x in pair]]
               for k, f in enumerate(fields) for page in range(n)]
    return {"version": packed["version"], "fields": fields, "fieldVectors": vectors,
            "invertedIndex": inverted, "pipeline": packed["pipeline"]}


def pack_docs(docs: list[list], level_ids: list[str]) -> dict:
    """Documents ``[location, title, summary, type, levels, aliases]``."""
    types: list[str] = []
    places: dict[tuple[str, str], int] = {}
    bit = {lv: 1 << i for i, lv in enumerate(level_ids)}
    rows = []
    for location, title, summary, type_, levels, aliases in docs:
        if type_ not in types:
            types.append(type_)
        path = location.split("#", 1)[0]
        folder = path[:path.rfind("/") + 1]
        suffix = ".html" if location.endswith(".html") and len(location) > len(folder) + 5 else ""
        place = places.setdefault((folder, suffix), len(places))
        middle = location[len(folder):len(location) - len(suffix)]
        rows.append([[place, middle], title, summary, types.index(type_), sum(bit[lv] for lv in levels), aliases])
    return {"types": types, "levels": list(level_ids), "places": [list(p) for p in places], "rows": rows}


def unpack_docs(packed: dict) -> list[list]:
    types, levels, places = packed["types"], packed["levels"], packed["places"]
    return [[places[loc[0]][0] + loc[1] + places[loc[0]][1], title, summary, types[t],
             [lv for i, lv in enumerate(levels) if mask >> i & 1], aliases]
            for loc, title, summary, t, mask, aliases in packed["rows"]]


def pack_phrases(table: dict[str, list[int]]) -> list[list]:
    """``{phrase: [pages]}`` (``phrases.phrase_docs``) as ``[[phrase, page gaps...], ...]``."""
    out = []
    for phrase, pages in table.items():
        item: list = [phrase]
        last = 0
        for page in pages:
            item.append(page - last)
            last = page
        out.append(item)
    return out


def unpack_phrases(packed: list[list]) -> dict[str, list[int]]:
    table: dict[str, list[int]] = {}
    for phrase, *gaps in packed:
        pages, page = [], 0
        for gap in gaps:
            page += gap
            pages.append(page)
        table[phrase] = pages
    return table
