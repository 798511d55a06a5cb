"""The domain dictionary: words jieba must keep whole (两张皮, 一岗双责, 三会一课 ...).

Taken from glossary terms and aliases, tags, entry titles (split at
punctuation), level names and roles, and countermeasure categories.
"""

from __future__ import annotations

import hashlib
import re

from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import Level, Term
from .synonyms import name_variants, normalize

MIN_LEN, MAX_LEN = 2, 12
_HAN_PHRASE = re.compile(r"[\u4e00-\u9fff]+")


def _phrases(text: str) -> list[str]:
    """Han-only pieces of a title, split at punctuation, spaces, Latin letters and digits."""
    return [p for p in _HAN_PHRASE.findall(normalize(text)) if MIN_LEN <= len(p) <= MAX_LEN]


def domain_words(kb: KnowledgeBase) -> list[str]:
    """Sorted, de-duplicated words for jieba."""
    words: set[str] = set()
    for entry in kb.entries.values():
        titles = [entry.title] + list(entry.tags)
        if isinstance(entry, Term):
            titles += list(entry.aliases)
        if isinstance(entry, Level):
            titles += name_variants(entry.title) + [entry.short, entry.role]
        for t in titles:
            if t:
                words.update(_phrases(t))
    for cat in kb.categories.values():
        words.update(_phrases(cat.title))
    return sorted(words)


def fingerprint(words: list[str]) -> str:
    return hashlib.sha1("\n".join(words).encode("utf-8")).hexdigest()[:16]
