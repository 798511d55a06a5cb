"""Safe site build: build into a temporary folder beside the site, then swap.

A failed build (bad content, a plugin error, a strict-mode warning, a full disk)
exits non-zero and leaves the previous ``site/`` exactly as it was. The build runs in
this process (no child ``mkdocs`` that could outlive it); the PDF child it forks dies
with it (``ronghe.build.parallel``).

Temporary folders: ``.site.building-*`` (the build in progress) and ``.site.old-*``
(the previous site, between the swap and its removal). Each is locked (``flock``) by
the build that owns it for as long as it (or its PDF child) lives; a build removes
the unlocked ones it finds, left by a build that was killed. An operating-system
failure (no space, permission, read-only, file too large) is explained in Chinese
with the path and what to do (``ronghe.build.oserrors``); the traceback only with
``--verbose``.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import sys
import tempfile
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from ronghe.build.oserrors import explain, file_size_limit_as_error

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


def open_engine(options: BuildOptions) -> "engines.Engine | int":
    """The site engine with the console set up for a ``ronghe`` command (build and serve),
    or the exit code after a Chinese message."""
    try:
        engine = engines.load(options.engine)
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    console.configure(options.verbose)
    if options.verbose:
        os.environ["RONGHE_VERBOSE"] = "1"   # the PDF child prints tracebacks too
    if not options.config_file.is_file():
        print(f"错误：找不到配置文件 {options.config_file.resolve()}。", file=sys.stderr)
        return 2
    return engine


def safe_build(options: BuildOptions) -> int:
    engine = open_engine(options)
    if isinstance(engine, int):
        return engine
    file_size_limit_as_error()
    try:
        return _build(engine, options)
    except OSError as exc:
        if options.verbose:
            traceback.print_exc()
        print("错误：" + explain(exc, "构建站点") + "\n构建失败，原有站点保持不变。", file=sys.stderr)
        return 1


def _build(engine, options: BuildOptions) -> int:
    config_file = options.config_file.resolve()
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
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print("错误：" + explain(exc, "创建输出目录的上级目录"), file=sys.stderr)
        return 1
    removed = remove_leftovers(target)
    if removed:
        log.info("已删除此前中断的构建留下的临时目录：%s", "、".join(p.name for p in removed))
    try:
        tmp, lock = _new_building_dir(target)
        # the build's own temporary files (the page workers' results, the PDF children's warnings)
        # go beside the site, not into the system's temporary folder: a build killed with SIGKILL
        # leaves them where the next build removes what a killed build left (remove_leftovers)
        scratch = new_locked_dir(target.parent, _prefixes(target)[0])
    except OSError as exc:
        print("错误：" + explain(exc, "在输出目录旁创建临时构建目录") + f"\n构建失败，原有站点 {target} 保持不变。",
              file=sys.stderr)
        return 1
    cfg.site_dir = str(tmp)
    ok = False
    try:
        with temporary_files_in(scratch):
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                engine.build(cfg)
            finally:
                cfg.plugins.on_shutdown()
        ok = (tmp / "index.html").is_file()
    except engine.Abort as exc:
        log.debug("build aborted: %s", exc)
    except OSError as exc:
        if options.verbose:
            traceback.print_exc()
        print("错误：" + explain(exc, "写入站点文件"), file=sys.stderr)
    finally:
        if not ok:
            shutil.rmtree(tmp, ignore_errors=True)
            os.close(lock)
    if not ok:
        print(f"构建失败，原有站点 {target} 保持不变。", file=sys.stderr)
        return 1
    try:
        code = _swap(tmp, target, lock, engine)
    finally:
        os.close(lock)
    if code == 0:
        freshness.record(cfg, plugin, target, digest)   # `ronghe serve` may serve it as it is
    return code


# --- temporary folders beside the site ---------------------------------------

def _prefixes(target: Path) -> tuple[str, str]:
    return f".{target.name}.building-", f".{target.name}.old-"


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """A short exclusive lock on the folder holding the site: creating and locking a
    temporary folder is one step for the others' clean-up."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def lock_dir(path: Path, wait: bool = True) -> Optional[int]:
    """An fd holding an exclusive lock on the folder ``path``, or None when another
    process (a running build, or its PDF child) holds it."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


LockedDir = tuple[Path, Optional[int]]   # a folder and the fd holding its lock


def new_locked_dir(folder: Path, prefix: str) -> LockedDir:
    """A new folder ``folder/<prefix>…``, locked: creating and locking it is one step for the
    clean-up of other processes (remove_unlocked)."""
    with _folder_lock(folder):
        path = Path(tempfile.mkdtemp(prefix=prefix, dir=folder))
        return path, lock_dir(path)


def _new_building_dir(target: Path) -> LockedDir:
    tmp, fd = new_locked_dir(target.parent, _prefixes(target)[0])
    os.chmod(tmp, 0o755)  # mkdtemp makes 0700; a web server must be able to read the site
    return tmp, fd


@contextmanager
def temporary_files_in(locked: LockedDir) -> Iterator[None]:
    """The tempfile module's files (and folders) go into ``locked``, which is removed at the end.
    A process killed meanwhile leaves them there, for remove_unlocked to find."""
    path, fd = locked
    previous, tempfile.tempdir = tempfile.tempdir, str(path)
    try:
        yield
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(path, ignore_errors=True)
        if fd is not None:
            os.close(fd)


def remove_unlocked(folder: Path, prefixes: tuple[str, ...]) -> list[Path]:
    """Remove the folders ``folder/<prefix>…`` nobody holds the lock of (their process was
    killed); returns them. What cannot be removed is said, and tried again next time."""
    removed = []
    try:
        with _folder_lock(folder):
            for path in sorted(folder.iterdir()):
                if not path.name.startswith(prefixes) or not path.is_dir() or path.is_symlink():
                    continue
                fd = lock_dir(path, wait=False)
                if fd is None:
                    continue   # its process still runs
                try:
                    shutil.rmtree(path)
                    removed.append(path)
                except OSError as exc:
                    log.warning("无法删除此前留下的临时目录 %s：%s；下次会再试。", path, explain(exc, "删除"))
                finally:
                    os.close(fd)
    except OSError as exc:
        log.warning("无法检查此前留下的临时目录：%s", explain(exc, "读取目录"))
    return removed


def remove_leftovers(target: Path) -> list[Path]:
    """Remove the temporary folders of builds that were killed (nobody holds their lock)."""
    return remove_unlocked(target.parent, _prefixes(target))


def _swap(new: Path, target: Path, lock: int, engine) -> int:
    """Replace ``target`` by ``new`` with two renames; the old tree is removed afterwards.
    Whatever step fails, ``target`` holds a whole site (the old or the new) and the
    message says which."""
    old = None
    old_lock = None
    if target.exists():
        old = target.with_name(f"{_prefixes(target)[1]}{os.getpid()}")
        try:
            old_lock = lock_dir(target) if target.is_dir() and not target.is_symlink() else None
            os.rename(target, old)
        except OSError as exc:
            if old_lock is not None:
                os.close(old_lock)
            shutil.rmtree(new, ignore_errors=True)
            print("错误：" + explain(exc, "把原有站点移开以换上新站点") +
                  f"\n新站点已生成但无法替换，原有站点 {target} 保持不变。", file=sys.stderr)
            return 1
    try:
        os.rename(new, target)
    except OSError as exc:
        message = "错误：" + explain(exc, "换上新站点")
        if old is not None:
            try:
                os.rename(old, target)
                message += f"\n已恢复原有站点 {target}。"
            except OSError:
                message += f"\n原有站点已被移到 {old}：请把它改回 {target.name}。"
        shutil.rmtree(new, ignore_errors=True)
        print(message, file=sys.stderr)
        if old_lock is not None:
            os.close(old_lock)
        return 1
    if old is not None:
        try:
            shutil.rmtree(old)
        except OSError as exc:
            print(f"提醒：新站点已就位，但旧站点 {old} 没能删除（{explain(exc, '删除旧站点')}）；"
                  "下次构建时会再试。", file=sys.stderr)
        finally:
            if old_lock is not None:
                os.close(old_lock)
    print(f"站点已生成：{target}（{engine.name} {engine.version}）")
    return 0
