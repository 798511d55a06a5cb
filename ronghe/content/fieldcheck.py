"""Check one parsed YAML value against a field specification.

Produces normalised data (defaults filled in, dates and numbers as text) and
reports every mismatch with the field path, so the loader can attach a line.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from typing import Any, Callable

from .schema import ID_PATTERN, Field
from .yamlsource import PathKey, field_name

Report = Callable[[PathKey, str, str], None]   # (path, message, hint)

_ID_RE = re.compile(ID_PATTERN)
_KIND_NAMES = {"str": "文字", "text": "文字", "id": "编号", "ref": "编号", "int": "整数", "bool": "true 或 false",
               "date": "年份或日期", "list": "列表（每项以“- ”开头）", "object": "“字段: 值”形式的映射"}


def _describe(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return type(value).__name__


def default_for(f: Field) -> Any:
    return {"list": [], "bool": False, "int": 0, "object": {}}.get(f.kind, "")


def check_value(f: Field, value: Any, path: PathKey, report: Report) -> Any:
    kind = f.kind
    if kind in ("str", "text", "id", "ref", "date"):
        if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
            if value is None and not f.required:
                if f.nonempty and not f.name:     # a list item left blank (a bare "-")
                    report(path, f"{f.label}不能为空。", f"请填写{f.label}，或删去这一行。")
                return ""
            report(path, f"{f.label}应为{_KIND_NAMES[kind]}，实际是{_describe(value)}。",
                   _type_hint(f))
            return ""
        if isinstance(value, (_dt.date, _dt.datetime)):
            value = value.isoformat()
        if isinstance(value, (int, float)):
            value = str(value)
        if not isinstance(value, str):
            report(path, f"{f.label}应为{_KIND_NAMES[kind]}。", _type_hint(f))
            return ""
        if kind != "text":
            value = value.strip()
        if f.nonempty and not value.strip():
            report(path, f"{f.label}不能为空。", f"请填写{f.label}。")
            return value
        if kind in ("id", "ref") and value and not _ID_RE.match(value):
            report(path, f"编号“{value}”格式不正确。",
                   "编号只能用小写英文字母、数字和连字符“-”，不能有空格、中文或大写字母，例如 zhong-yewu-qing-dangjian。")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            report(path, f"{f.label}应为整数，实际是{_describe(value)}“{value}”。", "请写成不带引号的整数，例如 order: 3。")
            return 0
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            report(path, f"{f.label}应为 true 或 false，实际是{_describe(value)}“{value}”。",
                   "请写 true（是）或 false（否），不要加引号，也不要写“是/否”。")
            return False
        return value
    if kind == "list":
        if value is None:
            value = []
        if not isinstance(value, list):
            report(path, f"{f.label}应为列表，实际是{_describe(value)}。",
                   f"列表的每一项另起一行，以“- ”开头，例如：\n      {f.name}:\n        - 第一项")
            return []
        if f.nonempty and not value:
            report(path, f"{f.label}至少需要一项。", f"请在“{f.name}”下至少写一项。")
        return [check_value(f.item, v, path + (i,), report) for i, v in enumerate(value)]
    if kind == "object":
        return check_mapping(f.fields, value, path, report, label=f.label)
    raise ValueError(kind)  # pragma: no cover


def check_mapping(fields: tuple[Field, ...], value: Any, path: PathKey, report: Report,
                  label: str = "内容", extra_allowed: tuple[Field, ...] = ()) -> dict:
    if not isinstance(value, dict):
        report(path, f"{label}应为“字段: 值”形式的映射，实际是{_describe(value)}。",
               "每个字段写成“字段名: 值”，例如“title: 重业务轻党建”。")
        return {f.name: default_for(f) for f in fields}
    known = {f.name: f for f in fields + extra_allowed}
    out: dict[str, Any] = {}
    for key, v in value.items():
        if key not in known:
            close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
            hint = (f"是否想写“{close[0]}”？" if close else "") + "可用字段：" + "、".join(known)
            report(path + (key,), f"未知字段“{key}”。", hint)
            continue
        out[key] = check_value(known[key], v, path + (key,), report)
    for f in fields:
        if f.name not in out:
            if f.required:
                report(path, f"缺少必填字段“{f.name}”（{f.label}）。",
                       f"请添加一行“{f.name}: …”。{f.description}")
            out[f.name] = default_for(f)
    return out


def _type_hint(f: Field) -> str:
    if f.kind in ("id", "ref"):
        return "请写成一个编号，例如 zhong-yewu-qing-dangjian。"
    if f.kind == "date":
        return "请写年份（如 2012）或日期（如 2020-09-09）。"
    if not f.name:                            # an item of a list
        return f"每一项写成“- {f.label}”，一项一行。"
    return f"请写成“{f.name}: 文字内容”；多行文字用“{f.name}: |”后另起缩进的行。"


__all__ = ["check_mapping", "check_value", "field_name"]
