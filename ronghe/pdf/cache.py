"""Content-hash cache for rendered files: a PDF is made again only when its inputs change.

The key is a SHA-256 of everything that decides the output (the HTML document,
which already holds the CSS and the text, plus the renderer version); cached
files live under ``<cache_dir>/pdf/`` and are copied into the site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# Bump when the rendering changes in a way the inputs do not show.
RENDER_REVISION = "1"


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

    def produce(self, key: str, dest: Path, make: Callable[[Path], object], suffix: str = ".pdf") -> bool:
        """Copy the cached file for ``key`` to ``dest``, making it first with ``make(path)`` if missing.

        Returns True when the cache was used (nothing rendered)."""
        cached = self.path_for(key, suffix)
        hit = cached.is_file()
        if not hit:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_name(f".{cached.name}.{os.getpid()}.part")
            try:
                make(tmp)
                os.replace(tmp, cached)
            finally:
                tmp.unlink(missing_ok=True)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, dest)
        return hit
