"""The release bundle of the session-built site unpacks to a site that passes the
same zero-request crawl, opened from disk as from a USB stick."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile

import pytest

from conftest import ROOT
from crawler import SiteCrawler, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def unpacked_bundle(built_site, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bundle")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/package.py"), "--site", str(built_site),
                           "--out", str(tmp / "dist")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    archive = next((tmp / "dist").glob("ronghe-guide-*.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(tmp / "unpacked", filter="data")
    folders = list((tmp / "unpacked").iterdir())
    assert [f.name + ".tar.gz" for f in folders] == [archive.name]
    return folders[0]


def test_bundle_checksums_verify_and_match_the_built_site(unpacked_bundle, built_site):
    check = subprocess.run(["sha256sum", "--check", "--strict", "--quiet", "SHA256SUMS"],
                           cwd=unpacked_bundle, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    listed = [line.split("  ", 1)[1] for line in (unpacked_bundle / "SHA256SUMS").read_text().splitlines()]
    site_files = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file())
    assert sorted(n[len("site/"):] for n in listed if n.startswith("site/")) == site_files
    # the folder is named after the content version the footer shows
    info = json.loads((unpacked_bundle / "site/build-info.json").read_text(encoding="utf-8"))
    assert unpacked_bundle.name == f"ronghe-guide-{info['version']}"


def test_unpacked_bundle_opened_from_disk_stays_inside_the_site(browser, unpacked_bundle):
    site = unpacked_bundle / "site"
    report = SiteCrawler(browser, site, site.as_uri() + "/").crawl()
    assert len(report.pages) == len(site_pages(site)) > 1
    assert report.problems() == [], report.summary()
