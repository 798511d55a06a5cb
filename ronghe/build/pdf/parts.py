"""Large PDFs made of parts: each part rendered on its own and cached by the hash of its own HTML.

A part is a complete HTML document (a chapter of the booklet, one level's checklist)
that starts on a new page. WeasyPrint renders it once into ``<cache>/pdf/<key>.part.pdf``
together with ``<key>.part.json``: its page count and sizes, where its anchors, links,
bookmarks and page-number slots are. ronghe/build/pdf/assemble.py joins parts into one PDF
and writes what depends on the whole document — page numbers in the footer, the
“见第 N 页” numbers, links between parts — so a part never depends on the others:
editing one entry renders only the parts that show it.

Page-number slots: an empty inline-block ``<span class="pn" id="rhpn:<n>:<target>">``
of fixed width whose bottom edge is the text baseline (CSS 2.1 §10.8.1); the
assembler draws the target's page number centred in it.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from ronghe.build import parallel
from ronghe.build.logs import Progress
from .cache import RenderCache, content_key

SLOT_PREFIX = "rhpn:"
PX = 0.75                      # CSS px -> PDF points
PART_REVISION = "1"            # bump when the metadata written for a part changes


@dataclass(frozen=True)
class Part:
    name: str                  # for messages and tests, e.g. "ch-problems"
    document: str              # complete HTML
    footer: bool = True        # the assembled pages carry “第 N 页 / 共 M 页”

    @property
    def key(self) -> str:
        from .render import font_fingerprint, weasyprint_version

        return content_key("part", PART_REVISION, self.document, f"weasyprint {weasyprint_version()}",
                           font_fingerprint())


@dataclass
class RenderedPart:
    part: Part
    pdf: Path
    meta: dict

    @property
    def pages(self) -> int:
        return self.meta["pages"]


def slot_id(n: int, target: str) -> str:
    return f"{SLOT_PREFIX}{n}:{target}"


def metadata(doc) -> dict:
    """Where things are in a rendered WeasyPrint document, in PDF points (origin bottom left)."""
    sizes, anchors, slots, links, bookmarks = [], {}, [], [], []
    for i, page in enumerate(doc.pages):
        h = page.height
        sizes.append([page.width * PX, h * PX])
        for name, (x1, y1, x2, y2) in page.anchors.items():
            if name.startswith(SLOT_PREFIX):
                target = name[len(SLOT_PREFIX):].split(":", 1)[1]
                # the empty inline-block's bottom edge is the baseline of its line
                slots.append([i, x1 * PX, x2 * PX, (h - y2) * PX, target])
            elif name not in anchors:
                anchors[name] = [i, x1 * PX, (h - y1) * PX]
        for kind, target, (x1, y1, x2, y2), _box in page.links:
            if kind in ("internal", "external"):
                links.append([i, kind, target, x1 * PX, (h - y2) * PX, x2 * PX, (h - y1) * PX])
        for level, label, (x, y), state in page.bookmarks:
            bookmarks.append([i, level, label, x * PX, (h - y) * PX, state])
    return {"pages": len(doc.pages), "sizes": sizes, "anchors": anchors, "slots": slots,
            "links": links, "bookmarks": bookmarks}


def render_part_pdf(document: str, out: Path) -> dict:
    """Render one part with WeasyPrint into ``out``; returns its metadata."""
    import weasyprint

    from .render import _offline_fetcher, require_fonts

    require_fonts()
    logger = logging.getLogger("weasyprint")
    logger.addFilter(_other_parts_anchors)
    try:
        doc = weasyprint.HTML(string=document, url_fetcher=_offline_fetcher()).render()
        doc.write_pdf(out)
    finally:
        logger.removeFilter(_other_parts_anchors)
    return metadata(doc)


def _other_parts_anchors(record: logging.LogRecord) -> bool:
    """Links to anchors in other parts are expected (the joined PDF resolves them): not an error."""
    return not str(record.msg).startswith("No anchor #")


def _paths(cache: RenderCache, key: str) -> tuple[Path, Path]:
    return cache.path_for(key, ".part.pdf"), cache.path_for(key, ".part.json")


def _cached(cache: RenderCache, key: str) -> Optional[dict]:
    pdf, meta = _paths(cache, key)
    if pdf.is_file() and meta.is_file():
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
        except ValueError:
            return None
        now = time.time()
        os.utime(pdf, (now, now))          # recently used: kept by RenderCache.prune()
        os.utime(meta, (now, now))
        return data
    return None


def _render_into_cache(cache: RenderCache, part: Part, key: str) -> None:
    pdf, meta = _paths(cache, key)
    cache.folder.mkdir(parents=True, exist_ok=True)
    tmp_pdf = pdf.with_name(f".{pdf.name}.{os.getpid()}.part")
    tmp_meta = meta.with_name(f".{meta.name}.{os.getpid()}.part")
    try:
        data = render_part_pdf(part.document, tmp_pdf)
        tmp_meta.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp_pdf, pdf)
        os.replace(tmp_meta, meta)          # last: a part counts as cached once both exist
    finally:
        tmp_pdf.unlink(missing_ok=True)
        tmp_meta.unlink(missing_ok=True)


def render_parts(wanted: Iterable[Part], cache_dir: Path, workers: int = 1,
                 label: str = "") -> tuple[list[RenderedPart], list[Part]]:
    """Every part rendered (or taken from the cache); returns them and the parts rendered now.

    Parts missing from the cache are rendered in up to ``workers`` processes, largest first;
    ``label`` names the document in the progress lines of a long rendering."""
    cache = RenderCache.under(cache_dir)
    wanted = list(wanted)
    keys = [p.key for p in wanted]
    todo = {k: p for k, p in zip(keys, wanted) if _cached(cache, k) is None}
    order = sorted(todo.items(), key=lambda kp: -len(kp[1].document))
    if len(order) > 1:
        import weasyprint  # noqa: F401  (imported once here, not in every forked worker: ~1 s)
    parallel.run_jobs([(lambda k=k, p=p: _render_into_cache(cache, p, k)) for k, p in order], workers,
                      progress=Progress(label, "段") if label else None)
    out = []
    for k, p in zip(keys, wanted):
        meta = _cached(cache, k)
        if meta is None:
            raise RuntimeError(f"PDF 分段“{p.name}”未能生成。")
        out.append(RenderedPart(p, _paths(cache, k)[0], meta))
    return out, list(todo.values())
