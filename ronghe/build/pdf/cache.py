"""Content-hash cache for rendered files: a PDF is made again only when its inputs change.

The key is a SHA-256 of everything that decides the output (the HTML document,
which already holds the CSS and the text, plus the renderer version); cached
files live under ``<cache_dir>/pdf/`` and are copied into the site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# Bump when the rendering changes in a way the inputs do not show.
RENDER_REVISION = "1"
# Old renderings are removed beyond this total size (least recently used first) ...
MAX_CACHE_BYTES = 300 * 1024 * 1024
# ... but never those used in the last hour (the current build's).
KEEP_RECENT_SECONDS = 3600


def content_key(*parts: str) -> str:
    h = hashlib.sha256()
    for p in (RENDER_REVISION, *parts):
        data = p.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@dataclass
class RenderCache:
    folder: Path

    @classmethod
    def under(cls, cache_dir: Path, name: str = "pdf") -> "RenderCache":
        return cls(Path(cache_dir) / name)

    def path_for(self, key: str, suffix: str = ".pdf") -> Path:
        return self.folder / f"{key}{suffix}"

    def ensure(self, key: str, make: Callable[[Path], object], suffix: str = ".pdf") -> bool:
        """Make the cached file for ``key`` with ``make(path)`` if missing; True when it was there."""
        cached = self.path_for(key, suffix)
        hit = cached.is_file()
        if hit:
            os.utime(cached)               # recently used: kept by prune()
        else:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_name(f".{cached.name}.{os.getpid()}.part")
            try:
                make(tmp)
                os.replace(tmp, cached)
            finally:
                tmp.unlink(missing_ok=True)
        return hit

    def produce(self, key: str, dest: Path, make: Callable[[Path], object], suffix: str = ".pdf") -> bool:
        """Copy the cached file for ``key`` to ``dest``, making it first with ``make(path)`` if missing.

        Returns True when the cache was used (nothing rendered)."""
        hit = self.ensure(key, make, suffix)
        cached = self.path_for(key, suffix)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, dest)
        return hit

    def prune(self, max_bytes: int = MAX_CACHE_BYTES, keep_recent: float = KEEP_RECENT_SECONDS) -> int:
        """Remove least recently used files beyond ``max_bytes``; returns how many were removed."""
        if not self.folder.is_dir():
            return 0
        files = []
        for p in self.folder.iterdir():
            if p.is_file() and not p.name.startswith("."):
                st = p.stat()
                files.append((st.st_mtime, st.st_size, p))
        files.sort(reverse=True)                       # newest first
        now = time.time()
        total, removed = 0, 0
        for mtime, size, p in files:
            total += size
            if total > max_bytes and now - mtime > keep_recent:
                p.unlink(missing_ok=True)
                removed += 1
        return removed
