"""A link checker for a built site: every internal link and anchor must resolve, and
every page must be reachable from the home page by following links."""

from __future__ import annotations

import posixpath
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
              ("iframe", "src"), ("form", "action")}


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)    # (tag, url)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value is not None:
                self.page.ids.add(value)
            if (tag, name) in LINK_ATTRS and value is not None:
                self.page.links.append((tag, value))

    handle_startendtag = handle_starttag


def parse(path: Path) -> ParsedPage:
    p = _Parser()
    p.feed(path.read_text(encoding="utf-8"))
    return p.page


@dataclass
class Report:
    pages: int
    links: int
    broken: list[str]
    unreachable: list[str]


# 404.html is served for any missing path, so its links are root-relative or rewritten by
# the deployment set-up (checked by tests/deploy); it is not part of the link graph here.
SKIP = {"404.html"}


def check_site(site: Path) -> Report:
    html_files = {rel: p for p in site.rglob("*.html") if (rel := p.relative_to(site).as_posix()) not in SKIP}
    parsed = {rel: parse(p) for rel, p in html_files.items()}
    broken: list[str] = []
    edges: dict[str, set[str]] = {rel: set() for rel in html_files}
    count = 0
    for rel_path, page in parsed.items():
        for tag, url in page.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            count += 1
            if parts.path.startswith("/"):
                broken.append(f"{rel_path}: 根路径链接 {url}")
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel_path), unquote(parts.path))) \
                if parts.path else rel_path
            if target.startswith(".."):
                broken.append(f"{rel_path}: 链接到站点之外 {url}")
                continue
            if (site / target).is_dir():
                target = posixpath.join(target, "index.html")
            if not (site / target).is_file():
                broken.append(f"{rel_path}: 找不到 {url}")
                continue
            if target.endswith(".html"):
                if tag == "a":
                    edges[rel_path].add(target)
                frag = unquote(parts.fragment)
                if frag and frag not in parsed[target].ids:
                    broken.append(f"{rel_path}: 锚点不存在 {url}")
    seen = {"index.html"}
    todo = deque(["index.html"])
    while todo:
        for nxt in edges.get(todo.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    unreachable = sorted(set(html_files) - seen)
    return Report(len(html_files), count, broken, unreachable)
