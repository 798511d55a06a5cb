"""Headless-Chromium crawl of a built site: every HTML page is opened, every request
the browser makes is recorded, and everything that leaves the site is reported.

"The site" is the tree under a base URL: ``http://host:port/`` (root hosting),
``http://host:port/dangjian/guide/`` (sub-path hosting) or ``file:///.../site/``
(opened from disk). Requests outside it are aborted before they go anywhere and
listed with the page that made them. Generic on purpose: pages other engineers add
are crawled too, because the page list is the set of .html files in the site.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Schemes that never reach the network.
LOCAL_SCHEMES = ("data:", "blob:", "about:", "javascript:")

# Waits until the browser is idle (or 300 ms passed) after the load event, so that
# requests the page's scripts start right after loading are made while it is open.
_SETTLE = "() => new Promise(r => requestIdleCallback(() => r(), {timeout: 300}))"

# HTML and SVG links (an SVG <a>'s .href is not a string), resolved against the page
_LINKS = """() => Array.from(document.querySelectorAll('a')).flatMap(a => {
  const raw = a.getAttribute('href') ?? a.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
  if (raw === null) return [];
  try { return [new URL(raw, document.baseURI).href]; } catch (e) { return [raw]; }
})"""


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the site, as paths relative to its root ("problems/index.html")."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


def one_page_per_folder(site_dir: Path) -> list[str]:
    """A sample of the site: per folder its index.html and its first other page,
    plus every page at the root (home, 404)."""
    chosen: dict[str, list[str]] = {}
    for rel in site_pages(site_dir):
        folder, _, name = rel.rpartition("/")
        picked = chosen.setdefault(folder, [])
        if folder == "" or name == "index.html" or not any(p.rpartition("/")[2] != "index.html" for p in picked):
            picked.append(rel)
    return sorted(p for picks in chosen.values() for p in picks)


@dataclass
class CrawlReport:
    base_url: str
    pages: list[str] = field(default_factory=list)
    outside: dict[str, str] = field(default_factory=dict)     # request URL -> page that made it
    broken: dict[str, str] = field(default_factory=dict)      # site resource that failed -> page
    dead_links: dict[str, str] = field(default_factory=dict)  # link into the site to a missing file -> page
    links_outside: dict[str, str] = field(default_factory=dict)  # same-origin link leaving the base -> page
    errors: list[str] = field(default_factory=list)           # uncaught JS errors "page: message"
    requests: int = 0

    def problems(self) -> list[str]:
        out = [f"request leaves the site: {u}  (from {p})" for u, p in sorted(self.outside.items())]
        out += [f"site resource failed: {u}  (from {p})" for u, p in sorted(self.broken.items())]
        out += [f"link to a missing page: {u}  (on {p})" for u, p in sorted(self.dead_links.items())]
        out += [f"link leaves the site's path: {u}  (on {p})" for u, p in sorted(self.links_outside.items())]
        out += [f"JavaScript error: {e}" for e in self.errors]
        return out

    def summary(self) -> str:
        lines = self.problems()
        head = f"{len(self.pages)} pages, {self.requests} requests under {self.base_url}"
        return head + ("\n" + "\n".join(lines) if lines else ": no problems")


class SiteCrawler:
    """Crawls ``pages`` of ``site_dir`` served at ``base_url`` (ends with "/")."""

    def __init__(self, browser, site_dir: Path, base_url: str):
        assert base_url.endswith("/")
        self.browser = browser
        self.site_dir = Path(site_dir)
        self.base_url = base_url
        self._origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))

    def inside(self, url: str) -> bool:
        return url.startswith(LOCAL_SCHEMES) or url.startswith(self.base_url)

    def site_file(self, url: str) -> Path:
        """The file of the site a URL inside it points to."""
        rel = unquote(urlsplit(url).path)[len(unquote(urlsplit(self.base_url).path)):]
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        return self.site_dir / rel

    def crawl(self, pages: list[str] | None = None) -> CrawlReport:
        pages = site_pages(self.site_dir) if pages is None else pages
        report = CrawlReport(base_url=self.base_url)
        current = {"page": "(start)"}

        context = self.browser.new_context(locale="zh-CN", service_workers="block")

        def on_outside(route):
            report.outside.setdefault(route.request.url, current["page"])
            route.abort("blockedbyclient")

        def on_request(request):
            report.requests += 1
            if not self.inside(request.url):
                report.outside.setdefault(request.url, current["page"])

        def on_response(response):
            if self.inside(response.url) and response.status >= 400:
                report.broken.setdefault(f"{response.url} (HTTP {response.status})", current["page"])

        def on_failed(request):
            failure = request.failure or ""
            if self.inside(request.url) and "ERR_ABORTED" not in failure:
                report.broken.setdefault(f"{request.url} ({failure})", current["page"])

        context.route(lambda url: not self.inside(url), on_outside)
        context.on("request", on_request)
        context.on("response", on_response)
        context.on("requestfailed", on_failed)
        page = context.new_page()
        page.on("pageerror", lambda exc: report.errors.append(f"{current['page']}: {exc}"))
        try:
            for rel in pages:
                current["page"] = rel
                page.goto(self.base_url + rel, wait_until="load")
                page.evaluate(_SETTLE)
                for href in page.evaluate(_LINKS):
                    self._check_link(href.split("#")[0], rel, report)
                report.pages.append(rel)
            page.wait_for_load_state("networkidle")
        finally:
            context.close()
        return report

    def _check_link(self, href: str, rel: str, report: CrawlReport) -> None:
        if not href or href.startswith(LOCAL_SCHEMES) or href.startswith("mailto:"):
            return
        if href.startswith(self.base_url):
            if not self.site_file(href).is_file():
                report.dead_links.setdefault(href, rel)
        elif self._origin != "file://" and href.startswith(self._origin + "/"):
            report.links_outside.setdefault(href, rel)
        elif href.startswith("file:"):
            report.links_outside.setdefault(href, rel)


# --- static scan -------------------------------------------------------------------------

# <link rel=...> values that make the browser fetch or connect to the href
_FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload",
                  "prefetch", "modulepreload", "preconnect", "dns-prefetch", "prerender"}
_SRC_ATTRS = {"src", "srcset", "poster", "data"}
_EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.I)
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)


class _ResourceRefs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.external: list[str] = []
        self._in_style = False

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.external += [f"<style> {u}" for u in _CSS_URL.findall(data)]

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self._in_style = tag == "style"
        if tag == "link" and _FETCHING_RELS & set(a.get("rel", "").lower().split()):
            if _EXTERNAL.match(a.get("href", "")):
                self.external.append(f"<link rel={a['rel']} href={a['href']}>")
        for name in _SRC_ATTRS & a.keys():
            for part in a[name].split(","):
                if _EXTERNAL.match(part):
                    self.external.append(f"<{tag} {name}={part.strip()}>")
        self.external += [f"<{tag} style=... {u}>" for u in _CSS_URL.findall(a.get("style", ""))]


def external_references(site_dir: Path) -> dict[str, list[str]]:
    """Resources outside the site that HTML or CSS files of the site would load
    (scripts, styles, fonts, images, frames, preconnects) — not plain links."""
    found: dict[str, list[str]] = {}
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            parser = _ResourceRefs()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            refs = parser.external
        elif path.suffix == ".css":
            refs = _CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        if refs:
            found[rel] = refs
    return found
