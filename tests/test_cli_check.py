"""`python -m ronghe check` on the mistakes editors really make.

Each case breaks a copy of a small valid knowledge base in one way and runs
the real command: it must exit 1 and name the file, the line and the field in
Chinese, with no traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests/fixtures/mini/content"

P = "policies/problems/zhong-yewu-qing-dangjian.yml"
C = "policies/causes/kaohe-tixi-geyi.yml"
CM = "policies/countermeasures/ya-shi-zeren.yml"
LV = "policies/levels/dangzu-shuji.yml"
CASE = "cases/demo-case.yml"


def run_check(content: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ronghe", "check", "--content", str(content)],
                          cwd=content.parent, capture_output=True, text=True)


@pytest.fixture
def content(tmp_path) -> Path:
    dst = tmp_path / "content"
    shutil.copytree(MINI, dst)
    return dst


def edit(content: Path, rel: str, old: str | None, new: str) -> None:
    path = content / rel
    if old is None:  # replace the whole file
        path.write_text(new, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(content: Path, rel: str, needle: str) -> int:
    for i, line in enumerate((content / rel).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {rel}")


# (case id, file, old text, new text, line marker in the broken file or None for line 0, expected message part)
CASES = [
    ("tab-indent", P, "  - source: src-demo", "\t- source: src-demo", "\t- source", "制表符"),
    ("bad-indent", P, "    passage:", "      passage:", "      passage:", "YAML 格式错误"),
    ("unclosed-quote", P, "title: 重业务轻党建", 'title: "重业务轻党建', None, "引号没有成对闭合"),
    ("missing-title", P, "title: 重业务轻党建\n", "", "id:", "缺少必填字段“title”"),
    ("empty-title", P, "title: 重业务轻党建", 'title: ""', "title:", "标题不能为空"),
    ("unknown-field", P, "title: 重业务轻党建", "tilte: 重业务轻党建\ntitle: 重业务轻党建", "tilte:", "是否想写“title”"),
    ("tags-not-list", P, "tags: [认识偏差]", "tags: 认识偏差", "tags:", "标签应为列表"),
    ("bad-id", C, "problems:\n  - zhong-yewu-qing-dangjian", "problems:\n  - Zhong Yewu", "Zhong Yewu", "格式不正确"),
    ("missing-ref", C, "  - zhong-yewu-qing-dangjian", "  - zhong-yewu-qing-dangjan", "dangjan", "引用的编号“zhong-yewu-qing-dangjan”不存在"),
    ("wrong-ref-type", CM, "problems:\n  - zhong-yewu-qing-dangjian", "problems:\n  - kaohe-tixi-geyi", "- kaohe-tixi-geyi", "是原因，这里需要问题表现"),
    ("unknown-level", CM, "levels: [jiguan-dangwei]", "levels: [jiguan-dangzu]", "jiguan-dangzu", "未知的责任层级“jiguan-dangzu”"),
    ("passage-altered", P, "忙起来不要。", "忙起来不管。", "passage:", "原文中找不到这段文字"),
    ("unknown-source", C, "source: src-demo", "source: src-demo2", "src-demo2", "来源“src-demo2”不存在"),
    ("duplicate-key", P, "summary:", "title: 又一个标题\nsummary:", "又一个标题", "重复出现"),
    ("measure-without-levels", CM, "    levels: [dangzu-shuji]\n", "", "每年年初把党建", "缺少必填字段“levels”"),
    ("unknown-category", CM, "category: zeren", "category: zerenn", "category:", "对策类别“zerenn”不存在"),
    ("phrasings-not-list", P, "tags: [认识偏差]", "tags: [认识偏差]\nphrasings: 党建光挂在嘴上", "phrasings:", "常见说法应为列表"),
    ("phrasing-empty", P, "tags: [认识偏差]", "tags: [认识偏差]\nphrasings:\n  - 党建光挂在嘴上\n  - ''", "  - ''", "不能为空"),
    ("phrasing-not-text", P, "tags: [认识偏差]", "tags: [认识偏差]\nphrasings:\n  - {会: 念文件}", "  - {会", "每一项写成“- 说法”"),
    ("draft-not-bool", P, "tags: [认识偏差]", "tags: [认识偏差]\ndraft: 是", "draft:", "应为 true 或 false"),
    ("order-not-int", LV, "order: 2", "order: 第二", "order:", "排序应为整数"),
    ("plain-text-file", P, None, "重业务轻党建，党建工作说起来重要、干起来次要。\n", "重业务轻党建", "应为“字段: 值”形式的映射"),
    ("case-without-countermeasure", CASE, "countermeasures: [ya-shi-zeren]\n", "", "id:", "案例没有关联任何对策"),
]


@pytest.mark.parametrize("name,rel,old,new,marker,expected", CASES, ids=[c[0] for c in CASES])
def test_editor_mistake_is_reported_with_file_line_and_message(content, name, rel, old, new, marker, expected):
    edit(content, rel, old, new)
    proc = run_check(content)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    where = f"content/{rel}"
    if marker is not None:
        where += f":{line_of(content, rel, marker)}："
    # an error is its first line plus the indented hint line below it
    blocks = proc.stderr.replace("\n    修改建议", " 修改建议").splitlines()
    reported = [b for b in blocks if b.startswith(where)]
    assert reported, f"no error at {where}:\n{proc.stderr}"
    assert any(expected in b for b in reported), proc.stderr
    assert "修改建议" in proc.stderr


def test_problem_without_cause_or_countermeasure(content):
    (content / C).unlink()
    edit(content, CM, "problems:\n  - zhong-yewu-qing-dangjian\n", "")
    edit(content, CM, "causes:\n  - kaohe-tixi-geyi\n", "problems: []\ncauses: []\n")
    proc = run_check(content)
    assert proc.returncode == 1
    assert "这个问题表现没有任何原因指向它" in proc.stderr
    assert "这个问题表现没有任何对策针对它" in proc.stderr
    assert "对策没有针对任何问题或原因" in proc.stderr


def test_duplicate_id_names_both_files(content):
    shutil.copy(content / C, content / "policies/causes/kaohe-tixi-geyi-copy.yml")
    proc = run_check(content)
    assert proc.returncode == 1
    assert "编号“kaohe-tixi-geyi”重复" in proc.stderr
    assert "content/policies/causes/kaohe-tixi-geyi.yml" in proc.stderr
    assert "文件名“kaohe-tixi-geyi-copy.yml”与编号“kaohe-tixi-geyi”不一致" in proc.stderr


def test_gbk_file_and_empty_file(content):
    text = (content / P).read_text(encoding="utf-8")
    first_non_ascii_line = next(i for i, ln in enumerate(text.splitlines(), 1) if not ln.isascii())
    (content / P).write_bytes(text.encode("gbk"))
    (content / "policies/glossary/kong.yml").write_text("", encoding="utf-8")
    proc = run_check(content)
    assert proc.returncode == 1
    assert f"content/{P}:{first_non_ascii_line}：文件不是 UTF-8 编码" in proc.stderr
    # the unreadable file is reported once; entries pointing to it are not flooded with follow-up errors
    assert "引用的编号“zhong-yewu-qing-dangjian”不存在" not in proc.stderr
    assert "content/policies/glossary/kong.yml：文件为空" in proc.stderr


def test_published_entry_may_not_point_to_a_draft(content):
    edit(content, C, "id: kaohe-tixi-geyi", "id: kaohe-tixi-geyi\ndraft: true")
    proc = run_check(content)
    assert proc.returncode == 1
    assert "引用的“kaohe-tixi-geyi”还是草稿" in proc.stderr


def test_file_outside_entry_folders(content):
    (content / "policies/stray.yml").write_text("id: stray\ntitle: x\n", encoding="utf-8")
    (content / "policies/problems/_notes.yml").write_text("随手记\n", encoding="utf-8")  # ignored: starts with _
    proc = run_check(content)
    assert proc.returncode == 1
    assert "content/policies/stray.yml：文件不在任何条目目录中" in proc.stderr
    assert "_notes.yml" not in proc.stderr


def test_broken_file_does_not_cascade(content):
    edit(content, P, "title: 重业务轻党建", 'title: "重业务轻党建')
    proc = run_check(content)
    assert proc.returncode == 1
    assert "引号没有成对闭合" in proc.stderr
    assert "共发现 1 处错误，涉及 1 个文件。" in proc.stderr


def test_all_errors_are_reported_at_once(content):
    edit(content, P, "title: 重业务轻党建", 'title: ""')
    edit(content, CM, "category: zeren", "category: nope")
    edit(content, LV, "order: 2", "order: x")
    proc = run_check(content)
    assert proc.returncode == 1
    for rel in (P, CM, LV):
        assert f"content/{rel}:" in proc.stderr
    assert "共发现 3 处错误，涉及 3 个文件。" in proc.stderr


def test_valid_content_passes_with_counts(content):
    proc = run_check(content)
    assert proc.returncode == 0, proc.stderr
    assert "内容校验通过" in proc.stdout
    assert "问题表现 1 条" in proc.stdout


def test_drafts_are_checked_but_not_required_to_be_complete(content):
    (content / "policies/problems/cao-gao.yml").write_text(
        "id: cao-gao\ntitle: 草稿问题\nsummary: 还没写完。\ndraft: true\n", encoding="utf-8")
    assert run_check(content).returncode == 0
    (content / "policies/problems/cao-gao.yml").write_text(
        "id: cao-gao\ntitel: 草稿问题\nsummary: 还没写完。\ndraft: true\n", encoding="utf-8")
    proc = run_check(content)
    assert proc.returncode == 1 and "未知字段“titel”" in proc.stderr


def test_check_reads_the_content_folder_that_build_and_serve_read(content):
    """RONGHE_CONTENT_DIR chooses the content for build and serve, so check must read it too
    (it used to check the project's content/ and report success for a broken copy)."""
    edit(content, P, "title: ", "title: \n# ")
    env = dict(os.environ, RONGHE_CONTENT_DIR=str(content))
    proc = subprocess.run([sys.executable, "-m", "ronghe", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 1 and f"{P}:" in proc.stderr, proc.stdout + proc.stderr
    env["RONGHE_CONTENT_DIR"] = str(content.parent / "gone")
    proc = subprocess.run([sys.executable, "-m", "ronghe", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 2 and "内容目录" in proc.stderr and "不存在" in proc.stderr


# (case id, file, old text, new text, line marker, field, expected message part)
YAML_SYNTAX_CASES = [
    ("star-value", CM, "timing: 每年年初", "timing: *每年年初*", "timing:", "measures[0].timing", "以 * 开头的文字"),
    ("unclosed-bracket", CM, "evidence: 党组会议纪要", "evidence: [会议纪要", "evidence:", "measures[0].evidence",
     "方括号“[”没有闭合"),
    ("unclosed-quote-line", P, "title: 重业务轻党建", 'title: "重业务轻党建', "title:", "title", "引号没有成对闭合"),
    ("full-width-colon", P, "title: 重业务轻党建", "title：重业务轻党建", "title：", "title", "中文全角冒号"),
    ("no-space-after-colon", CM, "category: zeren", "category:zeren", "category:", "category", "冒号后面缺少空格"),
]


@pytest.mark.parametrize("name,rel,old,new,marker,field,expected", YAML_SYNTAX_CASES, ids=[c[0] for c in YAML_SYNTAX_CASES])
def test_yaml_syntax_error_names_the_wrong_line_in_chinese(content, name, rel, old, new, marker, field, expected):
    edit(content, rel, old, new)
    proc = run_check(content)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    where = f"content/{rel}:{line_of(content, rel, marker)}：字段“{field}”：YAML 格式错误："
    first = next((ln for ln in proc.stderr.splitlines() if ln.startswith(where)), None)
    assert first is not None, proc.stderr
    assert expected in first
    for word in ("expected", "found", "while", "token", "scanning", "parsing"):
        assert word not in proc.stderr


def test_sayings_that_cannot_help_the_search_are_warned_about_not_refused(content):
    many = "".join(f"  - 支部开会第{i}次就是念文件\n" for i in range(13))
    edit(content, P, "tags: [认识偏差]", "tags: [认识偏差]\nphrasings:\n  - 党建光挂在嘴上\n  - 党建光挂在嘴上\n  - ？？！……\n"
         "  - " + "党建" * 30 + "\n")
    edit(content, C, "problems:", "phrasings:\n  - 党建光挂在嘴上\n" + many + "problems:")
    proc = run_check(content)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    warnings = proc.stdout + proc.stderr
    assert f"content/{P}:{line_of(content, P, '？？！……')}" in warnings and "搜索用不上" in warnings
    assert "常见说法“党建光挂在嘴上”重复了" in warnings
    assert "有 60 个字，太长" in warnings
    assert f"content/{C}" in warnings and "常见说法有 14 条" in warnings
    assert f"也是 content/{P} 的常见说法" in warnings or f"也是 content/{C} 的常见说法" in warnings


def test_a_blank_item_of_a_list_is_an_error(content):
    edit(content, P, "tags: [认识偏差]", "tags: [认识偏差]\nphrasings:\n  - 党建光挂在嘴上\n  -\n")
    proc = run_check(content)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"content/{P}:" in proc.stderr and "说法不能为空" in proc.stderr
