"""Site sections: where each entry type lives and what it is called."""

from __future__ import annotations

from dataclasses import dataclass

from ronghe.content.schema import ENTRY_TYPES


@dataclass(frozen=True)
class Section:
    type_name: str
    path: str          # URL folder
    title: str         # navigation title (its introduction: ``kb.identity.intro(type_name)``)

    @property
    def index_uri(self) -> str:
        return f"{self.path}/index.md"


SECTIONS: tuple[Section, ...] = (
    Section("problem", "problems", "问题表现"),
    Section("cause", "causes", "原因"),
    Section("countermeasure", "countermeasures", "对策"),
    Section("case", "cases", "典型案例"),
    Section("checklist", "checklists", "责任清单"),
    Section("level", "levels", "责任层级"),
    Section("term", "glossary", "术语"),
    Section("source", "sources", "来源文献"),
    Section("topic", "training", "培训讲义"),
)
SECTION_BY_TYPE = {s.type_name: s for s in SECTIONS}

assert {s.type_name for s in SECTIONS} == set(ENTRY_TYPES)
assert all(ENTRY_TYPES[s.type_name].section == s.path for s in SECTIONS)
