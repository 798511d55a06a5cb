"""Split clean text into sentences with their offsets.

A sentence ends at 。！？ or …… (together with any closing quotes or brackets that
follow), or at the end of a paragraph (line). Inside an open “…” quotation a
full stop does not end the sentence unless the quotation closes right after it,
so ``指出，“甲。乙”。`` stays one sentence. Every character of every paragraph
belongs to exactly one sentence, so the sentences put together give back the text.
"""

from __future__ import annotations

from dataclasses import dataclass

_ENDS = "。！？"
_CLOSERS = "”’）》」』】"
_OPEN_Q = "“‘「『"
_CLOSE_Q = "”’」』"


@dataclass(frozen=True)
class Sentence:
    index: int      # 0-based position in the document
    start: int      # offset in the clean text
    end: int        # offset just after the sentence
    para: int       # 0-based paragraph (line) number
    line: int       # 1-based line in the clean text
    col: int        # 1-based column of the first character
    text: str


def _split_para(para: str, respect_quotes: bool) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    depth = 0
    start = 0
    i, n = 0, len(para)
    while i < n:
        ch = para[i]
        if ch in _OPEN_Q:
            depth += 1
        elif ch in _CLOSE_Q and depth:
            depth -= 1
        end_here = False
        if ch in _ENDS or (ch == "…" and i + 1 < n and para[i + 1] == "…"):
            j = i + 1
            if ch == "…":
                j += 1
            local_depth = depth
            while j < n and para[j] in _CLOSERS:
                if para[j] in _CLOSE_Q and local_depth:
                    local_depth -= 1
                j += 1
            # further terminators directly after (“！？”, “。”) belong to this sentence
            while j < n and para[j] in _ENDS:
                j += 1
            if not respect_quotes or local_depth == 0:
                end_here = True
                depth = 0
            if end_here:
                pieces.append((start, j))
                start = j
                i = j
                continue
        i += 1
    if start < n:
        pieces.append((start, n))
    return pieces


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of *text* in order; paragraphs are lines."""
    out: list[Sentence] = []
    offset = 0
    for para_no, para in enumerate(text.split("\n")):
        if para.strip():
            pieces = _split_para(para, respect_quotes=True)
            # an unbalanced quotation would swallow the rest of the paragraph
            if len(pieces) == 1 and len(para) > 200:
                pieces = _split_para(para, respect_quotes=False)
            for s, e in pieces:
                chunk = para[s:e]
                if not chunk.strip():
                    continue
                out.append(Sentence(
                    index=len(out), start=offset + s, end=offset + e, para=para_no,
                    line=para_no + 1, col=s + 1, text=chunk,
                ))
        offset += len(para) + 1
    return out
