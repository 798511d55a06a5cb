"""What the development server (``mkdocs serve --dirty``) needs beyond a normal build.

- The content folder is watched through the kernel's change notifications (inotify on
  Linux) instead of MkDocs' scan of every watched file twice a second, which noticed an
  edit a quarter of a second late on average. MkDocs offers no public call to request a
  rebuild: ``request_rebuild`` is the one place that uses its private attributes, for the
  MkDocs/ProperDocs 1.6 line (tests/adapter/test_devserver.py runs it on the real server
  class); when they are missing, or with ``watch: poll`` (content on a network share
  edited from other machines), MkDocs' own scanning is used.
- Compiled templates are kept: MkDocs makes a new Jinja environment for every rebuild,
  so every theme template was compiled again (about a second).
"""

from __future__ import annotations

import logging
from typing import Callable

log = logging.getLogger("mkdocs.plugins.ronghe")

# events that mean a file changed (not "opened" or "closed_no_write": every build reads the files)
CHANGE_EVENTS = frozenset({"created", "modified", "moved", "deleted", "closed", "attrib"})


def can_request_rebuild(server) -> bool:
    return hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild")


def request_rebuild(server) -> None:
    """What MkDocs' own watcher does on a change (mkdocs.livereload.LiveReloadServer.watch)."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


class ContentWatcher:
    """Watches one folder for the development server; ``stop`` ends it."""

    def __init__(self) -> None:
        self._observers: list = []

    def watch(self, server, path: str, notify: bool = True) -> bool:
        """Rebuild when anything below ``path`` changes; True if the kernel's notifications
        are used, False if MkDocs polls it (``server.watch``)."""
        observer = self._notifying_observer(path, lambda: request_rebuild(server)) \
            if notify and can_request_rebuild(server) else None
        if observer is None:
            server.watch(path)
            return False
        self._observers.append(observer)
        log.info("内容目录有改动时立即重建（系统文件通知）：%s", path)
        return True

    @staticmethod
    def _notifying_observer(path: str, changed: Callable[[], None]):
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
            from watchdog.observers.polling import PollingObserver

            if Observer is PollingObserver:
                return None

            def on_any_event(event) -> None:
                if not event.is_directory and event.event_type in CHANGE_EVENTS:
                    changed()

            handler = FileSystemEventHandler()
            handler.on_any_event = on_any_event  # type: ignore[method-assign]
            observer = Observer()
            observer.schedule(handler, path, recursive=True)
            observer.start()  # fails here when notifications are not available
            return observer
        except Exception as exc:  # noqa: BLE001 - any failure: fall back to polling
            log.debug("no change notifications for %s (%s); polling", path, exc)
            return None

    def stop(self) -> None:
        while self._observers:
            observer = self._observers.pop()
            observer.stop()
            observer.join(timeout=5)


class TemplateCache:
    """An in-memory Jinja bytecode cache shared by all rebuilds of one server."""

    def __init__(self) -> None:
        import jinja2

        class MemoryBytecodeCache(jinja2.BytecodeCache):
            def __init__(self):
                self.data: dict[str, bytes] = {}

            def load_bytecode(self, bucket):
                if bucket.key in self.data:
                    bucket.bytecode_from_string(self.data[bucket.key])

            def dump_bytecode(self, bucket):
                self.data[bucket.key] = bucket.bytecode_to_string()

        self.cache = MemoryBytecodeCache()

    def attach(self, env) -> None:
        env.bytecode_cache = self.cache
