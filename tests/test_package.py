"""`scripts/package.py` (ronghe/build/package.py) run as a maintainer runs it, on a small
site folder: archive names, contents, checksums that `sha256sum -c` accepts and
that catch a changed file, the guide inside, reproducible bytes, Chinese errors."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile

import pytest

from conftest import ROOT
from ronghe.build import buildinfo

SCRIPT = ROOT / "scripts" / "package.py"
INFO = buildinfo.BuildInfo(build_time="2026-11-24 05:40", commit="abc1234", commit_date="2026-11-23")


@pytest.fixture
def small_site(tmp_path):
    site = tmp_path / "site"
    (site / "problems").mkdir(parents=True)
    (site / "index.html").write_text("<h1>融合指南</h1>", encoding="utf-8")
    (site / "problems" / "index.html").write_text("<h1>问题表现</h1>", encoding="utf-8")
    (site / "problems" / "图.svg").write_text("<svg/>", encoding="utf-8")
    buildinfo.write(INFO, site)
    return site


def package(site, out):
    return subprocess.run([sys.executable, str(SCRIPT), "--site", str(site), "--out", str(out)],
                          capture_output=True, text=True)


def sha256sum_check(folder):
    return subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=folder,
                          capture_output=True, text=True)


def test_bundle_names_contents_and_checksums(small_site, tmp_path):
    dist = tmp_path / "dist"
    proc = package(small_site, dist)
    assert proc.returncode == 0, proc.stderr
    assert "20261123-abc1234" in proc.stdout
    name = "ronghe-guide-20261123-abc1234"
    assert sorted(p.name for p in dist.iterdir()) == ["SHA256SUMS", f"{name}.tar.gz", f"{name}.zip"]
    check = sha256sum_check(dist)
    assert check.returncode == 0 and check.stdout.count(": OK") == 2

    with tarfile.open(dist / f"{name}.tar.gz") as tar:
        tar.extractall(tmp_path / "tar", filter="data")
        tar_names = sorted(m.name for m in tar.getmembers() if m.isfile())
    with zipfile.ZipFile(dist / f"{name}.zip") as zf:
        zf.extractall(tmp_path / "zip")
        zip_names = sorted(zf.namelist())
    assert tar_names == zip_names
    expected = {f"{name}/{p}" for p in ("DEPLOY.txt", "SHA256SUMS", "site/index.html",
                                        "site/problems/index.html", "site/problems/图.svg",
                                        "site/build-info.json")}
    assert set(tar_names) == expected

    for unpacked in (tmp_path / "tar" / name, tmp_path / "zip" / name):
        check = sha256sum_check(unpacked)
        assert check.returncode == 0, check.stdout + check.stderr
        assert (unpacked / "site/problems/图.svg").read_text(encoding="utf-8") == "<svg/>"
        guide = (unpacked / "DEPLOY.txt").read_bytes()
        assert guide.startswith(b"\xef\xbb\xbf")            # BOM: Notepad opens it as UTF-8
        text = guide.decode("utf-8-sig")
        assert name in text and INFO.label in text
        for topic in ("nginx", "IIS", "sha256sum -c", "certutil", "Get-FileHash", "index.html"):
            assert topic in text


def test_checksums_catch_a_changed_file(small_site, tmp_path):
    assert package(small_site, tmp_path / "dist").returncode == 0
    with tarfile.open(next((tmp_path / "dist").glob("*.tar.gz"))) as tar:
        tar.extractall(tmp_path / "x", filter="data")
    folder = next((tmp_path / "x").iterdir())
    (folder / "site/problems/index.html").write_text("<h1>被改过</h1>", encoding="utf-8")
    check = sha256sum_check(folder)
    assert check.returncode != 0
    assert "site/problems/index.html: FAILED" in check.stdout


def test_same_site_gives_the_same_bytes(small_site, tmp_path):
    assert package(small_site, tmp_path / "a").returncode == 0
    assert package(small_site, tmp_path / "b").returncode == 0
    assert (tmp_path / "a/SHA256SUMS").read_text() == (tmp_path / "b/SHA256SUMS").read_text()


def test_a_folder_that_is_not_a_built_site_is_refused_in_chinese(tmp_path):
    proc = package(tmp_path / "nothing", tmp_path / "dist")
    assert proc.returncode == 1
    assert "打包失败" in proc.stderr and "make build" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "dist").exists()
