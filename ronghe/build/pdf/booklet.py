"""The booklet (issue 9): the whole knowledge base as one printed book, written into the site.

Cover (title, edition = content version, date), table of contents with page numbers,
then the chapters (ronghe/build/pdf/booklet_chapters.py: 问题 → 原因 → 对策 → 案例 →
各层级清单 → 术语 → 来源 and an appendix with the training topics). Every relation
between entries is a link to the target's anchor that prints as “见第 N 页”; the
chapter title runs in the page header.

The book is made of parts (ronghe/build/pdf/parts.py): the cover, the table of contents and
one part per chapter — per category in 对策 and per level in 各层级责任清单, which
therefore start on a new page as chapters do. Each part is rendered once and cached
by the hash of its own HTML; ronghe/build/pdf/assemble.py joins them and writes the page
numbers (footer, “见第 N 页”), so editing one entry renders only the parts showing it.
The table of contents, a few pages, is rendered last with its page numbers as text.
"""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ronghe.build import buildinfo
from ronghe.content.graph import KnowledgeBase
from ronghe.content.identity import GuideIdentity
from ronghe.site.sections import SECTION_BY_TYPE
from ronghe.build.logs import LOG
from . import assemble, parts
from .booklet_chapters import APPENDIX, CHAPTERS, Chapter, anchor, chapter_blocks, chapters, xref
from .cache import RenderCache, content_key
from .document import html_document, running_header, stylesheet
from ronghe.site.booklet_files import booklet_chapters, booklet_files, is_split
from ronghe.site.urls import BOOKLET_PDF

if TYPE_CHECKING:
    from ronghe.build.postbuild import PostBuildContext

E = html.escape


# --- cover, contents, the whole document -------------------------------------------

def edition(info: Optional[buildinfo.BuildInfo]) -> tuple[str, str]:
    """(edition, date) for the cover: the content version and its date, stable between builds
    of the same content (so the cached PDF is reused)."""
    if info is None:
        return "—", ""
    if info.commit:
        text = f"内容版本 {info.commit}" + ("（含未提交的修改）" if info.modified else "")
        return text, info.commit_date or info.build_date
    return f"内容版本 {info.build_date}", info.build_date


def _toc(kb: KnowledgeBase, chs: list[tuple[str, Chapter]], pages: Optional[dict[str, int]] = None) -> str:
    """The table of contents; ``pages`` gives each target's page number (printed as text)."""
    def link(target: str, text: str) -> str:
        n = (pages or {}).get(target)
        return f'<a href="#{E(target)}" data-page="{n if n is not None else ""}">{E(text)}</a>'

    items = []
    for heading, ch in chs:
        sub = ""
        if ch.key == "countermeasures":
            sub = "".join(f'<li class="sub">{link(f"cat-{c.id}", c.title)}</li>'
                          for c in kb.categories.values() if kb.countermeasures_in_category(c.id))
        elif ch.key == "levels":
            sub = "".join(f'<li class="sub">{link(anchor(lv.id), lv.title)}</li>' for lv in kb.levels())
        items.append(f'<li class="ch">{link(ch.anchor, heading)}</li>{sub}')
    return f'<nav class="toc"><h1 class="toc-title">目　录</h1><ul>{"".join(items)}</ul></nav>'


def _cover(kb: KnowledgeBase, info: Optional[buildinfo.BuildInfo]) -> str:
    ed, date = edition(info)
    counts = "、".join(f"{SECTION_BY_TYPE[t].title} {len(kb.by_type(t))} 条"
                      for t in ("problem", "cause", "countermeasure", "case") if kb.by_type(t))
    guide = kb.identity
    return (f'<section class="cover"><p class="cover-site">{E(guide.name)}</p>'
            f'<h1 class="cover-title">{E(guide.cover_title)}</h1>'
            f'<p class="cover-sub">{E(guide.subtitle)}</p>'
            f'<p class="cover-sub">问题 · 原因 · 对策 · 案例 · 各层级责任清单 · 术语 · 来源</p>'
            f'<p class="cover-counts">收录{E(counts)}</p>'
            f'<table class="cover-meta"><tr><th>版本</th><td>{E(ed)}</td></tr>'
            f'<tr><th>日期</th><td>{E(date)}</td></tr></table>'
            '<p class="cover-use">供机关党组织学习、培训和对照检查使用。正文中的“见第 N 页”指向本书中的相关条目。</p>'
            "</section>")


def booklet_body(kb: KnowledgeBase, info: Optional[buildinfo.BuildInfo] = None) -> str:
    """The whole book as one HTML body (the PDF is made of parts; this is for checks and tests)."""
    return "\n".join([_cover(kb, info), _toc(kb, chapters(kb))] + [html for _, html in chapter_blocks(kb)])


def booklet_document(kb: KnowledgeBase, info: Optional[buildinfo.BuildInfo] = None) -> str:
    guide = kb.identity
    return html_document(guide.booklet_title, booklet_body(kb, info), [stylesheet("booklet.css"),
                                                                       running_header(guide.name)],
                         author=guide.name, subject=guide.subtitle)


# --- parts -------------------------------------------------------------------------

_SLOT = re.compile(r'<span class="pn" data-to="([^"]+)"></span>')


def _number_slots(body: str) -> str:
    """Give every page-number slot of a part its id (numbered in order: the same HTML every build)."""
    count = iter(range(1, 1 << 30))
    return _SLOT.sub(lambda m: f'<span class="pn" id="{parts.slot_id(next(count), m.group(1))}"></span>', body)


def _parts_css(digits: int) -> str:
    """What a part adds to booklet.css: no footer (written when the parts are joined) and the
    width of the page-number slots."""
    width = assemble.slot_width(assemble.XREF_NUMBER, digits)
    return ("@page { @bottom-center { content: none; } }\n"
            f".pn {{ display: inline-block; width: {width:.3f}pt; height: 0.7em; }}\n")


def _part(name: str, body: str, digits: int, guide: GuideIdentity, footer: bool = True, first: bool = False,
          last: bool = False) -> parts.Part:
    # the body's margin (8px) is at the top of the book's first page and the bottom of its last,
    # not at every part's
    margins = "" if first and last else "body { margin-bottom: 0; }" if first else \
        "body { margin-top: 0; }" if last else "body { margin-top: 0; margin-bottom: 0; }"
    css = [stylesheet("booklet.css"), running_header(guide.name), _parts_css(digits) + margins]
    return parts.Part(name, html_document(guide.booklet_title, _number_slots(body), css, author=guide.name,
                                          subject=guide.subtitle), footer)


def _digits_hint(cache_dir: Path) -> Path:
    return RenderCache.under(cache_dir).folder / "booklet-digits.json"


# A part of about this much HTML (~40 pages) costs ~3 s to render; a part has a fixed cost of
# ~0.3 s (styles, fonts), so smaller chapters and sections are rendered together.
PART_BYTES = 250_000
# HTML bytes per printed page (measured: 5.2 KB at N = 100, 6.4 KB at N = 1,000): only a first
# guess of the page count, for the width of the page-number slots
BYTES_PER_PAGE = 5800


def _group(blocks: list[tuple[str, str]], limit: Optional[int] = None) -> list[tuple[str, str]]:
    """Consecutive blocks joined into parts of about ``limit`` bytes of HTML. Every block starts
    a new page anyway (a chapter or a continued chapter), so the grouping does not change the
    pages, only how much is rendered again after an edit."""
    limit = PART_BYTES if limit is None else limit
    out: list[tuple[str, str]] = []
    names: list[str] = []
    htmls: list[str] = []
    size = 0
    for name, html in blocks:
        n = len(html.encode("utf-8"))
        if htmls and size + n > limit:
            out.append(("+".join(names), "\n".join(htmls)))
            names, htmls, size = [], [], 0
        names.append(name)
        htmls.append(html)
        size += n
    if htmls:
        out.append(("+".join(names), "\n".join(htmls)))
    return out


def chapter_key(part_name: str) -> str:
    """The chapter of a part of the book ("countermeasures-3+countermeasures-4" -> "countermeasures")."""
    return part_name.split("+", 1)[0].split("-", 1)[0]


def _blocks(kb: KnowledgeBase, split: bool) -> list[tuple[str, str]]:
    """The chapter blocks grouped into parts; ``split``: no part spans two chapters."""
    blocks = chapter_blocks(kb)
    if not split:
        return _group(blocks)
    out: list[tuple[str, str]] = []
    by_chapter: dict[str, list[tuple[str, str]]] = {}
    for name, html in blocks:
        by_chapter.setdefault(chapter_key(name), []).append((name, html))
    for chapter_blocks_ in by_chapter.values():
        out += _group(chapter_blocks_)
    return out


def booklet_parts(kb: KnowledgeBase, info: Optional[buildinfo.BuildInfo], cache_dir: Path, workers: int = 1,
                  split: bool = False) -> tuple[list[parts.RenderedPart], list[parts.Part]]:
    """The rendered parts of the book, in order (cover, contents, chapters); and those rendered now.

    The page-number slots are as wide as the largest page number: their width (in digits)
    is part of every chapter part, so when the book crosses 99 or 999 pages its parts are
    rendered again. The digits of the last build (or an estimate from the HTML) are the first guess."""
    blocks = _blocks(kb, split)
    hint = _digits_hint(cache_dir)
    digits = _first_digits(hint, blocks)
    chs = chapters(kb)
    rendered_now: list[parts.Part] = []
    for _attempt in range(3):
        body, made = parts.render_parts([_part(name, html, digits, kb.identity, last=i == len(blocks) - 1)
                                         for i, (name, html) in enumerate(blocks)], cache_dir,
                                        workers, label="全书 PDF")
        rendered_now += made
        cover, made = parts.render_parts([_part("cover", _cover(kb, info), digits, kb.identity, footer=False, first=True)],
                                         cache_dir)
        rendered_now += made
        toc_pages = 1
        for _ in range(3):    # the contents' own length shifts every number after it
            numbers, total = _anchor_pages(body, cover[0].pages + toc_pages)
            toc, made = parts.render_parts([_part("toc", _toc(kb, chs, numbers), digits, kb.identity)], cache_dir)
            rendered_now += made
            if toc[0].pages == toc_pages:
                break
            toc_pages = toc[0].pages
        if len(str(total)) == digits:
            break
        digits = len(str(total))
    hint.parent.mkdir(parents=True, exist_ok=True)
    hint.write_text(json.dumps({"digits": digits}), encoding="utf-8")
    return cover + toc + body, rendered_now


def _first_digits(hint: Path, blocks: list[tuple[str, str]]) -> int:
    """The digits of the last build's page count, or a guess from the size of the HTML."""
    try:
        return int(json.loads(hint.read_text(encoding="utf-8"))["digits"])
    except (OSError, ValueError, KeyError, TypeError):
        return len(str(max(1, sum(len(html.encode("utf-8")) for _, html in blocks) // BYTES_PER_PAGE)))


def _anchor_pages(body: list[parts.RenderedPart], front: int) -> tuple[dict[str, int], int]:
    """{anchor: page number} of the chapter parts after ``front`` pages, and the page count."""
    numbers: dict[str, int] = {}
    start = front
    for rp in body:
        for name, (i, _x, _y) in rp.meta["anchors"].items():
            numbers.setdefault(name, start + i + 1)
        start += rp.pages
    return numbers, start


def _build_info(context: "PostBuildContext") -> Optional[buildinfo.BuildInfo]:
    data = (context.extra or {}).get("build_info")
    if data:
        return buildinfo.BuildInfo(build_time=data["build_time"], commit=data.get("commit"),
                                   commit_date=data.get("commit_date"), modified=bool(data.get("modified")))
    return buildinfo.collect(context.content_dir)


ASSEMBLY_REVISION = "1"


def write_booklet_pdf(kb: KnowledgeBase, site_dir: Path, context: "PostBuildContext") -> None:
    """Post-build step: training/pdf/ronghe-booklet.pdf; only the parts whose HTML changed are rendered."""
    started = time.monotonic()
    if is_split(kb, context.booklet_split):
        return write_booklet_volumes(kb, site_dir, context)
    rendered, made = booklet_parts(kb, _build_info(context), context.cache_dir, context.pdf_workers)
    key = content_key("booklet", ASSEMBLY_REVISION, *(str(rp.pdf.name) for rp in rendered))
    RenderCache.under(context.cache_dir).produce(
        key, site_dir / BOOKLET_PDF,
        lambda path: assemble.assemble(rendered, path, title=kb.identity.booklet_title, author=kb.identity.name,
                                       subject=kb.identity.subtitle))
    # the last PDF step: old renderings go now, after every step has marked what it still uses
    RenderCache.under(context.cache_dir).prune()
    pages = sum(rp.pages for rp in rendered)
    LOG.info("全书 PDF：%d 页，共 %d 段，新生成 %d 段，其余取自缓存（%.1f 秒）。",
             pages, len(rendered), len({p.name for p in made}), time.monotonic() - started)


def write_booklet_volumes(kb: KnowledgeBase, site_dir: Path, context: "PostBuildContext") -> None:
    """The booklet of a large knowledge base: one PDF per chapter, numbered as one book
    (ronghe.site.booklet_files); the first file holds the cover and the contents too."""
    started = time.monotonic()
    rendered, made = booklet_parts(kb, _build_info(context), context.cache_dir, context.pdf_workers, split=True)
    front, body = rendered[:2], rendered[2:]
    numbers, total = _anchor_pages(body, sum(rp.pages for rp in front))
    volumes: dict[str, list[parts.RenderedPart]] = {}
    for rp in body:
        volumes.setdefault(chapter_key(rp.part.name), []).append(rp)
    files = booklet_files(kb, context.booklet_split)
    keys = [key for key, _title in booklet_chapters(kb)]
    assert list(volumes) == keys, (list(volumes), keys)
    cache = RenderCache.under(context.cache_dir)
    page = 1
    for i, ((title, path), key) in enumerate(zip(files, keys)):
        volume = (front if i == 0 else []) + volumes[key]
        first = page
        outside = {name: n for name, n in numbers.items()}
        cache_key = content_key("booklet-volume", ASSEMBLY_REVISION, key, str(first), str(total),
                                *(str(rp.pdf.name) for rp in volume), json.dumps(outside, sort_keys=True))
        cache.produce(cache_key, site_dir / path,
                      lambda out, volume=volume, first=first, title=title, outside=outside: assemble.assemble(
                          volume, out, title=title, author=kb.identity.name, subject=kb.identity.subtitle, first_page=first,
                          book_pages=total, outside=outside))
        page += sum(rp.pages for rp in volume)
    cache.prune()
    LOG.info("全书 PDF：%d 页，按章分为 %d 个文件，共 %d 段，新生成 %d 段，其余取自缓存（%.1f 秒）。",
             total, len(files), len(rendered), len({p.name for p in made}), time.monotonic() - started)


__all__ = ["CHAPTERS", "APPENDIX", "booklet_document", "booklet_parts", "chapters", "write_booklet_pdf", "xref",
           "anchor"]
