"""``ronghe serve``: the site engine's development server, rebuilding only what an edit changes.

When nothing changed since the last ``ronghe build`` (ronghe.adapter.freshness), the
server starts at once on the site that build left and builds nothing until something
changes; the first change builds the site into the server's own folder (PDFs in the
background) and the server then shows that. Otherwise the engine's ``serve`` builds
first, as always. Either way the site is built at most once before each change.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
from contextlib import contextmanager
from os.path import isfile, join
from pathlib import Path
from typing import Iterator, Optional
from urllib.parse import urlsplit

from . import freshness
from .safe_build import BuildOptions, new_locked_dir, open_engine, remove_unlocked, temporary_files_in

log = logging.getLogger("mkdocs.plugins.ronghe")


def dev_serve(options: BuildOptions, dev_addr: str) -> int:
    engine = open_engine(options)   # the same engine and console set-up as ronghe build
    if isinstance(engine, int):
        return engine
    if options.content_dir is not None:   # the plugin's content_dir option reads it (mkdocs.yml: !ENV)
        os.environ["RONGHE_CONTENT_DIR"] = str(options.content_dir.resolve())
    if options.pdf is False:
        os.environ["RONGHE_PDF"] = "false"
    site = _fresh_site(engine, options)
    print(f"预览地址：http://{dev_addr}/（按 Ctrl+C 停止）", file=sys.stderr)
    try:
        with _own_temporary_folder(), _stopped_by_signals():
            if site is not None:
                print(f"内容与配置自上次构建以来没有改动：直接预览 {site}，有改动时再重建。", file=sys.stderr)
                serve_built(engine, str(options.config_file), site, dev_addr=dev_addr)
            else:
                # --dirty: an edit rebuilds only the pages it affects (ronghe.adapter.session)
                # not strict: a warning (a broken link while editing) is shown, and the server keeps running
                engine.serve(str(options.config_file), build_type="dirty", dev_addr=dev_addr, livereload=True,
                             strict=False)
    except engine.Abort as exc:
        print(f"预览服务器未能启动：{exc}", file=sys.stderr)
        return 1
    return 0


SERVE_TMP_PREFIX = "ronghe-serve-"


@contextmanager
def _own_temporary_folder() -> Iterator[None]:
    """The server's temporary files (the engine's build folder, the PDF children's warnings) go
    into one folder of its own in the system's temporary folder, locked while the server runs and
    removed when it stops. Those of servers that could not clean up (killed with SIGKILL, or by a
    signal before the engine's serve reached its own clean-up) are removed at the next start."""
    base = Path(tempfile.gettempdir())
    removed = remove_unlocked(base, (SERVE_TMP_PREFIX,))
    if removed:
        log.info("已删除此前被强行停止的预览服务器留下的临时目录：%s", "、".join(p.name for p in removed))
    with temporary_files_in(new_locked_dir(base, SERVE_TMP_PREFIX)):
        yield


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM (``kill``, a service manager stopping the server) and SIGHUP (the terminal
    closed) stop the server as Ctrl+C does. By default they end the process at once and
    leave the server's build folder (the whole site, hundreds of MB at N = 20,000) in the
    system's temporary folder; raised as KeyboardInterrupt, the server's own ``finally``
    removes it (the engine's ``serve`` and ``serve_built`` alike)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _fresh_site(engine, options: BuildOptions) -> Optional[Path]:
    """The site of the last build when it is what a build would make now, else None."""
    try:
        cfg = engine.load_config(str(options.config_file))
    except engine.Abort:
        return None   # the engine's serve reports the configuration error
    plugin = cfg.plugins.get("ronghe")
    if plugin is None:
        return None
    site = (options.site_dir or Path(cfg.site_dir)).resolve()
    return freshness.fresh_site(cfg, plugin, site, freshness.fingerprint(cfg, plugin, engine.name, engine.version))


def serve_built(engine, config_file: str, site: Path, dev_addr: str, on_ready=None) -> None:
    """MkDocs' ``serve --dirty`` (mkdocs.commands.serve, 1.6), except that it serves ``site``
    until the first rebuild instead of building before it serves. ``on_ready(server)``:
    called once the server listens (tests)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer, _serve_url

    build_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def get_config():
        return load_config(config_file=config_file, site_dir=build_dir, dev_addr=dev_addr, strict=False)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)

    def builder(cfg=None):
        log.info("正在构建站点……")
        if cfg is None:
            cfg = get_config()
            cfg.site_url = serve_url
        build(cfg, serve_url=serve_url, dirty=True)
        server.root = os.path.abspath(build_dir)   # from now on the server's own build

    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site), mount_path=mount_path)

    def error_handler(code):
        if code in (404, 500):
            page = join(server.root, f"{code}.html")
            if isfile(page):
                with open(page, "rb") as f:
                    return f.read()
        return None

    server.error_handler = error_handler
    try:
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        if on_ready is not None:
            on_ready(server)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("正在停止……")
        finally:
            server.shutdown()
    finally:
        try:
            config.plugins.on_shutdown()   # (waits for the background steps writing into build_dir)
        finally:
            shutil.rmtree(build_dir, ignore_errors=True)
