"""How a query is understood and ranked -- the Python twin of ``web/worker.js``.

The browser and this module apply the same rules (published as data in the
index bundle, see ``rules_for``) to the same prebuilt index, so the
evaluation in Python predicts what a reader sees; a Chromium test checks the
two agree.

1. Normalise (NFKC, lower case), fold traditional to simplified characters,
   take out facet filters (``类型:对策``, ``层级:党组书记``).
2. Segment every Chinese run by the fewest pieces over the index vocabulary,
   the synonym phrases, the question frames (怎么办, 为什么, 是什么 ...) and
   fillers (请问, 到底 ...). Frames and fillers are taken out; a frame says
   what the reader wants (``intent``: how, why, what).
3. Between frames, a stretch of the query (a "chunk") that begins a longer
   word is searched as that beginning (三会一 -> 三会一课); single characters
   left between words may be a typo: a span around them that reads like a
   title or tag word is replaced by it (党见 -> 党建, ``typos``).
4. Every word of two or more characters is a query word ("unit") and is
   searched; 不/没/未/无/非 stays with the word after it (不担当); single
   characters are not query words: they are searched at a low weight (虚 in
   党建为啥总是虚的), not counted, not highlighted, and a page with nothing but
   them is not a result; a query of single characters only searches those.
   Long words are also searched by their parts, synonyms of a word at lower
   weight, and a one-character synonym together with the word next to it
   (搞党建 -> 抓党建).
5. On a large site, words found on most pages (党建 ...) are left out of the
   lunr query when rarer words are there, and only checked page by page.
6. Rank: lunr score (fields boosted: title > keywords > summary, 常见说法 > body) times
   the share of query words the page matches, times a bonus when the whole
   query appears in the title or summary, times the page type's weight; a
   level page or checklist that has nothing of the query but a role's name
   (党支部书记, 书记 ...) in its title, tags, summary and 常见说法 counts less, and so
   does one whenever the query names a role but does not ask for its duties
   (一把手压根不过问党建 is about the problem, 党组书记一年该抓哪几件事 about
   the role). For a
   why-question, a matching cause adds the score of the best matching problem
   that links to it (the knowledge graph, ``links``); then the intent's factor
   for the page's type. Maintainer pages (站点说明) only under their own facet,
   or when nothing else is found.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import Level, SynonymList
from .documents import FACET_TYPES, MAINTAINER_TYPES, TYPE_LABELS
from .intent import intent_rules
from .pinyin import PinyinTable
from .index import reader_words
from .segment import COMPLEMENTS, NEGATIONS, STOP_CHARS
from .synonyms import expand_synonyms, fold_table, name_variants, normalize, synonym_sets
from .typos import FUNCTION_CHARS, HOMOPHONE_TERM_MIN, NUMERALS, find_correction, find_homophone_term

MAX_WORD = 12
# Characters that join no run of characters the index lacks (选调没人报名: 调没, 跟处里: 跟处 are no
# words): negations and prepositions that seldom begin or end a name. (Not 无, 和, 同, 向: 无锡, 和平, 同安;
# not 过, 一: 过场, 一把手 are words, and on a small site the index may lack them.)
APART_CHARS = "没不未跟与对从在到"
MAX_CORRECTIONS = 3   # typo corrections per chunk of the query
MAX_VARIANTS = 16    # the compact query with one word swapped for a synonym: at most so many (ParsedQuery.variants)
MAX_NEGATED = 3       # a negation takes in a following word of up to this many characters
WEIGHTS = {
    "prefix": 0.3,        # last word also as prefix (as-you-type)
    "synonym": 0.6,       # synonyms and level names
    "ownPhrase": 0.6,     # a phrase of the synonym list that is no index word, found as typed (念文件 = 念 + 文件), as its parts
    "part": 0.5,          # the parts of a long query word (5+ characters) (党建考核流于形式 -> 党建, 考核, 流于形式)
    "negated": 0.6,       # the word after a negation, when the negated word is not in the index (不担当 -> 担当)
    "corrected": 0.8,     # a word the query was corrected to (党见 -> 党建): below words typed right
    "coverage": 0.25,     # score *= (c + (1 - c) * share of query words matched) ** 2
    "titlePhrase": 3.0,   # whole query inside the title, times 1 + titleShare * (share of the title it makes up)
    "titlePrefix": 1.5,   # ... at its start (a word still being typed: 逐件 -> 逐件销号)
    "titleExact": 2.0,    # ... and the title (or an alias of the entry) is exactly the query
    "titleShare": 0.5,    # (联述联 is more of 联述联评联考 than of 联述联评联考：党建考核覆盖到每名党员)
    "summaryPhrase": 1.5, # whole query inside the summary
    "graph": 1.0,         # an entry of the type a question asks for gets this share of the score of the
                          # best-scoring matching entry that links to it (see GRAPH), before the intent's factor
    "roleOnly": 0.7,      # a level page or checklist whose title, tags, summary and 常见说法 have none of the query's
                          # words besides role names (党支部, 书记 ...), when the query has such words
    "rolePassing": 0.5,   # a level page or checklist when the query names a role in passing: it has other
                          # words and nothing that asks for the role's duties (intent.DUTY_CUES)
    "namedList": 2.0,     # asked for a list (intent "list"): the checklist of a role the query names ...
    "otherList": 0.5,     # ... and, when the query names a role, the checklists of other roles
    "termNamed": 2.0,     # asked what a thing is or what it is called (NAMED_INTENTS): a page whose title or other
                          # name is a word of the query (工委说的逐件销号是什么意思: 逐件销号, though 工委 is not in it)
    "char": 0.4,          # a single character left between words (虚 in 党建为啥总是虚的): searched at this
                          # weight, not a query word (not counted as missing, not highlighted)
}
# Intents by which the reader asks about a thing the query names (WEIGHTS["termNamed"]).
NAMED_INTENTS = ("what", "name")
# Which matching entries lift which linked ones, by intent: a why-question that matches a problem
# wants that problem's causes (为什么党建考核总是流于形式 -> the causes of 党建考核流于形式). Only entries
# that match some query word themselves are lifted. (The same for how-questions, a problem or a cause
# lifting its countermeasures, put countermeasures above the problem or cause that the evaluation set
# expects for 考核就是摆样子咋整 and 党务力量不足怎么办, and is not used.)
GRAPH = {"why": {"from": ["problem"], "to": ["cause"]}}
# Pages whose title is a role: a query word that is part of a role name does not alone make them fit.
ROLE_TYPES = ("level", "checklist")
# Pages made from other entries come after them. A level page and its checklist share the words of a role
# (党支部书记, 班子成员) with every entry about that role; a question naming the role wants the entry.
TYPE_WEIGHTS = {"source": 0.5, "page": 0.6, "topic": 0.7, "level": 0.8, "checklist": 0.8}
MAX_RESULTS = 100
FACET_PATTERN = r"(类型|层级)[:：]\s*([^\s]+)"
_FACET = re.compile(FACET_PATTERN)
_RUN = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _without_questions(text: str, marks, units) -> str:
    """``text`` with its A-not-A questions (能不能 ...) blanked out, each character by a space, but not
    where the question's first character ends a query word (职能不能发挥: 职能 is the word, 不能 a negation)."""
    words = [u for u in units if len(u) >= 2]
    for mark in marks:
        at = text.find(mark)
        while at >= 0:
            if any(text[max(0, at + 1 - len(u)):at + 1] == u for u in words):
                at = text.find(mark, at + 1)
            else:
                text = text[:at] + " " * len(mark) + text[at + len(mark):]
                at = text.find(mark, at + len(mark))
    return text


def compact_of(text: str) -> str:
    """Chinese and Latin runs of a text, without spaces and punctuation."""
    return "".join(_RUN.findall(normalize(text)))


def page_text_of(title: str, summary: str, aliases, text: str) -> str:
    """Title, summary, other names and text of a page, compact: where a synonym phrase is looked
    for (worker: Engine.pageText)."""
    return compact_of(" ".join([title, summary] + list(aliases) + [text]))


def rules_for(kb: KnowledgeBase, colloquial: SynonymList | None = None) -> dict:
    """Everything the browser needs to read a query like this module does."""
    levels = []
    for lv in kb.levels():
        assert isinstance(lv, Level)
        names = list(dict.fromkeys(normalize(n) for n in [lv.short, lv.title] + name_variants(lv.title) if n))
        levels.append([lv.id, lv.short or lv.title, names])
    return {
        "maxWord": MAX_WORD, "maxCorrections": MAX_CORRECTIONS, "maxNegated": MAX_NEGATED, "numerals": NUMERALS,
        "homophoneTermMin": HOMOPHONE_TERM_MIN, "maxVariants": MAX_VARIANTS,
        "functionChars": FUNCTION_CHARS, "apartChars": APART_CHARS,
        "stopChars": "".join(sorted(STOP_CHARS)), "negations": "".join(sorted(NEGATIONS)),
        "complements": sorted(COMPLEMENTS),
        "weights": WEIGHTS, "typeWeights": TYPE_WEIGHTS, "graph": GRAPH, "roleTypes": list(ROLE_TYPES),
        "maxResults": MAX_RESULTS, "facet": FACET_PATTERN, "namedIntents": list(NAMED_INTENTS),
        "types": TYPE_LABELS, "facetTypes": list(FACET_TYPES), "maintainerTypes": list(MAINTAINER_TYPES),
        "levels": levels, "intent": intent_rules(),
        "synonyms": synonym_sets(kb, colloquial), "fold": fold_table(),
    }


def links_for(kb: KnowledgeBase, entry_ids: list[str], graph: dict = GRAPH) -> list[list[int]]:
    """The part of the knowledge graph the ranking uses (``graph``): ``[[i, j, ...], ...]``, document
    ``i`` and the documents it leads to (a problem's causes and countermeasures, a cause's
    countermeasures) of the types ``graph`` lifts from ``i``'s type, by position in the documents'
    list. Documents without such links are left out."""
    at = {eid: i for i, eid in enumerate(entry_ids) if eid}
    rows = []
    for i, eid in enumerate(entry_ids):
        entry = kb.get(eid) if eid else None
        if entry is None:
            continue
        wanted = {t for rule in graph.values() if entry.type_name in rule["from"] for t in rule["to"]}
        linked = []
        if entry.type_name == "problem":
            linked = kb.causes_of(eid) + kb.countermeasures_for_problem(eid)
        elif entry.type_name == "cause":
            linked = kb.countermeasures_for_cause(eid)
        targets = sorted({at[e.id] for e in linked if e.id in at and e.type_name in wanted})
        if targets:
            rows.append([i] + targets)
    return rows


@dataclass
class Clause:
    term: str
    wildcard: bool
    boost: float
    covers: list[int]
    group: int = -1      # clauses of one group (the words of a synonym phrase) cover only together


@dataclass
class ParsedQuery:
    units: list[str] = field(default_factory=list)      # every query word, none dropped
    clauses: list[Clause] = field(default_factory=list)
    compact: str = ""                                   # the query without spaces, frames and fillers
    core: str = ""                                      # ... and without stop characters at the ends of its stretches
    type: str = ""
    level: str = ""
    intent: str = ""                                    # one of intent.INTENT_ORDER, or ""
    duty: bool = False                                  # asks for a role's duties (清单, 职责 ...: intent.DUTY_CUES)
    named: set[str] = field(default_factory=set)        # the levels whose names the query holds (党组书记 -> dangzu-shuji)
    corrections: list[tuple[str, str]] = field(default_factory=list)   # (typed, searched as)
    corrected: set[int] = field(default_factory=set)    # units that come from a correction
    dropped: list[str] = field(default_factory=list)    # single characters not searched
    phrases: list[str] = field(default_factory=list)    # the phrase of each clause group, compact
    # the core with one word swapped for a colloquial synonym (考核摆样子 -> 考核流于形式), and the core: a title
    # or summary that holds one of these holds the query as the reader meant it (see _phrase_bonus)
    variants: list[str] = field(default_factory=list)
    swaps: list[tuple[str, str]] = field(default_factory=list)   # (word typed, synonym) in the order met
    subject: list[int] = field(default_factory=list)   # the word before a what/name frame: what is asked about


def segment(run: str, vocab, max_word: int = MAX_WORD, stop_chars=STOP_CHARS, exclude: str = "",
            phrases: dict | None = None, apart: str = "") -> list[tuple[str, str]]:
    """Segmentation of a Chinese run into the fewest pieces: [(piece, kind)], kind in
    word/char/unknown/stop, or a kind from ``phrases`` (frame/filler: phrase -> kind).
    ``exclude``: a word not to use (to split a long word into its parts). Characters the
    vocabulary lacks next to each other make one unknown piece (a name the index has never
    seen), but not with a character of ``apart`` (选调没人报名: 调没 is no word)."""
    n = len(run)
    phrases = phrases or {}
    cost = [0.0] * (n + 1)
    choice: list[tuple[int, str]] = [(0, "")] * (n + 1)
    for i in range(n - 1, -1, -1):
        best_cost, best = math.inf, (i + 1, "unknown")
        for j in range(min(n, i + max_word), i + 1, -1):
            w = run[i:j]
            if w in phrases:
                if 0.5 + cost[j] < best_cost:
                    best_cost, best = 0.5 + cost[j], (j, phrases[w])
            elif w in vocab and w != exclude and 1 + cost[j] < best_cost:
                best_cost, best = 1 + cost[j], (j, "word")
        ch = run[i]
        if ch in phrases:
            kind, c = phrases[ch], 0.5
        elif ch in stop_chars:
            kind, c = "stop", 0.5
        elif ch in vocab:
            kind, c = "char", 2.0
        else:
            kind, c = "unknown", 3.0
        if c + cost[i + 1] < best_cost:
            best_cost, best = c + cost[i + 1], (i + 1, kind)
        cost[i], choice[i] = best_cost, best
    pieces: list[tuple[str, str]] = []
    i = 0
    while i < n:
        j, kind = choice[i]
        if (kind == "unknown" and pieces and pieces[-1][1] == "unknown" and run[i] not in apart
                and pieces[-1][0][-1] not in apart):
            pieces[-1] = (pieces[-1][0] + run[i:j], "unknown")
        else:
            pieces.append((run[i:j], kind))
        i = j
    return pieces


def _as_typed(pieces: list[tuple[str, str]], k: int, apart: str) -> str:
    """Unknown piece ``k`` with the single known characters next to it, but for those of ``apart``
    (跟, 没 ...); one between two unknown pieces goes with the one before it (活动跟 治 病救 人 半毛 钱:
    治病救人, 半毛钱)."""
    def joins(x: int) -> bool:
        return pieces[x][1] == "char" and pieces[x][0] not in apart
    a = k
    while a > 0 and joins(a - 1):
        a -= 1
    if a > 0 and pieces[a - 1][1] == "unknown":
        a = k
    b = k + 1
    while b < len(pieces) and joins(b):
        b += 1
    return "".join(p for p, _kind in pieces[a:b])


class Scope:
    """The words a query is read against (typos.Lexicon too): the index words found on
    readers' pages -- words found only on maintainer pages (站点说明) would otherwise stop a
    typo from being corrected (三会一棵 is quoted in the search guide) -- or, for
    ``类型:站点说明``, the words of every page."""

    def __init__(self, engine: "SearchEngine", readers_only: bool):
        self.engine = engine
        self.readers_only = readers_only
        self.words = engine.reader_vocab if readers_only else engine.vocab
        self.sorted = sorted(self.words)
        # what query segmentation knows as words: these and the synonym phrases
        self.lexicon = self.words | {k for k in engine.synonyms if len(k) >= 2}

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def weight(self, word: str) -> int:
        """On how many pages ``word`` is a word of the title, the tags or another name."""
        posting = self.engine.indexes[0].inverted_index.get(word)
        if not posting:
            return 0
        refs = [r for f in ("t", "k") for r in posting.get(f, {})]
        return sum(1 for r in refs if self.engine.for_readers(int(r))) if self.readers_only else len(refs)

    def is_target(self, word: str) -> bool:
        return len(word) >= 2 and self.weight(word) > 0

    def with_prefix(self, prefix: str):
        i = bisect.bisect_left(self.sorted, prefix)
        while i < len(self.sorted) and self.sorted[i].startswith(prefix):
            yield self.sorted[i]
            i += 1

    def begins_word(self, text: str) -> bool:
        """Some word starts with ``text`` and is longer."""
        return any(w != text for w in self.with_prefix(text))


class SearchEngine:
    """Search over a published bundle ``{"index", "body", "docs", "rules", "pinyin", "links"}`` with lunr.py."""

    def __init__(self, bundle: dict):
        from lunr.index import Index

        # head (title, keywords, summary) and body: two lunr indexes, scores add up
        self.indexes = [Index.load(bundle["index"])]
        if bundle.get("body"):
            self.indexes.append(Index.load(bundle["body"]))
        self.vocab = set().union(*(idx.inverted_index for idx in self.indexes))
        self.docs = bundle["docs"]
        self.rules = bundle["rules"]
        self.table = PinyinTable(bundle.get("pinyin") or [])
        self.stop_chars = set(self.rules["stopChars"]) | set(self.rules["intent"]["fillerChars"])
        self.negations = set(self.rules["negations"])
        self.complements = set(self.rules.get("complements", []))
        self.common = set(self.rules.get("common", []))
        self.real_words = set(self.rules.get("realWords", []))   # words of the language, no typos (主意)
        self.synonyms = expand_synonyms(self.rules["synonyms"])
        self.phrase_docs = {p: set(pages) for p, pages in (bundle.get("phraseDocs") or {}).items()}
        self.maintainer = set(self.rules["maintainerTypes"])
        intent = self.rules["intent"]
        self.phrases = {p: "filler" for p in intent["fillers"]}
        self.frame_intent = {}
        for name, frames in intent["frames"].items():
            for frame in frames:
                self.phrases[frame] = "frame"
                self.frame_intent[frame] = name
        # intents read from the query as typed (web/worker.js compiles the same patterns)
        self.patterns = {name: re.compile(p) for name, p in intent.get("patterns", {}).items()}
        self.make_list = re.compile(intent["makeList"])
        self.level_names = {name: lid for lid, _short, names in self.rules["levels"] for name in names}
        self.links = {row[0]: row[1:] for row in bundle.get("links") or []}
        # words that are a role's name or part of one (党支部书记, 支部, 书记)
        self.role_names = [name for name in self.level_names if len(name) >= 2]
        self._names_longest_first = sorted(self.role_names, key=len, reverse=True)
        self.type_by_label = {label: t for t, label in self.rules["types"].items()}
        self._titles = [compact_of(d[1]) for d in self.docs]
        self._summaries = [compact_of(d[2]) for d in self.docs]
        self._aliases = [{compact_of(a) for a in d[5]} for d in self.docs]
        self.texts = bundle.get("texts") or []
        self._page_texts: dict[int, str] = {}
        aside = {i for i in range(len(self.docs)) if not self.for_readers(i)}
        # the index words found on a reader's page (index.reader_words, as the chunks' FOR_READERS flag)
        self.reader_vocab = set().union(*(reader_words(part, aside) for part in (bundle["index"], bundle.get("body"))
                                          if part))
        self.scopes = {True: Scope(self, readers_only=True), False: Scope(self, readers_only=False)}

    def for_readers(self, i: int) -> bool:
        return self.docs[i][3] not in self.maintainer

    def page_text(self, i: int) -> str:
        """Title, summary, other names and text of a page, compact: where a synonym phrase is looked for."""
        if i not in self._page_texts:
            doc = self.docs[i]
            text = self.texts[i] if i < len(self.texts) else ""
            self._page_texts[i] = page_text_of(doc[1], doc[2], doc[5], text)
        return self._page_texts[i]

    def has_phrase(self, i: int, phrase: str) -> bool:
        """Whether page ``i`` holds ``phrase``: from the build's list where it has the phrase
        (phrases.py), else from the page's text."""
        pages = self.phrase_docs.get(phrase)
        return i in pages if pages is not None else phrase in self.page_text(i)

    # --- understanding the query -------------------------------------------------
    def fold(self, text: str) -> str:
        table = self.rules["fold"]
        return "".join(table.get(ch, ch) for ch in normalize(text))

    def segment(self, run: str, scope: Scope, phrases: bool = True) -> list[tuple[str, str]]:
        """A query run over the scope's lexicon (with frames and fillers unless ``phrases`` is false)."""
        return segment(run, scope.lexicon, self.rules["maxWord"], self.stop_chars, "",
                       self.phrases if phrases else None, self.rules.get("apartChars", ""))

    def index_words(self, text: str, scope: Scope) -> list[str] | None:
        """The index terms a synonym phrase is made of: words, a negation with its word
        (不重视), single characters (凭 in 凭感情: checked, not searched, see ``rank``);
        ``None`` if some character is not in the index at all."""
        out = []
        for run in _RUN.findall(text):
            if not _HAN.match(run):
                if run not in scope:
                    return None
                out.append(run)
                continue
            pieces = segment(run, scope, self.rules["maxWord"], self.stop_chars)
            k = 0
            while k < len(pieces):
                piece, kind = pieces[k]
                if (piece in self.negations and k + 1 < len(pieces) and pieces[k + 1][1] == "word"
                        and piece + pieces[k + 1][0] in scope):
                    out.append(piece + pieces[k + 1][0])
                    k += 1
                elif kind in ("word", "char"):
                    out.append(piece)
                elif kind != "stop":
                    return None
                k += 1
        return out

    def parse(self, query: str) -> ParsedQuery:
        q = self.fold(query)
        parsed = ParsedQuery()
        for key, value in _FACET.findall(q):
            if key == "类型":
                parsed.type = self.type_by_label.get(value, value if value in self.rules["types"] else "")
            else:
                parsed.level = self.level_names.get(value, "")
        q = _FACET.sub(" ", q)
        parsed.duty = any(cue in q for cue in self.rules["intent"].get("duty", ()))
        scope = self.scopes[parsed.type not in self.maintainer]
        open_end = bool(q) and not q[-1].isspace()
        runs = _RUN.findall(q)
        # 怎么总是, 有没有地方这么干过, 这属于哪种问题 ...
        intents: set[str] = {name for name, pattern in self.patterns.items() if pattern.search(q)}
        frames: list[str] = []                  # 案例 ...: searched as words if nothing else is left
        named_at: list[int] = []
        for r, run in enumerate(runs):
            last = open_end and r == len(runs) - 1
            if not _HAN.match(run):
                self._chunk(parsed, [(run, "word")], last, scope)
                continue
            chunk: list[tuple[str, str]] = []
            for piece, kind in self.segment(run, scope) + [("", "end")]:
                if kind in ("frame", "filler", "end"):
                    if kind == "frame":
                        intents.add(self.frame_intent[piece])
                        if self.frame_intent[piece] in self.rules["intent"]["naming"]:
                            frames.append(piece)    # (a frame naming a type; 怎么办 alone stays no query)
                    if chunk:
                        self._chunk(parsed, chunk, last and kind == "end", scope)
                    chunk = []
                    if kind == "frame" and self.frame_intent[piece] in self.rules["namedIntents"]:
                        named_at.append(len(parsed.units))   # (the word before it: 责任状 in 责任状是个啥)
                else:
                    chunk.append((piece, kind))
        if not parsed.units and not parsed.dropped:
            for piece in frames:                # nothing but frames (案例, 典型案例): they are the query
                self._chunk(parsed, self.segment(piece, scope, phrases=False), False, scope)
        if not parsed.units:
            # nothing but single characters: search those (a one-character query, say)
            for ch in parsed.dropped:
                u = self._unit(parsed, ch)
                parsed.clauses.append(Clause(ch, ch not in scope, 1.0, [u]))
            if len(parsed.units) == 1 and open_end:
                parsed.clauses.append(Clause(parsed.units[0], True, self.rules["weights"]["prefix"], [0]))
        else:
            # single characters left between words add a little where they occur, without counting
            # as query words (虚 in 党建为啥总是虚的)
            for ch in dict.fromkeys(parsed.dropped):
                if ch in scope:
                    parsed.clauses.append(Clause(ch, False, self.rules["weights"]["char"], []))
        told = q                                       # the query as meant: 党组书纪 is 党组书记
        for typed, word in parsed.corrections:
            told = told.replace(typed, word)
        parsed.named = self._named_levels(told)
        rules = self.rules["intent"]
        for name, words in rules["cues"].items():
            if any(cue in unit for unit in parsed.units for cue in words):
                intents.add(name)
        if set(parsed.units) & set(rules.get("listWords", ())):
            intents.add("list")             # 有没有现成的清单: checklists (责任清单, a word of its own, is not)
        if _without_questions(told, rules.get("whetherMarks", ()), parsed.units) != told:
            intents.add("whether")          # 能不能直接管业务: the countermeasure (not in 职能不能发挥)
        if not intents and len(parsed.units) >= 2:     # 书记只管业务不管党建: a problem described
            for word in rules.get("notMarks", ()):      # 不断, 未来: no negation (told: 述只报告 is 述职报告)
                told = told.replace(word, " ")
            told = _without_questions(told, rules.get("questionMarks", ()), parsed.units)
            if (any(mark in told for mark in rules.get("complaintMarks", ()))
                    and not any(word in told for word in rules.get("informationWords", ()))):
                intents.add("complaint")
        if "list" in intents and "how" in intents and self.make_list.search(q):
            intents.discard("list")         # 这个单子该怎么列: how to draw one up, not a checklist asked for
        parsed.intent = next((name for name in rules["order"] if name in intents), "")
        # 责任状是个啥: the word before the frame; a frame that opens the query (什么叫工委说的逐件销号) names none
        parsed.subject = sorted({n - 1 for n in named_at if n >= 1})
        if parsed.intent == "list":         # 有对照表没, like 清单 (a duty cue): the role named is not named in passing
            parsed.duty = True
        # the query without stop characters at the ends of its stretches, and that with one word swapped
        for variant in [parsed.core] + [parsed.core.replace(word, compact_of(target), 1) for word, target in parsed.swaps]:
            if variant and variant != parsed.compact and variant not in parsed.variants:
                parsed.variants.append(variant)
                if len(parsed.variants) >= self.rules["maxVariants"]:
                    break
        return parsed

    def _unit(self, parsed: ParsedQuery, text: str, corrected: bool = False) -> int:
        if text in parsed.units and not corrected:     # the same word twice counts once
            return parsed.units.index(text)
        u = len(parsed.units)
        parsed.units.append(text)
        if corrected:
            parsed.corrected.add(u)
        return u

    def _negations(self, pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Mark 不/没/未/无/非 before a short word as kind "neg": it stays with that word;
        a complement right after a single character, a verb as a rule (顾不到, 做不了), as "stop":
        not searched (after a word, 干部不到岗, it is what the reader complains of)."""
        out = list(pieces)
        for k in range(len(out) - 1):
            piece, kind = out[k]
            if (kind == "char" and piece in self.negations and out[k + 1][1] == "word"
                    and len(out[k + 1][0]) <= self.rules["maxNegated"]):
                out[k] = (piece, "neg")
        for k in range(1, len(out)):
            if out[k][1] == "word" and out[k][0] in self.complements and out[k - 1][1] in ("char", "unknown"):
                out[k] = (out[k][0], "stop")
        return out

    def _chunk(self, parsed: ParsedQuery, pieces: list[tuple[str, str]], last: bool, scope: Scope) -> None:
        """One stretch of the query between frames and fillers."""
        w = self.rules["weights"]
        pieces = self._negations(pieces)
        text = "".join(p for p, _k in pieces)
        loose = any(k in ("char", "unknown") for _p, k in pieces)
        searched = [k for _p, k in pieces if k != "stop"]
        prefix_of_word = len(searched) >= 2 and text not in scope.lexicon and scope.begins_word(text)
        if prefix_of_word and loose:
            # the start of a longer word, still being typed (三会一 -> 三会一课)
            u = self._unit(parsed, text)
            parsed.clauses.append(Clause(text, True, 1.0, [u]))
            parsed.compact += text
            parsed.core += text
            return
        regions: list[list[int]] = []           # corrected stretches of text
        if self.table and not prefix_of_word:
            for _ in range(self.rules["maxCorrections"]):
                found = (find_correction(pieces, self.table, scope, self.real_words, self.rules.get("functionChars", ""))
                         if loose else None)
                if not found:                       # no loose character is wrong: a word may be (主题责任)
                    found = find_homophone_term(pieces, self.table, scope, self.rules["homophoneTermMin"])
                if not found:
                    break
                s, e, word = found
                parsed.corrections.append((text[s:e], word))
                delta = len(word) - (e - s)
                for region in regions:
                    if region[0] >= e:
                        region[0] += delta
                        region[1] += delta
                regions.append([s, s + len(word)])
                text = text[:s] + word + text[e:]
                pieces = self._negations(self.segment(text, scope, phrases=False))
        parsed.compact += text
        a, b = 0, len(pieces)                   # (给党建考核打分: 给 is no part of a title; see variants)
        while a < b and pieces[a][1] == "stop":
            a += 1
        while b > a and pieces[b - 1][1] == "stop":
            b -= 1
        parsed.core += "".join(p for p, _k in pieces[a:b])
        unit_of_piece: dict[int, int] = {}
        pos = 0
        k = 0
        while k < len(pieces):
            piece, kind = pieces[k]
            start, pos = pos, pos + len(piece)
            if kind == "word":
                corrected = any(a < pos and start < b for a, b in regions)
                unit_of_piece[k] = self._word(parsed, piece, corrected, scope)
            elif kind == "neg":
                # a negation stays with its word: 不担当 (担当 searched at lower weight if 不担当 is not indexed)
                after = pieces[k + 1][0]
                u = self._unit(parsed, piece + after)
                if piece + after in scope:
                    parsed.clauses.append(Clause(piece + after, False, 1.0, [u]))
                parsed.clauses.append(Clause(after, False, w["negated"], [u]))
                unit_of_piece[k] = unit_of_piece[k + 1] = u
                pos += len(after)
                k += 1
            elif kind == "unknown" and len(piece) > 1:
                # characters the index has never seen: maybe the start of a word; named (缺少) with the known
                # single characters around them, as typed (治病救人, 大夫护士, not 病救, 夫护士)
                u = self._unit(parsed, _as_typed(pieces, k, self.rules["apartChars"]))
                parsed.clauses.append(Clause(piece, True, 1.0, [u]))
                unit_of_piece[k] = u
            elif kind in ("char", "unknown"):
                parsed.dropped.append(piece)
            k += 1
        # a one-character synonym acts with the word next to it: 搞党建 -> 抓党建
        for k, (piece, kind) in enumerate(pieces):
            if kind != "char" or len(piece) != 1 or piece not in self.synonyms:
                continue
            for target in self.synonyms[piece]:
                if len(target) != 1:
                    continue
                for nb, cand in ((k + 1, lambda t, o: t + o), (k - 1, lambda t, o: o + t)):
                    if 0 <= nb < len(pieces) and nb in unit_of_piece and pieces[nb][1] == "word":
                        word = cand(target, pieces[nb][0])
                        if word in scope:
                            parsed.clauses.append(Clause(word, False, w["synonym"], [unit_of_piece[nb]]))
        units = sorted(set(unit_of_piece.values()))
        if prefix_of_word and units:
            # a chunk of whole words that also begins a longer word
            parsed.clauses.append(Clause(text, True, 1.0, units))
        end = len(pieces) - 1
        if last and end in unit_of_piece and pieces[end][1] == "word" and len(pieces[end][0]) > 1:
            # the last word may still be being typed
            parsed.clauses.append(Clause(pieces[end][0], True, w["prefix"], [unit_of_piece[end]]))

    def _word(self, parsed: ParsedQuery, word: str, corrected: bool, scope: Scope) -> int:
        w = self.rules["weights"]
        u = self._unit(parsed, word, corrected)
        scale = w["corrected"] if corrected else 1.0
        if word in scope:
            parsed.clauses.append(Clause(word, False, scale, [u]))
        if len(word) >= 5 and _HAN.match(word):
            parts = segment(word, scope, self.rules["maxWord"], self.stop_chars, word)
            if len(parts) > 1:
                for part, kind in parts:
                    if kind == "word" and len(part) >= 2:
                        parsed.clauses.append(Clause(part, False, w["part"] * scale, [u]))
        if word not in scope and word in self.synonyms:
            # a phrase of the synonym list that is no index word (念文件: 念 + 文件): its own words, where a
            # page has them as the phrase; a negation with its word (不作为: 作为) as a negation is, unless a
            # synonym is an index word (不担当): 作为 alone is mostly "as"
            if (word[0] in self.negations and word[1:] in scope
                    and not any(t in scope for t in self.synonyms.get(word, []))):
                parsed.clauses.append(Clause(word[1:], False, w["negated"] * scale, [u]))
            own = [(word, w["ownPhrase"])]
        else:
            own = []
        for target, weight in own + [(t, w["synonym"]) for t in self.synonyms.get(word, [])]:
            if target != word:
                parsed.swaps.append((word, target))
            pieces = self.index_words(target, scope)
            if not pieces or all(len(x) < 2 for x in pieces):
                continue
            group = -1
            if len(pieces) > 1:          # a phrase (意识不强): it counts only where the page has it as such
                group = len(parsed.phrases)
                parsed.phrases.append(compact_of(target))
            for piece in pieces:
                parsed.clauses.append(Clause(piece, False, weight * scale, [u], group))
        return u

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
        parsed = self.parse(query)
        return self.rank(parsed)

    def rank(self, parsed: ParsedQuery) -> list[dict]:
        from lunr.query import Query

        max_results = self.rules["maxResults"]
        maintainer = set(self.rules["maintainerTypes"])
        if not parsed.units:
            if not (parsed.type or parsed.level):
                return []
            return [self._result(i, 1.0, {}) for i in range(len(self.docs)) if self._allowed(i, parsed)][:max_results]
        if not parsed.clauses:           # words the index does not have (a Latin letter, say)
            return []
        # words on most pages (党建 ...) and single characters of a phrase (凭 in 凭感情)
        # are not asked from lunr, only checked page by page
        asked = [c.wildcard or (c.term not in self.common and (len(c.term) > 1 or c.group < 0))
                 for c in parsed.clauses]
        indexes = self.indexes
        if not any(asked):               # only such words: rank by the head fields (titles, summaries ...)
            asked, indexes = [True] * len(parsed.clauses), self.indexes[:1]
        terms: dict[tuple[str, bool], float] = {}     # one lunr clause per term, at its highest boost
        for c, a in zip(parsed.clauses, asked):
            if a:
                terms[(c.term, c.wildcard)] = max(c.boost, terms.get((c.term, c.wildcard), 0.0))
        merged: dict[int, list] = {}     # ref -> [score, matched terms, terms matched in a head field (title, tags ...)]
        for x, index in enumerate(indexes):
            q = index.create_query()
            for (term, wildcard), boost in terms.items():
                q.term(term, boost=boost, use_pipeline=False,
                       wildcard=Query.WILDCARD_TRAILING if wildcard else Query.WILDCARD_NONE)
            for hit in index.query(q):
                i = int(hit["ref"])
                slot = merged.setdefault(i, [0.0, [], []])
                slot[0] += hit["score"]
                slot[1] += [t for t in hit["match_data"].metadata if t not in slot[1]]
                if x == 0:
                    slot[2] += list(hit["match_data"].metadata)
        weights = self.rules["weights"]
        boosts = self.rules["intent"]["boosts"].get(parsed.intent, {})
        role_types = set(self.rules["roleTypes"])
        roles = [u for u, unit in enumerate(parsed.units) if self._is_role(unit)]
        passing = bool(roles) and len(roles) < len(parsed.units) and not parsed.duty   # a role named in passing
        scored: dict[int, list] = {}     # ref -> [score before the intent's factor, units covered]
        said = [parsed.compact] + parsed.variants   # the query as typed and as meant (_phrase_bonus)
        for i, (lunr_score, matched, head) in merged.items():
            if not self._allowed(i, parsed):
                continue
            hit = [self._matches(c, matched) if a else self._has_term(i, c.term)
                   for c, a in zip(parsed.clauses, asked)]
            if not any(h and c.covers for c, h in zip(parsed.clauses, hit)):
                continue                 # a page with only single characters of the query
            group_missed = {c.group for c, h in zip(parsed.clauses, hit) if c.group >= 0 and not h}
            group_missed.update(g for g, phrase in enumerate(parsed.phrases)
                                if g not in group_missed and not self.has_phrase(i, phrase))
            covered: set[int] = set()
            in_head: set[int] = set()
            for c, h in zip(parsed.clauses, hit):
                if h and c.group not in group_missed:
                    covered.update(c.covers)
                    if self._matches(c, head):
                        in_head.update(c.covers)
            share = len(covered) / len(parsed.units)
            score = lunr_score * (weights["coverage"] + (1 - weights["coverage"]) * share) ** 2
            score *= max(self._phrase_bonus(i, c) for c in said)
            doc_type = self.docs[i][3]
            score *= self.rules["typeWeights"].get(doc_type, 1.0)
            if parsed.intent in self.rules["namedIntents"] and self._named_by(
                    i, [parsed.units[k] for k in parsed.subject] if parsed.subject else parsed.units):
                score *= weights["termNamed"]
            if (doc_type in role_types and roles and len(roles) < len(parsed.units) and not (in_head - set(roles))
                    and not parsed.duty):
                # only the role's name is what the page has of the query where it shows what it is about (and
                # the query does not ask for the role's duties: 党组书记一年该抓哪几件事 wants the role's pages)
                score *= weights["roleOnly"]
            if doc_type in role_types and passing:
                score *= weights["rolePassing"]
            if parsed.intent == "list" and doc_type == "checklist" and parsed.named:
                # 普通党员工作清单: the members' checklist, not the branch's, though its title says 工作清单
                mine = any(level in parsed.named for level in self.docs[i][4])
                score *= weights["namedList"] if mine else weights["otherList"]
            scored[i] = [score, covered]
        graph = self.rules["graph"].get(parsed.intent)
        lift: dict[int, float] = {}
        if graph:
            for i, (score, _covered) in scored.items():
                if self.docs[i][3] in graph["from"]:
                    for j in self.links.get(i, ()):
                        if j in scored and self.docs[j][3] in graph["to"]:
                            lift[j] = max(lift.get(j, 0.0), score)
        out, aside = [], []
        for i, (score, covered) in scored.items():
            doc_type = self.docs[i][3]
            score = (score + weights["graph"] * lift.get(i, 0.0)) * boosts.get(doc_type, 1.0)
            result = self._result(i, score, {u: (k in covered) for k, u in enumerate(parsed.units)})
            (aside if doc_type in maintainer and not parsed.type else out).append(result)
        if not out:                      # nothing for readers: the maintainer pages that match
            out = aside
        first = self.rules["intent"].get("first", {}).get(parsed.intent)   # 案例: the cases first
        out.sort(key=lambda r: (first is not None and r["type"] != first, -r["score"], r["ref"]))
        return out[:max_results]

    @staticmethod
    def _matches(c: Clause, matched) -> bool:
        return any(t.startswith(c.term) if c.wildcard else t == c.term for t in matched)

    def _named_levels(self, text: str) -> set[str]:
        """The levels whose names ``text`` holds, a longer name first: 党组书记 (not 党组) in 党组书记抓党建,
        however the query is segmented (党组 + 书记抓 + 党建)."""
        taken = [False] * len(text)
        named: set[str] = set()
        for name in self._names_longest_first:
            at = text.find(name)
            while at >= 0:
                if not any(taken[at:at + len(name)]):
                    named.add(self.level_names[name])
                    taken[at:at + len(name)] = [True] * len(name)
                at = text.find(name, at + 1)
        return named

    def _named_by(self, i: int, units) -> bool:
        """Whether one of the query's words is this page's title or another name of it (逐件销号
        in 工委说的逐件销号是什么意思)."""
        return any(u == self._titles[i] or u in self._aliases[i] for u in units)

    def _is_role(self, unit: str) -> bool:
        """A role's name or a word of one (书记 in 党支部书记)."""
        return any(unit in name for name in self.role_names)

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
        share = 1 + w["titleShare"] * len(compact) / len(title) if title else 1
        if title.startswith(compact):
            return w["titlePhrase"] * w["titlePrefix"] * share
        if compact in title:
            return w["titlePhrase"] * share
        if compact in self._summaries[i]:
            return w["summaryPhrase"]
        return 1.0

    def _result(self, i: int, score: float, terms: dict) -> dict:
        doc = self.docs[i]
        return {"ref": i, "location": doc[0], "title": doc[1], "type": doc[3], "score": score, "terms": terms}
