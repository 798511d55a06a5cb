"""sitemap.xml: MkDocs writes one from every page's absolute address, which it knows only
from ``site_url`` (mkdocs.yml, or the RONGHE_SITE_URL environment variable). An intranet
site built without it would get an empty ``<urlset>``, which the sitemap schema rejects
(a sitemap lists at least one absolute URL): such a build leaves no sitemap at all.
docs/guide/deploy.md tells administrators how to get one.
"""

from __future__ import annotations

from pathlib import Path

from ronghe.content.graph import KnowledgeBase

SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


def drop_sitemap_without_site_url(kb: KnowledgeBase, site_dir: Path, context) -> None:
    if context.site_url:
        return
    for name in SITEMAPS:
        (Path(site_dir) / name).unlink(missing_ok=True)
