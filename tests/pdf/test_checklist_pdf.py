"""Checklist PDFs in the built site (ronghe/build/pdf/checklist_pdf.py): text, fonts, caching."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import fakeparts
from pdfinspect import assert_fonts_embedded_subset_cjk_sc, page_count, pages_text
from pdfinspect import squash as _squash
from ronghe.content.checklists import level_checklists
from ronghe.content.graph import KnowledgeBase
from ronghe.content.loader import load_and_validate
from ronghe.content.model import Measure
from ronghe.build.pdf import checklist_pdf, render
from ronghe.build.pdf.checklist_pdf import all_levels_document, checklist_document, write_checklist_pdfs
from ronghe.build.postbuild import PostBuildContext
from ronghe.site.urls import ALL_LEVELS_PDF, checklist_pdf_uri

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini" / "content"


def _text(path: Path) -> str:
    return "\n".join(pages_text(path, layout=False))


@pytest.fixture(scope="module")
def real_kb():
    kb, result = load_and_validate(ROOT / "content")
    assert not result.errors
    return kb


@pytest.mark.slow
def test_each_level_pdf_holds_every_item_of_that_level(built_site, real_kb):
    lcs = level_checklists(real_kb)
    assert lcs
    for lc in lcs:
        pdf = built_site / checklist_pdf_uri(lc)
        assert pdf.is_file(), pdf
        text = _squash(_text(pdf))
        assert _squash(lc.title) in text
        missing = [i.text for i in lc.items() if _squash(i.text) not in text]
        assert not missing, f"{pdf.name} lacks {missing}"
        for word in ("完成情况", "备注", "单位：", "年度：", "签字", "第1页"):
            assert word in text, (pdf.name, word)


@pytest.mark.slow
def test_all_levels_pdf_holds_every_item_of_every_level(built_site, real_kb):
    text = _squash(_text(built_site / ALL_LEVELS_PDF))
    for lc in level_checklists(real_kb):
        assert _squash(lc.title) in text
        missing = [i.text for i in lc.items() if _squash(i.text) not in text]
        assert not missing, f"{lc.title}: {missing}"


@pytest.mark.slow
def test_pdf_fonts_are_embedded_subset_noto_cjk_sc_and_never_type3(built_site, real_kb):
    pdfs = [built_site / checklist_pdf_uri(lc) for lc in level_checklists(real_kb)] + [built_site / ALL_LEVELS_PDF]
    for pdf in pdfs:
        assert_fonts_embedded_subset_cjk_sc(pdf)


def test_documents_name_the_fonts_and_are_simplified_chinese():
    kb, _ = load_and_validate(MINI)
    lcs = level_checklists(kb)
    for doc in [checklist_document(kb, lc) for lc in lcs] + [all_levels_document(kb, lcs)]:
        assert '<html lang="zh-CN">' in doc
        assert '"Noto Sans CJK SC"' in doc and '"Noto Serif CJK SC"' in doc
        assert "http://" not in doc and "https://" not in doc


def _context(tmp_path: Path) -> PostBuildContext:
    return PostBuildContext(project_root=ROOT, content_dir=MINI, cache_dir=tmp_path / "cache")


def test_each_level_is_rendered_once_and_again_only_when_its_input_changes(tmp_path, monkeypatch):
    rendered = fakeparts.install(monkeypatch)

    def titles():
        return [re.search(r"<title>(.*?)</title>", d).group(1) for d in rendered]

    kb, _ = load_and_validate(MINI)
    site = tmp_path / "site"
    ctx = _context(tmp_path)
    lcs = level_checklists(kb)

    write_checklist_pdfs(kb, site, ctx)
    # each level once (for its own PDF and the all-levels PDF), and the all-levels cover
    assert sorted(titles()) == sorted([lc.title for lc in lcs] + [checklist_pdf.ALL_LEVELS_TITLE])
    assert all((site / checklist_pdf_uri(lc)).is_file() for lc in lcs) and (site / ALL_LEVELS_PDF).is_file()
    assert page_count(site / ALL_LEVELS_PDF) == len(lcs) + 1           # one page per fake part

    rendered.clear()
    (site / ALL_LEVELS_PDF).unlink()
    write_checklist_pdfs(kb, site, ctx)            # a fresh build: everything comes from the cache
    assert rendered == []
    assert (site / ALL_LEVELS_PDF).is_file()

    # change one level's measure: only that level is rendered again (its page count is unchanged,
    # so the cover's page numbers are too)
    lc = next(c for c in level_checklists(kb) if c.source is None)
    kb2, _ = load_and_validate(MINI)
    kb2.get(lc.items()[0].derived_from).measures.append(
        Measure("新增的一项举措：每半年检查一次。", [lc.level.id], timing="每半年"))
    kb2 = KnowledgeBase(kb2.entries, kb2.categories)   # the edited content as a new load would give it
    write_checklist_pdfs(kb2, site, ctx)
    assert titles() == [lc.title]
    assert "新增的一项举措" in rendered[0]


@pytest.mark.slow
def test_rendered_pdf_of_a_level_without_checklist_file(tmp_path):
    kb, _ = load_and_validate(MINI)
    lc = next(c for c in level_checklists(kb) if c.source is None)
    out = tmp_path / "x.pdf"
    render.render_pdf(checklist_document(kb, lc), out)
    text = _squash(_text(out))
    assert all(_squash(i.text) in text for i in lc.items())


@pytest.mark.slow
def test_all_levels_pdf_contents_page_points_to_each_level(built_site, real_kb):
    pdf = built_site / ALL_LEVELS_PDF
    first = _squash(subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout)
    for lc in level_checklists(real_kb):
        m = re.search(re.escape(_squash(lc.title)) + r"[.·…]*第(\d+)页", first)
        assert m, lc.title
        page = subprocess.run(["pdftotext", "-f", m.group(1), "-l", m.group(1), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert _squash(lc.title) + "责任层级：" in _squash(page), (lc.title, m.group(1))   # its heading
