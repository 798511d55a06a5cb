"""The editor's field reference page, generated from ronghe.schema so it never drifts."""

from __future__ import annotations

from ronghe.content.schema import CATEGORY, ENTRY_TYPES, GUIDE, GUIDE_FILE, SYNONYM_GROUP, SYNONYMS_FILE, Field
from .markup import cell, front_matter

_KIND = {"str": "文字", "text": "多行文字", "id": "编号", "ref": "编号（引用）", "int": "整数", "bool": "true/false",
         "date": "年份或日期", "list": "列表", "object": "映射"}


def _rows(fields: tuple[Field, ...], prefix: str = "") -> list[str]:
    rows = []
    for f in fields:
        name = f"{prefix}{f.name}"
        kind = _KIND[f.kind]
        if f.kind == "list" and f.item is not None:
            kind = f"{_KIND[f.item.kind]}的列表"
        must = "必填" if f.required else "可选"
        if f.nonempty and f.kind == "list":
            must += "，至少一项"
        rows.append(f"| `{name}` | {f.label} | {kind} | {must} | {cell(f.description) or '—'} |")
        sub = f.fields or (f.item.fields if f.item is not None else ())
        if sub:
            rows += _rows(sub, prefix=f"{name}[].")
    return rows


def render_field_reference() -> str:
    out = ["# 字段参考", "",
           "本页由程序根据校验规则自动生成，与 `make check` 和 JSON Schema 完全一致。", ""]
    for t in ENTRY_TYPES.values():
        out += [f"## {t.label}", "", f"文件位置：`content/{t.directory}/<编号>.yml`", "",
                "| 字段 | 名称 | 类型 | 是否必填 | 说明 |", "| --- | --- | --- | --- | --- |"]
        out += _rows(t.fields)
        if t.citations_required:
            out += ["", "已发布的条目至少要有一条引文（`citations`）。"]
        out.append("")
    out += ["## 对策类别", "", "文件位置：`content/policies/categories.yml`（一个列表，每项如下）", "",
            "| 字段 | 名称 | 类型 | 是否必填 | 说明 |", "| --- | --- | --- | --- | --- |"]
    out += _rows(CATEGORY.fields)
    out += ["", "## 搜索同义词", "", f"文件位置：`content/{SYNONYMS_FILE}`（一个列表，每项是一组词，例如 `- [走过场, 流于形式]`）", "",
            f"每组：{SYNONYM_GROUP.description}每个词是连续的汉字（或字母、数字），不含空格和标点；"
            "一个词只能出现在一组里。"]
    out += ["", "## 指南信息", "", f"文件位置：`content/{GUIDE_FILE}`（可不写：名称和副标题取自 mkdocs.yml 的 "
            "`site_name` 和 `site_description`）。其他机关用本生成器做自己的指南时，在这里写自己的名称和问题简称。", "",
            "| 字段 | 名称 | 类型 | 是否必填 | 说明 |", "| --- | --- | --- | --- | --- |"]
    out += _rows(GUIDE.fields)
    return front_matter(title="字段参考") + "\n".join(out) + "\n"
