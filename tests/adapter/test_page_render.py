"""Generated pages rendered without a new Markdown converter each (ronghe.adapter.page_render):
the site is byte for byte the one the converter makes, most generated pages take the short
way, the engine checks every link once and warns exactly as it does itself, and a site
whose Markdown options are not the known ones keeps the converter for every page."""

from __future__ import annotations

import logging
import os
from unittest import mock

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure import pages
from mkdocs.structure.pages import Page

from conftest import ROOT
from forked_builds import content  # noqa: F401 -- fixture
from forked_builds import N, build_site, site_pages
from ronghe.adapter.page_render import PageRender, raw_anchor_ids
from ronghe.adapter.theme import MARKDOWN_EXTENSIONS


def _site_config(**toc):
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    for name, options in MARKDOWN_EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
        for key, value in options.items():
            config.mdx_configs.setdefault(name, {}).setdefault(key, value)
    config.mdx_configs["toc"].update(toc)
    config.plugins._current_plugin = "ronghe"   # as while the plugin's on_files runs: pages it generates
    return config


def test_the_sites_markdown_options_take_the_short_way():
    assert PageRender.for_config(_site_config()) is not None


@pytest.mark.parametrize("change", [
    lambda c: c.markdown_extensions.append("pymdownx.emoji"),     # an extension it does not know
    lambda c: c.markdown_extensions.remove("ronghe.site.markdown_cjk"),   # one whose effect it writes
    lambda c: c.mdx_configs["toc"].update(anchorlink=True),       # headings written another way
    lambda c: c.mdx_configs["toc"].update(permalink=True),
    lambda c: c.mdx_configs["toc"].update(baselevel=2),
    lambda c: c.mdx_configs["toc"].update(marker="目录"),
    lambda c: c.mdx_configs["toc"].update(permalink="yes"),   # the toc extension reads it as True
    lambda c: c.mdx_configs["toc"].update(permalink=""),
    lambda c: c.mdx_configs["toc"].update(permalink_class="anchor"),   # the engine's title would keep it
])
def test_other_markdown_options_keep_the_converter(change):
    config = _site_config()
    change(config)
    assert PageRender.for_config(config) is None


PAGE = """<nav class="rh-crumbs"><a href="../index.html">首页</a></nav>

# 甲对策

<div class="rh-raw" data-key="0"><a id="q-1"></a></div>

## 关联条目 {#related}

见[乙](../b/target.md#there)、[缺页](missing.md)、[无锚点](../b/target.md#nowhere)和[本页](#related)。

### [乙](../b/target.md)
"""


def _render(config, files, fast: bool):
    page = Page(None, files.get_file_from_path("a/page.md"), config)
    page.read_source(config)
    if fast:
        PageRender.for_config(config).install(page)
    page.render(config, files)
    return page


def test_a_page_is_rendered_as_the_engine_renders_it_and_its_links_checked_once(caplog):
    config = _site_config()
    files = Files([File.generated(config, "a/page.md", content=PAGE),
                   File.generated(config, "b/target.md", content='# 乙\n\n<p id="there">那里</p>')])
    results = {}
    for fast in (False, True):
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            page = _render(config, files, fast)
        results[fast] = (page.content, str(page.toc), page._title_from_render, page.present_anchor_ids,
                         {f.src_uri: v for f, v in page.links_to_anchors.items()},
                         [r.getMessage() for r in caplog.records])
    assert results[True] == results[False]
    content, _toc, _title, anchors, links, messages = results[True]
    assert '<a href="../b/target.html#there">乙</a>' in content
    assert {"related", "q-1"} <= anchors
    assert links["b/target.md"] == {"there": "../b/target.md#there", "nowhere": "../b/target.md#nowhere"}
    assert [m for m in messages if "missing.md" in m] == [
        "Doc file 'a/page.md' contains a link 'missing.md', but the target 'a/missing.md' is not found among "
        "documentation files."]


def test_a_page_outside_the_subset_is_rendered_by_the_converter(monkeypatch):
    checked = []
    real = pages._RelativePathTreeprocessor.path_to_url
    monkeypatch.setattr(pages._RelativePathTreeprocessor, "path_to_url",
                        lambda self, url: checked.append(url) or real(self, url))
    config = _site_config()
    text = "# 标题\n\n见[缺页](missing.md)。\n\n## 小节\n\n一段 *强调*\n"   # the subset ends after a link
    files = Files([File.generated(config, "a/page.md", content=text)])
    render = PageRender.for_config(config)
    page = Page(None, files.get_file_from_path("a/page.md"), config)
    page.read_source(config)
    render.install(page)
    page.render(config, files)
    assert "<em>强调</em>" in page.content
    assert (render.converted, render.declined) == (0, 1)
    assert checked.count("missing.md") == 1   # checked (and warned about) once, not twice


@pytest.mark.slow
def test_a_generated_base_builds_the_same_site_without_the_converter(content, tmp_path):
    fast = build_site(content, tmp_path / "fast", parallel=False)
    assert build_site(content, tmp_path / "converter", parallel=False, fast_pages=False) is None
    assert site_pages(tmp_path / "fast") == site_pages(tmp_path / "converter")
    # most generated pages took the short way (entry pages; a few indexes and sources did not)
    assert fast.converted > 0.9 * N and fast.declined < 0.1 * fast.converted


@pytest.mark.parametrize("markdown", [
    '<div class="rh-raw" data-key="1"><a id="q-1"></a><a name="n-1"></a></div>\n\n段落\n\n<p ID = "up">x</p>',
    '<div><span id="a&amp;b">x</span></div>\n\n<p>无</p>',
    '<div><!-- <a id="no"> --></div>\n\n<p id="yes">x</p>',
    '<div><script>var s = "<a id=\'no\'>";</script></div>\n\n<p id="yes">x</p>',
    '<div><a name></a></div>\n\n<p id="yes">x</p>',      # a valueless name: the engine keeps None
])
def test_anchor_ids_are_those_the_engines_parser_finds(markdown):
    engine = pages._HTMLHandler()
    engine.feed(markdown)
    engine.close()
    raw = [b for b in markdown.split("\n\n") if b.startswith("<")]
    assert raw_anchor_ids(markdown, raw) == engine.present_anchor_ids != set()


@pytest.mark.parametrize("later_extension", [None, "pymdownx.emoji"])
def test_extensions_added_by_a_later_plugin_keep_the_converter(tmp_path, later_extension):
    env = {"RONGHE_PDF": "false", "RONGHE_CACHE_DIR": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    with mock.patch.dict(os.environ, env):
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            config = config.plugins.on_config(config)
            if later_extension:   # as a plugin whose on_config runs after ronghe's would
                config.markdown_extensions.append(later_extension)
            plugin = config.plugins["ronghe"]
            plugin.on_files(get_files(config), config)
            assert (plugin.session.page_render is None) == (later_extension is not None)
        finally:
            config.plugins["ronghe"].session.build_failed()   # stops what on_files started
            config.plugins.on_shutdown()
