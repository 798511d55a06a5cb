"""Safe builds: a failed build exits non-zero and leaves the previous site byte-identical."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_build

MINI = ROOT / "tests/fixtures/mini/content"


def tree_digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def good_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    site = tmp_path / "site"
    run_build(site, content_dir=content)
    assert (site / "index.html").is_file()
    assert (site / "problems/zhong-yewu-qing-dangjian.html").is_file()
    return content, site


def test_bad_content_leaves_previous_site_untouched(good_site):
    content, site = good_site
    before = tree_digest(site)
    path = content / "policies/problems/zhong-yewu-qing-dangjian.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: 重业务轻党建", "title: [未闭合"),
                    encoding="utf-8")
    proc = run_build(site, content_dir=content, check=False)
    assert proc.returncode == 1
    assert "内容校验未通过" in proc.stderr and "zhong-yewu-qing-dangjian.yml:" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert tree_digest(site) == before
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".site.")], "temporary build folder left behind"


def test_failing_mkdocs_build_leaves_previous_site_untouched(good_site, tmp_path):
    content, site = good_site
    before = tree_digest(site)
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "docs/broken.md").write_text("# 断链\n\n[不存在的页面](nowhere.md)\n", encoding="utf-8")
    proc = run_build(site, content_dir=content, config=project / "mkdocs.yml", check=False)
    assert proc.returncode == 1
    assert "nowhere.md" in proc.stdout + proc.stderr       # strict mode names the broken link
    assert "原有站点" in proc.stderr
    assert tree_digest(site) == before


def test_successful_rebuild_replaces_site(good_site):
    content, site = good_site
    path = content / "policies/problems/zhong-yewu-qing-dangjian.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: 重业务轻党建", "title: 重业务、轻党建"),
                    encoding="utf-8")
    run_build(site, content_dir=content)
    html = (site / "problems/zhong-yewu-qing-dangjian.html").read_text(encoding="utf-8")
    assert "重业务、轻党建" in html
    assert oct((site).stat().st_mode & 0o777) == "0o755"   # readable by a web server
