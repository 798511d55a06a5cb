"""Word segmentation for the index: jieba with the domain dictionary, in
search mode (a long word is also indexed by the dictionary words inside it),
cached on disk so an unchanged text is not segmented again.

A negation stays with the word it negates: 不合格, 不担当, 未落实 are indexed
as words (besides 合格, 担当, 落实), so that a query for 不合格 does not fall
apart into 不, which is on every page, and 合格.

The cache survives dictionary changes: a cached text is re-segmented only if
one of the added or removed dictionary words occurs in it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import warnings
import os
import re
import tempfile
from pathlib import Path
from typing import Iterable, Optional

from .synonyms import normalize

SEGMENTER_VERSION = "2"          # bump when tokenisation rules change (2: negation compounds)
MAX_SUBWORD_SOURCE = 20          # longer jieba tokens are not expanded into sub-words
_RUN = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")

# Single characters that carry no meaning for search; dropped on both sides.
STOP_CHARS = frozenset("的了和与及是在对把被等之为以也就都而或其着地得个这那么吗呢啊吧")
# A negation followed by a short word makes one more word: 不 + 合格 -> 不合格.
NEGATIONS = frozenset("不没未无非")
MAX_NEGATED = 2                  # length of the word after the negation
# A verb's "cannot" complement (顾不到, 做不了) says that something fails, not what: right after a
# single character (the verb, as a rule) it is not searched; the verb's object is. Alone, at the
# start or after a word (干部不到岗: what the reader complains of) it is; a longer word holding
# one (不到位, 跟不上) is a word of its own.
COMPLEMENTS = frozenset({"不到", "不了", "不上", "不下", "不出", "不来", "不起", "不住", "不动", "不开", "不过"})


class Segmenter:
    """``tokens(text)`` -> index tokens. jieba is loaded only on the first cache miss."""

    def __init__(self, domain_words: Iterable[str], cache: Optional["SegmentCache"] = None):
        self.domain_words = list(domain_words)
        self.cache = cache
        self._jieba = None
        self._runs: dict[str, list[str]] = {}   # run of Chinese characters -> its tokens (this build)
        self.segmented = 0       # texts actually segmented (not served from cache)

    def _tokenizer(self):
        if self._jieba is None:
            with warnings.catch_warnings():   # jieba 0.42 imports setuptools' deprecated pkg_resources
                warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
                import jieba

            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            if self.cache is not None:
                # jieba's dictionary cache (9 MB) beside ours, not in the system's temporary folder:
                # a build stopped while jieba writes it (`ronghe serve` stopped by Ctrl+C or kill)
                # leaves its half-written file in the build's own cache folder, and users of one
                # machine do not share (or fight over) /tmp/jieba.cache
                try:
                    self.cache.path.parent.mkdir(parents=True, exist_ok=True)
                    tk.tmp_dir = str(self.cache.path.parent)
                except OSError:
                    pass   # (then jieba's default; the cache folder's own errors are reported when it is saved)
            tk.initialize()
            total = tk.total
            for word in self.domain_words:
                tk.add_word(word, freq=tk.suggest_freq(word, tune=False) + 1)
            tk.total = total     # a new word must not change how unrelated texts are cut
            self._jieba = tk
        return self._jieba

    def _known(self, word: str) -> bool:
        return bool(self._tokenizer().FREQ.get(word))

    def _segment(self, text: str) -> list[str]:
        out: list[str] = []
        runs = self._runs
        for m in _RUN.finditer(text):
            run = m.group(0)
            if not _HAN.match(run):
                out.append(run)
                continue
            # a run is cut the same wherever it occurs (nothing crosses its ends): the same
            # sentence in many pages (a shared measure, a citation, a template) is cut once
            tokens = runs.get(run)
            if tokens is None:
                tokens = runs[run] = self._segment_run(run)
            out += tokens
        return out

    def _segment_run(self, run: str) -> list[str]:
        tk = self._tokenizer()
        freq = tk.FREQ
        out: list[str] = []
        words = list(tk.cut(run, HMM=False))
        for k, word in enumerate(words):
            if len(word) == 1 and word in STOP_CHARS:
                continue
            if word in NEGATIONS and k + 1 < len(words):
                after = words[k + 1]
                if len(after) <= MAX_NEGATED and not (len(after) == 1 and (after in STOP_CHARS or after in NEGATIONS)):
                    out.append(word + after)   # the word itself follows as the next token
                    continue
            n = len(word)
            if 3 <= n <= MAX_SUBWORD_SOURCE:
                for size in range(2, n):
                    for i in range(0, n - size + 1):
                        sub = word[i:i + size]
                        if freq.get(sub):
                            out.append(sub)
            out.append(word)
        return out

    def tokens(self, text: str) -> list[str]:
        text = normalize(text)
        if not text.strip():
            return []
        if self.cache is not None:
            hit = self.cache.get(text)
            if hit is not None:
                return hit
        result = self._segment(text)
        self.segmented += 1
        if self.cache is not None:
            self.cache.put(text, result)
        return result


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class SegmentCache:
    """On-disk cache ``text hash -> tokens`` that knows the dictionary it was made with."""

    MAX_DIFF = 2000      # beyond this many changed words, start afresh

    def __init__(self, path: Path, domain_words: list[str]):
        self.path = path
        self.words = list(domain_words)
        self._old: dict[str, str] = {}
        self._new: dict[str, str] = {}
        self._changed: list[str] = []
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if data.get("version") != SEGMENTER_VERSION:
            return
        changed = set(data.get("words", [])) ^ set(self.words)
        if len(changed) > self.MAX_DIFF:
            return
        self._changed = sorted(changed)
        self._old = data.get("texts", {})

    def get(self, text: str) -> Optional[list[str]]:
        key = _key(text)
        value = self._new.get(key)
        if value is None:
            value = self._old.get(key)
            if value is None or any(w in text for w in self._changed):
                return None
            self._new[key] = value
        return value.split(" ") if value else []

    def put(self, text: str, tokens: list[str]) -> None:
        self._new[_key(text)] = " ".join(tokens)

    def save(self) -> None:
        """Keep only what this build used."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:   # own temporary file: builds may run side by side
            json.dump({"version": SEGMENTER_VERSION, "words": self.words, "texts": self._new},
                      fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, self.path)
