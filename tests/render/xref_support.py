"""Helpers for the cross-reference tests: the mini fixture plus a few extra entries
(a second problem, cause and countermeasure in another category) copied to a
temporary content folder, and HTML parsing of built pages."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

from ronghe.content.graph import KnowledgeBase
from ronghe.content.loader import load_and_validate

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests/fixtures/mini/content"
EXTRA = ROOT / "tests/fixtures/xref-extra"


def make_content(dst: Path) -> Path:
    shutil.copytree(MINI, dst)
    shutil.copytree(EXTRA, dst, dirs_exist_ok=True)
    return dst


def load_kb(content: Path) -> KnowledgeBase:
    kb, result = load_and_validate(content)
    assert kb is not None, result.errors.report()
    return kb


def write_entry(content: Path, rel: str, text: str) -> Path:
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


class _Links(HTMLParser):
    """(href, text, attrs) of every <a>; text of the article."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, dict]] = []
        self._open: list[list] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open.append([dict(attrs).get("href", ""), "", dict(attrs)])

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, text, attrs = self._open.pop()
            self.links.append((href, text, attrs))

    def handle_data(self, data):
        self.text.append(data)
        for item in self._open:
            item[1] += data


def article(html: str) -> str:
    """The page body (what MkDocs renders from Markdown), without theme chrome."""
    start = html.index('<article class="md-content__inner md-typeset">')
    return html[start:html.index("</article>", start)]


def links_in(html: str) -> list[tuple[str, str, dict]]:
    p = _Links()
    p.feed(html)
    return p.links


def text_of(html: str) -> str:
    p = _Links()
    p.feed(html)
    return "".join(p.text)
