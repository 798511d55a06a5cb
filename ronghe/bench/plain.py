"""The same generated pages as a plain Material site: the Markdown of every
page written to a docs folder, and the mkdocs.yml a plain Material user would
write (every page listed in the navigation, the built-in search)."""

from __future__ import annotations

from pathlib import Path

import yaml

from ronghe.content.loader import load_and_validate
from ronghe.site.pages import generate_pages
from ronghe.site.sections import SECTIONS


def write_plain_project(content_dir: Path, project: Path) -> Path:
    """Write ``project/docs`` and ``project/mkdocs.yml``; returns the config file."""
    kb, result = load_and_validate(content_dir)
    if result.errors:
        raise ValueError(result.errors.report())
    docs = project / "docs"
    pages = generate_pages(kb)
    by_folder: dict[str, list[str]] = {}
    for page in pages:
        path = docs / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")  # raw HTML inline, as a user would
        by_folder.setdefault(page.src_uri.split("/")[0] if "/" in page.src_uri else "", []).append(page.src_uri)
    (docs / "index.md").write_text("# 融合指南\n\n同一批页面的普通 Material 站点（性能对照）。\n", encoding="utf-8")
    titles = {s.path: s.title for s in SECTIONS}
    nav: list = [{"首页": "index.md"}]
    for folder in sorted(by_folder, key=lambda f: list(titles).index(f) if f in titles else len(titles)):
        uris = sorted(by_folder[folder], key=lambda u: (not u.endswith("/index.md"), u))
        nav.append({titles.get(folder, folder or "其他"): uris})
    config = {
        "site_name": "融合指南（普通 Material 对照）",
        "theme": {"name": "material", "language": "zh"},
        "plugins": ["search"],
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "tables", {"toc": {"permalink": True}}],
        "nav": nav,
    }
    cfg = project / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return cfg
