"""The preview of drafts under ``ronghe serve`` (never in ``ronghe build``).

Every draft in content/ (``draft: true``) gets its page as it would look when published,
marked 草稿, with the passage of the source report it was imported from beside it (the
``ingest:`` block's line range in the source entry's cleaned text), so that an editor
can compare the two and accept or correct the draft. ``drafts/index.md`` lists them.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, Optional

from ronghe.content.graph import KnowledgeBase
from ronghe.content.model import Entry, Source

from .entry_pages import render_entry
from .hrefs import href
from .markup import front_matter, link, raw_html
from .sections import SECTIONS
from .urls import entry_uri

PREVIEW_URI = "drafts/index.md"
PREVIEW_TITLE = "草稿预览"
CONTEXT_LINES = 2       # lines of the source shown before and after the passage


def drafts(kb_with_drafts: KnowledgeBase) -> list[Entry]:
    return [e for s in SECTIONS for e in kb_with_drafts.by_type(s.type_name) if e.draft]


def preview_pages(kb_with_drafts: KnowledgeBase) -> Iterable[tuple[str, str]]:
    """(source URI, Markdown) of the preview index and of every draft's page."""
    found = drafts(kb_with_drafts)
    yield PREVIEW_URI, _index(found)
    for entry in found:
        yield entry_uri(entry), _draft_page(kb_with_drafts, entry)


def _index(found: list[Entry]) -> str:
    lines = [front_matter(title=PREVIEW_TITLE), f"# {PREVIEW_TITLE}", "",
             f"内容目录中有 {len(found)} 条草稿（draft: true）。它们只在本机预览（ronghe serve）中显示，"
             "不会出现在构建的站点里。打开一条草稿，可对照它所依据的报告原文审定。", ""]
    for section in SECTIONS:
        items = [e for e in found if e.type_name == section.type_name]
        if items:
            lines += [f"## {section.title}（{len(items)} 条）", ""]
            lines += [f"- {link(PREVIEW_URI, entry_uri(e), e.title)}" + (f"（{html.escape(e.path.name)}）" if e.path else "")
                      for e in items]
            lines.append("")
    if not found:
        lines += ["目前没有草稿。用 `ronghe ingest` 导入报告，把生成的草稿放进 content/ 后即可在这里预览。", ""]
    return "\n".join(lines)


def _draft_page(kb: KnowledgeBase, entry: Entry) -> str:
    # a draft countermeasure's 举措 are not on the published checklist pages: link to the page, not the item
    page = re.sub(r"(\.md)#" + re.escape(entry.id) + r"--\d+\)", r"\1)", render_entry(kb, entry))
    head, sep, rest = page.partition("\n---\n\n")     # after the front matter
    return head + sep + "\n".join(_banner(entry) + _source_passage(kb, entry) + [""]) + rest


def _banner(entry: Entry) -> list[str]:
    where = html.escape(entry.path.as_posix()) if entry.path else "内容目录"
    return [raw_html(
        '<div class="rh-draft-banner" role="note"><strong>草稿</strong>：本页只在本机预览中显示，尚未发布。'
        f'审定后在 <code>{where}</code> 中删去 <code>draft: true</code> 和“【待编辑】”标记即可发布；'
        f'要修改，直接编辑这个文件，保存后本页会自动刷新。</div>'), ""]


def _source_passage(kb: KnowledgeBase, entry: Entry) -> list[str]:
    origin = entry.imported
    source = _source_of(kb, entry)
    if origin is None or source is None or not source.text:
        return []
    span = origin.clean_range()
    text_lines = source.text.split("\n")
    if span is None or span[1] > len(text_lines):
        return []
    first, last = span
    start, end = max(1, first - CONTEXT_LINES), min(len(text_lines), last + CONTEXT_LINES)
    rows = []
    for n in range(start, end + 1):
        cls = ' class="rh-draft-source__hit"' if first <= n <= last else ""
        rows.append(f'<li value="{n}"{cls}>{html.escape(text_lines[n - 1])}</li>')
    here = entry_uri(entry)
    where = f"第 {first} 行" if first == last else f"第 {first}–{last} 行"
    caption = (f'原文：<a href="{href(here, entry_uri(source))}">《{html.escape(source.title)}》</a>'
               f'清洗后全文{where}' + (f'（原始文件 {html.escape(origin.seed)}' +
                                       (f' 第 {html.escape(origin.lines)} 行' if origin.lines else '') + '）'
                                       if origin.seed else ''))
    return [raw_html(f'<aside class="rh-draft-source" aria-label="草稿所依据的原文"><p>{caption}</p>'
                     f'<ol class="rh-draft-source__lines">{"".join(rows)}</ol></aside>'), ""]


def _source_of(kb: KnowledgeBase, entry: Entry) -> Optional[Source]:
    if isinstance(entry, Source):
        return entry
    for c in entry.citations:
        found = kb.get(c.source)
        if isinstance(found, Source):
            return found
    return None
