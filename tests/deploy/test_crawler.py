"""The crawl itself catches what it is meant to catch: a tiny handmade site that
loads a web font, a CDN image and calls an API from script, has a broken local
resource and a root-absolute link. If the crawler stopped seeing these, the
zero-request tests would pass for the wrong reason."""

from __future__ import annotations

import pytest

from conftest import serve_directory
from crawler import SiteCrawler, external_references, site_pages

pytestmark = pytest.mark.browser

LEAKY = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
<link rel="preconnect" href="https://fonts.gstatic.com">
<link rel="stylesheet" href="local.css">
</head><body><h1>漏</h1>
<img src="http://198.51.100.7/logo.png">
<a href="https://example.org/">a plain link is fine</a>
<a href="/elsewhere/index.html">root-absolute link</a>
<a href="sub/missing.html">dead link</a>
<script>window.addEventListener("load", () => fetch("https://api.example.invalid/stats").catch(() => {}))</script>
</body></html>"""

CLEAN = """<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="../local.css">
</head><body><h1>净</h1><a href="../index.html">home</a></body></html>"""


@pytest.fixture
def leaky_site(tmp_path):
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_text(LEAKY, encoding="utf-8")
    (site / "sub" / "clean.html").write_text(CLEAN, encoding="utf-8")
    (site / "local.css").write_text("@import url('https://cdn.example.com/x.css');\nh1{color:red}",
                                    encoding="utf-8")
    return site


def test_static_scan_finds_external_resources_but_not_plain_links(leaky_site):
    found = external_references(leaky_site)
    assert sorted(found) == ["index.html", "local.css"]
    text = " ".join(found["index.html"])
    assert "fonts.googleapis.com" in text and "fonts.gstatic.com" in text and "198.51.100.7" in text
    assert "example.org" not in text
    assert found["local.css"] == ["https://cdn.example.com/x.css"]


def _check(report, site):
    outside = set(report.outside)
    assert "https://fonts.googleapis.com/css?family=Roboto" in outside
    assert "http://198.51.100.7/logo.png" in outside
    assert "https://cdn.example.com/x.css" in outside
    assert "https://api.example.invalid/stats" in outside          # made by script after load
    assert not any("example.org" in u for u in outside)             # links are not requests
    assert report.outside["http://198.51.100.7/logo.png"] == "index.html"
    assert report.pages == site_pages(site) == ["index.html", "sub/clean.html"]


def test_crawl_over_http_reports_every_outside_request(browser, leaky_site):
    server = serve_directory(leaky_site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        report = SiteCrawler(browser, leaky_site, base).crawl()
        # the same files as if the site were hosted under the sub-path /sub/
        sub = SiteCrawler(browser, leaky_site / "sub", base + "sub/").crawl()
    finally:
        server.shutdown()
    _check(report, leaky_site)
    # at the server root, the root-absolute link is a link to a missing page
    assert set(report.dead_links) == {base + "sub/missing.html", base + "elsewhere/index.html"}
    assert report.links_outside == {}
    # under a sub-path, the page's stylesheet and its home link leave the site's path
    assert set(sub.outside) == {base + "local.css"}
    assert sub.links_outside == {base + "index.html": "clean.html"}


def test_crawl_from_disk_reports_every_outside_request(browser, leaky_site):
    base = leaky_site.as_uri() + "/"
    report = SiteCrawler(browser, leaky_site, base).crawl()
    _check(report, leaky_site)
    assert report.dead_links == {base + "sub/missing.html": "index.html"}
    assert report.links_outside == {"file:///elsewhere/index.html": "index.html"}
