"""Safe site build: build into a temporary folder beside the site, then swap.

A failed build (bad content, a plugin error, a strict-mode warning) exits non-zero
and leaves the previous ``site/`` exactly as it was. The build runs in this process
(no child ``mkdocs`` that could outlive it); the PDF child it forks dies with it.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from . import console, engine as engines, freshness

log = logging.getLogger("mkdocs.plugins.ronghe")


@dataclass
class BuildOptions:
    config_file: Path
    site_dir: Optional[Path] = None      # default: the site_dir of mkdocs.yml
    content_dir: Optional[Path] = None   # default: the plugin's content_dir option
    pdf: Optional[bool] = None           # default: the plugin's pdf option
    engine: Optional[str] = None         # "mkdocs" or "properdocs"
    verbose: bool = False


def safe_build(options: BuildOptions) -> int:
    try:
        engine = engines.load(options.engine)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    console.configure(options.verbose)
    config_file = options.config_file.resolve()
    if not config_file.is_file():
        print(f"错误：找不到配置文件 {config_file}。", file=sys.stderr)
        return 2
    try:
        cfg = engine.load_config(str(config_file), strict=True)
    except engine.Abort as exc:
        print(f"错误：配置文件 {config_file} 有误：{exc}", file=sys.stderr)
        return 1
    plugin = cfg.plugins.get("ronghe")
    if plugin is None:
        print(f"错误：{config_file} 的 plugins 中没有 ronghe。", file=sys.stderr)
        return 2
    if options.content_dir is not None:
        plugin.config.content_dir = str(options.content_dir.resolve())
    if options.pdf is not None:
        plugin.config.pdf = options.pdf

    digest = freshness.fingerprint(cfg, plugin, engine.name, engine.version)   # before: an edit meanwhile counts
    target = (options.site_dir or Path(cfg.site_dir)).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    os.chmod(tmp, 0o755)  # mkdtemp makes 0700; a web server must be able to read the site
    cfg.site_dir = str(tmp)
    ok = False
    try:
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            engine.build(cfg)
        finally:
            cfg.plugins.on_shutdown()
        ok = (tmp / "index.html").is_file()
    except engine.Abort as exc:
        log.debug("build aborted: %s", exc)
    finally:
        if not ok:
            shutil.rmtree(tmp, ignore_errors=True)
    if not ok:
        print(f"构建失败，原有站点 {target} 保持不变。", file=sys.stderr)
        return 1
    _swap(tmp, target)
    freshness.record(cfg, plugin, target, digest)   # `ronghe serve` may serve it as it is
    print(f"站点已生成：{target}（{engine.name} {engine.version}）")
    return 0


def _swap(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` with two renames; the old tree is removed afterwards."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
    os.rename(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
