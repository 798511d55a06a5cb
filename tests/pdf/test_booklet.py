"""The booklet PDF of the whole knowledge base (ronghe/build/pdf/booklet.py), read back from the built site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import fakeparts
from pdfinspect import assert_fonts_embedded_subset_cjk_sc, page_count, pages_text, squash
from ronghe.content.loader import load_and_validate
from ronghe.build.pdf import booklet
from ronghe.build.pdf.booklet import booklet_document, chapters, write_booklet_pdf
from ronghe.build.postbuild import PostBuildContext
from ronghe.site.urls import BOOKLET_PDF


ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini" / "content"


@pytest.fixture(scope="module")
def real_kb():
    kb, result = load_and_validate(ROOT / "content")
    assert kb is not None, result.errors.report()
    return kb


@pytest.fixture(scope="module")
def booklet_pages(built_site):
    pdf = built_site / BOOKLET_PDF
    assert pdf.is_file()
    return pages_text(pdf)


def _toc_page_numbers(pages: list[str], headings: list[str]) -> dict[str, int]:
    toc_pages = [p for p in pages[:6] if "目" in p and "录" in p and squash(headings[0]) in squash(p)]
    assert toc_pages, "no table of contents in the first pages"
    toc = "\n".join(toc_pages)
    found = {}
    for h in headings:
        m = re.search(re.escape(h) + r"\s*[.\s·]*?(\d+)\s*$", toc, re.M)
        assert m, f"目录中没有“{h}”及其页码"
        found[h] = int(m.group(1))
    return found


@pytest.mark.slow
def test_table_of_contents_lists_every_chapter_on_the_page_it_starts(booklet_pages, real_kb):
    chs = chapters(real_kb)
    headings = [h for h, _ in chs]
    assert headings[:7] == ["一、问题表现", "二、原因", "三、对策", "四、典型案例", "五、各层级责任清单", "六、术语", "七、来源文献"]
    numbers = _toc_page_numbers(booklet_pages, headings)
    assert list(numbers.values()) == sorted(numbers.values()), "chapters out of order"
    for heading, ch in chs:
        n = numbers[heading]
        assert 1 < n <= len(booklet_pages), (heading, n)
        page = squash(booklet_pages[n - 1])
        # the chapter's title and its opening paragraph are on that page, and not on the page before
        assert squash(heading) in page, f"目录说“{heading}”在第 {n} 页，但那一页没有这个标题"
        intro = squash(ch.intro)[:20]
        assert intro in page, f"“{heading}”的开头不在第 {n} 页"
        assert intro not in squash(booklet_pages[n - 2])


@pytest.mark.slow
def test_every_published_entry_is_in_the_booklet(built_site, real_kb):
    text = squash("".join(pages_text(built_site / BOOKLET_PDF, layout=False)))
    missing = [f"{e.type_name}:{e.id}" for e in real_kb.entries.values() if squash(e.title) not in text]
    assert not missing, f"entries missing from the booklet: {missing}"
    # and the substance, not just the title: summaries, 举措 and discussion questions
    for e in real_kb.entries.values():
        if e.summary and e.type_name not in ("checklist",):
            assert squash(e.summary)[:30] in text, (e.id, e.summary)
    for cm in real_kb.by_type("countermeasure"):
        for m in cm.measures:
            assert squash(m.text) in text, (cm.id, m.text)
    for t in real_kb.by_type("topic"):
        for q in t.questions:
            assert squash(q) in text, (t.id, q)


@pytest.mark.slow
def test_cross_references_give_the_page_of_their_target(booklet_pages, real_kb):
    pages = [squash(p) for p in booklet_pages]
    text = "".join(pages)
    refs = re.findall(r"（见第(\d+)页）", text)
    assert len(refs) > 100
    checked = 0
    for problem in real_kb.by_type("problem"):
        for cause in real_kb.causes_of(problem.id):
            m = re.search(re.escape(squash(cause.title)) + r"（见第(\d+)页）", text)
            assert m, f"no cross-reference to {cause.id}"
            n = int(m.group(1))
            target = pages[n - 1] + (pages[n] if n < len(pages) else "")
            # the cause's own entry (title followed by its summary) starts on page n
            assert squash(cause.title) in pages[n - 1], (cause.id, n)
            assert squash(cause.summary)[:20] in target, (cause.id, n)
            checked += 1
    assert checked


@pytest.mark.slow
def test_cover_shows_title_edition_and_date_and_pages_are_numbered(booklet_pages, built_site):
    cover = squash(booklet_pages[0])
    info = json.loads((built_site / "build-info.json").read_text(encoding="utf-8"))
    assert "破解机关党建与业务工作“两张皮”" in cover
    assert "版本" in cover and "日期" in cover
    if info.get("commit"):
        assert info["commit"] in cover and info["commit_date"] in cover
    assert "第1页" not in cover                       # no page number on the cover
    total = len(booklet_pages)
    assert f"第2页/共{total}页" in squash(booklet_pages[1])
    # running header: the chapter's title on a page inside the chapter
    mid = squash(booklet_pages[total // 2])
    assert "融合指南" in mid and re.search(r"[一二三四五六七]、", mid)


@pytest.mark.slow
def test_booklet_fonts_are_embedded_subset_and_never_type3(built_site):
    assert_fonts_embedded_subset_cjk_sc(built_site / BOOKLET_PDF)


def test_booklet_document_is_simplified_chinese_with_named_fonts_and_internal_links():
    kb, result = load_and_validate(MINI)
    assert kb is not None, result.errors.report()
    doc = booklet_document(kb)
    assert '<html lang="zh-CN">' in doc
    assert '"Noto Sans CJK SC"' in doc and '"Noto Serif CJK SC"' in doc
    assert "http://" not in doc and "https://" not in doc
    anchors = set(re.findall(r'id="([^"]+)"', doc))
    links = re.findall(r'href="#([^"]+)"', doc)
    assert links and all(target in anchors for target in links), set(links) - anchors
    for e in kb.entries.values():
        assert f'id="{booklet.anchor(e.id)}"' in doc or e.type_name == "checklist", e.id


def _context(tmp_path: Path) -> PostBuildContext:
    return PostBuildContext(project_root=ROOT, content_dir=MINI, cache_dir=tmp_path / "cache",
                            extra={"build_info": {"build_time": "2026-11-24 06:00", "commit": "abc1234",
                                                  "commit_date": "2026-11-24", "modified": False}})


def _part_of(document: str) -> str:
    """Which part a rendered document is: its chapter anchors, or cover / toc."""
    if 'class="cover"' in document:
        return "cover"
    if 'class="toc"' in document:
        return "toc"
    return "+".join(re.findall(r'<section class="chapter chapter-([a-z]+)"', document))


def test_booklet_parts_are_rendered_again_only_when_their_content_changes(tmp_path, monkeypatch):
    rendered = fakeparts.install(monkeypatch)
    monkeypatch.setattr(booklet, "PART_BYTES", 1)         # every chapter (and section) a part of its own
    kb, _ = load_and_validate(MINI)
    ctx = _context(tmp_path)
    site = tmp_path / "site"
    write_booklet_pdf(kb, site, ctx)
    first = [_part_of(d) for d in rendered]
    assert "cover" in first and "toc" in first and "problems" in first and "sources" in first
    assert page_count(site / BOOKLET_PDF) == len(booklet._group(booklet._chapter_blocks(kb))) + 2   # 1 page each

    rendered.clear()
    ctx.extra["build_info"]["build_time"] = "2026-11-24 07:00"     # a later build of the same content
    write_booklet_pdf(kb, tmp_path / "site2", ctx)
    assert rendered == [] and (tmp_path / "site2" / BOOKLET_PDF).is_file()

    # a problem's summary is shown only in its own entry: only the problems chapter is rendered again
    problem = kb.by_type("problem")[0]
    problem.summary += "（修订）"
    write_booklet_pdf(kb, site, ctx)
    assert [_part_of(d) for d in rendered] == ["problems"]
    assert "（修订）" in rendered[0]

    # its title is also printed wherever it is referred to: those parts, and only those, again
    rendered.clear()
    problem.title += "（新）"
    write_booklet_pdf(kb, site, ctx)
    again = {_part_of(d) for d in rendered}
    assert "problems" in again and "cover" not in again and "toc" not in again
    assert all(problem.title in d for d in rendered)
    everything = booklet_document(kb)
    for heading, ch in chapters(kb):
        section = everything.split(f'class="chapter chapter-{ch.key}"', 1)[1].split('class="chapter chapter-', 1)[0]
        assert (ch.key in again) == (problem.title in section), ch.key
