"""Safe site build: validate, build into a temporary folder, then swap.

A failed build (bad content, a hook error, a strict-mode warning) exits
non-zero and leaves the previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

import yaml


def _configured_site_dir(config_file: Path) -> Path:
    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may contain !!python/name tags (Material's emoji); ignore them here.
    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    with open(config_file, encoding="utf-8") as fh:
        cfg = yaml.load(fh, Loader=_Loader) or {}
    return (config_file.parent / cfg.get("site_dir", "site")).resolve()


def safe_build(config_file: Path, site_dir: Optional[Path] = None, quiet: bool = False) -> int:
    from ronghe.content.loader import load_and_validate

    config_file = config_file.resolve()
    project = config_file.parent
    content_dir = Path(os.environ.get("RONGHE_CONTENT_DIR", project / "content"))
    kb, result = load_and_validate(content_dir, root=Path.cwd())
    if result.errors:
        print("内容校验未通过，站点未生成（原有站点保持不变）：", file=sys.stderr)
        print(result.errors.report(), file=sys.stderr)
        return 1

    target = (site_dir or _configured_site_dir(config_file)).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    os.chmod(tmp, 0o755)  # mkdtemp makes 0700; a web server must be able to read the site
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
           "--config-file", str(config_file), "--site-dir", str(tmp)]
    if quiet:
        cmd.append("--quiet")
    env = dict(os.environ, RONGHE_CONTENT_DIR=str(content_dir), NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(cmd, env=env)
    if proc.returncode != 0 or not (tmp / "index.html").is_file():
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"构建失败（退出码 {proc.returncode}），原有站点 {target} 保持不变。", file=sys.stderr)
        return 1
    _swap(tmp, target)
    print(f"站点已生成：{target}")
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
