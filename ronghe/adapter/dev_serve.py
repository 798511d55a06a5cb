"""``ronghe serve``: the site engine's development server, rebuilding only what an edit changes."""

from __future__ import annotations

import os
import sys

from .safe_build import BuildOptions, open_engine


def dev_serve(options: BuildOptions, dev_addr: str) -> int:
    engine = open_engine(options)   # the same engine and console set-up as ronghe build
    if isinstance(engine, int):
        return engine
    if options.content_dir is not None:   # the plugin's content_dir option reads it (mkdocs.yml: !ENV)
        os.environ["RONGHE_CONTENT_DIR"] = str(options.content_dir.resolve())
    if options.pdf is False:
        os.environ["RONGHE_PDF"] = "false"
    print(f"预览地址：http://{dev_addr}/（按 Ctrl+C 停止）", file=sys.stderr)
    try:
        # --dirty: an edit rebuilds only the pages it affects (ronghe.adapter.session)
        # not strict: a warning (a broken link while editing) is shown, and the server keeps running
        engine.serve(str(options.config_file), build_type="dirty", dev_addr=dev_addr, livereload=True, strict=False)
    except engine.Abort as exc:
        print(f"预览服务器未能启动：{exc}", file=sys.stderr)
        return 1
    return 0
