"""How a query is understood and ranked -- the Python twin of ``web/worker.js``.

The browser and this module apply the same rules (published as data in the
index bundle, see ``rules_for``) to the same prebuilt index, so the
evaluation in Python predicts what a reader sees; a Chromium test checks the
two agree.

1. Normalise (NFKC, lower case), fold traditional to simplified characters.
2. Take out facet filters (``类型:对策``, ``层级:党组书记``) and question words
   (怎么办, 如何 ...).
3. Segment every Chinese run by the longest match over the index vocabulary
   (fewest pieces; a known word beats single characters). Every piece is kept:
   known words are searched exactly, unknown runs by prefix (两张 -> 两张皮)
   plus their single characters at low weight; the last word also by prefix
   (the reader may still be typing).
4. Add glossary synonyms and level names found in the query, at lower weight.
5. On a large site, words found on most pages (党建 ...) are left out of the
   lunr query when rarer words are there, and only checked page by page.
6. Rank: lunr score (fields boosted: title > keywords > summary > body) times
   the share of query words the page matches, times a bonus when the whole
   query appears in the title or summary.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import Level
from .documents import FACET_TYPES, TYPE_LABELS
from .segment import STOP_CHARS
from .synonyms import fold_table, name_variants, normalize, synonym_map

MAX_WORD = 12
STOP_PHRASES = sorted(["怎么办", "怎么样", "怎么做", "怎么", "如何", "怎样", "为什么", "为何", "是什么", "什么",
                       "有哪些", "哪些", "请问", "关于", "应该", "应当", "有什么"], key=len, reverse=True)
WEIGHTS = {
    "prefix": 0.3,        # last word also as prefix (as-you-type)
    "char": 0.2,          # single characters of an unknown run
    "synonym": 0.6,       # synonyms and level names
    "part": 0.5,          # the parts of a long query word (5+ characters) (党建考核流于形式 -> 党建, 考核, 流于形式)
    "coverage": 0.25,     # score *= (c + (1 - c) * share of query words matched) ** 2
    "titlePhrase": 3.0,   # whole query inside the title
    "titlePrefix": 1.5,   # ... at its start (a word still being typed: 逐件 -> 逐件销号)
    "titleExact": 2.0,    # ... and the title (or an alias of the entry) is exactly the query
    "summaryPhrase": 1.5, # whole query inside the summary
}
TYPE_WEIGHTS = {"source": 0.5, "page": 0.6}
MAX_RESULTS = 100
FACET_PATTERN = r"(类型|层级)[:：]\s*([^\s]+)"
_FACET = re.compile(FACET_PATTERN)
_RUN = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def compact_of(text: str) -> str:
    """Chinese and Latin runs of a text, without spaces and punctuation."""
    return "".join(_RUN.findall(normalize(text)))


def rules_for(kb: KnowledgeBase) -> dict:
    """Everything the browser needs to read a query like this module does."""
    levels = []
    for lv in kb.levels():
        assert isinstance(lv, Level)
        names = list(dict.fromkeys(normalize(n) for n in [lv.short, lv.title] + name_variants(lv.title) if n))
        levels.append([lv.id, lv.short or lv.title, names])
    return {
        "maxWord": MAX_WORD, "stopChars": "".join(sorted(STOP_CHARS)), "stopPhrases": STOP_PHRASES,
        "weights": WEIGHTS, "typeWeights": TYPE_WEIGHTS, "maxResults": MAX_RESULTS, "facet": FACET_PATTERN,
        "types": TYPE_LABELS, "facetTypes": list(FACET_TYPES), "levels": levels,
        "synonyms": synonym_map(kb), "fold": fold_table(),
    }


@dataclass
class Clause:
    term: str
    wildcard: bool
    boost: float
    covers: list[int]


@dataclass
class ParsedQuery:
    units: list[str] = field(default_factory=list)      # every query word, none dropped
    clauses: list[Clause] = field(default_factory=list)
    compact: str = ""                                   # the query without spaces and question words
    type: str = ""
    level: str = ""


def segment(run: str, vocab, max_word: int = MAX_WORD, stop_chars=STOP_CHARS, exclude: str = "") -> list[tuple[str, str]]:
    """Longest-match segmentation of a Chinese run: [(piece, kind)], kind in word/char/unknown/stop.
    ``exclude``: a word not to use (to split a long word into its parts)."""
    n = len(run)
    cost = [0.0] * (n + 1)
    choice: list[tuple[int, str]] = [(0, "")] * (n + 1)
    for i in range(n - 1, -1, -1):
        best_cost, best = math.inf, (i + 1, "unknown")
        for j in range(min(n, i + max_word), i + 1, -1):
            w = run[i:j]
            if w in vocab and w != exclude and 1 + cost[j] < best_cost:
                best_cost, best = 1 + cost[j], (j, "word")
        ch = run[i]
        kind, c = ("stop", 0.5) if ch in stop_chars else ("char", 2.0) if ch in vocab else ("unknown", 3.0)
        if c + cost[i + 1] < best_cost:
            best_cost, best = c + cost[i + 1], (i + 1, kind)
        cost[i], choice[i] = best_cost, best
    pieces: list[tuple[str, str]] = []
    i = 0
    while i < n:
        j, kind = choice[i]
        if kind == "unknown" and pieces and pieces[-1][1] == "unknown":
            pieces[-1] = (pieces[-1][0] + run[i:j], "unknown")
        else:
            pieces.append((run[i:j], kind))
        i = j
    return pieces


class SearchEngine:
    """Search over a published bundle ``{"index", "docs", "rules"}`` with lunr.py."""

    def __init__(self, bundle: dict):
        from lunr.index import Index

        # head (title, keywords, summary) and body: two lunr indexes, scores add up
        self.indexes = [Index.load(bundle["index"])]
        if bundle.get("body"):
            self.indexes.append(Index.load(bundle["body"]))
        self.vocab = set().union(*(idx.inverted_index for idx in self.indexes))
        self.docs = bundle["docs"]
        self.rules = bundle["rules"]
        self.stop_chars = set(self.rules["stopChars"])
        self.common = set(self.rules.get("common", []))
        self.level_names = {name: lid for lid, _short, names in self.rules["levels"] for name in names}
        self.type_by_label = {label: t for t, label in self.rules["types"].items()}
        self._titles = [compact_of(d[1]) for d in self.docs]
        self._summaries = [compact_of(d[2]) for d in self.docs]
        self._aliases = [{compact_of(a) for a in d[5]} for d in self.docs]

    # --- understanding the query -------------------------------------------------
    def fold(self, text: str) -> str:
        table = self.rules["fold"]
        return "".join(table.get(ch, ch) for ch in normalize(text))

    def parse(self, query: str) -> ParsedQuery:
        q = self.fold(query)
        parsed = ParsedQuery()
        for key, value in _FACET.findall(q):
            if key == "类型":
                parsed.type = self.type_by_label.get(value, value if value in self.rules["types"] else "")
            else:
                parsed.level = self.level_names.get(value, "")
        q = _FACET.sub(" ", q)
        open_end = bool(q) and not q[-1].isspace()
        for phrase in self.rules["stopPhrases"]:
            q = q.replace(phrase, " ")
        weights = self.rules["weights"]
        spans: list[tuple[int, int]] = []
        compact = ""
        last_kind = ""
        for m in _RUN.finditer(q):
            run = m.group(0)
            base = len(compact)
            compact += run
            if not _HAN.match(run):
                pieces = [(run, "word")]
            else:
                pieces = segment(run, self.vocab, self.rules["maxWord"], self.stop_chars)
            first_unit = len(parsed.units)
            pos = base
            for piece, kind in pieces:
                start, pos = pos, pos + len(piece)
                if kind == "stop":
                    continue
                u = len(parsed.units)
                last_kind = kind
                parsed.units.append(piece)
                spans.append((start, pos))
                if kind == "unknown":
                    parsed.clauses.append(Clause(piece, True, 1.0, [u]))
                    if len(piece) > 1:
                        for ch in dict.fromkeys(piece):
                            if ch in self.vocab and ch not in self.stop_chars:
                                parsed.clauses.append(Clause(ch, False, weights["char"], [u]))
                else:
                    parsed.clauses.append(Clause(piece, False, 1.0, [u]))
                    if kind == "word" and len(piece) >= 5:
                        parts = segment(piece, self.vocab, self.rules["maxWord"], self.stop_chars, exclude=piece)
                        if len(parts) > 1:
                            for part, pkind in parts:
                                if pkind in ("word", "char"):
                                    parsed.clauses.append(Clause(part, False, weights["part"], [u]))
            run_units = list(range(first_unit, len(parsed.units)))
            if len(run_units) > 1 and _HAN.match(run):
                # the whole run may be the start of one word (三会一 -> 三会一课)
                parsed.clauses.append(Clause(run, True, 1.0, run_units))
        # the last word also as a prefix -- not a lone character after other words (一* means thousands of terms)
        if parsed.units and open_end and last_kind != "unknown" and (len(parsed.units) == 1 or len(parsed.units[-1]) > 1):
            last = len(parsed.units) - 1
            parsed.clauses.append(Clause(parsed.units[last], True, weights["prefix"], [last]))
        parsed.compact = compact
        for key, targets in self.rules["synonyms"].items():
            start = compact.find(key)
            if start < 0:
                continue
            end = start + len(key)
            covers = [u for u, (a, b) in enumerate(spans) if a >= start and b <= end]
            if not covers or spans[covers[0]][0] != start or spans[covers[-1]][1] != end:
                continue      # only whole query words: 党委 inside 党委书记 is not a synonym hit
            for target in targets:
                for run in _RUN.findall(target):
                    pieces = segment(run, self.vocab, self.rules["maxWord"], self.stop_chars) if _HAN.match(run) else [(run, "word")]
                    for piece, kind in pieces:
                        if kind in ("word", "char") and piece in self.vocab:
                            parsed.clauses.append(Clause(piece, False, weights["synonym"], covers))
        return parsed

    # --- ranking -----------------------------------------------------------------
    def _allowed(self, i: int, parsed: ParsedQuery) -> bool:
        doc = self.docs[i]
        if parsed.type and doc[3] != parsed.type:
            return False
        if parsed.level and parsed.level not in doc[4]:
            return False
        return True

    def search(self, query: str) -> list[dict]:
        """Ranked results: ``[{"ref", "location", "title", "type", "score", "terms"}]``."""
        from lunr.query import Query

        parsed = self.parse(query)
        if not parsed.units:
            if not (parsed.type or parsed.level):
                return []
            return [self._result(i, 1.0, {}) for i in range(len(self.docs)) if self._allowed(i, parsed)][:self.rules["maxResults"]]
        ask = [c for c in parsed.clauses if c.wildcard or c.term not in self.common]
        indexes = self.indexes
        if not ask:                      # only words found on most pages: rank by titles and summaries
            ask, indexes = parsed.clauses, self.indexes[:1]
        deferred = [c for c in parsed.clauses if c not in ask]
        merged: dict[int, list] = {}     # ref -> [score, matched terms]
        for index in indexes:
            q = index.create_query()
            for c in ask:
                q.term(c.term, boost=c.boost, use_pipeline=False,
                       wildcard=Query.WILDCARD_TRAILING if c.wildcard else Query.WILDCARD_NONE)
            for hit in index.query(q):
                i = int(hit["ref"])
                slot = merged.setdefault(i, [0.0, []])
                slot[0] += hit["score"]
                slot[1] += [t for t in hit["match_data"].metadata if t not in slot[1]]
        weights = self.rules["weights"]
        out = []
        for i, (lunr_score, matched) in merged.items():
            if not self._allowed(i, parsed):
                continue
            covered: set[int] = set()
            for c in ask:
                if any(t.startswith(c.term) if c.wildcard else t == c.term for t in matched):
                    covered.update(c.covers)
            for c in deferred:
                if self._has_term(i, c.term):
                    covered.update(c.covers)
            share = len(covered) / len(parsed.units)
            score = lunr_score * (weights["coverage"] + (1 - weights["coverage"]) * share) ** 2
            score *= self._phrase_bonus(i, parsed.compact)
            score *= self.rules["typeWeights"].get(self.docs[i][3], 1.0)
            terms = {u: (k in covered) for k, u in enumerate(parsed.units)}
            out.append(self._result(i, score, terms))
        out.sort(key=lambda r: (-r["score"], r["ref"]))
        return out[:self.rules["maxResults"]]

    def _has_term(self, i: int, term: str) -> bool:
        ref = str(i)
        for index in self.indexes:
            posting = index.inverted_index.get(term)
            if posting and any(ref in posting[f] for f in index.fields):
                return True
        return False

    def _phrase_bonus(self, i: int, compact: str) -> float:
        w = self.rules["weights"]
        if len(compact) < 2:
            return 1.0
        if compact in self._aliases[i]:     # the reader typed another name of exactly this entry
            return w["titlePhrase"] * w["titleExact"]
        title = self._titles[i]
        if title == compact:
            return w["titlePhrase"] * w["titleExact"]
        if title.startswith(compact):
            return w["titlePhrase"] * w["titlePrefix"]
        if compact in title:
            return w["titlePhrase"]
        if compact in self._summaries[i]:
            return w["summaryPhrase"]
        return 1.0

    def _result(self, i: int, score: float, terms: dict) -> dict:
        doc = self.docs[i]
        return {"ref": i, "location": doc[0], "title": doc[1], "type": doc[3], "score": score, "terms": terms}
