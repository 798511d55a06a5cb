"""Every broken or hostile content case (tests/hostile/cases.py) through the real
``ronghe check`` and ``ronghe build``: exit 1, a Chinese message naming the file and line,
no traceback, the previous site byte-identical and no temporary folder left."""

from __future__ import annotations

import pytest

from hostile.cases import CASES, handled, run
from hostile.conftest import debris, tree_digest


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_and_build_refuse_with_a_chinese_error(case, project):
    content, site = project / "content", project / "site"
    case.make(content)
    before = tree_digest(site)
    for command in ("check", "build"):
        proc = run(command, content, site)
        out = proc.stderr + proc.stdout
        assert handled(proc, case), f"{command}: exit {proc.returncode}\n{out[-3000:]}"
        assert case.phrase in out, f"{command}: {out[-3000:]}"
        assert "Traceback" not in out
    assert tree_digest(site) == before
    assert debris(project) == []


def test_broken_categories_is_one_error_not_one_per_countermeasure(project):
    content = project / "content"
    (content / "policies/categories.yml").write_text("- id: zeren\n  title: [责任\n", encoding="utf-8")
    proc = run("check", content, project / "site")
    assert proc.returncode == 1
    assert proc.stderr.count("修改建议") == 1, proc.stderr
    assert "对策类别" not in proc.stderr


def test_traditional_title_is_warned_about_and_still_builds(project):
    content, site = project / "content", project / "site"
    path = content / "policies/problems/zhong-yewu-qing-dangjian.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: 重业务轻党建", "title: 重業務輕黨建"),
                    encoding="utf-8")
    check = run("check", content, site)
    assert check.returncode == 0, check.stderr
    assert "提醒" in check.stderr and "繁体字" in check.stderr and "重业务轻党建" in check.stderr
    assert "zhong-yewu-qing-dangjian.yml:2" in check.stderr
    build = run("build", content, site)
    assert build.returncode == 0, build.stderr
    assert "繁体字" in build.stderr
    assert "重業務輕黨建" in (site / "problems/zhong-yewu-qing-dangjian.html").read_text(encoding="utf-8")


def test_a_simplified_text_gets_no_warning(project):
    proc = run("check", project / "content", project / "site")
    assert proc.returncode == 0 and "提醒" not in proc.stderr
