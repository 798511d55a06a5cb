"""The ``ronghe`` command (``pip install .`` installs it; ``python -m ronghe`` works too).

Every command prints Chinese messages and exits non-zero on failure; no traceback
reaches the user for expected problems (bad content, bad input).
"""

from __future__ import annotations

import argparse
import sys

from . import commands
from .parser import ArgumentParser

# commands with their own argument parser: everything after the name goes to them
FORWARDED = {
    "ingest": ("ronghe.ingest.command", "导入原始报告，生成清洗文本和草稿条目（详见 ronghe ingest --help）"),
    "bench": ("ronghe.bench.run", "性能基准：生成 N 条合成条目，测量构建、体积和搜索（详见 ronghe bench --help）"),
}


class _Version(argparse.Action):
    """``--version``: the package's and the site engines' versions (looked up only when asked)."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(commands.version())
        parser.exit()


def _engine_options(p) -> None:
    p.add_argument("--config", default="mkdocs.yml", help="MkDocs 配置文件（默认：当前目录的 mkdocs.yml）")
    p.add_argument("--content", metavar="DIR", help="内容目录（默认：mkdocs.yml 中 ronghe 插件的 content_dir）")
    p.add_argument("--no-pdf", action="store_true", help="不生成 PDF（清单、讲义、全书）")
    p.add_argument("--engine", choices=("mkdocs", "properdocs"),
                   help="站点引擎（默认：环境变量 RONGHE_ENGINE，未设置时为 mkdocs）")
    p.add_argument("-v", "--verbose", action="store_true", help="显示站点引擎的全部输出和出错时的详细信息")


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="ronghe", description="融合指南：内容校验、导入、站点构建与发布工具")
    parser.add_argument("--version", action=_Version, nargs=0, help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    p = sub.add_parser("build", help="安全构建站点：失败时保留原有站点")
    _engine_options(p)
    p.add_argument("--site-dir", help="输出目录（默认：mkdocs.yml 中的 site_dir）")
    p.set_defaults(func=commands.build)
    p = sub.add_parser("serve", help="启动本机预览服务器（上次构建后没有改动时直接用那次的站点，否则先构建），改动内容后自动重建")
    _engine_options(p)
    p.add_argument("--site-dir", help="上次构建的站点目录，没有改动时直接预览它（默认：mkdocs.yml 中的 site_dir）")
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="地址:端口",
                   help="预览服务器地址（默认：127.0.0.1:8000）")
    p.set_defaults(func=commands.serve)
    p = sub.add_parser("check", help="校验全部内容文件，逐条列出文件、行号、字段和修改建议")
    p.add_argument("--content", metavar="DIR",
                   help="内容目录（默认：环境变量 RONGHE_CONTENT_DIR，未设置时为当前目录的 content/，与 build 相同）")
    p.set_defaults(func=commands.check)
    p = sub.add_parser("schema", help="导出各类内容文件的 JSON Schema（供编辑器校验和补全）")
    p.add_argument("--out", default="docs/schemas", metavar="DIR", help="输出目录（默认：docs/schemas）")
    p.set_defaults(func=commands.schema)
    p = sub.add_parser("package", help="把构建好的站点打成发布包（.tar.gz、.zip、SHA-256 校验值、部署说明）")
    p.add_argument("--site", default="site", metavar="DIR", help="站点目录（默认：site/）")
    p.add_argument("--out", default="dist", metavar="DIR", help="输出目录（默认：dist/）")
    p.set_defaults(func=commands.package)
    for name, (_module, text) in FORWARDED.items():
        sub.add_parser(name, help=text, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in FORWARDED:
        import importlib

        command = importlib.import_module(FORWARDED[argv[0]][0])
        if argv[0] == "ingest":     # the import tool may not import this package (layers): hand it the parser
            return command.main(argv[1:], parser_class=ArgumentParser)
        return command.main(argv[1:])
    args = build_parser().parse_args(argv)
    return args.func(args)
