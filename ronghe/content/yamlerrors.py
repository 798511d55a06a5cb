"""Explaining YAML syntax errors to an editor, in Chinese, at the right line and field.

PyYAML's messages are English and its marks point where the parser gave up, which is
often the line after the mistake. ``explain_yaml_error`` looks at the source lines
itself to name the wrong line, the field and the fix. ``ronghe.content.yamlsource``
parses; this module only explains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

import yaml

PathKey = tuple[Union[str, int], ...]


@dataclass
class YamlProblem:
    line: int
    field: str
    message: str
    hint: str = ""


def field_name(path: PathKey) -> str:
    """("measures", 0, "levels") -> "measures[0].levels"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


# --- explaining syntax errors to an editor ----------------------------------
#
# PyYAML's messages are English and its marks point where the parser gave up,
# which is often the line after the mistake. We look at the source lines
# ourselves to name the wrong line, the field and the fix.

# a field name at the start of a line, followed by a colon (also the full-width
# one or one without the space after it, which are the mistakes we look for)
_KEY_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*(：|:(?!//))")
_SPECIAL_START = "*&!@%`|>"
_CLOSING = {"[": "]", "{": "}"}
_BLOCK_START_RE = re.compile(r"[|>][-+1-9]*\s*(#.*)?$")  # "passage: |-" is right

_GENERAL_HINT = ("YAML 只能用空格缩进（每级 2 个空格），冒号为英文半角“: ”且后面跟一个空格；"
                 "以 *、&、!、@、%、[、{ 或引号开头的文字请整体加英文引号，多行长文请用“字段: |”块写法。")


def _line_at(lines: list[str], n: int) -> str:
    return lines[n - 1] if 0 < n <= len(lines) else ""


def _key_match(s: str) -> re.Match[str] | None:
    """The "key:" that opens line ``s`` (after any list dashes), or None."""
    nodes = _line_nodes(s)
    return _KEY_RE.match(s, nodes[-1][0]) if nodes and nodes[-1][1] is not None else None


def _line_nodes(s: str) -> list[tuple[int, str | None]]:
    """The list dashes and the field name that open line ``s``: [(column, key or None)]."""
    nodes: list[tuple[int, str | None]] = []
    i = len(s) - len(s.lstrip(" "))
    while s.startswith("-", i) and (i + 1 == len(s) or s[i + 1] == " "):
        nodes.append((i, None))
        i += 1
        while i < len(s) and s[i] == " ":
            i += 1
    m = _KEY_RE.match(s, i)
    if m:
        nodes.append((i, m.group(1)))
    return nodes


def _is_content(s: str) -> bool:
    stripped = s.strip()
    return bool(stripped) and not stripped.startswith("#")


def _field_at(lines: list[str], n: int) -> str:
    """Field path of the value on line ``n``, read from the indentation alone.

    Used for files PyYAML rejects, so it must not rely on the parser; returns ""
    when the structure around the line cannot be told."""
    nodes = _line_nodes(_line_at(lines, n))
    if not nodes:
        return ""
    path: list[str | int] = []
    i = n - 1  # 0-based index of the line holding ``nodes``
    while nodes:
        col, key = nodes.pop()
        if key is not None:
            path.insert(0, key)
            if nodes:  # a "- key:" line: the mapping is that list item
                continue
        elif nodes:  # "- - x": first item of the inner list
            path.insert(0, 0)
            continue
        index = 0
        for j in range(i - 1, -1, -1):
            s = lines[j]
            if not _is_content(s):
                continue
            indent = len(s) - len(s.lstrip(" "))
            if indent > col:
                continue
            above = _line_nodes(s)
            if indent == col:
                if key is not None:
                    continue  # a sibling field
                if above and above[0] == (col, None):
                    index += 1  # an earlier item of the same list
                    continue
                if above and above[0][1] is not None and not _split_value(s)[1]:
                    # "key:" with its list at the same indentation
                    nodes, i = above[:1], j
                    break
                return ""
            nodes = [node for node in above if node[0] < col]
            if not nodes:
                return ""
            i = j
            break
        else:
            nodes = []
        if key is None:
            path.insert(0, index)
    return field_name(tuple(path))


def _split_value(s: str) -> tuple[str, str]:
    """("    timing: *经常性*") -> ("    timing: ", "*经常性*"); the value of a list item likewise."""
    nodes = _line_nodes(s)
    key = _key_match(s)
    i = key.end() if key else nodes[-1][0] + 1 if nodes else len(s) - len(s.lstrip(" "))
    while i < len(s) and s[i] in " \t":
        i += 1
    return s[:i], s[i:].rstrip()


def _quoted(s: str, value: str) -> str:
    """Line ``s`` with its value wrapped in quotes, as an example for a hint."""
    head, _ = _split_value(s)
    head = head.strip().replace("：", ":")
    if "\"" in value:
        example = "'" + value.replace("'", "''") + "'"
    else:
        example = '"' + value.replace("\\", "\\\\") + '"'
    return f"{head} {example}" if head else example


def _unclosed(value: str) -> str:
    """The bracket or quote that opens ``value`` and is not closed on the line, or ""."""
    if not value:
        return ""
    first = value[0]
    if first in _CLOSING:
        depth = 0
        for ch in value:
            depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(ch, 0)
        return first if depth > 0 else ""
    if first in "\"'" and value.count(first) < 2:
        return first
    return ""


def _line_defect(s: str) -> tuple[str, str] | None:
    """(message, hint) when line ``s`` shows one of the mistakes editors make."""
    m = _key_match(s)
    if m:
        key, colon = m.group(1), m.group(2)
        rest = s[m.end():]
        if colon == "：":
            return (f"字段名“{key}”后面用了中文全角冒号“：”。",
                    f"改为英文半角冒号加一个空格，例如 {key}: {rest.strip()}")
        if rest and rest[0] not in " \t":
            return (f"字段名“{key}”的冒号后面缺少空格。",
                    f"在冒号后加一个空格，例如 {key}: {rest.strip()}")
    _, value = _split_value(s)
    opened = _unclosed(value)
    if opened in _CLOSING:
        return _bracket_problem(s, value, opened)
    if opened:
        return _quote_problem(s, opened)
    if value and value[0] in _SPECIAL_START and not _BLOCK_START_RE.match(value):
        return _special_problem(s, value, value[0])
    return None


def _special_problem(s: str, value: str, ch: str) -> tuple[str, str]:
    if ch in "|>":
        return (f"以 {ch} 开头的文字会被当作多行文字的写法。",
                f"请把整段文字加上英文引号，例如 {_quoted(s, value)}；"
                f"如果要写多行长文，{ch} 后面直接换行，正文另起一行并多缩进 2 个空格。")
    return (f"以 {ch} 开头的文字会被当作 YAML 的特殊符号。",
            f"以 *、&、!、@、%、[、{{ 等符号开头的文字要整体加英文引号，例如 {_quoted(s, value)}")


def _bracket_problem(s: str, value: str, opened: str) -> tuple[str, str]:
    head, _ = _split_value(s)
    example = _quoted(s, value)
    if opened == "{":
        return "花括号“{”没有闭合。", f"以 {{ 开头的文字要整体加英文引号，例如 {example}"
    return ("方括号“[”没有闭合。",
            f"如果是列表，请在末尾补上“]”，例如 {head.strip()} {value}]；如果是文字，请整体加英文引号，例如 {example}")


def _quote_problem(s: str, quote: str) -> tuple[str, str]:
    return ("引号没有成对闭合：这一行开头的引号一直没有结束。",
            f"在这段文字末尾补上英文引号 {quote}，或删掉开头的 {quote}；正文中要用引号时请用中文引号“”。")


def explain_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """One problem for a PyYAML syntax error: the wrong line, the field and a Chinese explanation."""
    lines = text.splitlines()
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    # where the construct the parser was reading began: the quote, the "[", the field name
    context_line = exc.context_mark.line + 1 if exc.context_mark else line

    def at(n: int, message: str, hint: str) -> YamlProblem:
        return YamlProblem(n, _field_at(lines, n), "YAML 格式错误：" + message, hint)

    src = _line_at(lines, line)
    if "\t" in src or "found character '\\t'" in problem or "tab character" in problem:
        return at(line, "该行使用了制表符（Tab）缩进。", "把行首的 Tab 换成空格（每级 2 个空格）。")
    if "quoted scalar" in context and "escape character" in problem:
        return at(line, "双引号中的反斜杠“\\”后面跟了不能识别的字符。",
                  "把双引号改成单引号，或把 \\ 写成 \\\\。")
    if "quoted scalar" in context:
        ctx_src = _line_at(lines, context_line)
        col = exc.context_mark.column if exc.context_mark else 0
        quote = ctx_src[col] if col < len(ctx_src) and ctx_src[col] in "\"'" else '"'
        return at(context_line, *_quote_problem(ctx_src, quote))
    if "flow sequence" in context or "flow mapping" in context:
        ctx_src = _line_at(lines, context_line)
        _, value = _split_value(ctx_src)
        opened = "[" if "sequence" in context else "{"
        if value.startswith(opened):
            return at(context_line, *_bracket_problem(ctx_src, value, opened))
    # a value that starts with a character YAML reserves: *经常性*, &每月, !每月, @每月, %50, |每月
    _, value = _split_value(src)
    first = value[:1]
    m = re.search(r"found character '(.)' that cannot start any token", problem) or \
        re.search(r"expected the node content, but found '(.)'", problem)
    if (("alias" in context or problem.startswith("found undefined alias")) and first == "*"
            or "anchor" in context and first == "&"
            or ("tag" in context or "constructor for the tag" in problem) and first == "!"
            or "block scalar" in context and first in "|>"
            or m and first == m.group(1)):
        return at(line, *_special_problem(src, value, first))
    if "could not find expected ':'" in problem and "simple key" in context:
        defect = _line_defect(_line_at(lines, context_line))
        if defect:
            return at(context_line, *defect)
        return at(context_line, "这一行缺少“字段名: 值”中的冒号，或缩进与上下行不一致。", _GENERAL_HINT)
    if "expected a single document" in context:
        return at(line, "文件中出现了第二个以“---”开头的文档。",
                  "每个文件只写一个条目：删除“---”这一行，或把后面的内容移到单独的文件。")
    if "found duplicate anchor" in context:
        return at(line, "同一个以 & 开头的名称出现了两次。", "以 & 开头的文字要整体加英文引号。")
    if "found unhashable key" in problem:
        return at(line, "字段名的位置出现了 [ 或 { 开头的写法。",
                  "以 [、{ 开头的文字要整体加英文引号；字段名应为英文小写单词。")

    # the parser gave up at the start of a line or at the line's own "key:", so
    # the line itself looks right: the mistake is usually on the line before
    key = _key_match(src)
    key_end = key.end() if key else -1
    if mark is not None and (mark.line >= len(lines) or mark.column <= len(src) - len(src.lstrip())
                             or mark.column < key_end):
        prev = next((k for k in range(min(line - 1, len(lines)), 0, -1) if _is_content(lines[k - 1])), 0)
        defect = _line_defect(_line_at(lines, prev)) if prev else None
        if defect:
            return at(prev, *defect)
    defect = _line_defect(src)
    if defect:
        return at(line, *defect)
    if "expected <block end>, but found '<scalar>'" in problem:
        # a quote left open on an earlier line was closed by the first quote on this one
        for q in "\"'":
            if mark is not None and q in src[:mark.column] and not _unclosed(value):
                opened = next((k for k in range(line - 1, 0, -1)
                               if _unclosed(_split_value(lines[k - 1])[1]) == q), 0)
                if opened:
                    return at(opened, *_quote_problem(lines[opened - 1], q))
        if first and first in "\"'[{":
            closed = "引号" if value[0] in "\"'" else "括号"
            return at(line, f"以 {value[0]} 开头的文字在{closed}结束后又接了其他文字。",
                      f"请把整段文字再套一层英文引号，例如 {_quoted(src, value)}")
    if "sequence entries are not allowed" in problem:
        return at(line, "以“- ”开头的列表项不能和字段名写在同一行。",
                  "把“- ”及其后的文字移到下一行，并比字段名多缩进 2 个空格。")
    if "mapping values are not allowed" in problem:
        return at(line, "此处出现了多余的冒号，或上一行缩进不正确。",
                  "文字中含有“: ”（英文冒号加空格）时，请整体加英文引号或改用中文冒号“：”；否则请检查缩进。")
    if "expected <block end>" in problem or "could not find expected ':'" in problem:
        return at(line, "缩进不一致，或缺少“字段名: 值”中的冒号。", _GENERAL_HINT)
    return at(line, "这里的写法不符合 YAML 规则，文件无法读取。",
              f"{_GENERAL_HINT}（解析器原文：{(exc.problem or str(exc)).strip()}）")
