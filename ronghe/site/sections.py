"""Site sections: where each entry type lives and what it is called."""

from __future__ import annotations

from dataclasses import dataclass

from ronghe.content.schema import ENTRY_TYPES


@dataclass(frozen=True)
class Section:
    type_name: str
    path: str          # URL folder
    title: str         # navigation title
    intro: str         # one paragraph on the index page

    @property
    def index_uri(self) -> str:
        return f"{self.path}/index.md"


SECTIONS: tuple[Section, ...] = (
    Section("problem", "problems", "问题表现", "“两张皮”在机关里的具体表现。从您所在单位最像的那一条看起，页面上列有它的原因、对策和案例。"),
    Section("cause", "causes", "原因", "导致“两张皮”的深层原因。每条原因都链接到它导致的问题和针对它的对策。"),
    Section("countermeasure", "countermeasures", "对策", "破解“两张皮”的对策，按类别分组；每条对策拆成具体举措，并写明责任层级。"),
    Section("case", "cases", "典型案例", "各地机关的典型做法和成效，每个案例都链接到它体现的对策。"),
    Section("checklist", "checklists", "责任清单", "按责任层级列出必须做的事，可在网页上逐项自查，也可打印。"),
    Section("level", "levels", "责任层级", "从党组（党委）到党员，各责任层级承担什么责任、要落实哪些举措。"),
    Section("term", "glossary", "术语", "本站使用的机关党建术语及其含义。"),
    Section("source", "sources", "来源文献", "本站内容所依据的调研报告全文（已清洗）、出处和已知缺陷。"),
    Section("topic", "training", "培训讲义", "供培训讲师使用的专题讲义：每类对策一份，含问题、原因、各层级要做的事、案例和研讨题，可打印或下载 PDF。"),
)
SECTION_BY_TYPE = {s.type_name: s for s in SECTIONS}

assert {s.type_name for s in SECTIONS} == set(ENTRY_TYPES)
assert all(ENTRY_TYPES[s.type_name].section == s.path for s in SECTIONS)
