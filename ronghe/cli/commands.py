"""What each ``ronghe`` command does. Paths default to the current folder, as MkDocs'
own commands do: run them where mkdocs.yml is."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def content_dir(args) -> Path:
    """--content, else RONGHE_CONTENT_DIR (what build and serve read), else ./content."""
    return Path(args.content or os.environ.get("RONGHE_CONTENT_DIR") or "content")


def check(args) -> int:
    from ronghe.site.checking import load_checked

    content = content_dir(args)
    if not content.is_dir():
        print(f"错误：内容目录 {content} 不存在。", file=sys.stderr)
        return 2
    kb, result = load_checked(content, root=Path.cwd())
    if result.errors.warnings:
        print(result.errors.warnings_report(), file=sys.stderr)
    if result.errors:
        print(result.errors.report(), file=sys.stderr)
        return 1
    counts: dict[str, int] = {}
    for e in result.entries:
        counts[e.entry_type.label] = counts.get(e.entry_type.label, 0) + 1
    drafts = sum(1 for e in result.entries if e.draft)
    summary = "、".join(f"{k} {v} 条" for k, v in counts.items()) or "没有条目"
    print(f"内容校验通过：{summary}；其中草稿 {drafts} 条（不发布）。")
    return 0


def schema(args) -> int:
    from ronghe.content.schema import ENTRY_TYPES, json_schema

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    names = list(ENTRY_TYPES) + ["categories", "synonyms", "guide"]
    for name in names:
        (out / f"{name}.schema.json").write_text(
            json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"已写出 {len(names)} 个 JSON Schema 到 {out}")
    return 0


def _build_options(args):
    from ronghe.adapter.safe_build import BuildOptions

    return BuildOptions(config_file=Path(args.config), site_dir=Path(args.site_dir) if args.site_dir else None,
                        content_dir=Path(args.content) if args.content else None,
                        pdf=False if args.no_pdf else None, engine=args.engine, verbose=args.verbose)


def build(args) -> int:
    from ronghe.adapter.safe_build import safe_build

    return safe_build(_build_options(args))


def serve(args) -> int:
    from ronghe.adapter.dev_serve import dev_serve

    return dev_serve(_build_options(args), args.dev_addr)


def package(args) -> int:
    from ronghe.build.package import make_package_command

    return make_package_command(Path(args.site), Path(args.out))


def version(_args=None) -> str:
    from ronghe import __version__
    from ronghe.adapter import engine

    engines = "、".join(f"{name} {_installed_version(name)}" for name in engine.available()) or "无"
    return f"融合指南（ronghe）{__version__}；站点引擎：{engines}"


def _installed_version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version as dist_version

    try:
        return dist_version(dist)
    except PackageNotFoundError:
        return "?"
