"""Checklist pages as generated Markdown (ronghe/site/checklist_pages.py)."""

from __future__ import annotations

import re
from pathlib import Path

from ronghe.content.checklists import level_checklists
from ronghe.content.loader import load_and_validate
from ronghe.site.pages import generate_pages
from ronghe.site.urls import ALL_LEVELS_PDF, checklist_pdf_uri, checklist_uri, entry_uri

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini" / "content"


def _site():
    kb, result = load_and_validate(MINI)
    assert not result.errors
    # tables and the help list are raw HTML slots, filled in after conversion
    return kb, {p.src_uri: p.markdown for p in generate_pages(kb)}


def _html_target(page_uri: str, href: str) -> str:
    import posixpath

    return posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), href))


def test_every_level_has_a_checklist_page_with_one_checkbox_per_item():
    kb, pages = _site()
    for lc in level_checklists(kb):
        md = pages[checklist_uri(lc)]
        boxes = re.findall(r'<input type="checkbox" class="rh-cl-check" id="rh-chk-([^"]+)"', md)
        assert boxes == [i.id for i in lc.items()]
        for item in lc.items():
            assert item.text in md
        assert f'data-rh-checklist="{lc.level.id}"' in md


def test_items_link_to_their_countermeasure_and_source():
    kb, pages = _site()
    html_pages = {uri[:-3] + ".html" for uri in pages}
    for lc in level_checklists(kb):
        md = pages[checklist_uri(lc)]
        for item in lc.items():
            row = re.search(rf'<tr class="rh-cl-item" id="{re.escape(item.id)}".*?</tr>', md).group(0)
            targets = {_html_target(checklist_uri(lc), h) for h in re.findall(r'href="([^"]+)"', row)}
            assert targets <= html_pages                      # no broken link
            for cm_id in item.countermeasures:
                assert entry_uri(kb.get(cm_id))[:-3] + ".html" in targets
            cited = {c.source for cm_id in item.countermeasures for c in kb.get(cm_id).citations}
            for src in cited:
                assert entry_uri(kb.get(src))[:-3] + ".html" in targets
            assert 'class="rh-cl-help"' in row                # what to read while it is not done


def test_page_links_to_its_pdf_and_the_all_levels_pdf():
    kb, pages = _site()
    for lc in level_checklists(kb):
        hrefs = {_html_target(checklist_uri(lc), h) for h in re.findall(r'href="([^"]+\.pdf)"', pages[checklist_uri(lc)])}
        assert hrefs == {checklist_pdf_uri(lc), ALL_LEVELS_PDF}


def test_print_parts_are_on_the_page():
    kb, pages = _site()
    md = pages[checklist_uri(level_checklists(kb)[0])]
    for text in ("完成情况", "备注", "单位：", "年度：", "责任人（签字）", "日期："):
        assert text in md


def test_index_lists_every_level_with_its_pdf():
    kb, pages = _site()
    index = pages["checklists/index.md"]
    for lc in level_checklists(kb):
        # one card per level (raw HTML: readable on a phone, unlike a four-column table)
        card = index.split(f'href="{checklist_uri(lc).split("/", 1)[1][:-3]}.html">', 1)[1].split("</li>", 1)[0]
        assert card.startswith(lc.title) and f"{len(lc.items())} 项" in card
        assert f'href="{checklist_pdf_uri(lc).split("/", 1)[1]}"' in card
        # the level under the name its own page has (short names differ: 党组书记 / 党组（党委）书记)
        assert f'<a href="../{entry_uri(lc.level)[:-3]}.html">{lc.level.title}</a>' in card
    assert ALL_LEVELS_PDF.split("/", 1)[1] in index


def test_level_page_links_to_its_checklist_even_without_a_file():
    kb, pages = _site()
    for lc in level_checklists(kb):
        level_md = pages[entry_uri(lc.level)]
        assert f"(../{checklist_uri(lc)})" in level_md


def test_level_with_nothing_to_do_says_so():
    from ronghe.content.graph import KnowledgeBase
    from ronghe.content.model import Level
    from ronghe.site.checklist_pages import render_generated_checklist_page

    kb = KnowledgeBase.from_entries([Level(id="dangyuan", title="党员", summary="s", short="党员", order=9)])
    [lc] = level_checklists(kb)
    md = render_generated_checklist_page(kb, lc)
    assert "本层级暂无需要落实的事项。" in md
    assert "rh-cl-check" not in md and "共 0 项" not in md


def test_how_the_items_were_counted_comes_after_the_items():
    # on a phone the first screen is the toolbar and the first items, not the bookkeeping note
    kb, pages = _site()
    noted = 0
    for lc in level_checklists(kb):
        md = pages[checklist_uri(lc)]
        if 'class="rh-count-note"' not in md:
            continue
        noted += 1
        last_box = md.rindex('class="rh-cl-check"')
        assert md.index('class="rh-count-note"') > last_box
        assert md.index('class="rh-cl-toolbar"') < md.index('class="rh-cl-check"')
    assert noted
