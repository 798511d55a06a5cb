"""A large knowledge base gets its booklet as one PDF per chapter, numbered as one book
(issue 20; ronghe.site.booklet_files, ronghe.build.pdf.booklet.write_booklet_volumes).
The threshold is lowered so that the small test content is "large"."""

from __future__ import annotations

import logging
from pathlib import Path

import fakeparts
from pdfinspect import page_count, pages_text, squash
from ronghe.build.pdf import booklet
from ronghe.build.pdf.booklet_chapters import CHAPTERS, APPENDIX, chapters
from ronghe.build.postbuild import PostBuildContext
from ronghe.content.loader import load_and_validate
from ronghe.site import booklet_files
from ronghe.site.handout_pages import printable_files, render_training_index
from ronghe.site.urls import BOOKLET_PDF

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini" / "content"


def _context(tmp_path: Path, split: int) -> PostBuildContext:
    return PostBuildContext(project_root=ROOT, content_dir=MINI, cache_dir=tmp_path / "cache", booklet_split=split,
                            extra={"build_info": {"build_time": "2026-12-05 06:00", "commit": "abc1234",
                                                  "commit_date": "2026-12-05", "modified": False}})


def test_the_site_names_the_chapters_the_booklet_has():
    assert [key for key, _ in booklet_files.CHAPTERS] == [ch.key for ch in CHAPTERS]
    assert booklet_files.APPENDIX[0] == APPENDIX.key
    kb, _ = load_and_validate(MINI)
    assert [k for k, _ in booklet_files.booklet_chapters(kb)] == [ch.key for _, ch in chapters(kb)]


def test_one_booklet_below_the_threshold_one_file_per_chapter_above(tmp_path, monkeypatch, caplog):
    fakeparts.install(monkeypatch)
    monkeypatch.setattr(booklet, "PART_BYTES", 1)   # every chapter section a part: several parts per chapter
    kb, _ = load_and_validate(MINI)
    whole = tmp_path / "whole"
    booklet.write_booklet_pdf(kb, whole, _context(tmp_path, split=len(kb.entries)))
    assert (whole / BOOKLET_PDF).is_file()
    assert not list((whole / BOOKLET_PDF).parent.glob("ronghe-booklet-*.pdf"))

    site = tmp_path / "site"
    with caplog.at_level(logging.WARNING):
        booklet.write_booklet_pdf(kb, site, _context(tmp_path, split=len(kb.entries) - 1))
    assert not caplog.records, [r.getMessage() for r in caplog.records]   # every "见第 N 页" found its page
    assert not (site / BOOKLET_PDF).exists()
    files = booklet_files.booklet_files(kb, len(kb.entries) - 1)
    assert len(files) == len(chapters(kb))
    counts = [page_count(site / path) for _, path in files]
    total = page_count(whole / BOOKLET_PDF)
    assert sum(counts) == total   # the same pages, in files
    # the footers number the pages as one book, across files
    first_page = 1
    for (_title, path), n in zip(files, counts):
        last = squash(pages_text(site / path, layout=False)[-1])
        assert f"第{first_page + n - 1}页/共{total}页" in last, last
        first_page += n


def test_the_training_page_and_printables_list_the_chapter_files():
    kb, _ = load_and_validate(MINI)
    with booklet_files.split_at(1):
        page = render_training_index(kb)
        groups = dict(printable_files(kb))
    files = booklet_files.booklet_files(kb, 1)
    for title, path in files:
        assert Path(path).name in page and title in page
    assert groups["全书"] == files
    assert "下载全书 PDF" not in page
    with booklet_files.split_at(0):      # 0: never split
        assert "下载全书 PDF" in render_training_index(kb)
