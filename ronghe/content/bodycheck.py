"""Checks of the Markdown an editor writes in an entry's ``body``.

Two mistakes there used to pass ``check`` and then either fail the build with an
English MkDocs warning about a generated page the editor never sees, or silently
break the page:

- a link to a page of the site that does not exist (``[见](../causes/no-such.md)``);
- a raw HTML block left open (``<div>说明`` without ``</div>``): Python-Markdown then
  treats everything after it as HTML, so the sections the build adds below the body
  (关联条目, the map) show as literal ``## …`` lines.

Both are reported at the body line that holds them. Only what is certain is
reported: links outside the site's own pages (other sites, files in docs/ when no
docs folder is given) are left to the site engine's own check.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable, Optional, Protocol

from .model import Entry

# [text](target) or [text](<target> "title"), not images; targets with a scheme are external
_LINK = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_FENCE = re.compile(r"^\s*(```|~~~)")

# block-level tags Python-Markdown keeps as one raw HTML block until the matching end tag
_BLOCK_TAGS = frozenset("""address article aside blockquote details dialog dd div dl dt fieldset figcaption figure
footer form h1 h2 h3 h4 h5 h6 header hgroup main nav ol p pre section table tbody td tfoot th thead tr ul
center iframe noscript script style video audio canvas""".split())

AddError = Callable[[Entry, int, str, str], None]   # (entry, line in file, message, hint)


def _code_free_lines(body: str) -> list[tuple[int, str]]:
    """(index, line) of the body's lines outside fenced code blocks, inline code removed."""
    out, fenced = [], False
    for i, line in enumerate(body.splitlines()):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced and not line.startswith(("    ", "\t")):
            out.append((i, re.sub(r"`[^`]*`", "", line)))
    return out


def page_folders(pages: set[str]) -> frozenset[str]:
    return frozenset(p.split("/", 1)[0] for p in pages if "/" in p)


def broken_links(body: str, page_uri: str, pages: set[str], docs_dir: Optional[Path] = None,
                 folders: Optional[frozenset[str]] = None) -> Iterable[tuple[int, str]]:
    """(line index in the body, target) of links to pages of the site that do not exist.
    Without ``docs_dir`` only links into the folders of ``pages`` (the generated
    sections; ``folders``, computed once by the caller) are judged; with it, links to
    hand-written pages are checked too."""
    base = posixpath.dirname(page_uri)
    if "](" not in body:
        return
    if folders is None:
        folders = page_folders(pages)
    for i, line in _code_free_lines(body):
        for m in _LINK.finditer(line):
            target = m.group(1)
            if _SCHEME.match(target) or target.startswith(("#", "/")):
                continue
            path = target.split("#", 1)[0].split("?", 1)[0]
            if not path.endswith(".md"):
                continue
            uri = posixpath.normpath(posixpath.join(base, path))
            if uri in pages or uri.startswith("../"):
                continue
            if docs_dir is not None and (docs_dir / uri).is_file():
                continue
            if docs_dir is None and uri.split("/", 1)[0] not in folders:
                continue
            yield i, target


class _OpenBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []   # (tag, line index) of the open block tags

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.stack.append((tag, self.getpos()[0] - 1))

    def handle_endtag(self, tag):
        if tag not in _BLOCK_TAGS:
            return
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                del self.stack[k:]
                return


def unclosed_html(body: str) -> list[tuple[int, str]]:
    """(line index in the body, tag) of block-level HTML start tags never closed."""
    lines = dict(_code_free_lines(body))
    text = "\n".join(lines.get(i, "") for i in range(len(body.splitlines())))
    parser = _OpenBlocks()
    parser.feed(text)
    parser.close()
    return [(i, tag) for tag, i in parser.stack]


class SitePages(Protocol):
    """What body links are checked against: the site that will be built (ronghe.site.checking)."""

    def page_uris(self, kb) -> set[str]:
        """Source URIs of every page the site will have (entries, section indexes, generated pages)."""

    def entry_uri(self, entry: Entry) -> str:
        """The page of ``entry``, which relative links in its body start from."""


def check_bodies(entries: Iterable[Entry], pages: set[str], entry_uri: Callable[[Entry], str],
                 body_line: Callable[[Entry], int], add: AddError, docs_dir: Optional[Path] = None) -> None:
    """Report broken links and unclosed HTML blocks in the bodies of ``entries``.

    ``pages``: source URIs of every page the site will have; ``entry_uri(entry)``: the page
    of an entry; ``body_line(entry)``: the file line of the body's first line."""
    folders = page_folders(pages)
    for entry in entries:
        body = entry.body or ""
        if not body.strip():
            continue
        first = body_line(entry)
        for i, target in broken_links(body, entry_uri(entry), pages, docs_dir, folders):
            add(entry, first + i, f"正文中的链接“{target}”指向的页面不存在。",
                "请检查路径和文件名：链接写成相对于本条目页面的路径，例如 ../causes/编号.md；"
                "也可以删去这个链接。")
        for i, tag in unclosed_html(body):
            add(entry, first + i, f"正文中的 HTML 标签 <{tag}> 没有对应的 </{tag}>。",
                f"请在这段内容的末尾加上 </{tag}>，或删去 <{tag}>；未闭合的标签会使本页后面的各节显示错乱。")


def check_body_safety(entries: Iterable[Entry], body_line: Callable[[Entry], int], add: AddError) -> None:
    """Report what in the bodies of ``entries`` would run as script, embed another page or
    load something from outside the site (ronghe.content.bodysafety), at its line."""
    from .bodysafety import located_refusals

    for entry in entries:
        body = entry.body or ""
        if not body.strip():
            continue
        first = body_line(entry)
        for i, refusal in located_refusals(body):
            add(entry, first + i, refusal.message, refusal.hint)
