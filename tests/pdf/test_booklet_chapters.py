"""The chapters of the booklet (ronghe/build/pdf/booklet_chapters.py): every entry once, under its
own anchor, in the chapter of its kind; cross-references only to entries that are in the book;
text from the content printed as text, never as markup."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from ronghe.build.pdf.booklet_chapters import anchor, chapter_blocks, chapters, xref
from ronghe.content.loader import load_and_validate

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini" / "content"
CHAPTER_OF = {"problem": "problems", "cause": "causes", "countermeasure": "countermeasures", "case": "cases",
              "level": "levels", "checklist": "levels", "term": "glossary", "source": "sources", "topic": "topics"}


@pytest.fixture
def kb():
    kb, result = load_and_validate(MINI)
    assert kb is not None, result.errors.report()
    return kb


def _articles(kb) -> dict[str, list[str]]:
    """Chapter key -> ids of the entries printed in it (as articles or as a checklist heading)."""
    out: dict[str, list[str]] = {}
    for name, html in chapter_blocks(kb):
        key = name.split("-", 1)[0]
        out.setdefault(key, []).extend(re.findall(r'<(?:article|h3)[^>]* id="e-([^"]+)"', html))
    return out


def test_every_entry_is_printed_once_in_the_chapter_of_its_kind(kb):
    printed = _articles(kb)
    counts = Counter(i for ids in printed.values() for i in ids)
    assert [i for i, n in counts.items() if n > 1] == []
    for e in kb.entries.values():
        if e.type_name == "topic" and "topics" not in printed:
            continue
        assert e.id in printed.get(CHAPTER_OF[e.type_name], []), (e.type_name, e.id)


def test_cross_references_point_to_anchors_in_the_book_with_a_page_number_slot(kb):
    html = "\n".join(h for _, h in chapter_blocks(kb))
    anchors = set(re.findall(r'id="([^"]+)"', html))
    refs = re.findall(r'<a class="xref" href="#([^"]+)">.*?<span class="pn" data-to="([^"]+)"></span>', html)
    assert refs
    assert all(href == slot and href in anchors for href, slot in refs), \
        {href for href, _ in refs} - anchors
    assert xref(kb, "no-such-entry", "《未收录》") == "《未收录》"      # no link, no slot: nothing to point to


def test_text_from_the_content_is_printed_as_text(kb):
    problem = kb.by_type("problem")[0]
    problem.title = '<script>alert("x")</script> & 标题'
    problem.tags = ["<b>标签</b>"]
    html = "\n".join(h for _, h in chapter_blocks(kb))
    assert "<script>" not in html and "<b>标签</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 标题" in html
    assert "&lt;b&gt;标签&lt;/b&gt;" in html
    assert f'id="{anchor(problem.id)}"' in html


def test_chapters_are_numbered_in_order_and_the_appendix_is_not(kb):
    headings = [h for h, _ in chapters(kb)]
    assert headings[:7] == ["一、问题表现", "二、原因", "三、对策", "四、典型案例", "五、各层级责任清单", "六、术语", "七、来源文献"]
    assert all(h.startswith("附录") for h in headings[7:])
