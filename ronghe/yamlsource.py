"""Parse YAML while remembering the source line of every value.

PyYAML's composed node tree carries marks; we turn it into plain Python
values plus a ``LineMap`` from field paths to 1-based line numbers. Duplicate
keys, which PyYAML silently accepts, are reported as errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

import yaml

PathKey = tuple[Union[str, int], ...]


@dataclass
class YamlProblem:
    line: int
    field: str
    message: str
    hint: str = ""


@dataclass
class ParsedYaml:
    value: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)

    def line_of(self, path: PathKey) -> int:
        """Line of ``path`` or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


def field_name(path: PathKey) -> str:
    """("measures", 0, "levels") -> "measures[0].levels"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_BOOL_TAG = "tag:yaml.org,2002:bool"


def _construct(node: yaml.Node, path: PathKey, parsed: ParsedYaml, loader: yaml.SafeLoader) -> Any:
    parsed.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                parsed.problems.append(YamlProblem(
                    key_node.start_mark.line + 1, field_name(path),
                    f"字段名“{key}”不是文字。",
                    "字段名应为英文小写单词，例如 title、summary。"))
                key = str(key)
            if key in result:
                parsed.problems.append(YamlProblem(
                    key_node.start_mark.line + 1, field_name(path + (key,)),
                    f"字段“{key}”重复出现（第 {parsed.lines[path + (key,)]} 行已有）。",
                    "同一层级每个字段只能写一次，请合并或删除其中一个。"))
                continue
            result[key] = _construct(value_node, path + (key,), parsed, loader)
            # the key line is where an editor looks for the field
            parsed.lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(child, path + (i,), parsed, loader) for i, child in enumerate(node.value)]
    value = loader.construct_object(node, deep=True)
    return value


_FastLoader = getattr(yaml, "CSafeLoader", None)  # libyaml: same documents, ~10x faster to parse


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document. Syntax errors become problems, never exceptions.

    Valid files are parsed with libyaml when available; a file libyaml rejects
    (or with control characters) is parsed again by the pure-Python parser, so
    error messages and line numbers are always the same."""
    if _FastLoader is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        parsed = ParsedYaml(value=None)
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                parsed.value = _construct(node, (), parsed, loader)
            return parsed
        except (yaml.YAMLError, RecursionError):
            pass
        finally:
            loader.dispose()
    return _parse_yaml_python(text)


def _parse_yaml_python(text: str) -> ParsedYaml:
    parsed = ParsedYaml(value=None)
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        parsed.problems.append(YamlProblem(
            line, "", f"文件含有不可见的控制字符（U+{exc.character:04X}）。",
            "这类字符通常是从网页或 PDF 复制时带进来的，请删除该行中的特殊字符后重新保存。"))
        return parsed
    try:
        node = loader.get_single_node()
        if node is None:
            return parsed
        parsed.value = _construct(node, (), parsed, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        parsed.value = None
        parsed.problems.append(YamlProblem(line, "", _explain_yaml_error(exc, text, line), _yaml_hint(exc, text, line)))
    except yaml.YAMLError as exc:  # anything else the YAML library rejects
        parsed.value = None
        parsed.problems.append(YamlProblem(1, "", f"YAML 格式错误：{exc}", "请检查文件内容是否为纯文本 YAML。"))
    except RecursionError:
        parsed.value = None
        parsed.problems.append(YamlProblem(1, "", "YAML 嵌套层级过深。", "内容文件不需要这么多层嵌套，请检查缩进。"))
    finally:
        loader.dispose()
    return parsed


def _explain_yaml_error(exc: yaml.MarkedYAMLError, text: str, line: int) -> str:
    problem = (exc.problem or "").lower()
    src_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "\t" in src_line or "found character '\\t'" in problem:
        return "YAML 格式错误：该行使用了制表符（Tab）缩进。"
    if "mapping values are not allowed" in problem:
        return "YAML 格式错误：此处出现了多余的冒号，或上一行缩进不正确。"
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "YAML 格式错误：缩进不一致，或缺少“字段名: 值”中的冒号。"
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return "YAML 格式错误：文中出现了 * 或 & 等特殊符号开头的值。"
    if "while scanning a quoted scalar" in (exc.context or "") or "found unexpected end of stream" in problem:
        return "YAML 格式错误：引号没有成对闭合。"
    return f"YAML 格式错误：{exc.problem or exc}。"


def _yaml_hint(exc: yaml.MarkedYAMLError, text: str, line: int) -> str:
    return ("YAML 只能用空格缩进（建议每级 2 个空格），冒号为英文半角“: ”且后面跟一个空格；"
            "以 * & ! % @ ` 或引号开头的文字请整体加英文引号，多行长文请用“字段: |”块写法。")
