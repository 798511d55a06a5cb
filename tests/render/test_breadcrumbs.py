"""Breadcrumbs on generated pages: entries are not in the side navigation, so each
page says where it sits — 首页 › section › page — with working links."""

from __future__ import annotations

import posixpath
import re

from ronghe.site.breadcrumbs import breadcrumbs

SECTIONS = ("problems", "causes", "countermeasures", "cases", "levels", "glossary", "sources", "indexes")


def test_trail_links_all_but_the_last_item():
    html = breadcrumbs("indexes/matrix.md", [("对策", "countermeasures/index.md"), ("矩阵", None)])
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', html) == [("../index.html", "首页"),
                                                                  ("../countermeasures/index.html", "对策")]
    assert '<span aria-current="page">矩阵</span>' in html


def test_every_generated_page_has_breadcrumbs_leading_home(built_site):
    checked = 0
    for section in SECTIONS:
        for path in (built_site / section).glob("*.html"):
            html = path.read_text(encoding="utf-8")
            m = re.search(r'<nav class="rh-crumbs"[^>]*>(.*?)</nav>', html, re.S)
            assert m, f"{path.relative_to(built_site)} has no breadcrumbs"
            hrefs = re.findall(r'href="([^"]+)"', m.group(1))
            rel = path.relative_to(built_site).as_posix()
            assert posixpath.normpath(posixpath.join(posixpath.dirname(rel), hrefs[0])) == "index.html"
            checked += 1
    assert checked > 40
