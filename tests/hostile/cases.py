"""Broken and hostile content, one case per way an editor or an attacker breaks a file
(issue 19). Each case changes a copy of the small valid knowledge base
(tests/fixtures/mini/content) and names the file the error must point at and a phrase
of the Chinese message.

Run as a script to measure how many cases a version of ronghe handles (exit 1, a Chinese
message with file:line, no traceback, for ``check`` and ``build`` alike):

    python tests/hostile/cases.py [PYTHONPATH of the ronghe to measure]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests/fixtures/mini/content"

PROBLEM = "policies/problems/zhong-yewu-qing-dangjian.yml"
SOURCE = "policies/sources/src-demo.yml"
LEVEL = "policies/levels/dangzu-shuji.yml"
LEVEL2 = "policies/levels/jiguan-dangwei.yml"
TERM = "policies/glossary/yi-gang-shuang-ze.yml"
CATEGORIES = "policies/categories.yml"


def edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8", errors="surrogatepass")


def append(content: Path, rel: str, text: str) -> None:
    with open(content / rel, "a", encoding="utf-8") as fh:
        fh.write(text)


def _laughs() -> str:
    lines = ["lol0: &l0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]"]
    for i in range(1, 10):
        lines.append(f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def _symlink_out(content: Path) -> None:
    outside = content.parent / "elsewhere"
    outside.mkdir(exist_ok=True)
    text = (content / PROBLEM).read_text(encoding="utf-8").replace("zhong-yewu-qing-dangjian", "wai-bu")
    (outside / "wai-bu.yml").write_text(text, encoding="utf-8")
    (content / "policies/problems/wai-bu.yml").symlink_to(outside / "wai-bu.yml")


def _deep_block(content: Path) -> None:
    nested = "".join("  " * i + "-\n" for i in range(1, 200))
    edit(content, PROBLEM, "tags: [认识偏差]", "tags:\n" + nested)


def _invalid_id_near(content: Path) -> None:
    text = (content / TERM).read_text(encoding="utf-8").replace("id: yi-gang-shuang-ze", 'id: "../../etc"')
    (content / "policies/glossary/etc.yml").write_text(text.replace("see_also: [ya-shi-zeren]", ""), encoding="utf-8")
    edit(content, TERM, "see_also: [ya-shi-zeren]", 'see_also: [ya-shi-zeren, "../../etx"]')


@dataclass(frozen=True)
class Case:
    name: str
    what: str                          # in Chinese: the case, as the docs list it
    make: Callable[[Path], None]
    file: str                          # the file the error must name (relative to content/)
    phrase: str                        # part of the Chinese message now
    absent: str = ""                   # must not appear (a wrong hint)
    whole_file: bool = False           # the error concerns the whole file: named without a line


CASES = [
    Case("date-out-of-range", "不存在的日期 date: 2020-13-45",
         lambda c: edit(c, SOURCE, "date: 2021-05-01", "date: 2020-13-45"), SOURCE, "日期不存在"),
    Case("int-tag-not-int", "order: !!int abc",
         lambda c: edit(c, LEVEL, "order: 2", "order: !!int abc"), LEVEL, "无法按整数读取"),
    Case("unknown-tag", "未知的 YAML 标记 !foo",
         lambda c: edit(c, PROBLEM, "title: 重业务轻党建", "title: !foo 重业务轻党建"), PROBLEM, "YAML"),
    Case("python-tag", "!!python/object/apply 标记（代码执行尝试）",
         lambda c: edit(c, PROBLEM, "title: 重业务轻党建", "title: !!python/object/apply:os.system [echo x]"),
         PROBLEM, "YAML"),
    Case("lone-surrogate", "单独的代理项 \"\\ud800\"",
         lambda c: edit(c, PROBLEM, "title: 重业务轻党建", 'title: "重业务\\ud800轻党建"'), PROBLEM, "代理项"),
    Case("control-escape", "引号里转义出的控制字符 \"\\x07\"",
         lambda c: edit(c, PROBLEM, "title: 重业务轻党建", 'title: "重业务\\x07轻党建"'), PROBLEM, "控制字符"),
    Case("control-raw", "文件里的控制字符 U+001B",
         lambda c: edit(c, PROBLEM, "title: 重业务轻党建", "title: 重业务\x1b轻党建"), PROBLEM, "控制字符"),
    Case("huge-number", "5,000 位的数字",
         lambda c: edit(c, LEVEL, "order: 2", "order: " + "9" * 5000), LEVEL, "位数过多"),
    Case("deep-flow", "50,000 层 [[[…]]]",
         lambda c: edit(c, PROBLEM, "tags: [认识偏差]", "tags: " + "[" * 50000 + "]" * 50000), PROBLEM, "嵌套层级过深"),
    Case("deep-block", "200 层缩进的列表", _deep_block, PROBLEM, "嵌套层级过深"),
    Case("billion-laughs", "别名炸弹（10 的 10 次方项）", lambda c: append(c, PROBLEM, _laughs()), PROBLEM, "别名"),
    Case("symlink-out", "指向 content/ 之外的符号链接", _symlink_out, "policies/problems/wai-bu.yml", "符号链接",
         whole_file=True),
    Case("file-too-large", "2 MB 的条目文件",
         lambda c: append(c, PROBLEM, "body: |\n" + ("  党建和业务要同谋划、同部署、同落实、同检查。\n" * 50000)),
         PROBLEM, "文件过大", whole_file=True),
    Case("field-too-large", "6,000 字的摘要",
         lambda c: edit(c, PROBLEM, "summary: 一些单位", "summary: " + "很长" * 3000 + "一些单位"), PROBLEM, "文字过长"),
    Case("body-too-large", "30,000 字的正文",
         lambda c: append(c, PROBLEM, "body: |\n" + ("  党建和业务要同谋划、同部署、同落实。\n" * 1700)),
         PROBLEM, "文字过长"),
    Case("level-parent-self", "层级的上级是它自己",
         lambda c: append(c, LEVEL, "parent: dangzu-shuji\n"), LEVEL, "引用了它自己"),
    Case("level-parent-cycle", "层级上级形成循环 A→B→A",
         lambda c: (append(c, LEVEL, "parent: jiguan-dangwei\n"), append(c, LEVEL2, "parent: dangzu-shuji\n")),
         LEVEL, "循环"),
    Case("see-also-self", "术语“参见”它自己",
         lambda c: edit(c, TERM, "see_also: [ya-shi-zeren]", "see_also: [ya-shi-zeren, yi-gang-shuang-ze]"),
         TERM, "引用了它自己"),
    Case("broken-categories", "categories.yml 无法读取（只报一处错误）",
         lambda c: (c / CATEGORIES).write_text("- id: zeren\n  title: [责任\n", encoding="utf-8"),
         CATEGORIES, "共发现 1 处错误"),
    Case("hint-invalid-id", "相近的编号本身无效（\"../../etc\"）时不作为建议",
         _invalid_id_near, TERM, "不存在", absent="是否想写“../../etc”"),
]

_FILE_LINE = re.compile(r"content/([^\s：:]+)(:\d+)?：")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def run(command: str, content: Path, site: Path, pythonpath: str | None = None) -> subprocess.CompletedProcess:
    """``ronghe check`` or ``ronghe build`` (without PDFs) of ``content`` into ``site``, as a user runs them."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RONGHE_CONTENT_DIR=str(content))
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    cmd = [sys.executable, "-m", "ronghe", command]
    if command == "build":
        cmd += ["--no-pdf", "--site-dir", str(site), "--config", str(ROOT / "mkdocs.yml")]
    else:
        cmd += ["--content", str(content)]
    return subprocess.run(cmd, cwd=content.parent, env=env, capture_output=True, text=True, errors="replace",
                          timeout=300)


def handled(proc: subprocess.CompletedProcess, case: Case) -> bool:
    """Exit 1, a Chinese message naming the file with its line, no traceback."""
    out = proc.stderr + proc.stdout
    named = any(m.group(1) == case.file and (m.group(2) or case.whole_file) for m in _FILE_LINE.finditer(out))
    return (proc.returncode == 1 and named and bool(_CHINESE.search(out)) and "Traceback" not in out
            and not (case.absent and case.absent in out))


def main(argv: list[str]) -> int:
    pythonpath = argv[0] if argv else None
    rows = []
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            content = Path(tmp) / "content"
            shutil.copytree(MINI, content)
            case.make(content)
            results = [run(cmd, content, Path(tmp) / "site", pythonpath) for cmd in ("check", "build")]
            ok = [handled(p, case) for p in results]
            rows.append((case.name, ok, [p.returncode for p in results]))
            print(f"{case.name:22} check={'✓' if ok[0] else '✗'}({results[0].returncode}) "
                  f"build={'✓' if ok[1] else '✗'}({results[1].returncode})", flush=True)
    both = sum(all(ok) for _, ok, _ in rows)
    print(f"{both}/{len(rows)} cases handled by check and build alike")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
