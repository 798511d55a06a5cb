"""Content-hash cache of rendered files (ronghe/build/pdf/cache.py)."""

from __future__ import annotations

import os
import time

from ronghe.build.pdf.cache import RenderCache, content_key


def test_same_inputs_same_key_any_change_another():
    assert content_key("<html>a</html>", "weasyprint 70") == content_key("<html>a</html>", "weasyprint 70")
    assert content_key("<html>a</html>", "weasyprint 70") != content_key("<html>b</html>", "weasyprint 70")
    assert content_key("<html>a</html>", "weasyprint 70") != content_key("<html>a</html>", "weasyprint 71")
    assert content_key("ab", "c") != content_key("a", "bc")


def test_made_once_then_copied(tmp_path):
    cache = RenderCache(tmp_path / "cache")
    made = []

    def make(path):
        made.append(path)
        path.write_bytes(b"pdf")

    assert cache.produce("k1", tmp_path / "site" / "a.pdf", make) is False
    assert cache.produce("k1", tmp_path / "site2" / "a.pdf", make) is True
    assert len(made) == 1
    assert (tmp_path / "site2" / "a.pdf").read_bytes() == b"pdf"


def test_failed_rendering_leaves_nothing_behind(tmp_path):
    cache = RenderCache(tmp_path / "cache")

    def broken(path):
        path.write_bytes(b"half")
        raise RuntimeError("boom")

    try:
        cache.produce("k", tmp_path / "a.pdf", broken)
    except RuntimeError:
        pass
    assert list((tmp_path / "cache").iterdir()) == []
    assert not (tmp_path / "a.pdf").exists()


def test_prune_drops_least_recently_used_beyond_the_limit(tmp_path):
    cache = RenderCache(tmp_path)
    old = time.time() - 7200
    for i in range(5):
        p = cache.path_for(f"k{i}")
        p.write_bytes(b"x" * 100)
        os.utime(p, (old + i, old + i))              # k4 used most recently
    fresh = cache.path_for("now")
    fresh.write_bytes(b"x" * 100)                    # used by the current build
    assert cache.prune(max_bytes=250) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k4.pdf", "now.pdf"]
