"""The site builds on both engines: MkDocs 1.6.1 and ProperDocs (its maintained fork).
The ProperDocs build has the same pages as the MkDocs build and no broken link or anchor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "render"))
from sitelinks import check_site  # noqa: E402

pytestmark = pytest.mark.slow


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    site = tmp_path_factory.mktemp("properdocs") / "site"
    proc = subprocess.run([sys.executable, "-m", "ronghe", "build", "--engine", "properdocs", "--site-dir", str(site)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site, proc


def test_properdocs_builds_the_same_pages_as_mkdocs(properdocs_site, built_site):
    site, proc = properdocs_site
    assert "properdocs 1.6" in proc.stdout
    assert _pages(site) == _pages(built_site)
    info = json.loads((site / "build-info.json").read_text(encoding="utf-8"))
    assert info["label"] in (site / "index.html").read_text(encoding="utf-8")      # our footer template is used


def test_properdocs_site_has_no_broken_links_or_anchors(properdocs_site):
    report = check_site(properdocs_site[0])
    assert report.pages > 10 and report.links > 100
    assert report.broken == [], "\n".join(report.broken[:40])
    assert report.unreachable == []


def test_an_unknown_engine_is_refused_in_chinese(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "ronghe", "build", "--engine", "sphinx", "--site-dir", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2 and "无效的选择" in proc.stderr and "Traceback" not in proc.stderr
