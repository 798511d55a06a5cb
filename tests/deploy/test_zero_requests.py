"""The built site makes zero requests outside itself — served over http at the root
and opened from disk (file://) — and every page shows the content version."""

from __future__ import annotations

import json

import pytest

from crawler import SiteCrawler, external_references, one_page_per_folder, site_pages

pytestmark = pytest.mark.browser


def test_no_page_or_stylesheet_loads_anything_from_outside(built_site):
    # A fast static net under the browser crawl: scripts, styles, fonts, images,
    # frames and preconnects in every HTML and CSS file must be local.
    assert external_references(built_site) == {}


def test_the_iframe_worker_shim_is_the_local_copy(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<script src="assets/vendor/iframe-worker/shim.js"' in home
    assert "unpkg.com" not in home
    shim = (built_site / "assets/vendor/iframe-worker/shim.js").read_text(encoding="utf-8")
    assert "IFrameWorker" in shim
    assert (built_site / "assets/vendor/iframe-worker/LICENSE.txt").is_file()


def test_every_page_footer_shows_the_content_version(built_site):
    info = json.loads((built_site / "build-info.json").read_text(encoding="utf-8"))
    assert info["label"].startswith("内容版本 ")
    missing = [p for p in site_pages(built_site)
               if info["label"] not in (built_site / p).read_text(encoding="utf-8")]
    assert missing == []


@pytest.mark.slow
def test_crawl_over_http_at_the_server_root_stays_inside_the_site(browser, built_site, site_url):
    # Every page over http is crawled under the stricter sub-path /dangjian/guide/
    # (test_subpath.py: nothing may leave the prefix, which also rules out root-absolute
    # URLs). At the server root, a sample (each folder's index and first page) shows
    # that the same build also works there.
    pages = one_page_per_folder(built_site)
    report = SiteCrawler(browser, built_site, site_url).crawl(pages)
    assert report.pages == pages and len(pages) > 1
    assert report.problems() == [], report.summary()


@pytest.mark.slow
def test_crawl_from_disk_stays_inside_the_site(browser, built_site):
    report = SiteCrawler(browser, built_site, built_site.as_uri() + "/").crawl()
    assert len(report.pages) == len(site_pages(built_site)) > 1
    assert report.problems() == [], report.summary()


@pytest.mark.slow
def test_page_opened_from_disk_is_styled_and_navigable(page, built_site):
    page.goto((built_site / "index.html").as_uri())
    # Material's stylesheet applied: the header is the theme's sticky bar
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    info = json.loads((built_site / "build-info.json").read_text(encoding="utf-8"))
    assert info["label"] in page.locator(".md-footer").inner_text().replace("\n", " ")
    # a relative link in the top navigation opens the section page from disk
    page.locator(".md-tabs a", has_text="问题表现").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(built_site.as_uri() + "/problems/")
    assert "问题表现" in page.locator("h1").first.inner_text()
