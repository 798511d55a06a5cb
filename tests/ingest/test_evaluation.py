"""The import measured on report-shaped texts written for the tests (see evaluation.py).

Targets (issue 15): titles and authors 100 %, draft-type precision at least 90 %, no
draft and no clean text from web chrome, no sentence of the article lost. The figures
are published in docs/guide/import.md; print them with
``.venv/bin/python tests/ingest/evaluation.py``.
"""

from __future__ import annotations

import functools

import pytest

from .evaluation import fixtures, summarise

GROUPS = ("tuned", "heldout", "heldout2", "heldout3")


@functools.lru_cache(maxsize=None)
def summary(group: str):
    return summarise(group)


def test_the_evaluation_set_is_big_enough():
    assert len(fixtures("tuned")) >= 8 and len(fixtures("heldout")) + len(fixtures("heldout2")) >= 4
    assert len(fixtures("heldout3")) >= 4


@pytest.mark.parametrize("group", GROUPS)
def test_titles_and_authors_all_right(group):
    s = summary(group)
    wrong = [p for r in s.results for p in r.problems if p.startswith(("标题：", "作者："))]
    assert s.titles == 1.0 and s.authors == 1.0, "\n".join(wrong)


@pytest.mark.parametrize("group", GROUPS)
def test_draft_type_precision_and_recall(group):
    s = summary(group)
    detail = s.table() + "\n" + "\n".join(f"{r.name}: {p}" for r in s.results for p in r.problems)
    assert s.precision >= 0.9, detail
    assert s.recall >= 0.8, detail


@pytest.mark.parametrize("group", GROUPS)
def test_no_chrome_and_no_lost_sentence(group):
    s = summary(group)
    left = [f"{r.name}: {x}" for r in s.results for x in r.chrome_left]
    lost = [f"{r.name}: {x}" for r in s.results for x in r.lost]
    assert not left, "\n".join(left)
    assert not lost, "\n".join(lost)


@pytest.mark.parametrize("group", GROUPS)
def test_everything_else_an_editor_checks(group):
    """Dates, publishers, encodings, section roles, kept abbreviations, garbled lines, repeated blocks."""
    s = summary(group)
    other = [f"{r.name}: {p}" for r in s.results for p in r.problems
             if not p.startswith(("标题：", "作者：", "多出的草稿", "草稿“", "缺少草稿", "丢失", "残留"))]
    assert s.roles >= 0.9, "\n".join(other)
    assert not [p for p in other if not p.startswith(("章节", "草稿标题"))], "\n".join(other)
