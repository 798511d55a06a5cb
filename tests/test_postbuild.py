"""Post-build steps split in two (ronghe.build.postbuild): the part that needs only the
converted pages runs in a child process while the templates are rendered; if that child
fails, the whole step runs after the pages, as without a child."""

from __future__ import annotations

import os
from pathlib import Path

from ronghe.build.postbuild import PostBuild, PostBuildContext
from ronghe.build.steps import Step


def _context(tmp_path: Path) -> PostBuildContext:
    return PostBuildContext(project_root=tmp_path, content_dir=tmp_path, cache_dir=tmp_path / "cache", pdf=False)


def _note(site: Path, name: str, text: str) -> None:
    with open(site / name, "a", encoding="utf-8") as fh:
        fh.write(f"{text} {os.getpid()}\n")


def _step(fail_first_part: bool = False) -> Step:
    def whole(kb, site, context):
        _note(site, "whole.txt", "whole")

    def first(kb, site, context, pages):
        if fail_first_part:
            raise ValueError("boom")
        _note(site, "first.txt", ",".join(f"{loc}={make()}" for loc, make in sorted(pages.items())))

    def then(kb, site, context):
        _note(site, "then.txt", "then")

    return Step("index", whole, converted=first, then=then)


def test_the_first_part_runs_in_a_child_with_the_pages_and_the_rest_after_the_pages(tmp_path):
    post = PostBuild(_context(tmp_path), steps=(_step(),))
    post.start_converted(None, tmp_path, {"a.html": lambda: "甲", "b.html": lambda: "乙"})
    post.finish(None, tmp_path)
    text, pid = (tmp_path / "first.txt").read_text(encoding="utf-8").split()
    assert text == "a.html=甲,b.html=乙" and int(pid) != os.getpid()
    assert (tmp_path / "then.txt").read_text().split()[1] == str(os.getpid())
    assert not (tmp_path / "whole.txt").exists()


def test_if_the_child_fails_the_whole_step_runs_here_and_the_child_says_nothing(tmp_path, capfd):
    post = PostBuild(_context(tmp_path), steps=(_step(fail_first_part=True),))
    post.start_converted(None, tmp_path, {})
    post.finish(None, tmp_path)
    assert (tmp_path / "whole.txt").read_text().split()[1] == str(os.getpid())
    assert not (tmp_path / "then.txt").exists()
    assert "错误" not in capfd.readouterr().err


def test_without_a_child_the_whole_step_runs_after_the_pages(tmp_path):
    post = PostBuild(PostBuildContext(project_root=tmp_path, content_dir=tmp_path, cache_dir=tmp_path,
                                      pdf=False, parallel=False), steps=(_step(),))
    post.start_converted(None, tmp_path, {"a.html": lambda: "甲"})
    post.finish(None, tmp_path)
    assert (tmp_path / "whole.txt").exists() and not (tmp_path / "first.txt").exists()


def test_an_abandoned_build_leaves_no_child(tmp_path):
    def slow(kb, site, context, pages):
        import time

        time.sleep(60)

    post = PostBuild(_context(tmp_path), steps=(Step("index", lambda *a: None, converted=slow, then=lambda *a: None),))
    post.start_converted(None, tmp_path, {})
    child = post._converted.pid
    post.abandon()
    try:
        os.kill(child, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    assert not alive
