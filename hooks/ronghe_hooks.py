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

from ronghe import buildinfo  # noqa: E402
from ronghe.errors import ContentInvalid  # noqa: E402
from ronghe.glossary_links import link_glossary_terms  # noqa: E402
from ronghe.loader import load_and_validate  # noqa: E402
from ronghe.pages import generate_pages  # noqa: E402
from ronghe.postbuild import PostBuildContext, run_post_build  # noqa: E402

_state: dict = {}


def _content_dir(config) -> Path:
    return Path(os.environ.get("RONGHE_CONTENT_DIR") or Path(config.config_file_path).parent / "content")


def on_config(config):
    kb, result = load_and_validate(_content_dir(config), root=Path.cwd())
    if result.errors:
        raise PluginError(ContentInvalid(result.errors.sorted()).report())
    _state["kb"] = kb
    # content version and build time for the page footer (overrides/partials/copyright.html)
    config.extra["build_info"] = buildinfo.collect(_content_dir(config)).as_dict()
    return config


def on_files(files: Files, config) -> Files:
    nav_uris = set(_nav_paths(config.get("nav") or []))
    for page in generate_pages(_state["kb"]):
        inclusion = InclusionLevel.UNDEFINED if page.src_uri in nav_uris else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
    return files


def on_page_content(html, page, config, files):
    # first mention of a glossary term links to its entry, with a tooltip (issue 5)
    return link_glossary_terms(_state["kb"], html, page.file.dest_uri)


def on_page_markdown(markdown, page, config, files):
    # ronghe.search writes the search index after the build; Material's plugin indexes nothing (issue 7)
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def on_post_build(config):
    root = Path(config.config_file_path).parent
    context = PostBuildContext(project_root=root, content_dir=_content_dir(config),
                               cache_dir=root / ".cache", site_url=config.get("site_url") or "",
                               extra={"build_info": config.extra.get("build_info")})
    run_post_build(_state["kb"], Path(config.site_dir), context)


def on_template_context(context, template_name, config):
    # MkDocs gives 404.html root-absolute links ("/assets/..."), which leave the site when it
    # is hosted under a sub-path and break from file://; link it like a page at the site root.
    if template_name == "404.html":
        from mkdocs.commands.build import get_context

        context.update(get_context(context["nav"], context["pages"], config, base_url="."))
    return context


def on_serve(server, config, builder):
    server.watch(str(_content_dir(config)))
    return server


def _nav_paths(nav) -> list[str]:
    out = []
    for item in nav:
        value = list(item.values())[0] if isinstance(item, dict) else item
        if isinstance(value, list):
            out += _nav_paths(value)
        elif isinstance(value, str):
            out.append(value)
    return out
