"""The dev server's rebuilds (``mkdocs serve --dirty``, as ``make serve`` runs it) leave no
stale page: after each edit (a deleted entry too) the HTML pages are those of a clean build."""

from __future__ import annotations

import difflib
import re
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import run_build
from ronghe.bench.generate import generate

ROOT = Path(__file__).resolve().parents[2]
SERVE_URL = "http://127.0.0.1:8000/"
# what differs between the dev server and `python -m ronghe build` by design: the footer
# names the build time (pages a dirty build skips keep the previous one), the
# canonical link names the server's address, and the server links its 草稿预览 (issue 15)
NORMALISE = [re.compile(r'<div class="md-copyright__highlight ronghe-build-info"[^>]*>.*?</div>', re.S),
             re.compile(r'<link rel="canonical" href="[^"]*">'),
             re.compile(r'<li class="md-(?:tabs|nav)__item">\s*<a href="[^"]*drafts/index\.html"[^>]*>.*?</a>\s*</li>', re.S),
             re.compile(r'<link rel="next" href="[^"]*drafts/index\.html">'),
             re.compile(r'<a href="[^"]*drafts/index\.html" class="md-footer__link[^"]*".*?</a>', re.S)]

pytestmark = pytest.mark.slow


def _serve_build(site: Path) -> None:
    """One rebuild as the dev server makes it (in this process; config read again each time)."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    if not config.plugins["ronghe"].session.incremental:   # the plugin object lives across rebuilds
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url=SERVE_URL, dirty=True)
    for thread in threading.enumerate():  # the search index is written in the background
        if thread.name == "ronghe-background-steps":
            thread.join()


def _shutdown() -> None:
    """Back to one-off builds for later tests of this process (MkDocs keeps the plugin object)."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    config.plugins.on_shutdown()
    config.plugins.on_startup(command="build", dirty=False)


def _pages(site: Path) -> dict[str, str]:
    out = {}
    for p in site.rglob("*.html"):
        uri = p.relative_to(site).as_posix()
        if not uri.startswith("assets/"):
            text = p.read_text(encoding="utf-8")
            for pattern in NORMALISE:
                text = pattern.sub("", text)
            out[uri] = " ".join(text.split())
    return out


def _diff(expected: str, got: str) -> str:
    a, b = expected.replace("> <", ">\n<").splitlines(), got.replace("> <", ">\n<").splitlines()
    return "\n".join(list(difflib.unified_diff(a, b, "clean build", "dev server", n=0, lineterm=""))[:20])


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_dev_server_rebuilds_leave_no_stale_page(tmp_path, monkeypatch):
    gen = generate(tmp_path / "content", 60, seed=7)
    content = gen.content_dir
    cm = sorted((content / "policies" / "countermeasures").glob("*.yml"))[0]
    checklist = sorted((content / "checklists").glob("*.yml"))[0]
    level = sorted((content / "policies" / "levels").glob("*.yml"))[0]
    case = sorted((content / "cases").glob("*.yml"))[0]
    edits = [
        # the benchmark's edit: the summary of the most referenced problem
        [(gen.edit_target, "\nsummary: ", "\nsummary: 第一次修订", 1)],
        # 举措 (on checklist, level and 按责任层级 pages) and checklist items
        [(cm, "\n- text: ", "\n- text: 第二次修订", -1), (checklist, "\n    text: ", "\n    text: 第二次修订", -1)],
        # a countermeasure's title (同类对策, checklists, matrix, maps, indexes)
        [(cm, "\ntitle: ", "\ntitle: 第三次修订", 1)],
        # a level's title (countermeasures, cases, checklists, 按责任层级)
        [(level, "\ntitle: ", "\ntitle: 第四次修订", 1)],
        # an entry deleted: its page goes too (nothing links to a case)
        [(case, None, None, 0)],
    ]
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("RONGHE_CONTENT_DIR", str(content))
    monkeypatch.setenv("RONGHE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("RONGHE_PDF", "false")
    served = tmp_path / "served"
    try:
        _serve_build(served)
        before = _pages(served)
        for n, step in enumerate(edits):
            for path, old, new, count in step:
                if old is None:
                    path.unlink()
                else:
                    _edit(path, old, new, count)
            _serve_build(served)
            clean = tmp_path / f"clean-{n}"
            run_build(clean, content)
            rebuilt, expected = _pages(served), _pages(clean)
            served_only = sorted(uri for uri in rebuilt.keys() - expected.keys() if not uri.startswith("drafts/"))
            assert expected.keys() <= rebuilt.keys() and not served_only, (
                f"after edit {n + 1}: pages only in the dev server's folder: {served_only[:5]}, "
                f"missing: {sorted(expected.keys() - rebuilt.keys())[:5]}")
            stale = sorted(uri for uri in expected if rebuilt[uri] != expected[uri])
            assert not stale, f"after edit {n + 1}: {len(stale)} stale pages, e.g. {stale[:5]}\n" + _diff(
                expected[stale[0]], rebuilt[stale[0]])
            changed = [uri for uri in expected if before.get(uri) != expected[uri]]
            assert changed, f"edit {n + 1} changed no page"
            before = rebuilt
    finally:
        _shutdown()
