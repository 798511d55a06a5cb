"""Issue 19, bodies: every attack on a body is refused by ``check`` (and ``build``) with a
Chinese error naming the file, the line inside the YAML file and the field, exit 1, no
traceback; text fields that merely hold "<" pass (they are shown escaped: test_escaped_site)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


from .hostile_content import ALLOWED_BODY, BODY_ATTACKS, ROOT, body_line, build, hostile_config, hostile_content

from ronghe.content.bodysafety import located_refusals, refusals


def run_check(content: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ronghe", "check", "--content", str(content)], cwd=ROOT,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True)


def test_hostile_text_fields_and_an_allowed_body_pass_check(tmp_path):
    proc = run_check(hostile_content(tmp_path / "content"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert refusals(ALLOWED_BODY) == []


@pytest.mark.parametrize("name,body,words", BODY_ATTACKS, ids=[a[0] for a in BODY_ATTACKS])
def test_check_refuses_the_attack_at_its_line(tmp_path, name, body, words):
    content = hostile_content(tmp_path / "content", body=body)
    # the line that holds the attack: the third of the body, but for an attribute list (below its
    # paragraph) and a reference-style link (the address is in the definition)
    attack_line = body_line(content) + {"attr-list-handler": 3, "javascript-reference-link": 4}.get(name, 2)
    proc = run_check(content)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Traceback" not in out
    assert f"cases/demo-case.yml:{attack_line}：字段“body”：正文中" in out, out
    assert words in out, out
    assert "修改建议" in out


@pytest.mark.parametrize("name", ["script", "outside-image", "mermaid"])
def test_build_refuses_what_check_refuses(tmp_path, name):
    body = dict((a[0], a[1]) for a in BODY_ATTACKS)[name]
    content = hostile_content(tmp_path / "content", body=body)
    proc = build(content, tmp_path / "site", hostile_config(tmp_path / "mkdocs.yml"), tmp_path / "cache", pdf=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Traceback" not in out
    assert f"cases/demo-case.yml:{body_line(content) + 2}" in out and "字段“body”" in out, out
    assert not (tmp_path / "site").exists()


def test_several_attacks_in_one_body_each_at_its_own_line():
    body = "第一段。\n\n<img src=\"x.png\" onerror=\"a()\">\n\n```html\n<script>写在代码里的只是文字</script>\n```\n\n" \
           "<p onclick=\"b()\">二</p>\n\n<script>c()</script>\n"
    got = [(i, r.message) for i, r in located_refusals(body)]
    assert [i for i, _ in got] == [2, 8, 10]
    assert "onerror" in got[0][1] and "onclick" in got[1][1] and "<script>" in got[2][1]


def test_links_out_of_the_site_and_pictures_inside_it_are_allowed():
    body = ("[中组部](https://www.12371.cn/) [写信](mailto:a@example.com) [本站](../causes/x.md#一)\n\n"
            "![图](../images/a.png)\n\n!!! note \"提示\"\n\n    内容\n\n<details><summary>更多</summary>\n\n说明\n\n</details>\n")
    assert refusals(body) == []
