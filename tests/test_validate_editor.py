"""Validation from a content editor's side: one mistake gives one error, at the
mistake, with advice that fits the guide (docs/guide/editing.md).

Each test breaks a copy of the small valid knowledge base in tests/fixtures/mini.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


from mini_content import check, content, edit  # noqa: F401 (content: a fixture)


C = "policies/causes/kaohe-tixi-geyi.yml"
CM = "policies/countermeasures/ya-shi-zeren.yml"
CL = "checklists/qd-dangzu-shuji.yml"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=cwd, check=True, capture_output=True)


def test_mini_fixture_is_valid(content):
    kb, errors = check(content)
    assert errors == [] and kb is not None


# --- 1. duplicate ids -------------------------------------------------------------

def test_duplicate_id_without_git_blames_both_files_and_names_the_other(content):
    shutil.copy(content / CM, content / "policies/countermeasures/copy.yml")
    _, errors = check(content)
    dup = [e for e in errors if "重复" in e.message]
    assert {e.path for e in dup} == {f"content/{CM}", "content/policies/countermeasures/copy.yml"}
    for e in dup:
        assert e.line == 1 and e.field == "id"
        other = "copy.yml" if e.path.endswith("ya-shi-zeren.yml") else "ya-shi-zeren.yml"
        assert other in e.message and "第 1 行" in e.message
        assert "新建" in e.hint and "不要改" in e.hint and "已发布" in e.hint
        assert "请改用一个新的编号" not in e.hint
    # the copy's file name: keep the new id and the file name the same (not the published id)
    mismatch = [e for e in errors if "不一致" in e.message]
    assert [e.path for e in mismatch] == ["content/policies/countermeasures/copy.yml"]
    assert "改为“copy”" in mismatch[0].hint and "ya-shi-zeren.yml" not in mismatch[0].hint


def test_duplicate_id_blames_only_the_file_git_does_not_know(content):
    git(content.parent, "init", "-q")
    git(content.parent, "add", "content")
    git(content.parent, "commit", "-q", "-m", "base")
    shutil.copy(content / CM, content / "policies/countermeasures/copy.yml")
    _, errors = check(content)
    assert {e.path for e in errors} == {"content/policies/countermeasures/copy.yml"}
    e = next(e for e in errors if "已被" in e.message)
    assert e.field == "id" and e.line == 1
    assert f"content/{CM}" in e.message and "第 1 行" in e.message
    assert "新编号" in e.hint and "不要改" in e.hint


def test_duplicate_checklist_item_id_names_the_other_line(content):
    edit(content, CL, "      - id: qd-demo-01", "      - id: qd-demo-01\n"
         "        text: 甲。\n      - id: qd-demo-01")
    _, errors = check(content)
    assert len(errors) == 2, [e.format() for e in errors]
    fields = {e.field for e in errors}
    assert fields == {"groups[0].items[0].id", "groups[0].items[1].id"}
    lines = {e.line for e in errors}
    assert lines == {8, 10}
    for e in errors:
        other = 10 if e.line == 8 else 8
        assert f"第 {other} 行" in e.message


# --- 2. no cascading errors --------------------------------------------------------

def test_duplicate_id_of_another_type_gives_no_wrong_type_errors_elsewhere(content):
    # an editor copies a countermeasure into causes/: references to it must not turn red
    shutil.copy(content / CM, content / "policies/causes/ya-shi-zeren.yml")
    _, errors = check(content)
    assert not [e for e in errors if "这里需要" in e.message], [e.format() for e in errors]
    touched = {"content/policies/causes/ya-shi-zeren.yml", f"content/{CM}"}
    assert {e.path for e in errors} <= touched


def test_invalid_id_gives_one_error_at_the_id(content):
    edit(content, CM, "id: ya-shi-zeren", "id: Ya-Shi")
    _, errors = check(content)
    assert len(errors) == 1, [e.format() for e in errors]
    e = errors[0]
    assert (e.path, e.line, e.field) == (f"content/{CM}", 1, "id") and "格式不正确" in e.message


def test_invalid_id_still_resolves_type_checks_against_the_file(content):
    # the entry stays known under its file name: a wrong-type reference to it is still found
    edit(content, CM, "id: ya-shi-zeren", "id: Ya-Shi")
    edit(content, C, "  - zhong-yewu-qing-dangjian", "  - ya-shi-zeren")
    _, errors = check(content)
    assert any(e.path == f"content/{C}" and "这里需要问题表现" in e.message for e in errors)
    assert not [e for e in errors if "不存在" in e.message]


def test_changed_id_of_a_published_file_is_one_error_at_that_file(content):
    edit(content, CM, "id: ya-shi-zeren", "id: ya-shi-zeren-xin")
    _, errors = check(content)
    assert len(errors) == 1, [e.format() for e in errors]
    e = errors[0]
    assert e.path == f"content/{CM}" and e.field == "id" and "不一致" in e.message
    assert "改回“ya-shi-zeren”" in e.hint
