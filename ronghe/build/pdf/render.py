"""HTML -> PDF with WeasyPrint.

The documents are self-contained (inline CSS, system fonts), so nothing is
fetched while rendering: any URL is refused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from .document import FONT_SANS, FONT_SERIF

# Without them fontconfig silently substitutes another face (Japanese forms, or boxes).
REQUIRED_FONTS = (FONT_SANS, FONT_SERIF)


class MissingFonts(RuntimeError):
    pass


@lru_cache(maxsize=None)
def _installed(family: str) -> bool:
    if shutil.which("fc-list") is None:
        return True                       # cannot tell: let WeasyPrint try
    out = subprocess.run(["fc-list", f":family={family}", "family"], capture_output=True, text=True).stdout
    return bool(out.strip())


@lru_cache(maxsize=None)
def font_fingerprint(families=REQUIRED_FONTS) -> str:
    """Files and versions of the fonts the PDFs use: a font upgrade renders the PDFs again."""
    if shutil.which("fc-list") is None:
        return ""
    lines = []
    for family in families:
        out = subprocess.run(["fc-list", f":family={family}", "file", "style", "fontversion"],
                             capture_output=True, text=True).stdout
        lines += sorted(out.splitlines())
    return "\n".join(lines)


def require_fonts(families=REQUIRED_FONTS) -> None:
    """Fail with a clear message when the CJK fonts the PDFs name are not installed."""
    missing = [f for f in families if not _installed(f)]
    if missing:
        raise MissingFonts(f"生成 PDF 需要字体：{'、'.join(missing)}（Debian 软件包 fonts-noto-cjk）。"
                           "请运行 bash scripts/bootstrap.sh 安装后重新构建。")


def _offline_fetcher():
    """A WeasyPrint URL fetcher that refuses everything but inline ``data:`` URLs."""
    from weasyprint.urls import URLFetcher

    class OfflineFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"PDF 渲染不访问外部资源：{url}")

    return OfflineFetcher(allowed_protocols=("data",))


def weasyprint_version() -> str:
    from importlib.metadata import version

    return version("weasyprint")


def render_pdf(document: str, out: Path, base_url: str | None = None) -> Path:
    """Write ``document`` (a full HTML string) as a PDF to ``out`` (atomically)."""
    import weasyprint

    require_fonts()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        weasyprint.HTML(string=document, base_url=base_url, url_fetcher=_offline_fetcher()).write_pdf(tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def pdf_key(document: str, base_url: str | None = None) -> str:
    """Cache key of the PDF of ``document`` (ronghe/build/pdf/cache.py)."""
    from .cache import content_key

    return content_key(document, base_url or "", f"weasyprint {weasyprint_version()}", font_fingerprint())


def render_pdf_cached(document: str, dest: Path, cache_dir: Path, base_url: str | None = None) -> bool:
    """Write the PDF of ``document`` to ``dest``, rendering only if this exact input was never rendered.

    Returns True when it came from the cache."""
    from .cache import RenderCache

    return RenderCache.under(cache_dir).produce(pdf_key(document, base_url), dest,
                                                lambda path: render_pdf(document, path, base_url))


def render_pdfs_cached(jobs: list[tuple[str, Path]], cache_dir: Path, workers: int = 1) -> int:
    """``render_pdf_cached`` for independent documents, those not cached in up to ``workers``
    processes (ronghe.build.parallel); returns how many were rendered."""
    from ronghe.build import parallel
    from .cache import RenderCache

    cache = RenderCache.under(cache_dir)
    missing = [(doc, dest) for doc, dest in jobs if not cache.path_for(pdf_key(doc)).is_file()]
    if len(missing) > 1:
        import weasyprint  # noqa: F401  (imported once here, not in every forked worker)
    parallel.run_jobs([(lambda d=doc: cache.ensure(pdf_key(d), lambda p: render_pdf(d, p)))
                       for doc, _ in missing], workers)
    for doc, dest in jobs:
        render_pdf_cached(doc, dest, cache_dir)
    return len(missing)
