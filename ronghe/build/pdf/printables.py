"""The list of printable material (issue 9): size and page count of every PDF, known only
after the PDF steps have run.

Generated pages carry placeholders (``<span class="rh-pdf-meta" data-rh-pdf="path">``,
ronghe/site/handout_pages.py); this post-build step, which runs after every PDF step,
fills them in the built HTML and writes ``training/pdf/manifest.json`` with the same
figures. A file that is missing is shown as such instead of a broken figure.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ronghe.build.logs import LOG
from ronghe.content.graph import KnowledgeBase
from ronghe.site.handout_pages import PENDING, printable_files
from ronghe.site.urls import PDF_MANIFEST, TRAINING_SECTION


if TYPE_CHECKING:
    from ronghe.build.postbuild import PostBuildContext

MANIFEST = PDF_MANIFEST
_PLACEHOLDER = re.compile(r'(<span class="rh-pdf-meta" data-rh-pdf=")([^"]+)(">)' + re.escape(PENDING) + "(</span>)")


@dataclass
class PdfFacts:
    path: str          # site-relative
    title: str
    group: str
    bytes: Optional[int]
    pages: Optional[int]

    @property
    def label(self) -> str:
        if self.bytes is None:
            return "（尚未生成）"
        size = f"{self.bytes / 1024:.0f} KB" if self.bytes < 1024 * 1024 else f"{self.bytes / 1024 / 1024:.1f} MB"
        pages = f"{self.pages} 页 · " if self.pages else ""
        return f"{pages}{size}"


def page_count(path: Path) -> Optional[int]:
    try:
        from pypdf import PdfReader

        return len(PdfReader(str(path)).pages)
    except Exception:   # a damaged file: show its size without a page count
        return None


def facts_of(site_dir: Path, path: str, title: str = "", group: str = "") -> PdfFacts:
    f = site_dir / path
    if not f.is_file():
        return PdfFacts(path, title, group, None, None)
    return PdfFacts(path, title, group, f.stat().st_size, page_count(f))


def collect(kb: KnowledgeBase, site_dir: Path, booklet_split: Optional[int] = None) -> list[PdfFacts]:
    return [facts_of(site_dir, path, title, group) for group, files in printable_files(kb, booklet_split)
            for title, path in files]


def fill_placeholders(page: Path, site_dir: Path, known: dict[str, PdfFacts]) -> int:
    text = page.read_text(encoding="utf-8")
    count = 0

    def repl(m: re.Match) -> str:
        nonlocal count
        path = html.unescape(m.group(2))
        facts = known.get(path) or facts_of(site_dir, path)
        count += 1
        return f"{m.group(1)}{m.group(2)}{m.group(3)}{html.escape(facts.label)}{m.group(4)}"

    new = _PLACEHOLDER.sub(repl, text)
    if count:
        page.write_text(new, encoding="utf-8")
    return count


def write_printables(kb: KnowledgeBase, site_dir: Path, context: "PostBuildContext") -> None:
    """Post-build step (after all PDF steps): sizes and page counts into the pages, and the manifest."""
    facts = collect(kb, site_dir, context.booklet_split)
    known = {f.path: f for f in facts}
    filled = 0
    folder = site_dir / TRAINING_SECTION
    for page in sorted(folder.rglob("*.html")) if folder.is_dir() else []:
        filled += fill_placeholders(page, site_dir, known)
    manifest = site_dir / MANIFEST
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps([asdict(f) for f in facts], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    missing = [f.path for f in facts if f.bytes is None]
    if missing:
        LOG.warning("打印材料：%d 个文件未生成：%s", len(missing), "、".join(missing))
