"""Where each phrase of the synonym list stands, worked out at build time.

A synonym or a reader's own words that are no index word (意识不强, 念文件) are searched by their
index words and count only on a page that has them as the phrase (``query.SearchEngine.rank``).
Looking that up in the page's text needs the text in the browser: at N = 5,000 a first query
with such a phrase fetched the text chunks of up to a hundred pages before it could answer. So
the build lists, for every phrase the synonym map can make, the pages whose text holds it
(``phraseDocs``: the names in the index head, the pages with the term chunks, ``chunks.py``);
a phrase not in the list is still looked up in the text.
"""

from __future__ import annotations

from typing import Iterable

from .query import compact_of


def candidate_phrases(synonyms: dict[str, list[str]], words: Iterable[str] | set[str]) -> list[str]:
    """Every word of the synonym map (both sides) as a query phrase would hold it, but for
    single characters and the readers' index words (``words``: those are searched as such, never
    as a phrase; a word found only on maintainer pages is a phrase to readers, 摆样子 quoted in the
    search guide)."""
    words = words if isinstance(words, set) else set(words)
    out = {compact_of(t) for word, targets in synonyms.items() for t in [word, *targets]}
    return sorted(p for p in out if len(p) >= 2 and p not in words)


def phrase_docs(phrases: list[str], texts: list[str]) -> dict[str, list[int]]:
    """``{phrase: [page numbers]}``: the pages whose compact text (``query.page_text_of``) holds the
    phrase. Only pages having its two rarest characters are read."""
    by_char: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        for ch in set(text):
            by_char.setdefault(ch, []).append(i)
    out: dict[str, list[int]] = {}
    for phrase in phrases:
        lists = sorted((by_char.get(ch, []) for ch in set(phrase)), key=len)
        pages = set(lists[0]).intersection(lists[1]) if len(lists) > 1 else lists[0]
        out[phrase] = sorted(i for i in pages if phrase in texts[i])
    return out
