"""A home page for a site whose docs/ has no index.md of its own (another organ's guide
starts with content only): the site's name and description, then every section with
the number of its entries and its introduction."""

from __future__ import annotations

from ronghe.content.graph import KnowledgeBase

from .checklist_pages import home_checklist_links
from .markup import esc, front_matter, link
from .sections import SECTIONS
from .urls import HUB_URI, HUB_TITLE

HOME_URI = "index.md"


def default_home(kb: KnowledgeBase, site_name: str, description: str = "") -> str:
    lines = [front_matter(title="首页"), f"# {esc(site_name)}", ""]
    if description:
        lines += [esc(description), ""]
    checklists = home_checklist_links(kb, HOME_URI)
    if checklists:   # each level's own checklist, one click away
        lines += ["## 我的责任清单", "", checklists, ""]
    lines += ["## 从哪里开始", ""]
    for section in SECTIONS:
        count = len(kb.by_type(section.type_name))
        if count:
            lines.append(f"- {link(HOME_URI, section.index_uri, section.title)}（{count} 条）：{esc(kb.identity.intro(section.type_name))}")
    lines += ["", f"按问题、原因、责任层级和标签查找对策，请看{link(HOME_URI, HUB_URI, HUB_TITLE)}。", ""]
    return "\n".join(lines)
