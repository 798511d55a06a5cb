"""What a guide calls itself: its name, the title of its booklet, a subtitle and the short
name of the problem it is about (``content/guide.yml``).

The generator is used by other organs for guides on other topics (“文山会海”, “层层加码” ...):
nothing a reader sees may name this project's own topic unless the content says so. Without
``guide.yml`` the name and subtitle come from mkdocs.yml (``site_name``, ``site_description``)
and the section introductions speak of “这一问题”.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Mapping

from .schema import GUIDE, GUIDE_FILE  # noqa: F401  (the file and its fields)

# The introduction of each section; {topic} is the guide's short name of its problem.
DEFAULT_INTROS: Mapping[str, str] = MappingProxyType({
    "problem": "{topic}在机关里的具体表现。从您所在单位最像的那一条看起，页面上列有它的原因、对策和案例。",
    "cause": "导致{topic}的深层原因。每条原因都链接到它导致的问题和针对它的对策。",
    "countermeasure": "破解{topic}的对策，按类别分组；每条对策拆成具体举措，并写明责任层级。",
    "case": "各地机关的典型做法和成效，每个案例都链接到它体现的对策。",
    "checklist": "按责任层级列出必须做的事，可在网页上逐项自查，也可打印。",
    "level": "从党组（党委）到党员，各责任层级承担什么责任、要落实哪些举措。",
    "term": "本站使用的术语及其含义。",
    "source": "本站内容所依据的调研报告全文（已清洗）、出处和已知缺陷。",
    "topic": "供培训讲师使用的专题讲义：每类对策一份，含问题、原因、各层级要做的事、案例和研讨题，可打印或下载 PDF。",
})
NO_TOPIC = "这一问题"



@dataclass(frozen=True)
class GuideIdentity:
    name: str = ""
    title: str = ""
    subtitle: str = ""
    topic: str = ""
    intros: Mapping[str, str] = field(default_factory=dict)

    def with_defaults(self, name: str, subtitle: str) -> "GuideIdentity":
        """Fill what ``guide.yml`` leaves out from the site's own name and description."""
        return replace(self, name=self.name or name, subtitle=self.subtitle or subtitle)

    @property
    def booklet_title(self) -> str:
        """The booklet's title: its name and its title, e.g. 融合指南：破解……“两张皮”."""
        return f"{self.name}：{self.title}" if self.name and self.title else (self.title or self.name)

    @property
    def cover_title(self) -> str:
        return self.title or self.name

    def intro(self, type_name: str) -> str:
        """The introduction of the section of ``type_name``."""
        return self.fill(self.intros.get(type_name) or DEFAULT_INTROS[type_name])

    def fill(self, text: str) -> str:
        """``text`` with {topic} replaced by the guide's name of its problem."""
        return text.replace("{topic}", self.topic or NO_TOPIC)


NO_IDENTITY = GuideIdentity()
