"""argparse in Chinese: usage, help and error messages of every ``ronghe`` command.

argparse writes its own words in English ("usage:", "options:", "error: the following
arguments are required"). ``ArgumentParser`` here writes them in Chinese; subcommands
made with ``add_subparsers`` use the same class.
"""

from __future__ import annotations

import argparse
import re
import sys

# argparse's phrases in formatted help, and their Chinese
_HELP_WORDS = (
    ("usage: ", "用法："),
    ("\npositional arguments:\n", "\n位置参数：\n"),
    ("\noptions:\n", "\n选项：\n"),
    ("\noptional arguments:\n", "\n选项：\n"),
    ("show this help message and exit", "显示本帮助并退出"),
    ("show program's version number and exit", "显示版本号并退出"),
)

# argparse's error messages (Python 3.10–3.13), as patterns, and their Chinese
_ERRORS = (
    (r"the following arguments are required: (.+)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)", r"参数 \1：无效的选择 \2（可选：\3）"),
    (r"invalid choice: (.+?) \(choose from (.+)\)", r"无效的选择 \1（可选：\2）"),
    (r"argument (\S+): invalid (\w+) value: (.+)", r"参数 \1：不是有效的 \2 值：\3"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面需要一个值"),
    (r"argument (\S+): expected at least one argument", r"参数 \1 后面至少需要一个值"),
    (r"argument (\S+): expected at most one argument", r"参数 \1 后面至多只能有一个值"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能与参数 \2 同时使用"),
    (r"argument (\S+): ignored explicit argument (.+)", r"参数 \1 不接受值 \2"),
    (r"ambiguous option: (\S+) could match (.+)", r"选项 \1 有歧义，可能是：\2"),
    (r"one of the arguments (.+) is required", r"必须给出以下参数之一：\1"),
    (r"argument (\S+): (.+)", r"参数 \1：\2"),
)
_TYPE_NAMES = {"int": "整数", "float": "数字"}


def translate_error(message: str) -> str:
    for pattern, replacement in _ERRORS:
        m = re.fullmatch(pattern, message)
        if m:
            text = m.expand(replacement)
            for en, zh in _TYPE_NAMES.items():
                text = text.replace(f"有效的 {en} 值", f"有效的{zh}")
            return text
    return message


def _chinese(text: str) -> str:
    for en, zh in _HELP_WORDS:
        text = text.replace(en, zh)
    return text


class ArgumentParser(argparse.ArgumentParser):
    def format_usage(self) -> str:
        return _chinese(super().format_usage())

    def format_help(self) -> str:
        return _chinese(super().format_help())

    def error(self, message: str):  # exit 2 like argparse, with Chinese words
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{translate_error(message)}\n（用 --help 查看用法）\n")
