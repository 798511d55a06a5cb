"""Measures issue 19's figures for docs/guide/safety.md: of the hostile cases in
hostile_content.py, how many ``check`` refuses and how many scripts run in Chromium,
for the code of a given source tree (the current one, or an older commit unpacked with
``git archive COMMIT | tar -x -C DIR``).

    .venv/bin/python tests/hostile/measure.py [--tree DIR]

The site is built from the mini knowledge base with every hostile text field, the allowed
body, and then every body attack appended to it (a build of the old code accepts them; the
current code refuses them at check, so its site holds the allowed body only). Chromium opens
every page, points at every titled element, clicks every link whose address is a script,
and searches for a hostile title; each alert(N) seen is one case that ran."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from hostile_content import ALLOWED_BODY, BODY_ATTACKS, ROOT, TEXTS, hostile_config, hostile_content  # noqa: E402


def run(tree: Path, args: list[str], env: dict) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(tree), **env)
    return subprocess.run([sys.executable, "-m", "ronghe", *args], cwd=tree, env=env, capture_output=True, text=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", type=Path, default=ROOT)
    tree = ap.parse_args().tree.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        refused = 0
        for i, (name, body, _words) in enumerate(BODY_ATTACKS):
            content = hostile_content(tmp / f"c{i}", body=body)
            refused += run(tree, ["check", "--content", str(content)], {}).returncode == 1
        everything = ALLOWED_BODY + "\n" + "\n".join(body for _, body, _ in BODY_ATTACKS)
        content = hostile_content(tmp / "all", body=everything)
        checked = run(tree, ["check", "--content", str(content)], {})
        if checked.returncode != 0:            # the current code: the allowed body only
            content = hostile_content(tmp / "allowed")
        site = tmp / "site"
        built = run(tree, ["build", "--site-dir", str(site), "--config", str(hostile_config(tmp / "mkdocs.yml"))],
                    {"RONGHE_CONTENT_DIR": str(content), "RONGHE_CACHE_DIR": str(tmp / "cache"), "RONGHE_PDF": "false"})
        assert built.returncode == 0, built.stdout + built.stderr
        ran = dialogs(site)
    total = len(TEXTS) + 3 + len(BODY_ATTACKS)      # text fields, three allowed markup-as-text places, body attacks
    print(f"tree {tree}")
    print(f"cases: {total} ({len(TEXTS)} text fields, 3 in an allowed body, {len(BODY_ATTACKS)} body attacks)")
    print(f"body attacks refused by check: {refused} of {len(BODY_ATTACKS)}")
    print(f"scripts that ran in Chromium: {len(ran)} distinct alert numbers {sorted(ran)}")


def dialogs(site: Path) -> set[int]:
    from playwright.sync_api import sync_playwright

    from ronghe.bench.browser import serve
    from deploy.crawler import site_pages

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    seen: set[int] = set()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        context = browser.new_context(locale="zh-CN", service_workers="block")
        context.route(lambda url: not url.startswith(base), lambda route: route.abort())
        page = context.new_page()

        def on_dialog(d):
            m = re.search(r"\d+", d.message)
            seen.add(int(m.group()) if m else -1)
            d.dismiss()

        page.on("dialog", on_dialog)
        for rel in site_pages(site):
            try:       # a page of the old code may navigate away (meta refresh, <base>): its dialogs are counted
                page.goto(base + rel, wait_until="load")
                for el in page.query_selector_all("article [title], article a, article p, header .md-ellipsis")[:80]:
                    if el.is_visible():
                        el.hover(timeout=2000)
                        el.focus()
                for el in page.query_selector_all("article a[href^='javascript:'], article a[href^='vbscript:']"):
                    el.click(timeout=2000, no_wait_after=True)
                page.wait_for_timeout(100)
            except Exception:   # noqa: BLE001
                continue
        try:
            page.goto(base + "index.html")
            page.click("input.md-search__input")
            page.fill("input.md-search__input", "重业务")
            page.keyboard.press("End")
            page.wait_for_timeout(1500)
        except Exception:   # noqa: BLE001  (the old site's body may navigate away)
            pass
        browser.close()
    server.shutdown()
    return seen


if __name__ == "__main__":
    main()
