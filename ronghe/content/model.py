"""The content model: one dataclass per entry type.

Instances are built by ``ronghe.content.loader`` from validated YAML; nothing here
reads files or knows about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Optional

from .schema import ENTRY_TYPES, EntryType


@dataclass
class Citation:
    source: str
    passage: str
    locator: str = ""


@dataclass
class Measure:
    text: str
    levels: list[str]
    timing: str = ""
    evidence: str = ""


@dataclass
class Figure:
    label: str
    value: str


@dataclass
class ChecklistItem:
    id: str
    text: str
    countermeasures: list[str] = field(default_factory=list)
    timing: str = ""
    evidence: str = ""
    group: str = ""
    derived_from: str = ""   # countermeasure id when the item comes from a 举措 rather than the file


@dataclass
class ChecklistGroup:
    title: str
    items: list[ChecklistItem]


@dataclass
class Category:
    id: str
    title: str
    summary: str
    order: int


@dataclass
class SynonymList:
    """The search synonyms of ``content/search/synonyms.yml``."""
    groups: list[list[str]] = field(default_factory=list)      # words that stand for each other (走过场 ≈ 流于形式)
    # one way: (word the guide writes, words readers write for it): 征管, 审判 ... are searched as 业务 too,
    # 业务 is not searched as 征管
    readings: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class ImportRecord:
    """Where the import tool took a draft from (the ``ingest:`` block): never shown to readers;
    the preview of drafts under ``ronghe serve`` shows the draft beside this passage."""

    seed: str = ""          # the raw report's file name
    section: str = ""       # its section, e.g. 一、（一）
    lines: str = ""         # line range in the raw report, e.g. 12-18
    clean_lines: str = ""   # line range in the source entry's cleaned text

    def clean_range(self) -> Optional[tuple[int, int]]:
        """(first, last) line of ``clean_lines``, 1-based, or None."""
        parts = self.clean_lines.replace("–", "-").split("-")
        if not all(p.strip().isdigit() for p in parts) or len(parts) not in (1, 2):
            return None
        first, last = int(parts[0]), int(parts[-1])
        return (first, last) if 0 < first <= last else None


@dataclass
class Entry:
    type_name: ClassVar[str] = ""
    id: str
    title: str
    summary: str = ""
    slug: str = ""
    body: str = ""
    tags: list[str] = field(default_factory=list)
    draft: bool = False
    phrasings: list[str] = field(default_factory=list)   # how cadres say it (search only)
    citations: list[Citation] = field(default_factory=list)
    path: Optional[Path] = None
    line: int = 1
    imported: Optional[ImportRecord] = None    # the ingest: block of an imported draft

    @property
    def entry_type(self) -> EntryType:
        return ENTRY_TYPES[self.type_name]


@dataclass
class Problem(Entry):
    type_name: ClassVar[str] = "problem"


@dataclass
class Cause(Entry):
    type_name: ClassVar[str] = "cause"
    problems: list[str] = field(default_factory=list)


@dataclass
class Countermeasure(Entry):
    type_name: ClassVar[str] = "countermeasure"
    category: str = ""
    problems: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)


@dataclass
class Case(Entry):
    type_name: ClassVar[str] = "case"
    unit: str = ""
    date: str = ""
    countermeasures: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Level(Entry):
    type_name: ClassVar[str] = "level"
    short: str = ""
    role: str = ""
    order: int = 0
    parent: str = ""


@dataclass
class Source(Entry):
    type_name: ClassVar[str] = "source"
    author: str = ""
    publisher: str = ""
    date: str = ""
    origin: str = ""
    seed_file: str = ""
    defects: list[str] = field(default_factory=list)
    duplicate_of: str = ""
    text: str = ""


@dataclass
class Term(Entry):
    type_name: ClassVar[str] = "term"
    aliases: list[str] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)


@dataclass
class Checklist(Entry):
    type_name: ClassVar[str] = "checklist"
    level: str = ""
    groups: list[ChecklistGroup] = field(default_factory=list)

    def items(self) -> list[ChecklistItem]:
        return [item for g in self.groups for item in g.items]


@dataclass
class Topic(Entry):
    """A training topic (研讨专题): one countermeasure category as a handout with discussion questions."""
    type_name: ClassVar[str] = "topic"
    category: str = ""
    intro: str = ""
    questions: list[str] = field(default_factory=list)
    case: str = ""
    problems: list[str] = field(default_factory=list)


ENTRY_CLASSES: dict[str, type[Entry]] = {
    cls.type_name: cls
    for cls in (Problem, Cause, Countermeasure, Case, Level, Source, Term, Checklist, Topic)
}


def build_entry(type_name: str, data: dict, path: Optional[Path] = None, line: int = 1) -> Entry:
    """Create an entry from already validated data (unknown keys are ignored)."""
    cls = ENTRY_CLASSES[type_name]
    kwargs = dict(data)
    ingest = kwargs.pop("ingest", None)
    if isinstance(ingest, dict):
        kwargs["imported"] = ImportRecord(**{k: str(v) for k, v in ingest.items() if k in ImportRecord.__annotations__})
    kwargs["citations"] = [Citation(**c) for c in kwargs.get("citations", [])]
    if "measures" in kwargs:
        kwargs["measures"] = [Measure(**m) for m in kwargs["measures"]]
    if "figures" in kwargs:
        kwargs["figures"] = [Figure(**f) for f in kwargs["figures"]]
    if "groups" in kwargs:
        kwargs["groups"] = [
            ChecklistGroup(g["title"], [ChecklistItem(**i, group=g["title"]) for i in g["items"]])
            for g in kwargs["groups"]
        ]
    kwargs.setdefault("slug", kwargs["id"])
    if not kwargs["slug"]:
        kwargs["slug"] = kwargs["id"]
    return cls(**kwargs, path=path, line=line)
