"""Whether ``site/`` is what a build would make now, so ``ronghe serve`` can serve it at once.

A successful ``ronghe build`` records, in the cache folder, the site folder it wrote and a
fingerprint of everything the build read: the content and docs folders (every file's
bytes), mkdocs.yml, the options the build ran with, the engine and the ronghe package
(its version and its files, so that a changed template counts too). ``ronghe serve``
computes the same fingerprint; when it matches, the site is served as it is and the
first build happens only when something changes.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Optional

import ronghe

STAMP = "last-build.json"
PACKAGE_DIR = Path(ronghe.__file__).resolve().parent


def _tree(h, root: Path, stat_only: bool = False) -> None:
    if not root.is_dir():
        h.update(b"-missing-")
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", ".git"))
        for name in sorted(filenames):
            path = Path(dirpath, name)
            h.update(path.relative_to(root).as_posix().encode() + b"\x00")
            if stat_only:
                st = path.stat()
                h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
            else:
                h.update(hashlib.sha1(path.read_bytes()).digest())


def fingerprint(cfg, plugin, engine_name: str, engine_version: str) -> str:
    """Digest of what a build of ``cfg`` (a loaded MkDocs configuration) reads."""
    h = hashlib.sha1()
    root = Path(cfg.config_file_path).resolve().parent
    options = {"ronghe": ronghe.__version__, "engine": [engine_name, engine_version],
               "site_url": cfg.site_url or "", "enabled": plugin.config.enabled, "pdf": plugin.config.pdf,
               "content": str((root / plugin.config.content_dir).resolve())}   # not timings, workers: same site
    h.update(json.dumps(options, sort_keys=True).encode())
    h.update(Path(cfg.config_file_path).read_bytes())
    _tree(h, (root / plugin.config.content_dir).resolve())
    _tree(h, Path(cfg.docs_dir).resolve())
    _tree(h, PACKAGE_DIR, stat_only=True)
    return h.hexdigest()


def stamp_path(cfg, plugin) -> Path:
    root = Path(cfg.config_file_path).resolve().parent
    return (root / plugin.config.cache_dir).resolve() / STAMP


def record(cfg, plugin, site_dir: Path, digest: str) -> None:
    """After a successful build into ``site_dir`` of the state ``digest`` was taken of."""
    path = stamp_path(cfg, plugin)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"site_dir": str(Path(site_dir).resolve()), "fingerprint": digest,
                               "drafts": plugin.session.has_drafts}) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def fresh_site(cfg, plugin, site_dir: Path, digest: str) -> Optional[Path]:
    """``site_dir`` if the last build wrote it from exactly this state (and it had no drafts,
    whose preview only the development server's own build shows), else None."""
    try:
        data = json.loads(stamp_path(cfg, plugin).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    site = Path(site_dir).resolve()
    if data.get("site_dir") != str(site) or data.get("fingerprint") != digest or data.get("drafts"):
        return None
    return site if (site / "index.html").is_file() else None
