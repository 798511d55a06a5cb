"""Issue 19 in headless Chromium: the hostile site (hostile titles, glossary terms and allowed
bodies) runs no script — no dialog on any page, on hover or focus of glossary links and other
titled elements, or in search results — and makes no request outside itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from deploy.crawler import SiteCrawler, site_pages
from .hostile_content import PROBLEM_TITLE, TERM_SUMMARY, TERM_TITLE

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SHOTS = Path("/work/shots/hostile")
TITLED = "article a.rh-term, article [title]"


def dialogs_on_site(browser, site: Path, base_url: str, search: str = "") -> tuple[list[str], int]:
    """(messages of every dialog seen, titled elements pointed at) over every page of ``site``:
    each page loaded, each glossary link and titled element hovered and focused, then
    ``search`` typed into the search box."""
    context = browser.new_context(locale="zh-CN", service_workers="block")
    seen: list[str] = []
    pointed = 0
    page = context.new_page()
    page.on("dialog", lambda d: (seen.append(f"{page.url}: {d.message}"), d.dismiss()))
    try:
        for rel in site_pages(site):
            page.goto(base_url + rel, wait_until="load")
            for el in page.query_selector_all(TITLED)[:40]:   # handles: pointing at one moves its title
                if not el.is_visible():
                    continue
                el.scroll_into_view_if_needed()
                el.hover()
                el.focus()
                pointed += 1
            page.wait_for_timeout(50)
        if search:
            page.goto(base_url + "index.html")
            page.click("input.md-search__input")
            page.fill("input.md-search__input", search)
            page.keyboard.press("End")
            page.wait_for_selector(".md-search-result__item", timeout=10000)
            page.locator(".md-search-result__item").first.hover()
            page.wait_for_timeout(300)
    finally:
        context.close()
    return seen, pointed


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    from ronghe.bench.browser import serve

    server = serve(hostile_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_no_dialog_anywhere(browser, hostile_site, hostile_url):
    seen, pointed = dialogs_on_site(browser, hostile_site, hostile_url, search="重业务")
    assert pointed > 10
    assert seen == []


def test_search_result_shows_the_hostile_title_as_text(page, hostile_url):
    page.goto(hostile_url + "index.html")
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "重业务")
    page.keyboard.press("End")
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=10000)
    assert PROBLEM_TITLE in page.locator(".md-search-result").inner_text()
    assert page.locator(".md-search-result img").count() == 0


def test_glossary_tooltip_shows_the_meaning_as_text(page, hostile_url):
    page.set_viewport_size({"width": 1100, "height": 800})
    page.goto(hostile_url + "cases/demo-case.html")
    term = page.locator("article a.rh-term").first
    term.hover()
    tip = page.locator(".rh-tip")
    tip.wait_for(state="visible", timeout=5000)
    assert tip.inner_text() == f"{TERM_TITLE}：{TERM_SUMMARY}"
    assert tip.locator("img, svg").count() == 0
    page.screenshot(path=str(SHOTS / "glossary-tooltip.png"))
    page.keyboard.press("Escape")
    assert tip.count() == 0
    term.focus()                                  # keyboard users get it too
    assert page.locator(".rh-tip").inner_text() == f"{TERM_TITLE}：{TERM_SUMMARY}"


def test_hostile_title_page_shows_its_title_as_text(page, hostile_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1100, "height": 800})
    page.goto(hostile_url + "problems/zhong-yewu-qing-dangjian.html")
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == PROBLEM_TITLE
    assert page.title() == f"{PROBLEM_TITLE} - 融合指南"
    page.mouse.wheel(0, 200)                     # Material shows the page title in the header once scrolled
    page.wait_for_timeout(300)
    assert PROBLEM_TITLE in page.locator(".md-header__topic").last.inner_text()
    assert page.locator(".md-header img, article img[src=x]").count() == 0
    page.screenshot(path=str(SHOTS / "hostile-title.png"))


def test_crawl_stays_inside_the_site(browser, hostile_site, hostile_url):
    report = SiteCrawler(browser, hostile_site, hostile_url).crawl()
    assert len(report.pages) > 20
    assert report.problems() == [], report.summary()
