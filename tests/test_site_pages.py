"""The built site as a reader sees it in headless Chromium: home page, section
index pages and one generated page per entry."""

from __future__ import annotations

import pytest

from conftest import ROOT
from ronghe.content.loader import load_and_validate
from ronghe.site.sections import SECTIONS
from ronghe.site.urls import entry_uri

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def kb():
    kb, result = load_and_validate(ROOT / "content", root=ROOT)
    assert kb is not None, result.errors.report()
    return kb


def test_every_entry_has_a_page(built_site, kb):
    missing = [entry_uri(e) for e in kb.entries.values()
               if not (built_site / entry_uri(e).replace(".md", ".html")).is_file()]
    assert not missing
    assert len(kb.entries) > 0


def test_home_page_says_what_the_site_is_for(page, site_url):
    page.goto(site_url + "index.html")
    body = page.locator("article").inner_text()
    assert "两张皮" in body
    for role in ("党组（党委）书记", "领导班子成员", "党员", "培训讲师", "内容编辑"):
        assert role in body
    # the top navigation offers each section
    tabs = page.locator(".md-tabs").inner_text()
    for s in ("问题表现", "原因", "对策", "典型案例", "责任清单"):
        assert s in tabs


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.path)
def test_section_index_lists_its_entries(page, site_url, kb, section):
    page.goto(site_url + section.index_uri.replace(".md", ".html"))
    text = page.locator("article").inner_text()
    assert section.title in page.locator("h1").inner_text()
    for entry in kb.by_type(section.type_name)[:50]:
        assert entry.title in text


@pytest.mark.parametrize("type_name", [s.type_name for s in SECTIONS])
def test_entry_page_shows_summary_relations_and_source(page, site_url, kb, type_name):
    entries = kb.by_type(type_name)
    assert entries, f"no published {type_name} entries"
    entry = max(entries, key=lambda e: len(e.citations))   # the richest one of its type
    page.goto(site_url + entry_uri(entry).replace(".md", ".html"))
    assert page.locator("h1").first.inner_text().replace("¶", "").strip() == entry.title
    article = page.locator("article")
    text = article.inner_text()
    if entry.summary:
        assert entry.summary in text
    if entry.citations:
        quote = article.locator("blockquote").first
        assert quote.is_visible()
        first_words = "".join(entry.citations[0].passage.split())[:12]
        assert first_words in "".join(quote.inner_text().split())
        src = kb.get(entry.citations[0].source)
        assert f"《{src.title}》" in text
