"""Drafts in the preview of ``ronghe serve`` (ronghe/site/draft_preview.py): a report is
imported, its drafts are moved into content/ as the editing guide says, and the development
server shows each one marked 草稿 beside the source lines it came from. A build never does."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT

REPORT = ROOT / "tests/ingest/eval/tuned/医院经验材料.txt"


@pytest.fixture(scope="module")
def content_with_drafts(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("drafts") / "content"
    _import_drafts(content, REPORT)
    return content


def _import_drafts(content: Path, *reports: Path) -> list[Path]:
    """The site's content copied to ``content`` with the drafts of ``reports`` moved in
    at the same place, as the editing guide says; returns the imports' drafts folders."""
    shutil.copytree(ROOT / "content", content)
    out = content.parent / "in"
    proc = subprocess.run([sys.executable, "-m", "ronghe", "ingest", *map(str, reports), "--out", str(out), "-q",
                           "--content", str(content)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    folders = [out / report.stem / "drafts" for report in reports]
    for drafts in folders:
        for path in drafts.rglob("*.yml"):
            target = content / path.relative_to(drafts)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return folders


def _build(site: Path, command: str, monkeypatch, content: Path) -> None:
    monkeypatch.setenv("RONGHE_CONTENT_DIR", str(content))
    monkeypatch.setenv("RONGHE_PDF", "false")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=False)
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
        config.plugins.on_startup(command="build", dirty=False)   # later tests of this process


def test_the_dev_server_shows_each_draft_beside_its_source_lines(content_with_drafts, tmp_path, monkeypatch):
    site = tmp_path / "served"
    _build(site, "serve", monkeypatch, content_with_drafts)
    index = (site / "drafts/index.html").read_text(encoding="utf-8")
    case_file = next((content_with_drafts / "cases").glob("ba-zhi-bu-*.yml"))
    assert "内容目录中有 5 条草稿" in index
    page = (site / "cases" / (case_file.stem + ".html")).read_text(encoding="utf-8")
    assert "rh-draft-banner" in page and "draft: true" in page and case_file.name in page
    hit = re.search(r'<li value="(\d+)" class="rh-draft-source__hit">(.*?)</li>', page, re.S)
    assert hit and "把支部建在科室上" in hit.group(2)            # the passage the draft was made from
    source_text = next((content_with_drafts / "policies/sources").glob("shi-ren-min-*.yml")).read_text("utf-8")
    assert "把支部建在科室上" in source_text.split("text: |", 1)[1].split("\n")[int(hit.group(1))]
    assert 'href="drafts/index.html"' in (site / "index.html").read_text(encoding="utf-8")   # in the tabs


def test_a_build_never_contains_drafts(content_with_drafts, tmp_path, monkeypatch):
    site = tmp_path / "built"
    _build(site, "build", monkeypatch, content_with_drafts)
    case_file = next((content_with_drafts / "cases").glob("ba-zhi-bu-*.yml"))
    assert not (site / "drafts").exists()
    assert not (site / "cases" / (case_file.stem + ".html")).exists()
    assert "rh-draft" not in "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


# problem drafts: a speech's (no countermeasure of their own) and a work plan's table rows (each with one)
DRAFT_PROBLEMS = (ROOT / "tests/ingest/eval/heldout3/水利局党课讲稿.txt", ROOT / "tests/ingest/eval/heldout3/自然资源局整改方案.txt")


def test_every_link_on_a_previewed_draft_leads_somewhere(tmp_path, monkeypatch):
    """A draft problem is in no published index yet: its page must not point at a row of
    the matrix that does not exist (the preview warned of missing anchors)."""
    from urllib.parse import unquote

    content = tmp_path / "content"
    problems = [p.stem for drafts in _import_drafts(content, *DRAFT_PROBLEMS)
                for p in (drafts / "policies/problems").glob("*.yml")]
    assert len(problems) >= 4
    site = tmp_path / "served"
    _build(site, "serve", monkeypatch, content)
    broken = []
    for stem in problems:
        page = site / "problems" / f"{stem}.html"
        html = page.read_text(encoding="utf-8")
        assert "rh-draft-banner" in html
        for href in re.findall(r'<a [^>]*href="([^"#:]*)(?:#([^"]*))?"', html):
            path, anchor = href
            target = (page.parent / unquote(path)).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append((stem, path))
            elif anchor and f'id="{anchor}"' not in target.read_text(encoding="utf-8"):
                broken.append((stem, f"{path}#{anchor}"))
    assert not broken, broken
