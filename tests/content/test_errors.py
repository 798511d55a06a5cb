"""Where an error is said to be: the path an editor knows, relative to the project."""

from pathlib import Path

from ronghe.content.errors import ErrorCollector


def test_a_file_under_the_project_is_named_relative_to_it(tmp_path):
    f = tmp_path / "content" / "policies" / "problems" / "a.yml"
    f.parent.mkdir(parents=True)
    f.write_text("id: a\n", encoding="utf-8")
    errors = ErrorCollector(root=tmp_path)
    errors.add(f, 3, "title", "缺少标题。")
    errors.warn(f, 4, "summary", "摘要太长。")
    assert errors.errors[0].path == "content/policies/problems/a.yml"
    assert errors.warnings[0].path == "content/policies/problems/a.yml"
    assert errors.report().startswith("content/policies/problems/a.yml:3：字段“title”：缺少标题。")


def test_a_linked_file_is_named_as_the_link_and_a_linked_project_as_its_real_path(tmp_path):
    real = tmp_path / "real"
    (real / "content").mkdir(parents=True)
    target = tmp_path / "elsewhere.yml"
    target.write_text("id: b\n", encoding="utf-8")
    link = real / "content" / "b.yml"
    link.symlink_to(target)
    errors = ErrorCollector(root=real)
    assert errors.display_path(link) == "content/b.yml"          # the link, not where it points
    # the project reached through a link: the file is named relative to the project all the same
    alias = tmp_path / "alias"
    alias.symlink_to(real, target_is_directory=True)
    plain = real / "content" / "d.yml"
    plain.write_text("id: d\n", encoding="utf-8")
    assert ErrorCollector(root=alias).display_path(plain) == "content/d.yml"
    # outside the project: the path as given
    outside = tmp_path / "x.yml"
    assert errors.display_path(outside) == outside.as_posix()


def test_many_messages_about_one_file_name_it_the_same_way(tmp_path):
    f = tmp_path / "content" / "c.yml"
    f.parent.mkdir(parents=True)
    f.write_text("id: c\n", encoding="utf-8")
    errors = ErrorCollector(root=tmp_path)
    for k in range(1000):
        errors.warn(f if k % 2 else str(f), k + 1, "phrasings", "重复。")
    assert {w.path for w in errors.warnings} == {"content/c.yml"}
