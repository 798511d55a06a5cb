"""Citations that land on the quoted passage: every passage an entry quotes gets an anchor
on its source's page, where the cleaned full text marks it (``<mark class="rh-quoted">``);
the citation under the quote links to that anchor, and the style sheet highlights the
passage on arrival (``:target``; assets/ronghe-reading.js extends the highlight to the
passage's later paragraphs).

A passage is found in the source text with whitespace ignored (the text as the source page
shows it: one paragraph per line). A passage that is not word for word in the text (an
editor shortened it) lands on the paragraph that shares the most of its character pairs.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from typing import Iterable, Optional

_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def passage_anchor(passage: str) -> str:
    """Stable anchor of a quoted passage (the same passage quoted twice shares it)."""
    return "q-" + hashlib.sha1(_squash(passage).encode("utf-8")).hexdigest()[:10]


def source_paragraphs(text: str) -> list[str]:
    """The paragraphs of a source's cleaned text, as its page shows them."""
    return [p.strip() for p in text.splitlines() if p.strip()]


@dataclass(frozen=True)
class Span:
    para: int            # paragraph index
    start: int           # character offsets inside the paragraph (stripped text)
    end: int


class _Squashed:
    """A text's paragraphs with whitespace removed, joined, and for every character its
    paragraph and offset: made once per source text, searched once per passage."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = paragraphs
        where: list[tuple[int, int]] = []
        chars: list[str] = []
        for pi, para in enumerate(paragraphs):
            for ci, ch in enumerate(para):
                if not ch.isspace():
                    chars.append(ch)
                    where.append((pi, ci))
        self.flat = "".join(chars)
        self.where = where
        self._bigrams: Optional[list[set[str]]] = None

    def locate(self, passage: str) -> list[Span]:
        target = _squash(passage)
        paragraphs = self.paragraphs
        if not target or not paragraphs:
            return []
        at = self.flat.find(target)
        if at < 0:
            if self._bigrams is None:
                self._bigrams = [_bigrams(_squash(p)) for p in paragraphs]
            best = _most_similar(self._bigrams, target)
            return [Span(best, 0, len(paragraphs[best]))] if best is not None else []
        first, last = self.where[at], self.where[at + len(target) - 1]
        spans = []
        for pi in range(first[0], last[0] + 1):
            start = first[1] if pi == first[0] else 0
            end = last[1] + 1 if pi == last[0] else len(paragraphs[pi])
            spans.append(Span(pi, start, end))
        return spans


def locate(paragraphs: list[str], passage: str) -> list[Span]:
    """Where ``passage`` is in ``paragraphs``: one span per paragraph it covers (empty when
    the text is empty or the passage is)."""
    return _Squashed(paragraphs).locate(passage)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _most_similar(paragraph_bigrams: list[set[str]], target: str) -> Optional[int]:
    """The paragraph (given by its character pairs) sharing the most character pairs with ``target``."""
    want = _bigrams(target)
    if not want:
        return None
    scores = [len(want & b) for b in paragraph_bigrams]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    return best if scores[best] > 0 else None


def render_source_text(text: str, passages: Iterable[str]) -> tuple[str, list[str]]:
    """The source text as HTML paragraphs with every quoted passage marked; returns
    (html, anchors). The first mark of a passage carries its anchor; every mark names the
    passages it belongs to in ``data-cite`` (passages may overlap)."""
    paragraphs = source_paragraphs(text)
    squashed = _Squashed(paragraphs)   # once for all passages: squashing the text per passage was
    # quadratic in a source's citations (a dev-server rebuild renders dozens of source pages)
    # paragraph -> list of (start, end, anchor)
    marks: dict[int, list[tuple[int, int, str]]] = {}
    first_of: dict[str, tuple[int, int]] = {}
    for passage in dict.fromkeys(passages):
        anchor = passage_anchor(passage)
        if anchor in first_of:
            continue
        spans = squashed.locate(passage)
        if not spans:
            continue
        first_of[anchor] = (spans[0].para, spans[0].start)
        for sp in spans:
            marks.setdefault(sp.para, []).append((sp.start, sp.end, anchor))
    out = []
    for pi, para in enumerate(paragraphs):
        out.append(f'<p class="rh-source-para">{_marked(para, marks.get(pi, []), first_of, pi)}</p>')
    return "\n".join(out), list(first_of)


def _marked(para: str, marks: list[tuple[int, int, str]], first_of: dict[str, tuple[int, int]], pi: int) -> str:
    if not marks:
        return html.escape(para)
    cuts = sorted({0, len(para), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(para[a:b])
        covering = [m[2] for m in marks if m[0] <= a and b <= m[1]]
        if not covering:
            out.append(piece)
            continue
        ids = [c for c in covering if first_of[c] == (pi, a)]
        # a passage starting here gets its anchor; further passages starting at the same place get
        # empty anchors just before it
        extra = "".join(f'<span class="rh-quoted-anchor" id="{c}"></span>' for c in ids[1:])
        id_attr = f' id="{ids[0]}"' if ids else ""
        out.append(f'{extra}<mark class="rh-quoted"{id_attr} data-cite="{" ".join(covering)}">{piece}</mark>')
    return "".join(out)
