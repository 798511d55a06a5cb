"""Slow post-build steps (PDFs, the search index) in a background thread.

Under the development server they run after each rebuild, so the edited page
reloads at once; until they finish, the previous PDFs and index (still in the site
folder of a --dirty build) are served. Only the newest pending run is carried out.
"""

from __future__ import annotations

import gc
import threading
from typing import Callable, Optional

from .logs import LOG

BACKGROUND_DONE = "已在后台更新完毕"   # after what was updated: "搜索索引已在后台更新完毕"


class BackgroundRunner:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = 0
        self._stopped = False
        self._thread: Optional[threading.Thread] = None

    def run(self, jobs: list[tuple[str, Callable[[], object]]], what: str = "PDF 和搜索索引") -> Optional[threading.Thread]:
        """Run ``jobs`` ((name, job) pairs) one after the other in a new thread, unless a newer
        run is queued by the time this one may start; then say that ``what`` is updated."""
        if not jobs or self._stopped:
            return None
        self._generation += 1
        generation = self._generation

        def work():
            with self._lock:
                if generation != self._generation or self._stopped:
                    return  # a newer rebuild has queued its own run, or the server stops
                for name, job in jobs:
                    if self._stopped:
                        return
                    try:
                        job()
                    except Exception:  # reported, never kills the server
                        LOG.exception("后台生成 PDF 或搜索索引失败：%s", name)
                gc.collect()  # what the rebuild left behind (the dev server collects rarely during one)
                LOG.info(what + BACKGROUND_DONE)

        thread = threading.Thread(target=work, name="ronghe-background-steps", daemon=True)
        thread.start()
        self._thread = thread
        return thread

    def stop(self, timeout: float = 60.0) -> None:
        """The server stops: no further step starts, and the one running is waited for (at most
        ``timeout`` seconds), since it writes into the site folder the server then removes; a
        step still writing would put the folder back."""
        self._stopped = True
        thread = self._thread
        if thread is not None and thread.is_alive():
            LOG.info("正在等待后台生成 PDF 或搜索索引的步骤结束……")
            thread.join(timeout)   # (the newest run: it waits for the lock an older one holds)
