"""MkDocs adapter: translates MkDocs events into calls of the ``ronghe`` package.

No content logic lives here. Replacing MkDocs means replacing this file only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from ronghe.build import buildinfo
from ronghe.site import incremental  # noqa: E402
from ronghe.content.errors import ContentInvalid  # noqa: E402
from ronghe.site.glossary_links import link_glossary_terms  # noqa: E402
from ronghe.content.loader import load_and_validate  # noqa: E402
from ronghe.site.pages import generate_pages  # noqa: E402
from ronghe.build.parallel import abandon as abandon_early  # noqa: E402
from ronghe.build.postbuild import PostBuildContext, run_post_build, start_early  # noqa: E402
from ronghe.site.markup import expand_raw_html  # noqa: E402
from ronghe.build.timings import phase  # noqa: E402

_state: dict = {}


def _content_dir(config) -> Path:
    return Path(os.environ.get("RONGHE_CONTENT_DIR") or Path(config.config_file_path).parent / "content")


def on_startup(command, dirty):
    # `mkdocs serve --dirty` (make serve): rebuild only what an edit changes (ronghe.site.incremental)
    incremental.start(command, dirty)


def on_config(config):
    with phase("load_and_validate"):
        kb, result = load_and_validate(_content_dir(config), root=Path.cwd())
    if result.errors:
        raise PluginError(ContentInvalid(result.errors.sorted()).report())
    _state["kb"] = kb
    # content version and build time for the page footer (overrides/partials/copyright.html)
    config.extra["build_info"] = buildinfo.collect(_content_dir(config)).as_dict()
    return config


def on_files(files: Files, config) -> Files:
    nav_uris = set(_nav_paths(config.get("nav") or []))
    with phase("generate_pages"):
        pages = generate_pages(_state["kb"])
    salt = incremental.site_salt(_state["kb"], Path(config.config_file_path).read_text(encoding="utf-8"))
    unchanged = incremental.unchanged_pages(config.site_dir, ((p.src_uri, p.markdown) for p in pages), salt)
    _state["site_dir"] = config.site_dir
    # PDFs need only the knowledge base: make them on the second core while pages render
    start_early(_state["kb"], Path(config.site_dir), _post_build_context(config))
    for page in pages:
        inclusion = InclusionLevel.UNDEFINED if page.src_uri in nav_uris else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
        if page.src_uri in unchanged:
            file.is_modified = _unmodified  # a --dirty build skips it (its HTML is already there)
        files.append(file)
    return files


def _unmodified() -> bool:
    return False


def on_nav(nav, config, files):
    # pages a dirty build skips are never read, but navigation titles come from their
    # front matter or first heading: read those in the navigation (a few dozen)
    for page in nav.pages:
        if page.markdown is None and not page.file.is_modified():
            page.read_source(config)
    return nav


def on_env(env, config, files):
    incremental.cache_templates(env)  # dev server: compiled templates reused between rebuilds
    return env


def on_build_error(error):
    incremental.forget(_state.get("site_dir", ""))
    abandon_early(Path(_state.get("site_dir", "")))


def on_page_markdown(markdown, page, config, files):
    # ronghe.build.search writes the search index after the build; Material's plugin indexes nothing (issue 7)
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def on_page_content(html, page, config, files):
    # first mention of a glossary term links to its entry, with a tooltip (issue 5)
    html = expand_raw_html(html)  # relationship maps skip the Markdown converter (ronghe.site.markup)
    return link_glossary_terms(_state["kb"], html, page.file.dest_uri)


def _post_build_context(config) -> PostBuildContext:
    root = Path(config.config_file_path).parent
    return PostBuildContext(project_root=root, content_dir=_content_dir(config),
                            cache_dir=Path(os.environ.get("RONGHE_CACHE_DIR") or root / ".cache"),
                            site_url=config.get("site_url") or "",
                            extra={"build_info": config.extra.get("build_info")})


def on_post_build(config):
    run_post_build(_state["kb"], Path(config.site_dir), _post_build_context(config))


def on_template_context(context, template_name, config):
    # MkDocs gives 404.html root-absolute links ("/assets/..."), which leave the site when it
    # is hosted under a sub-path and break from file://; link it like a page at the site root.
    if template_name == "404.html":
        from mkdocs.commands.build import get_context

        context.update(get_context(context["nav"], context["pages"], config, base_url="."))
    return context


def on_serve(server, config, builder):
    incremental.watch_content(server, str(_content_dir(config)))  # rebuild when content changes
    return server


def on_shutdown():
    incremental.stop_watching()


def _nav_paths(nav) -> list[str]:
    out = []
    for item in nav:
        value = list(item.values())[0] if isinstance(item, dict) else item
        if isinstance(value, list):
            out += _nav_paths(value)
        elif isinstance(value, str):
            out.append(value)
    return out
