"""Topic handout PDFs (ronghe/build/pdf/handouts.py) in the built site: 2–4 pages, the questions,
the case and what each level does, fonts embedded."""

from __future__ import annotations

from pathlib import Path

import pytest

from pdfinspect import assert_fonts_embedded_subset_cjk_sc, pages_text, squash
from ronghe.content.loader import load_and_validate
from ronghe.content.training import handouts
from ronghe.site.urls import handout_pdf_uri

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def real_handouts():
    kb, result = load_and_validate(ROOT / "content")
    assert kb is not None, result.errors.report()
    hs = handouts(kb)
    assert len(hs) == len(kb.categories), "every countermeasure category has a training topic"
    return hs


@pytest.mark.slow
def test_each_handout_pdf_has_its_questions_case_and_levels_on_two_to_four_pages(built_site, real_handouts):
    for h in real_handouts:
        pdf = built_site / handout_pdf_uri(h.topic)
        assert pdf.is_file(), pdf
        pages = pages_text(pdf, layout=False)
        assert 2 <= len(pages) <= 4, (pdf.name, len(pages))
        text = squash("".join(pages))
        assert squash(h.title) in text
        missing = [q for q in h.topic.questions if squash(q) not in text]
        assert not missing, f"{pdf.name} lacks questions {missing}"
        assert h.case is not None and squash(h.case.title) in text
        for lm in h.by_level:
            assert squash(lm.level.title) in text, (pdf.name, lm.level.id)
        for p in h.problems:
            assert squash(p.title) in text, (pdf.name, p.id)
        for c in h.causes:
            assert squash(c.title) in text, (pdf.name, c.id)
        assert "研讨题" in text and "笔记" in text
        assert "第1页/共" in squash(pages[0])


@pytest.mark.slow
def test_handout_fonts_are_embedded_subset_and_never_type3(built_site, real_handouts):
    for h in real_handouts:
        assert_fonts_embedded_subset_cjk_sc(built_site / handout_pdf_uri(h.topic))
