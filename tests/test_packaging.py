"""The generator as another organ gets it: ``pip install`` into a clean virtual
environment, then ``ronghe build`` in a project that has only a short mkdocs.yml and its
own content (no docs pages, no templates, no style sheets of its own)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests/fixtures/mini/content"

pytestmark = pytest.mark.slow

ORGAN_CONFIG = """\
site_name: 某局“文山会海”问题指南
site_description: 精简文件会议的问题、原因、对策和各层级责任清单
theme:
  name: material
  language: zh
plugins:
  - search
  - offline
  - ronghe
"""


def _run(cmd, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    source = out / "source"     # a copy: setuptools writes build/ and egg-info into the tree it builds
    shutil.copytree(ROOT / "ronghe", source / "ronghe", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    proc = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
                 str(source)])
    assert proc.returncode == 0, proc.stderr
    return next(out.glob("ronghe-*.whl"))


def test_the_wheel_carries_templates_styles_and_search_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("ronghe/site/theme/templates/partials/copyright.html", "ronghe/site/theme/assets/ronghe.css",
                   "ronghe/site/theme/assets/vendor/iframe-worker/shim.js", "ronghe/build/search/web/worker.js",
                   "ronghe/build/search/web/lunr.js", "ronghe/build/pdf/base.css"):
        assert needed in names, needed
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "ronghe = ronghe.adapter.plugin:RonghePlugin" in entry_points and "ronghe = ronghe.cli:main" in entry_points


def test_pip_install_into_a_clean_venv_then_build_another_organs_guide(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    pip = [str(env_dir / "bin/python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    proc = _run(pip + ["--require-hashes", "-r", str(ROOT / "requirements.lock")])
    assert proc.returncode == 0, proc.stderr[-2000:]
    proc = _run(pip + ["--no-deps", str(wheel)])
    assert proc.returncode == 0, proc.stderr[-2000:]
    ronghe = env_dir / "bin/ronghe"
    assert "融合指南（ronghe）" in _run([str(ronghe), "--version"]).stdout

    project = tmp_path / "organ"        # outside the checkout: nothing of it is on the path
    (project / "docs").mkdir(parents=True)
    shutil.copytree(MINI, project / "content")
    (project / "mkdocs.yml").write_text(ORGAN_CONFIG, encoding="utf-8")
    proc = _run([str(ronghe), "build", "--no-pdf"], cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    site = project / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "某局“文山会海”问题指南" in home and 'href="problems/index.html"' in home   # generated home page
    assert (site / "problems/zhong-yewu-qing-dangjian.html").is_file()
    # the package's style sheets and scripts, one file each (the font stack is ronghe.css's)
    assert 'href="assets/ronghe-site.css"' in home and 'src="assets/ronghe-site.js"' in home
    assert "--md-text-font" in (site / "assets/ronghe-site.css").read_text(encoding="utf-8")
    assert "ronghe-build-info" in home                       # the plugin's footer template
    assert 'src="assets/vendor/iframe-worker/shim.js"' in home and "unpkg.com" not in home
    # nothing a reader of another organ's guide sees names this project's own topic or name
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "两张皮" not in text and "融合指南" not in text, page.relative_to(site)
    problems = (site / "problems/index.html").read_text(encoding="utf-8")
    assert "这一问题在机关里的具体表现" in problems
