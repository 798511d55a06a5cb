"""HTML -> PDF with WeasyPrint.

The documents are self-contained (inline CSS, system fonts), so nothing is
fetched while rendering: any URL is refused.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"PDF 渲染不访问外部资源：{url}")


def weasyprint_version() -> str:
    from importlib.metadata import version

    return version("weasyprint")


def render_pdf(document: str, out: Path, base_url: str | None = None) -> Path:
    """Write ``document`` (a full HTML string) as a PDF to ``out`` (atomically)."""
    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)   # CSS it skips is not our reader's concern
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        weasyprint.HTML(string=document, base_url=base_url, url_fetcher=_no_fetch).write_pdf(tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def render_pdf_cached(document: str, dest: Path, cache_dir: Path, base_url: str | None = None) -> bool:
    """Write the PDF of ``document`` to ``dest``, rendering only if this exact input was never rendered.

    Returns True when it came from the cache."""
    from .cache import RenderCache, content_key

    key = content_key(document, base_url or "", f"weasyprint {weasyprint_version()}")
    return RenderCache.under(cache_dir).produce(key, dest, lambda path: render_pdf(document, path, base_url))
