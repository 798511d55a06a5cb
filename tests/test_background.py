"""The development server's background steps (ronghe.build.background): when the server stops,
the step writing into its site folder is waited for and no other starts, so that the folder the
server removes is not written again (issue: a stopped `ronghe serve` left its build in /tmp)."""

from __future__ import annotations

import threading

from ronghe.build.background import BackgroundRunner


def test_stop_waits_for_the_running_step_and_starts_no_other(tmp_path):
    runner = BackgroundRunner()
    started, release = threading.Event(), threading.Event()
    ran = []

    def slow():
        started.set()
        release.wait(10)
        (tmp_path / "index.js").write_text("written", encoding="utf-8")
        ran.append("slow")

    runner.run([("slow", slow), ("next", lambda: ran.append("next"))])
    assert started.wait(10)
    threading.Timer(0.2, release.set).start()
    runner.stop()
    assert (tmp_path / "index.js").read_text(encoding="utf-8") == "written"   # waited for it
    assert ran == ["slow"]                                                      # the next one never started
    assert runner.run([("later", lambda: ran.append("later"))]) is None
    assert ran == ["slow"]


def test_stop_with_nothing_running_returns_at_once():
    runner = BackgroundRunner()
    runner.stop()
    assert runner.run([("x", lambda: None)]) is None


def test_the_message_says_what_was_updated(caplog):
    # with --no-pdf only the search index is made in the background: the message does not speak of PDFs
    runner = BackgroundRunner()
    with caplog.at_level("INFO", logger="mkdocs.plugins.ronghe"):
        runner.run([("search", lambda: None)], what="搜索索引").join(10)
    assert "搜索索引已在后台更新完毕" in caplog.text and "PDF" not in caplog.text
