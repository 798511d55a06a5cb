"""Builds shared by the tests of the forked page conversion and template rendering:
a generated base with more generated pages than their MIN_PAGES, built with one process."""

from __future__ import annotations

import os
import re
from pathlib import Path
from unittest import mock

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT
from ronghe.bench.generate import generate

N = 450          # entries: more generated pages than forked_pages.MIN_PAGES and forked_templates.MIN_PAGES
_STAMP = re.compile(r"\d{8}-\d{4}|\d{4}-\d{2}-\d{2} \d{2}:\d{2}")   # the build time in the footer


def build_site(content: Path, site: Path, parallel: bool = True, fast_pages: bool = True):
    """Build; the plugin's PageRender of the build (how many pages took the short way), if any."""
    env = {"RONGHE_CONTENT_DIR": str(content), "RONGHE_PDF": "false", "RONGHE_CACHE_DIR": str(site) + "-cache",
           "NO_MKDOCS_2_WARNING": "1"}
    with mock.patch.dict(os.environ, env):
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site))
        config.plugins["ronghe"].config.parallel = parallel
        config.plugins["ronghe"].config.fast_pages = fast_pages
        build(config)
        return config.plugins["ronghe"].session.page_render


def site_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): _STAMP.sub("", p.read_text(encoding="utf-8"))
            for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("forked") / "content", N, seed=5).content_dir


@pytest.fixture(scope="module")
def serial_site(content, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("serial") / "site"
    build_site(content, site, parallel=False)
    return site
