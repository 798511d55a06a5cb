"""Text normalisation, the traditional -> simplified fold table and the synonym
map. The browser applies exactly the same rules to a query (see
``web/worker.js``), so they are exported as data, not re-implemented by hand."""

from __future__ import annotations

import functools
import re
import unicodedata

from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import Level, SynonymList, Term

_PAREN_ALTERNATIVE = re.compile(r"^(?P<a>[\u4e00-\u9fff]*)[（(](?P<b>[\u4e00-\u9fff]{1,6})[)）](?P<c>[\u4e00-\u9fff]*)$")


def normalize(text: str) -> str:
    """Full-width -> half-width (NFKC) and lower case; what both sides do first."""
    return unicodedata.normalize("NFKC", text).lower()


@functools.lru_cache(maxsize=1)
def fold_table() -> dict[str, str]:
    """Traditional -> simplified, one character to one character (OpenCC ``t2s``)."""
    import opencc

    chars = [chr(i) for i in range(0x4E00, 0xA000)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - OpenCC merged lines
        raise RuntimeError("OpenCC changed the number of lines")
    return {t: s for t, s in zip(chars, converted) if t != s and len(s) == 1}


def fold(text: str, table: dict[str, str] | None = None) -> str:
    table = fold_table() if table is None else table
    return "".join(table.get(ch, ch) for ch in normalize(text))


def name_variants(title: str) -> list[str]:
    """``党组（党委）书记`` -> ``党组书记``, ``党委书记``: the ways a reader writes such a name."""
    m = _PAREN_ALTERNATIVE.match(title.strip())
    if not m:
        return [title.strip()]
    a, b, c = m["a"], m["b"], m["c"]
    out = [a + c, b + c] if len(a) == len(b) else [a + b + c, a + c]
    return [v for v in dict.fromkeys(out) if len(v) >= 2]


def synonym_sets(kb: KnowledgeBase, colloquial: SynonymList | None = None) -> list[list[list[str]]]:
    """The synonyms as they are published: ``[words]`` (each stands for the others) or
    ``[sources, targets]`` (each source stands for the targets), normalised, in the order
    ``expand_synonyms`` reads them. A few kilobytes, where the expanded map is ten times as much.

    Glossary terms and their aliases are interchangeable (考评 ≈ 考核). A
    responsibility level's names point to each other and, one way, to its role
    (党委书记 -> 党组书记, 第一责任人), because a role can belong to several levels.
    The colloquial groups of ``content/search/synonyms.yml`` (摆样子 ≈ 流于形式)
    are interchangeable too; only they may have one-character members (搞 ≈ 抓),
    which act together with the word next to them (搞党建 -> 抓党建). Its readings go one
    way: 征管 -> 业务 (a reader from a tax office means the business the guide speaks of),
    not 业务 -> 征管.
    """
    out: list[list[list[str]]] = []

    def add(sources, targets, min_len: int = 2) -> None:
        targets = [t for t in dict.fromkeys(normalize(t).strip() for t in targets) if t]
        sources = [w for w in dict.fromkeys(normalize(w).strip() for w in sources) if len(w) >= min_len]
        if any(t != w for w in sources for t in targets):
            out.append([sources] if sources == targets else [sources, targets])

    for term in kb.by_type("term"):
        assert isinstance(term, Term)
        group = [term.title] + list(term.aliases)
        add(group, group)
    for level in kb.levels():
        assert isinstance(level, Level)
        names = list(dict.fromkeys(name_variants(level.title) + ([level.short] if level.short else [])))
        add(names, names + ([level.role] if level.role else []))
    colloquial = colloquial or SynonymList()
    for group in colloquial.groups:
        add(group, group, min_len=1)
    for target, words in colloquial.readings:
        add(words, [target], min_len=1)
    return out


def expand_synonyms(sets: list[list[list[str]]]) -> dict[str, list[str]]:
    """Phrase a reader may type -> phrases searched as well (at lower weight), from
    ``synonym_sets`` (web/worker.js expands them the same way)."""
    out: dict[str, list[str]] = {}
    for group in sets:
        sources, targets = group[0], group[-1]
        for src in sources:
            bucket = out.setdefault(src, [])
            for t in targets:
                if t != src and t not in bucket:
                    bucket.append(t)
    return {k: v for k, v in out.items() if v}
