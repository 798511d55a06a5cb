"""Issue 19, text fields: in the built hostile site no content text became markup — in the
Material header (span.md-ellipsis), <title>, breadcrumbs, headings, glossary tooltips, the
SVG relation maps, the search index and the PDFs — and each shows as the text it is."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .hostile_content import (CASE_TITLE, CAUSE_TITLE, CHECKLIST_TITLE, CM_TITLE, PROBLEM_SUMMARY, PROBLEM_TITLE,
                             TERM_SUMMARY, TERM_TITLE, TEXTS)


class _Elements(HTMLParser):
    """(tag, attributes, text of the element's first text node) of every element; <title> and <script> text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict, str]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), ""))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open:
            self.texts.setdefault(self._open[-1], []).append(data)


def parse(path: Path) -> _Elements:
    p = _Elements()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return p


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_content_text_became_an_element_or_attribute(hostile_site):
    found = []
    for path in pages(hostile_site):
        p = parse(path)
        for tag, attrs, _ in p.elements:
            handlers = [a for a in attrs if a.startswith("on")]
            if handlers or tag in ("iframe", "svg") and "onload" in attrs:
                found.append(f"{path.relative_to(hostile_site)}: <{tag} {handlers}>")
        scripts = "".join(p.texts.get("script", []))
        if re.search(r"alert\(\d+\)", scripts):
            found.append(f"{path.relative_to(hostile_site)}: a script holds content text")
    assert len(pages(hostile_site)) > 20
    assert found == []


def _title(path: Path) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S).group(1)).strip()


def _header(path: Path) -> str:
    m = re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis">(.*?)</span>',
                  path.read_text(encoding="utf-8"), re.S)
    return html.unescape(m.group(1)).strip()


@pytest.mark.parametrize("rel,title", [("problems/zhong-yewu-qing-dangjian.html", PROBLEM_TITLE),
                                       ("causes/kaohe-tixi-geyi.html", CAUSE_TITLE),
                                       ("countermeasures/ya-shi-zeren.html", CM_TITLE),
                                       ("glossary/yi-gang-shuang-ze.html", TERM_TITLE),
                                       ("checklists/qd-dangzu-shuji.html", CHECKLIST_TITLE),
                                       ("cases/demo-case.html", CASE_TITLE)])
def test_title_shows_as_text_in_header_tab_and_heading(hostile_site, rel, title):
    page = hostile_site / rel
    assert _title(page) == f"{title} - 融合指南"
    assert _header(page) == title
    h1 = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", page.read_text(encoding="utf-8"), re.S).group(1)
    assert html.unescape(h1).strip() == title
    crumbs = re.search(r'<nav class="rh-crumbs".*?</nav>', page.read_text(encoding="utf-8"), re.S).group(0)
    assert title in html.unescape(re.sub(r"<[^>]+>", "", crumbs))


def test_glossary_tooltip_is_the_terms_text(hostile_site):
    p = parse(hostile_site / "cases/demo-case.html")
    tips = [a["title"] for tag, a, _ in p.elements if tag == "a" and "rh-term" in a.get("class", "")]
    assert tips == [f"{TERM_TITLE}：{TERM_SUMMARY}"]
    # and Material's tooltips (which render a title as HTML) are off although mkdocs.yml asks for them
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                  (hostile_site / "index.html").read_text(encoding="utf-8"), re.S).group(1))
    assert "content.tooltips" not in config["features"]
    assert 'src="assets/ronghe-site.js"' in (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "/* assets/ronghe-tooltip.js */" in (hostile_site / "assets/ronghe-site.js").read_text(encoding="utf-8")


def test_relation_map_labels_are_text(hostile_site):
    p = parse(hostile_site / "causes/kaohe-tixi-geyi.html")
    labels = [a.get("aria-label") for tag, a, _ in p.elements if tag == "g" and "rh-map__node" in a.get("class", "")]
    assert CAUSE_TITLE in labels                 # the focused box; the others carry an SVG <title>
    # the tooltip: the title and the start of the summary, as text
    assert f"{PROBLEM_TITLE}：{PROBLEM_SUMMARY[:30]}" in "".join(p.texts.get("title", []))


def test_search_index_holds_the_text_not_markup(hostile_site):
    # the worker escapes every title and summary it puts into the result list (tested in Chromium)
    from ronghe.build.search.publish import index_folder   # named by its content

    index = "".join(path.read_text(encoding="utf-8") for path in index_folder(hostile_site).glob("m*.js"))
    for text in (PROBLEM_TITLE, CAUSE_TITLE, CM_TITLE, TERM_TITLE):
        assert json.dumps(text, ensure_ascii=False)[1:-1] in index
    assert "&lt;img" not in index          # text, not HTML escaped twice


def test_pdfs_print_the_titles_as_text(hostile_site):
    from pdf.pdfinspect import pages_text, squash

    text = squash("".join(pages_text(hostile_site / "training/pdf/ronghe-booklet.pdf", layout=False)))
    for title in (PROBLEM_TITLE, CM_TITLE):
        assert squash(title) in text
    checklist = squash("".join(pages_text(hostile_site / "checklists/pdf/qd-dangzu-shuji.pdf", layout=False)))
    assert squash(CHECKLIST_TITLE) in checklist


def test_every_hostile_text_is_somewhere_on_the_site_as_text(hostile_site):
    shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8"))) for p in pages(hostile_site))
    missing = [t for t in TEXTS if t not in shown]
    assert missing == []
