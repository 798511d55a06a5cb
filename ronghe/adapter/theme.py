"""What the plugin adds to a site's MkDocs configuration, so that another organ's
``mkdocs.yml`` needs only ``theme: material`` and ``plugins: [search, offline, ronghe]``:

- the theme templates of ronghe.site.theme (page footer with the content version,
  a Chinese 404 page), after the site's own ``custom_dir`` so that it can still override them;
- the style sheets and scripts the generated pages use, from the package, joined into one
  style sheet and one script (a site's own file at one of their addresses takes that part's place);
- the Markdown extensions the generated pages are written for;
- a local copy of the iframe-worker shim, so that search works from file:// without
  the offline plugin fetching it from a CDN;
- a navigation, when the site has none of its own, and a home page when docs/ has none.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ronghe.build.search.publish import WEB as SEARCH_WEB, worker_names
from ronghe.site.sections import SECTIONS

THEME = Path(__file__).resolve().parent.parent / "site" / "theme"
TEMPLATES = THEME / "templates"
ASSETS = THEME / "assets"

# (URI in the site, file in the package); order of the style sheets matters
STYLES = (
    ("assets/ronghe.css", ASSETS / "ronghe.css"),
    ("assets/ronghe-checklist.css", ASSETS / "ronghe-checklist.css"),   # checklist self-check, A4 print
    ("assets/ronghe-xref.css", ASSETS / "ronghe-xref.css"),             # breadcrumbs, matrix, maps, glossary links
    ("assets/ronghe-training.css", ASSETS / "ronghe-training.css"),     # handouts, printable material
    ("assets/ronghe-preview.css", ASSETS / "ronghe-preview.css"),       # drafts in the preview (ronghe serve)
    ("assets/ronghe-search/facets.css", SEARCH_WEB / "facets.css"),     # search facets
)
SCRIPTS = (
    ("assets/ronghe-checklist.js", ASSETS / "ronghe-checklist.js"),     # checklist ticks kept in localStorage
    ("assets/ronghe-search/facets.js", SEARCH_WEB / "facets.js"),       # search facets: narrow by type / level
    ("assets/ronghe-reading.js", ASSETS / "ronghe-reading.js"),         # larger text switch, map paths, scroll areas
    ("assets/ronghe-tooltip.js", ASSETS / "ronghe-tooltip.js"),         # tooltips that take text, never HTML
)
# What the pages link: the parts above joined, in their order. Six style sheets and four scripts
# cost the page ten requests; on two cores the browser's work for them delays Material's start-up,
# and with it the moment search is ready, by about 50 ms (性能与规模, round 11).
SITE_CSS = "assets/ronghe-site.css"
SITE_JS = "assets/ronghe-site.js"
# Material features that turn content text into HTML: content.tooltips renders an element's title
# attribute (a glossary term's meaning, a long page title in the header) with innerHTML.
# Switched off whatever mkdocs.yml says; assets/ronghe-tooltip.js shows titles as text instead.
UNSAFE_FEATURES = ("content.tooltips",)
OTHER_FILES = (
    ("assets/vendor/iframe-worker/shim.js", ASSETS / "vendor/iframe-worker/shim.js"),
    ("assets/vendor/iframe-worker/LICENSE.txt", ASSETS / "vendor/iframe-worker/LICENSE.txt"),
)
SHIM = "assets/vendor/iframe-worker/shim.js"

# The maintainers' pages: not in the reader's tabs (mkdocs.yml nav), linked from the page
# footer (templates/partials/copyright.html) when the site has them
MAINTAINER_PAGES = (
    ("编辑指南", "guide/editing.md"),
    ("导入工具", "guide/import.md"),
    ("字段参考", "guide/fields.md"),
    ("部署与发布", "guide/deploy.md"),
    ("搜索说明", "guide/search.md"),
    ("安全与不可信内容", "guide/safety.md"),
    ("性能与规模", "guide/performance.md"),
    ("插件与命令", "guide/plugin.md"),
    ("出错时", "guide/errors.md"),
    ("Zensical", "guide/zensical.md"),
)

# extension -> its options, as the generated pages need them
MARKDOWN_EXTENSIONS: dict[str, dict] = {
    "admonition": {},
    "attr_list": {},
    "md_in_html": {},
    "tables": {},
    "toc": {"permalink": "¶", "permalink_title": "本节的链接"},
    "pymdownx.details": {},
    "pymdownx.superfences": {},
    "ronghe.site.markdown_cjk": {},   # a line break inside Chinese text is not shown as a space
}


def install(config) -> None:
    if config.theme.name != "material":
        raise PluginError("ronghe 插件需要 Material for MkDocs 主题（mkdocs.yml 中 theme: name: material）。")
    if not any(name in ("search", "material/search") for name in config.plugins):
        raise PluginError("ronghe 插件需要 Material 的搜索插件：请在 mkdocs.yml 的 plugins 中列出 search（在 ronghe 之前）。")
    features = config.theme.get("features") or []
    if any(f in UNSAFE_FEATURES for f in features):
        config.theme["features"] = [f for f in features if f not in UNSAFE_FEATURES]
    dirs = config.theme.dirs
    if str(TEMPLATES) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
    # a part listed on its own (as a site's mkdocs.yml may, from before the parts were joined)
    # would be loaded twice, or from an address where nothing is any more
    parts = {uri for uri, _path in STYLES + SCRIPTS}
    config.extra_css[:] = [uri for uri in config.extra_css if str(uri) not in parts]
    config.extra_javascript[:] = [s for s in config.extra_javascript if str(s) not in parts]
    if SITE_CSS not in config.extra_css:
        config.extra_css.append(SITE_CSS)
    if SITE_JS not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(SITE_JS)
    try:
        config.extra["ronghe_search_worker"] = worker_names()   # pages name our worker (theme main.html)
    except RuntimeError as err:
        raise PluginError(str(err)) from err
    polyfills = config.extra.setdefault("polyfills", [])
    if not any("iframe-worker" in str(p) for p in polyfills):
        polyfills.append(SHIM)
    for name, options in MARKDOWN_EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
        for key, value in options.items():
            config.mdx_configs.setdefault(name, {}).setdefault(key, value)
    if not config.nav:
        config.nav = default_nav(Path(config.docs_dir))


def add_assets(files: Files, config) -> None:
    for uri, parts, separator in ((SITE_CSS, STYLES, "\n"), (SITE_JS, SCRIPTS, "\n;")):
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=joined(files, parts, separator),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
    for uri, path in OTHER_FILES:
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV))
    config.extra["maintainer_pages"] = [(title, files.get_file_from_path(uri).url) for title, uri in MAINTAINER_PAGES
                                        if files.get_file_from_path(uri) is not None]


def joined(files: Files, parts, separator: str) -> str:
    """The parts' texts in their order, each under a comment naming it; a site's own file at a
    part's address (docs/assets/ronghe.css) is read in place of the package's."""
    texts = []
    for uri, path in parts:
        own = files.get_file_from_path(uri)
        text = own.content_string if own is not None else path.read_text(encoding="utf-8")
        texts.append(f"/* {uri} */\n{text.rstrip()}\n")
    return separator.join(texts)


def default_nav(docs_dir: Path) -> list:
    """Home, then every section of the knowledge base (for a site whose mkdocs.yml has no nav)."""
    nav: list = [{"首页": "index.md"}]
    nav += [{s.title: s.index_uri} for s in SECTIONS]
    return nav


def nav_paths(nav) -> list[str]:
    out = []
    for item in nav:
        value = list(item.values())[0] if isinstance(item, dict) else item
        if isinstance(value, list):
            out += nav_paths(value)
        elif isinstance(value, str):
            out.append(value)
    return out


def template_context(context, template_name: str, config):
    # MkDocs gives 404.html root-absolute links ("/assets/..."), which leave the site when it
    # is hosted under a sub-path and break from file://; link it like a page at the site root.
    if template_name == "404.html":
        from mkdocs.commands.build import get_context

        context.update(get_context(context["nav"], context["pages"], config, base_url="."))
    return context
