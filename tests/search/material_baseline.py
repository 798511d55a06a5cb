"""Baseline for docs/guide/search.md: the same evaluation set through plain
Material search on the same pages (Material's own index and worker).

Not a test (slow, and it measures Material, not us). Run by hand:

    .venv/bin/python tests/search/material_baseline.py

It builds the site in-process with the project's hooks, except that pages are
left in Material's index and ronghe.build.search's post-build step is skipped, then
types every query of queries.yml into the search box in headless Chromium.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def build_plain_material(site_dir: Path) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(ROOT)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from ronghe.build import postbuild
    from ronghe.build.search.publish import write_search

    postbuild.STEPS[:] = [s for s in postbuild.STEPS if s is not write_search]
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    hooks = [p for name, p in config.plugins.items() if "ronghe_hooks" in name]
    for hook in hooks:      # keep pages in Material's own index
        config.plugins.events["page_markdown"] = [
            m for m in config.plugins.events["page_markdown"] if getattr(m, "__name__", "") != "on_page_markdown"]
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()


def main() -> int:
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory
    from playwright.sync_api import sync_playwright

    from ronghe.build.search.evaluate import entry_id_of, evaluate, load_cases
    from search.test_search_browser import run_query

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_plain_material(site)
        server = serve_directory(site)
        url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            page.click("input.md-search__input")
            report = evaluate(load_cases(Path(__file__).with_name("queries.yml")),
                              lambda q: [entry_id_of(h) for h in run_query(page, q)[:3]])
            browser.close()
        server.shutdown()
    print("plain Material:", report.line())
    for q, expected, got in report.misses:
        print(f"  {q} -> {expected}: {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
