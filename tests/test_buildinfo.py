"""Content version for the footer and bundle names: from git when the content is in a
repository, else the build date."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone

from ronghe.build import buildinfo

NOW = datetime(2026, 11, 24, 5, 40, tzinfo=timezone.utc)


def _git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def test_without_git_the_version_is_the_build_date(tmp_path):
    info = buildinfo.collect(tmp_path, now=NOW)
    assert info.commit is None
    assert info.version == "20261124-0540"
    assert info.label == "内容版本 20261124-0540 · 生成于 2026-11-24 05:40 UTC"


def test_in_a_repository_the_version_is_the_commit(tmp_path):
    repo = tmp_path / "repo"
    content = repo / "content"
    content.mkdir(parents=True)
    (content / "a.yml").write_text("id: a\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "content")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "c",
         "--date", "2026-11-20T10:00:00+00:00")
    env_date = _git(repo, "log", "-1", "--format=%cs")
    short = _git(repo, "rev-parse", "--short", "HEAD")

    info = buildinfo.collect(content, now=NOW)
    assert (info.commit, info.commit_date, info.modified) == (short, env_date, False)
    assert info.version == f"{env_date.replace('-', '')}-{short}"
    assert info.label == f"内容版本 {info.version}（{env_date} 提交） · 生成于 2026-11-24 05:40 UTC"

    # an edited, not yet committed content file is said so: the footer must not claim the commit
    (content / "a.yml").write_text("id: b\n", encoding="utf-8")
    info = buildinfo.collect(content, now=NOW)
    assert info.modified and info.version.endswith("-modified")
    assert info.label.startswith(f"内容版本 {info.version}（") and "含未提交的修改" in info.label


def test_written_and_read_back_from_the_site(tmp_path):
    info = buildinfo.BuildInfo(build_time="2026-11-24 05:40", commit="abc1234", commit_date="2026-11-23")
    buildinfo.write(info, tmp_path)
    assert buildinfo.read(tmp_path) == info
    assert buildinfo.read(tmp_path / "missing") is None
