"""Editors' Markdown bodies: links to pages that do not exist and HTML blocks left open
are found at the right line (ronghe.content.bodycheck), and the list of pages the check uses
is the list the build makes (ronghe.site.pages.page_uris)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ronghe.bench.generate import generate
from ronghe.content.bodycheck import broken_links, unclosed_html
from ronghe.content.loader import load_and_validate
from ronghe.site.pages import generate_pages, page_uris
from ronghe.site import index_parts

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"causes/kaohe-tixi-geyi.md", "causes/index.md", "problems/a.md", "indexes/matrix.md"}


def test_links_to_missing_pages_of_the_site_are_found_with_their_line():
    body = ("第一行见[原因](../causes/kaohe-tixi-geyi.md)。\n"
            "第二行见[矩阵](../indexes/matrix.md#p-a)和[不存在](../causes/no-such.md)。\n"
            "```\n[代码里的](../causes/gone.md)\n```\n"
            "外部[网站](https://example.org/x.md)、`[行内代码](../causes/gone2.md)`、![图](../causes/img.md)\n"
            "[同栏目](kaohe-tixi-geyi.md) [错栏目](../problemz/a.md) [同页](#top)\n")
    got = list(broken_links(body, "causes/x.md", PAGES))
    # ../problemz/ is not a folder of the site: left to the site engine (maybe a hand-written page)
    assert got == [(1, "../causes/no-such.md")]


def test_with_the_docs_folder_links_to_hand_written_pages_are_checked_too(tmp_path):
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "editing.md").write_text("# 编辑指南", encoding="utf-8")
    body = "见[编辑指南](../guide/editing.md)和[旧指南](../guide/old.md)。"
    assert list(broken_links(body, "causes/x.md", PAGES, docs_dir=tmp_path)) == [(0, "../guide/old.md")]


@pytest.mark.parametrize("body, expected", [
    ("<div>说明\n\n正文", [(0, "div")]),
    ("前言\n\n<details><summary>展开</summary>\n内容\n", [(2, "details")]),
    ("<div>\n<p>段落</p>\n</div>\n<table><tr><td>1</td></tr></table>", []),
    ("<span>行内</span><br>和 <img src=x.png>", []),           # inline and void tags never swallow blocks
    ("```\n<div>\n```\n", []),                                   # code is not HTML
])
def test_block_html_left_open_is_found(body, expected):
    assert unclosed_html(body) == expected


@pytest.mark.parametrize("which", ["real", "large"])
def test_page_list_for_checks_is_what_the_build_generates(which, tmp_path, monkeypatch):
    if which == "real":
        content = ROOT / "content"
    else:   # big enough for index pages in parts
        monkeypatch.setattr(index_parts, "PART_SIZE", 10)
        content = generate(tmp_path / "content", 200, seed=4).content_dir
    kb, result = load_and_validate(content)
    assert kb is not None, result.errors.report()
    assert page_uris(kb) == {p.src_uri for p in generate_pages(kb)}


def _check(content: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ronghe", "check", "--content", str(content)],
                          cwd=ROOT, capture_output=True, text=True)


def test_check_command_reports_a_broken_body_link_and_an_open_div_at_their_lines(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests/fixtures/mini/content", content)
    path = content / "policies/countermeasures/ya-shi-zeren.yml"
    text = path.read_text(encoding="utf-8")
    assert "\nbody:" not in text
    lines = text.rstrip("\n").split("\n")
    body_at = len(lines) + 1   # the line of "body: |"
    path.write_text(text.rstrip("\n") + "\nbody: |\n  第一段。\n\n  见[原因](../causes/no-such.md)。\n  <div>说明\n",
                    encoding="utf-8")
    proc = _check(content)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    rel = "policies/countermeasures/ya-shi-zeren.yml"
    assert f"{rel}:{body_at + 3}：字段“body”：正文中的链接“../causes/no-such.md”指向的页面不存在。" in proc.stderr
    assert f"{rel}:{body_at + 4}：字段“body”：正文中的 HTML 标签 <div> 没有对应的 </div>。" in proc.stderr
