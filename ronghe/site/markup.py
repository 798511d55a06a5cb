"""Small Markdown helpers shared by the page renderers."""

from __future__ import annotations

import functools
import hashlib
import html as _html
import json
import posixpath
import re
import zlib
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterable, Optional

_SPECIAL = re.compile(r"([\\`*_\[\]#|])")
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])(\s)", re.M)
_BULLET_START = re.compile(r"^(\s*)([-+*])(\s)", re.M)


@functools.lru_cache(maxsize=1 << 16)  # titles and summaries are escaped on every page that links them
def esc(text: str) -> str:
    """Escape text so Markdown shows it literally (titles, passages, table cells)."""
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LIST_START.sub(r"\1\2\\\3\4", text)
    text = _BULLET_START.sub(r"\1\\\2\3", text)
    return text


def title_html(text: str) -> str:
    """A page title as the theme prints it: HTML, the text escaped (quotes too, for attributes)."""
    return _html.escape(text, quote=True)


def cell(text: str) -> str:
    """Escape text for a table cell (single line)."""
    return esc(" ".join(text.split()))


def rel(from_uri: str, to_uri: str) -> str:
    """Relative link between two source URIs (``problems/a.md`` -> ``../causes/b.md``)."""
    return _rel(posixpath.dirname(from_uri), to_uri)


@functools.lru_cache(maxsize=1 << 17)
def _rel(base: str, to_uri: str) -> str:
    # cached: a build asks for the same (folder, target) pair many times, and
    # posixpath.relpath (two abspath calls, each a getcwd) dominated page rendering
    return posixpath.relpath(to_uri, base or ".")


def link(from_uri: str, to_uri: str, text: str) -> str:
    return f"[{esc(text)}]({rel(from_uri, to_uri)})"


def quote(text: str) -> str:
    """Blockquote a passage, paragraph breaks kept."""
    paras = [p.strip() for p in text.strip().splitlines() if p.strip()]
    return "\n>\n".join(f"> {esc(p)}" for p in paras)


def front_matter(**meta) -> str:
    """YAML front matter. Values are written as JSON, which YAML reads as is
    (yaml.safe_dump per page was a tenth of the page generation time).

    ``title`` is handed over as HTML (escaped text): Material prints ``page.meta.title`` and
    ``page.title`` unescaped in the header (``span.md-ellipsis``), ``<title>``, the navigation,
    the path and the footer, so an entry titled ``激励<img onerror=…>`` would run there."""
    if isinstance(meta.get("title"), str):
        meta["title"] = title_html(meta["title"])
    lines = [f"{key}: {_YAML_UNSAFE.sub(_escape_char, json.dumps(value, ensure_ascii=False))}"
             for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


# characters YAML would fold as line breaks or reject, written as JSON escapes instead
_YAML_UNSAFE = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _escape_char(m: re.Match) -> str:
    return "".join(f"\\u{b:04x}" for b in _utf16(m.group()))


def _utf16(ch: str) -> list[int]:
    data = ch.encode("utf-16-be", "surrogatepass")
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]


# --- big raw HTML kept out of the Markdown converter ---------------------------------
# Python-Markdown parses raw HTML blocks character by character; the SVG relationship
# map took three quarters of an entry page's conversion time. While a ``RawHtmlStore``
# collects (``with store.collecting():`` around page generation), such HTML is put in
# the page as a one-line slot and filled in after conversion (the plugin calls
# ``store.expand`` on every converted page). Without a collecting store the HTML stays
# in the page as it is.

_RAW_SLOT = re.compile(r'<div class="rh-raw" data-key="([0-9a-f]{40})">(?:<a id="[^"<>]*"></a>)*</div>')
RAW_PRUNE_MIN = 1_000_000             # characters
_COLLECTING: ContextVar[Optional["RawHtmlStore"]] = ContextVar("ronghe_raw_html", default=None)


class RawHtmlStore:
    """The HTML of the slots in generated pages, by the digest of the HTML; kept zlib-compressed
    (the relationship maps of 20,000 entry pages were a third of a GB as text until converted)."""

    def __init__(self, prune_min: int = RAW_PRUNE_MIN) -> None:
        self.prune_min = prune_min
        self._html: dict[str, tuple[bytes, int]] = {}   # digest -> (compressed HTML, its length)
        self._added = 0      # characters registered since the last prune
        self._kept = 0       # characters kept at the last prune

    @contextmanager
    def collecting(self):
        token = _COLLECTING.set(self)
        try:
            yield self
        finally:
            _COLLECTING.reset(token)

    def slot(self, html: str, anchors: Iterable[str] = ()) -> str:
        key = hashlib.sha1(html.encode("utf-8")).hexdigest()
        if key not in self._html:
            self._added += len(html)
            self._html[key] = (zlib.compress(html.encode("utf-8"), 1), len(html))
        ids = "".join(f'<a id="{_html.escape(a, quote=True)}"></a>' for a in anchors)
        return f'<div class="rh-raw" data-key="{key}">{ids}</div>'

    def expand(self, text: str) -> str:
        """``text`` (Markdown or HTML) with every slot replaced by its HTML."""
        if 'class="rh-raw"' not in text:
            return text
        return _RAW_SLOT.sub(lambda m: zlib.decompress(self._html[m.group(1)][0]).decode("utf-8"), text)

    def size(self) -> int:
        return sum(n for _h, n in self._html.values())

    def prune(self, pages: Iterable[str]) -> None:
        """Forget the HTML of slots that none of ``pages`` (the Markdown of every page of
        the current build) holds. The dev server calls it after every generation; it
        scans only once the slots registered since the last scan reach a quarter of those kept."""
        if self._added <= max(self._kept // 4, self.prune_min):
            return
        keep: dict[str, tuple[bytes, int]] = {}
        for text in pages:
            if 'class="rh-raw"' in text:
                for m in _RAW_SLOT.finditer(text):
                    if m.group(1) in self._html:
                        keep[m.group(1)] = self._html[m.group(1)]
        self._html = keep
        self._added, self._kept = 0, sum(n for _h, n in keep.values())


def raw_html(html: str, anchors: Iterable[str] = ()) -> str:
    """A slot for ``html`` in the collecting store, or ``html`` itself when none collects.
    ``anchors``: ids in ``html`` that other pages link to; the slot carries them as empty
    anchors, so the site engine's anchor check finds them."""
    store = _COLLECTING.get()
    return html if store is None else store.slot(html, anchors)


def html_table(header: list[str], rows: list[list[str]]) -> str:
    """A table in raw HTML, as the Markdown converter writes one (header and cells are HTML)."""
    out = ["<table>", "<thead>", "<tr>", *(f"<th>{h}</th>" for h in header), "</tr>", "</thead>", "<tbody>"]
    for row in rows:
        out += ["<tr>", *(f"<td>{c}</td>" for c in row), "</tr>"]
    return "\n".join(out + ["</tbody>", "</table>"])


