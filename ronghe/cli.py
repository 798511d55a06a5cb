"""Command-line interface: ``python -m ronghe <command>``.

Every command prints Chinese messages and exits non-zero on failure; no
traceback reaches the user for expected problems (bad content, bad input).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import PROJECT_ROOT


def _content_dir(args) -> Path:
    """--content, else RONGHE_CONTENT_DIR (what build and serve read), else the project's content/."""
    return Path(args.content or os.environ.get("RONGHE_CONTENT_DIR") or PROJECT_ROOT / "content")


def cmd_check(args) -> int:
    from .content.loader import load_and_validate

    content = _content_dir(args)
    if not content.is_dir():
        print(f"错误：内容目录 {content} 不存在。", file=sys.stderr)
        return 2
    kb, result = load_and_validate(content, root=Path.cwd())
    if result.errors:
        print(result.errors.report(), file=sys.stderr)
        return 1
    counts = {}
    for e in result.entries:
        counts[e.entry_type.label] = counts.get(e.entry_type.label, 0) + 1
    drafts = sum(1 for e in result.entries if e.draft)
    summary = "、".join(f"{k} {v} 条" for k, v in counts.items()) or "没有条目"
    print(f"内容校验通过：{summary}；其中草稿 {drafts} 条（不发布）。")
    return 0


def cmd_schema(args) -> int:
    from .content.schema import ENTRY_TYPES, json_schema

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    names = list(ENTRY_TYPES) + ["categories", "synonyms"]
    for name in names:
        (out / f"{name}.schema.json").write_text(
            json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"已写出 {len(names)} 个 JSON Schema 到 {out}")
    return 0


def cmd_build(args) -> int:
    from .adapter.safe_build import safe_build

    return safe_build(config_file=Path(args.config), site_dir=Path(args.site_dir) if args.site_dir else None)


def cmd_ingest(args_rest: list[str]) -> int:
    from .ingest.command import main

    return main(args_rest)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "ingest":
        return cmd_ingest(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m ronghe", description="融合指南：内容校验与站点构建工具")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="校验全部内容文件")
    p.add_argument("--content", help="内容目录（默认：环境变量 RONGHE_CONTENT_DIR，未设置时为项目的 content/，与 build 相同）")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("schema", help="导出各类内容文件的 JSON Schema")
    p.add_argument("--out", default=str(PROJECT_ROOT / "docs/schemas"))
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("build", help="安全构建站点：失败时保留原有站点")
    p.add_argument("--config", default=str(PROJECT_ROOT / "mkdocs.yml"))
    p.add_argument("--site-dir", help="输出目录（默认：mkdocs.yml 旁的 site/）")
    p.set_defaults(func=cmd_build)
    sub.add_parser("ingest", help="导入原始报告，生成清洗文本和草稿条目（详见 ingest --help）")
    args = parser.parse_args(argv)
    return args.func(args)
