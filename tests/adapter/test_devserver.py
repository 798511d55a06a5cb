"""The development server's content watcher (ronghe/adapter/devserver.py), on MkDocs' real
LiveReloadServer: an edit in the content folder requests a rebuild at once; reading does not."""

from __future__ import annotations

import threading

import pytest
from mkdocs.livereload import LiveReloadServer

from ronghe.adapter.devserver import ContentWatcher, can_request_rebuild


def _server(tmp_path) -> LiveReloadServer:
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))


def _wait_for_rebuild(server, timeout: float) -> bool:
    # what LiveReloadServer's own loop waits for (the adapter's one use of its private state)
    with server._rebuild_cond:
        return server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=timeout)


def test_the_real_server_has_what_the_watcher_needs(tmp_path):
    assert can_request_rebuild(_server(tmp_path))


def test_content_edits_request_a_rebuild_and_reading_files_does_not(tmp_path):
    (tmp_path / "content" / "policies").mkdir(parents=True)
    entry = tmp_path / "content" / "policies" / "a.yml"
    entry.write_text("id: a\n", encoding="utf-8")
    server, watcher = _server(tmp_path), ContentWatcher()
    try:
        native = watcher.watch(server, str(tmp_path / "content"))
        if not native:
            pytest.skip("no change notifications here: MkDocs polls the folder")
        assert str(tmp_path / "content") not in server._watched_paths   # not MkDocs' 0.5 s polling
        entry.read_text(encoding="utf-8")                 # every build reads the content files
        assert not _wait_for_rebuild(server, 0.5)
        entry.write_text("id: a\ntitle: 新\n", encoding="utf-8")
        assert _wait_for_rebuild(server, 5)
    finally:
        watcher.stop()
    assert not [t for t in threading.enumerate() if "Observer" in type(t).__name__ and t.is_alive()]


def test_polling_can_be_chosen(tmp_path):
    server = _server(tmp_path)
    assert ContentWatcher().watch(server, str(tmp_path), notify=False) is False
    assert str(tmp_path) in server._watched_paths      # MkDocs' own scanning


def test_a_server_without_those_attributes_falls_back_to_polling(tmp_path):
    class OtherServer:
        def __init__(self):
            self.polled = []

        def watch(self, path):
            self.polled.append(path)

    server = OtherServer()
    assert ContentWatcher().watch(server, str(tmp_path)) is False
    assert server.polled == [str(tmp_path)]
