"""Parse YAML while remembering the source line of every value.

PyYAML's composed node tree carries marks; we turn it into plain Python
values plus a ``LineMap`` from field paths to 1-based line numbers. Duplicate
keys, which PyYAML silently accepts, are reported as errors.

Content is untrusted, so parsing is bounded: a document nested deeper than
``MAX_DEPTH`` (libyaml's composer recurses on the C stack and crashes the process
at ~50,000 levels) or whose aliases expand to more than ``MAX_NODES`` values (the
"billion laughs") is refused before it is composed; a value YAML cannot convert
(``2020-13-45`` read as a date, ``!!int abc``, a 5,000-digit number) and a text
holding a lone surrogate or a control character become problems at their line and
field, never exceptions. Syntax errors are explained by ``ronghe.content.yamlerrors``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

import yaml

from .yamlerrors import PathKey, YamlProblem, _field_at, explain_yaml_error, field_name

__all__ = ["DEFAULT_FIELD_LIMIT", "FIELD_LIMITS", "MAX_DEPTH", "MAX_NODES", "field_limit", "ParsedYaml", "PathKey", "YamlProblem", "field_name", "parse_yaml"]

# Content files nest four or five levels (checklist -> groups -> items -> countermeasures)
MAX_DEPTH = 40
# Values after alias expansion: a 1 MB file of one-character list items has ~500,000
MAX_NODES = 1_000_000
# Characters in one text: a source's full text, an entry's body, any other field
# (content/ today: 4,113, 532 and 411 at most)
FIELD_LIMITS = {"text": 200_000, "body": 20_000}
DEFAULT_FIELD_LIMIT = 5_000


def field_limit(path: PathKey) -> int:
    name = next((part for part in reversed(path) if isinstance(part, str)), "")
    return FIELD_LIMITS.get(name, DEFAULT_FIELD_LIMIT)


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


# --- values YAML reads but content cannot hold --------------------------------

# C0/C1 control characters (tab, newline and carriage return are text), lone surrogates
# (from "\ud800" escapes: they cannot be written as UTF-8) and the non-characters
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _bad_char_problem(text: str, line: int, path: PathKey) -> Optional[YamlProblem]:
    m = _BAD_CHAR.search(text)
    if not m:
        return None
    code = ord(m.group())
    where = f"（第 {m.start() + 1} 个字符）"
    if 0xD800 <= code <= 0xDFFF:
        return YamlProblem(line, field_name(path),
                           f"文字中含有无效的 Unicode 字符 U+{code:04X}（单独的代理项，通常由“\\u{code:04x}”这样的转义写出）{where}。",
                           "这个字符无法保存为 UTF-8，也无法显示：请删去引号里的 \\u 转义，直接写出要用的汉字。")
    return YamlProblem(line, field_name(path),
                       f"文字中含有不可见的控制字符 U+{code:04X}{where}。",
                       "这类字符通常来自复制粘贴或引号里的 \\x、\\u 转义：请删去它；需要换行时直接换行。")


_TAG_NAMES = {"tag:yaml.org,2002:timestamp": "日期", "tag:yaml.org,2002:int": "整数",
              "tag:yaml.org,2002:float": "数字", "tag:yaml.org,2002:bool": "true 或 false",
              "tag:yaml.org,2002:binary": "二进制数据"}


def _conversion_problem(node: yaml.ScalarNode, path: PathKey, exc: Exception) -> YamlProblem:
    """A scalar YAML recognised (by its look or its !!tag) but could not convert."""
    line = node.start_mark.line + 1
    value = str(node.value)
    shown = value if len(value) <= 40 else value[:40] + "…"
    kind = _TAG_NAMES.get(node.tag, "")
    if node.tag == "tag:yaml.org,2002:timestamp":
        message = f"“{shown}”看起来是日期，但这个日期不存在（月份应为 1～12，日应在当月天数以内）。"
        hint = "请改成真实的日期，例如 2020-12-31；只知道年份时写 \"2020\"；不是日期的文字请整体加英文引号。"
    elif node.tag == "tag:yaml.org,2002:int" and "digits" in str(exc):
        message = f"数字“{shown}”位数过多，超出了可以处理的范围。"
        hint = "请检查这个数字是否写错；编号、序号一般只有几位。如果是文字，请整体加英文引号。"
    elif kind:
        message = f"“{shown}”无法按{kind}读取（写了 {node.tag.replace('tag:yaml.org,2002:', '!!')} 或形似{kind}）。"
        hint = f"请删去前面的“!!…”标记，写成普通的{kind}；如果是文字，请整体加英文引号。"
    else:
        message = f"“{shown}”无法读取（YAML 标记 {node.tag}）。"
        hint = "内容文件不使用以 ! 开头的 YAML 标记：请删去它；如果是文字，请整体加英文引号。"
    return YamlProblem(line, field_name(path), message, hint)


class _Budget:
    """How many more values the document may produce (alias expansion included)."""

    def __init__(self) -> None:
        self.left = MAX_NODES


class _TooLarge(Exception):
    def __init__(self, line: int):
        self.line = line


_STR_TAG = "tag:yaml.org,2002:str"
_SHORTEST_LIMIT = min(DEFAULT_FIELD_LIMIT, *FIELD_LIMITS.values())


def _scalar(node: yaml.Node, path: PathKey, parsed: ParsedYaml, loader: yaml.SafeLoader) -> Any:
    if node.tag == _STR_TAG:
        value = node.value   # what the constructor returns for a string, without its call (most values)
    else:
        try:
            value = loader.construct_object(node, deep=True)
        except yaml.YAMLError:
            raise  # an unknown tag: explained with the syntax errors
        except Exception as exc:  # noqa: BLE001 - any conversion PyYAML fails at (ValueError, KeyError for !!bool abc…)
            parsed.problems.append(_conversion_problem(node, path, exc))
            return str(node.value)
    if isinstance(value, str):
        bad = _bad_char_problem(value, node.start_mark.line + 1, path)
        if bad is not None:
            parsed.problems.append(bad)
            value = _BAD_CHAR.sub("", value)
        limit = field_limit(path) if len(value) > _SHORTEST_LIMIT else _SHORTEST_LIMIT
        if len(value) > limit:
            parsed.problems.append(YamlProblem(
                node.start_mark.line + 1, field_name(path),
                f"文字过长：共 {len(value):,} 字，这个字段最多 {limit:,} 字。",
                "过长的文字会让页面和 PDF 难以阅读、构建很慢：请精简，或拆成几个条目；"
                "来源全文（text）超长时请只保留与党建业务融合有关的部分。"))
    return value


_PLAIN_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _construct(node: yaml.Node, path: PathKey, parsed: ParsedYaml, loader: yaml.SafeLoader,
               budget: _Budget) -> Any:
    budget.left -= 1
    if budget.left < 0:
        raise _TooLarge(node.start_mark.line + 1)
    parsed.lines[path] = node.start_mark.line + 1
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_COLLECTION_TAGS:
        # "!!python/object/apply:os.system [...]": never run, and never silently dropped either
        parsed.problems.append(YamlProblem(
            node.start_mark.line + 1, field_name(path),
            f"YAML 格式错误：写了 YAML 标记“{node.tag.replace('tag:yaml.org,2002:', '!!')}”。",
            "内容文件不使用以 ! 开头的 YAML 标记：请删去它；如果是文字，请整体加英文引号。"))
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        budget.left -= len(node.value)
        if budget.left < 0:
            raise _TooLarge(node.start_mark.line + 1)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, path, parsed, loader) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                parsed.problems.append(YamlProblem(
                    key_node.start_mark.line + 1, field_name(path),
                    f"字段名“{key if key is not None else '[…]'}”不是文字。",
                    "字段名应为英文小写单词，例如 title、summary。"))
                key = str(key)
            if key in result:
                parsed.problems.append(YamlProblem(
                    key_node.start_mark.line + 1, field_name(path + (key,)),
                    f"字段“{key}”重复出现（第 {parsed.lines[path + (key,)]} 行已有）。",
                    "同一层级每个字段只能写一次，请合并或删除其中一个。"))
                continue
            result[key] = _construct(value_node, path + (key,), parsed, loader, budget)
            # the key line is where an editor looks for the field
            parsed.lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(child, path + (i,), parsed, loader, budget) for i, child in enumerate(node.value)]
    return _scalar(node, path, parsed, loader)


# --- bounds checked on the event stream, before anything is composed ----------

_DEEP_HINT = re.compile(r"^[ \t\-?]*", re.M)


def _may_be_hostile(text: str) -> bool:
    """Cheap test: can ``text`` nest deeper than MAX_DEPTH or use aliases at all?
    Block nesting needs indentation (or "- - -"), flow nesting needs brackets."""
    if "&" in text or text.count("[") + text.count("{") > MAX_DEPTH:
        return True
    return any(len(m.group()) > MAX_DEPTH for m in _DEEP_HINT.finditer(text))


def _bounds_problem(text: str, loader_class) -> Optional[YamlProblem]:
    """Walk the parser's events (the parser itself does not recurse): depth and expanded size."""
    loader = loader_class(text)
    stack: list[list] = []          # [anchor, values] of each open collection
    sizes: dict[str, int] = {}      # anchor -> values its node stands for
    total = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                stack.append([event.anchor, 1])
                if len(stack) > MAX_DEPTH:
                    return YamlProblem(event.start_mark.line + 1, "",
                                       f"YAML 嵌套层级过深（超过 {MAX_DEPTH} 层）。",
                                       "内容文件最多嵌套四五层：请检查是否多写了 [ 或 {、缩进是否一级比一级深。")
                continue
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                anchor, size = stack.pop()
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size = event.anchor, 1
            elif isinstance(event, yaml.AliasEvent):
                anchor, size = None, sizes.get(event.anchor, 1)
            else:
                continue
            if anchor:
                sizes[anchor] = size
            if stack:
                stack[-1][1] += size
            else:
                total += size
            if size > MAX_NODES or (stack and stack[-1][1] > MAX_NODES) or total > MAX_NODES:
                return YamlProblem(event.start_mark.line + 1, "",
                                   f"YAML 别名（*名称）展开后的内容过多（超过 {MAX_NODES:,} 项）。",
                                   "内容文件不需要用 & 和 * 复用内容：请把引用处直接写出来；"
                                   "如果文字以 & 或 * 开头，请整体加英文引号。")
    except yaml.YAMLError:
        return None   # the parse itself reports it, at the same place
    finally:
        loader.dispose()
    return None


_FastLoader = getattr(yaml, "CSafeLoader", None)  # libyaml: same documents, ~10x faster to parse


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document. Syntax errors become problems, never exceptions.

    Valid files are parsed with libyaml when available; a file libyaml rejects
    (or with control characters) is parsed again by the pure-Python parser, so
    error messages and line numbers are always the same."""
    fast = _FastLoader is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text)
    if _may_be_hostile(text):
        try:
            bound = _bounds_problem(text, _FastLoader if fast else yaml.SafeLoader)
        except yaml.reader.ReaderError:
            bound = None
        if bound is not None:
            bound.field = _field_at(text.splitlines(), bound.line)
            return ParsedYaml(value=None, problems=[bound])
    if fast:
        parsed = ParsedYaml(value=None)
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                parsed.value = _construct(node, (), parsed, loader, _Budget())
            return parsed
        except _TooLarge as exc:
            return ParsedYaml(value=None, problems=[_too_large(exc.line)])
        except (yaml.YAMLError, RecursionError):
            pass
        finally:
            loader.dispose()
    return _parse_yaml_python(text)


def _too_large(line: int) -> YamlProblem:
    return YamlProblem(line, "", f"YAML 内容展开后过多（超过 {MAX_NODES:,} 项）。",
                       "请检查是否用 & 和 * 反复引用了同一段内容，或把过长的列表拆到几个文件中。")


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
        parsed.value = _construct(node, (), parsed, loader, _Budget())
    except _TooLarge as exc:
        parsed.value = None
        parsed.problems = [_too_large(exc.line)]
    except yaml.MarkedYAMLError as exc:
        parsed.value = None
        parsed.problems.append(explain_yaml_error(exc, text))
    except yaml.YAMLError as exc:  # anything else the YAML library rejects
        parsed.value = None
        parsed.problems.append(YamlProblem(
            1, "", "YAML 格式错误：文件无法按 YAML 读取。",
            f"请检查文件内容是否为纯文本 YAML。（解析器原文：{exc}）"))
    except RecursionError:
        parsed.value = None
        parsed.problems.append(YamlProblem(1, "", "YAML 嵌套层级过深。", "内容文件不需要这么多层嵌套，请检查缩进。"))
    finally:
        loader.dispose()
    return parsed
