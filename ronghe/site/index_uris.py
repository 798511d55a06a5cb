"""Where the generated 对策索引 pages live (a folder no entry section uses, so an
entry slug can never collide with an index page)."""

from __future__ import annotations

INDEX_DIR = "indexes"
HUB_URI = f"{INDEX_DIR}/index.md"            # 对策索引: the way into all indexes
MATRIX_URI = f"{INDEX_DIR}/matrix.md"        # 问题—对策矩阵 (by problem)
BY_CAUSE_URI = f"{INDEX_DIR}/by-cause.md"
BY_LEVEL_URI = f"{INDEX_DIR}/by-level.md"
BY_TAG_URI = f"{INDEX_DIR}/by-tag.md"
MAP_URI = f"{INDEX_DIR}/map.md"              # 关系图 of the whole knowledge base
BY_CATEGORY_URI = "countermeasures/index.md"  # the 对策 section index groups by category

HUB_TITLE = "对策索引"
TITLES = {
    MATRIX_URI: "问题—对策矩阵",
    BY_CATEGORY_URI: "按类别查对策",
    BY_CAUSE_URI: "按原因查对策",
    BY_LEVEL_URI: "按责任层级查举措",
    BY_TAG_URI: "按标签查条目",
    MAP_URI: "关系图",
}


def category_anchor(category_id: str) -> str:
    return f"cat-{category_id}"


def problem_anchor(problem_id: str) -> str:
    return f"p-{problem_id}"


def cause_anchor(cause_id: str) -> str:
    return f"c-{cause_id}"


def level_anchor(level_id: str) -> str:
    return f"l-{level_id}"
