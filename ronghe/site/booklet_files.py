"""The booklet's files: one PDF, or above a number of entries one PDF per chapter (issue 20).

At 20,000 entries the whole book would run to tens of thousands of pages: one file of
hundreds of megabytes that no reader opens. Above ``booklet_split`` entries (the plugin
option, 10,000 by default) the booklet is written as one PDF per chapter, numbered as one
book (each file's pages carry the book's page numbers, and “见第 N 页” points into the
book across files); the training page and 打印材料 list the files. The chapters here are
those of ronghe/build/pdf/booklet_chapters.py (tests/pdf/test_booklet_split.py checks it).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Optional

from ronghe.content.graph import KnowledgeBase
from ronghe.content.training import topics

from .urls import BOOKLET_PDF, TRAINING_PDF_FOLDER

DEFAULT_SPLIT = 10_000   # entries
CHAPTERS = (("problems", "问题表现"), ("causes", "原因"), ("countermeasures", "对策"), ("cases", "典型案例"),
            ("levels", "各层级责任清单"), ("glossary", "术语"), ("sources", "来源文献"))
APPENDIX = ("topics", "附录：研讨专题")

_SPLIT: ContextVar[int] = ContextVar("ronghe_booklet_split", default=DEFAULT_SPLIT)


@contextmanager
def split_at(limit: int):
    """Pages generated inside list the booklet's files for this limit (the plugin's option)."""
    token = _SPLIT.set(limit)
    try:
        yield
    finally:
        _SPLIT.reset(token)


def is_split(kb: KnowledgeBase, limit: Optional[int] = None) -> bool:
    limit = _SPLIT.get() if limit is None else limit
    return 0 < limit < len(kb.entries)


def chapter_pdf_uri(number: int, key: str) -> str:
    return f"{TRAINING_PDF_FOLDER}/ronghe-booklet-{number:02d}-{key}.pdf"


def booklet_chapters(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(key, title) of the book's chapters, the appendix when there are topics."""
    return list(CHAPTERS) + ([APPENDIX] if topics(kb) else [])


def booklet_files(kb: KnowledgeBase, limit: Optional[int] = None) -> list[tuple[str, str]]:
    """(title, site path) of the booklet's PDF files."""
    book = kb.identity.booklet_title or "全书"
    if not is_split(kb, limit):
        return [(book, BOOKLET_PDF)]
    return [(f"{book}（{i}）{title}" + ("（含封面和目录）" if i == 1 else ""), chapter_pdf_uri(i, key))
            for i, (key, title) in enumerate(booklet_chapters(kb), start=1)]
