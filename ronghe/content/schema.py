"""Field specifications of every content type: the single source of truth.

The validator checks files against these specs, and ``json_schema()`` turns
them into JSON Schema files for editors (VS Code YAML extension).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Optional

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Field:
    name: str
    kind: str                      # str | text | int | bool | date | id | ref | list | object
    label: str                     # Chinese name shown in errors and in the schema
    description: str = ""
    required: bool = False
    nonempty: bool = False         # strings: not blank; lists: at least one item
    ref: Optional[str] = None      # for kind ref, or list items of kind ref: target entry type ("*" = any)
    item: Optional["Field"] = None  # for kind list
    fields: tuple["Field", ...] = ()  # for kind object
    enum: tuple[str, ...] = ()


def _ref_list(name: str, label: str, target: str, description: str, **kw) -> Field:
    return Field(name, "list", label, description, item=Field("", "ref", label, ref=target), **kw)


CITATION = Field("", "object", "引文", fields=(
    Field("source", "ref", "来源编号", "被引用的来源文献的 id（content/policies/sources/ 下的文件）。",
          required=True, ref="source"),
    Field("passage", "text", "原文段落",
          "从来源文献清洗后全文中逐字摘录的段落（换行与空格不计），用于让读者核对。",
          required=True, nonempty=True),
    Field("locator", "str", "出处位置", "原文中的位置，例如“一、（二）”。"),
))

COMMON = (
    Field("id", "id", "编号", "稳定编号：小写英文字母、数字和连字符，例如 zhong-yewu-qing-dangjian。发布后不要再改。",
          required=True, nonempty=True),
    Field("slug", "id", "网址名", "页面网址中的名称，默认与 id 相同。"),
    Field("title", "str", "标题", "干部会搜索的中文标题。", required=True, nonempty=True),
    Field("summary", "str", "摘要", "一句话概括（用自己的话）。", required=True, nonempty=True),
    Field("body", "text", "正文", "需要展开说明时填写，Markdown 格式，用“body: |”块写法。"),
    Field("tags", "list", "标签", "若干中文标签。", item=Field("", "str", "标签", nonempty=True)),
    Field("draft", "bool", "草稿", "true 表示草稿：会被校验，但不会发布到站点。"),
    Field("phrasings", "list", "常见说法",
          "干部口头上怎么说、怎么抱怨这件事，例如“支部开会就是念文件”。读者用这些说法搜索也能找到本条目，"
          "并在搜索结果里看到命中的说法；页面上不显示。",
          item=Field("", "str", "说法", nonempty=True)),
    Field("citations", "list", "引文", "出处：来源文献中的原文段落。", item=CITATION),
)

MEASURE = Field("", "object", "举措", fields=(
    Field("text", "str", "举措内容", "具体做什么。", required=True, nonempty=True),
    _ref_list("levels", "责任层级", "level", "负责落实的责任层级 id（content/policies/levels/）。",
              required=True, nonempty=True),
    Field("timing", "str", "时间要求", "例如 每年年初、每季度、年终。"),
    Field("evidence", "str", "佐证材料", "需要留存的佐证材料。"),
))

CHECK_ITEM = Field("", "object", "清单条目", fields=(
    Field("id", "id", "条目编号", "全站唯一的条目编号。", required=True, nonempty=True),
    Field("text", "str", "条目内容", "要做的事。", required=True, nonempty=True),
    _ref_list("countermeasures", "依据对策", "countermeasure", "此条目依据的对策 id。"),
    Field("timing", "str", "时间要求", "频次或期限。"),
    Field("evidence", "str", "佐证材料", "需要留存的佐证材料。"),
))

CHECK_GROUP = Field("", "object", "清单分组", fields=(
    Field("title", "str", "分组名称", "例如 年初谋划、日常推进、检查考核、年终述职。", required=True, nonempty=True),
    Field("items", "list", "条目", "本组条目。", required=True, nonempty=True, item=CHECK_ITEM),
))


@dataclass(frozen=True)
class EntryType:
    name: str                 # internal type name
    label: str                # Chinese name
    directory: str            # relative to content/
    section: str              # URL section of generated pages
    fields: tuple[Field, ...]
    citations_required: bool = True
    summary_required: bool = True

    def field(self, name: str) -> Optional[Field]:
        for f in self.fields:
            if f.name == name:
                return f
        return None


def _entry(name, label, directory, section, extra, citations_required=True, summary_required=True):
    fields = list(COMMON)
    if not summary_required:
        fields[3] = Field("summary", "str", "摘要", "一句话概括（可选）。")
    return EntryType(name, label, directory, section, tuple(fields) + tuple(extra),
                     citations_required=citations_required, summary_required=summary_required)


ENTRY_TYPES: dict[str, EntryType] = {t.name: t for t in (
    _entry("problem", "问题表现", "policies/problems", "problems", ()),
    _entry("cause", "原因", "policies/causes", "causes", (
        _ref_list("problems", "导致的问题", "problem", "这一原因导致的问题表现 id。"),
    )),
    _entry("countermeasure", "对策", "policies/countermeasures", "countermeasures", (
        Field("category", "ref", "对策类别", "content/policies/categories.yml 中的类别 id。",
              required=True, ref="category"),
        _ref_list("problems", "针对的问题", "problem", "这一对策针对的问题表现 id。"),
        _ref_list("causes", "针对的原因", "cause", "这一对策针对的原因 id。"),
        Field("measures", "list", "举措", "具体举措，每条写明责任层级。", required=True, nonempty=True, item=MEASURE),
    )),
    _entry("case", "典型案例", "cases", "cases", (
        Field("unit", "str", "单位", "案例所在单位。"),
        Field("date", "date", "时间", "年份或日期，例如 2012 或 2020-09-09。"),
        _ref_list("countermeasures", "体现的对策", "countermeasure", "这个案例体现的对策 id。"),
        _ref_list("problems", "涉及的问题", "problem", "这个案例针对的问题表现 id。"),
        _ref_list("levels", "涉及的层级", "level", "案例中承担责任的层级 id。"),
        Field("figures", "list", "关键数据", "案例中的关键数字。", item=Field("", "object", "数据", fields=(
            Field("label", "str", "名称", required=True, nonempty=True),
            Field("value", "str", "数值", required=True, nonempty=True),
        ))),
    )),
    _entry("level", "责任层级", "policies/levels", "levels", (
        Field("short", "str", "简称", "例如 党组书记。", required=True, nonempty=True),
        Field("role", "str", "责任定位", "例如 第一责任人、一岗双责、直接责任。"),
        Field("order", "int", "排序", "显示顺序，数字小的在前。", required=True),
        Field("parent", "ref", "上级层级", "上级层级 id。", ref="level"),
    )),
    _entry("source", "来源文献", "policies/sources", "sources", (
        Field("author", "str", "作者"),
        Field("publisher", "str", "发布单位"),
        Field("date", "date", "日期", "年份或日期。"),
        Field("origin", "str", "出处", "网址或出处说明。"),
        Field("seed_file", "str", "原始文件", "原始材料文件名。"),
        Field("defects", "list", "已知缺陷", "原始材料的已知问题。", item=Field("", "str", "缺陷", nonempty=True)),
        Field("duplicate_of", "ref", "重复于", "若本报告与另一来源重复，填写那个来源的 id。", ref="source"),
        Field("text", "text", "清洗后全文", "清洗后的全文（用“text: |”块写法）。"),
    ), citations_required=False, summary_required=False),
    _entry("term", "术语", "policies/glossary", "glossary", (
        Field("aliases", "list", "同义词", "读者可能输入的其他说法，搜索时视为同一词。",
              item=Field("", "str", "同义词", nonempty=True)),
        _ref_list("see_also", "参见", "*", "相关条目 id。"),
    ), citations_required=False),
    _entry("checklist", "清单", "checklists", "checklists", (
        Field("level", "ref", "责任层级", "这份清单对应的层级 id。", required=True, ref="level"),
        Field("groups", "list", "分组", "清单分组。", required=True, nonempty=True, item=CHECK_GROUP),
    ), citations_required=False),
    # Training topics (issue 9): one per countermeasure category, the text of a handout.
    _entry("topic", "研讨专题", "training/topics", "training", (
        Field("category", "ref", "对策类别", "本专题对应的对策类别 id（content/policies/categories.yml），每个类别一个专题。",
              required=True, ref="category"),
        Field("intro", "text", "导语", "讲义开头的一段话：这个专题讲什么、为什么值得研讨（Markdown）。",
              required=True, nonempty=True),
        Field("questions", "list", "研讨题", "3～5 道研讨题，围绕本专题的问题、原因和对策来写。",
              required=True, nonempty=True, item=Field("", "str", "研讨题", nonempty=True)),
        Field("case", "ref", "研讨案例", "讲义中使用的典型案例 id；不填时自动选用体现本类对策最多的案例。",
              ref="case"),
        _ref_list("problems", "聚焦的问题", "problem",
                  "讲义重点讨论的问题表现 id；不填时列出本类对策针对的全部问题。"),
    ), citations_required=False),
)}

# What a draft (draft: true) must have: what identifies it. Its other fields may be missing
# or empty; those it has are checked as usual. Drafts are never published.
DRAFT_REQUIRED = ("id", "title")


@functools.lru_cache(maxsize=None)
def draft_fields(etype: EntryType) -> tuple[Field, ...]:
    """``etype.fields`` as checked in a draft: only ``DRAFT_REQUIRED`` is required at the top
    level (a measure, citation or checklist item that is written keeps its own rules)."""
    return tuple(f if f.name in DRAFT_REQUIRED else dataclasses.replace(f, required=False, nonempty=False)
                 for f in etype.fields)


# The import tool (ronghe.ingest) starts text it wrote for an editor to review with this mark;
# a published entry must not keep it.
EDIT_MARK = "【待编辑】"

# Fields the import tool adds to its drafts (see ronghe.ingest). They may stay when the entry is
# published, as a record of where it came from; pages do not show them.
INGEST_FIELDS = (
    Field("ingest", "object", "导入信息", "导入工具记录的出处；发布后可以保留，页面不显示。", fields=(
        Field("seed", "str", "原始文件"),
        Field("section", "str", "所在章节"),
        Field("lines", "str", "原文行号", "这段文字在原始文件中的行号范围，例如 12-18。"),
        Field("clean_lines", "str", "清洗后行号", "这段文字在来源文献清洗后全文（text）中的行号范围。"),
    )),
)

CATEGORY = Field("", "object", "对策类别", fields=(
    Field("id", "id", "编号", required=True, nonempty=True),
    Field("title", "str", "名称", required=True, nonempty=True),
    Field("summary", "str", "说明", required=True, nonempty=True),
    Field("order", "int", "排序", required=True),
))
CATEGORIES_FILE = "policies/categories.yml"

# Colloquial synonyms for search (how cadres say it <-> how the guide writes it), read by the
# search build step (ronghe.build.search): a list of groups of words that stand for each other, and
# of one-way readings (业务: [征管, 审判]: readers' words for a word the guide writes).
SYNONYM_GROUP = Field("", "list", "同义词组", "一组意思相同、搜索时互相通用的说法，至少两个，例如 [走过场, 流于形式]。",
                      nonempty=True, item=Field("", "str", "词语", nonempty=True))
SYNONYM_READING = Field("", "list", "读者的说法", "搜索时也按冒号前的词（指南里的写法）去找，反过来不成立，"
                        "例如 业务: [征管, 审判]。", nonempty=True, item=Field("", "str", "词语", nonempty=True))
SYNONYMS_FILE = "search/synonyms.yml"

# The guide's name, booklet title, subtitle and problem name (ronghe.content.identity).
GUIDE_FILE = "guide.yml"
GUIDE = Field("", "object", "指南信息", fields=(
    Field("name", "str", "指南名称", "PDF 的封面、页眉和作者处用的简称；不写则用 mkdocs.yml 的 site_name。", nonempty=True),
    Field("title", "str", "书名", "合订本 PDF 封面上的大标题。", nonempty=True),
    Field("subtitle", "str", "副标题", "合订本 PDF 封面上的一行说明。", nonempty=True),
    Field("topic", "str", "问题简称", "栏目说明里对本指南所讲问题的称呼（可带引号）；不写则称“这一问题”。", nonempty=True),
    Field("intros", "object", "栏目说明", "替换某个栏目首页的说明文字，键为条目类型（problem、cause …），"
          "可用 {topic} 代表问题简称。",
          fields=tuple(Field(name, "str", f"“{t.label}”栏目说明", nonempty=True) for name, t in ENTRY_TYPES.items())),
))

TYPE_BY_DIRECTORY = {t.directory: t for t in ENTRY_TYPES.values()}


# --- JSON Schema export -------------------------------------------------------

def _field_schema(f: Field) -> dict:
    desc = f.label + ("：" + f.description if f.description else "")
    if f.kind in ("str", "text"):
        s: dict = {"type": "string"}
        if f.nonempty:
            s["minLength"] = 1
        if f.enum:
            s["enum"] = list(f.enum)
    elif f.kind == "id" or f.kind == "ref":
        s = {"type": "string", "pattern": ID_PATTERN}
    elif f.kind == "int":
        s = {"type": "integer"}
    elif f.kind == "bool":
        s = {"type": "boolean"}
    elif f.kind == "date":
        s = {"type": ["string", "integer"]}
    elif f.kind == "list":
        s = {"type": "array", "items": _field_schema(f.item)}
        if f.nonempty:
            s["minItems"] = 1
    elif f.kind == "object":
        s = _object_schema(f.fields)
    else:  # pragma: no cover - programming error
        raise ValueError(f.kind)
    s["description"] = desc
    return s


def _object_schema(fields) -> dict:
    return {
        "type": "object",
        "properties": {f.name: _field_schema(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def json_schema(type_name: str) -> dict:
    if type_name == "categories":
        return {"$schema": "http://json-schema.org/draft-07/schema#",
                "title": "对策类别", "type": "array", "items": _field_schema(CATEGORY)}
    if type_name == "synonyms":
        group = _field_schema(SYNONYM_GROUP)
        group["minItems"] = 2
        reading = {"type": "object", "minProperties": 1, "maxProperties": 1,
                   "additionalProperties": _field_schema(SYNONYM_READING),
                   "description": "单向的读法：键是指南里的写法，值是读者的说法。"}
        return {"$schema": "http://json-schema.org/draft-07/schema#",
                "title": f"搜索同义词（content/{SYNONYMS_FILE}）", "type": "array",
                "items": {"anyOf": [group, reading]}}
    if type_name == "guide":
        s = _object_schema(GUIDE.fields)
        s["$schema"] = "http://json-schema.org/draft-07/schema#"
        s["title"] = f"指南信息（content/{GUIDE_FILE}）"
        return s
    t = ENTRY_TYPES[type_name]
    s = _object_schema(t.fields + INGEST_FIELDS)
    published = [f.name for f in t.fields if f.required] + (["citations"] if t.citations_required else [])
    # a draft (draft: true) needs only what identifies it; everything else once it is published
    s["required"] = [name for name in published if name in DRAFT_REQUIRED]
    s["if"] = {"properties": {"draft": {"const": True}}, "required": ["draft"]}
    s["else"] = {"required": published}
    s["$schema"] = "http://json-schema.org/draft-07/schema#"
    s["title"] = f"{t.label}（content/{t.directory}/*.yml）"
    return s
