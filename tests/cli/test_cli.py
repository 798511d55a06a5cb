"""The ``ronghe`` command as a user types it: every subcommand exists, help and usage
errors are in Chinese, --version names the generator and the engines."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from ronghe.cli.parser import translate_error

SUBCOMMANDS = ("build", "serve", "check", "schema", "package", "ingest", "bench")
ENGLISH = re.compile(r"\b(usage|options|positional arguments|error|required|invalid|show this help)\b", re.I)


def ronghe(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ronghe", *args], capture_output=True, text=True, cwd=cwd)


def test_help_lists_every_subcommand_in_chinese():
    proc = ronghe("--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith("用法：ronghe")
    for name in SUBCOMMANDS:
        assert re.search(rf"^\s+{name}\s+\S", proc.stdout, re.M), name
    assert not ENGLISH.search(proc.stdout), proc.stdout


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_has_chinese_help(name):
    proc = ronghe(name, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("用法："), proc.stdout[:200]
    assert not ENGLISH.search(proc.stdout), proc.stdout


@pytest.mark.parametrize("args, expected", [
    ((), "缺少必需的参数"),
    (("build", "--no-such-option"), "无法识别的参数：--no-such-option"),
    (("build", "--engine", "sphinx"), "无效的选择"),
    (("ingest", "a.txt"), "缺少必需的参数：--out"),
    (("bench", "--sizes"), "参数 --sizes 后面需要一个值"),
    (("serve", "--dev-addr"), "后面需要一个值"),
])
def test_usage_errors_are_chinese_with_exit_2(args, expected):
    proc = ronghe(*args)
    assert proc.returncode == 2
    assert expected in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and not ENGLISH.search(proc.stderr), proc.stderr


def test_version_names_the_generator_and_both_engines():
    proc = ronghe("--version")
    assert proc.returncode == 0
    assert re.match(r"融合指南（ronghe）\d+\.\d+\.\d+；站点引擎：mkdocs 1\.6\.\d+、properdocs 1\.6\.\d+", proc.stdout)


def test_argparse_messages_it_does_not_know_pass_through_unchanged():
    assert translate_error("something new") == "something new"
    assert translate_error("argument --n: invalid int value: 'x'") == "参数 --n：不是有效的整数：'x'"


def test_build_without_a_config_file_says_so(tmp_path):
    proc = ronghe("build", cwd=tmp_path)
    assert proc.returncode == 2 and "找不到配置文件" in proc.stderr and "Traceback" not in proc.stderr
