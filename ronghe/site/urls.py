"""Every URL of the site, in one place: where each page, PDF and anchor lives.

URIs are source URIs as the site engine knows them (``problems/x.md``); the built
page is the same path with ``.html`` (the site uses ``use_directory_urls: false``).
The content layer knows slugs and ids, never URLs.
"""

from __future__ import annotations

from ronghe.content.schema import ENTRY_TYPES


def entry_uri(entry) -> str:
    """The page of an entry, e.g. ``problems/zhong-yewu.md``."""
    return f"{ENTRY_TYPES[entry.type_name].section}/{entry.slug or entry.id}.md"


def html_path(uri: str) -> str:
    """The built file of a source URI: ``problems/x.md`` -> ``problems/x.html``."""
    return uri[:-3] + ".html" if uri.endswith(".md") else uri


# --- checklists: one page and one PDF per level ---------------------------------------
CHECKLIST_SECTION = "checklists"
CHECKLIST_PDF_FOLDER = f"{CHECKLIST_SECTION}/pdf"
ALL_LEVELS_PDF = f"{CHECKLIST_PDF_FOLDER}/all-levels.pdf"


def checklist_uri(lc) -> str:
    """The page of a level's merged checklist (``content.checklists.LevelChecklist``)."""
    return f"{CHECKLIST_SECTION}/{lc.slug}.md"


def checklist_pdf_uri(lc) -> str:
    return f"{CHECKLIST_PDF_FOLDER}/{lc.slug}.pdf"


# --- training material ----------------------------------------------------------------
TRAINING_SECTION = "training"
TRAINING_PDF_FOLDER = f"{TRAINING_SECTION}/pdf"
BOOKLET_PDF = f"{TRAINING_PDF_FOLDER}/ronghe-booklet.pdf"
PRINTABLES_URI = f"{TRAINING_SECTION}/printables.md"
PDF_MANIFEST = f"{TRAINING_PDF_FOLDER}/manifest.json"     # every PDF with its pages and size


def handout_pdf_uri(topic) -> str:
    """The handout PDF of a training topic."""
    return f"{TRAINING_PDF_FOLDER}/{topic.slug or topic.id}.pdf"


# --- the editor's field reference -------------------------------------------------------
FIELDS_URI = "guide/fields.md"

# --- 对策索引: a folder no entry section uses, so an entry slug never collides with them --

INDEX_DIR = "indexes"
HUB_URI = f"{INDEX_DIR}/index.md"            # 对策索引: the way into all indexes
MATRIX_URI = f"{INDEX_DIR}/matrix.md"        # 问题—对策矩阵 (by problem)
BY_CAUSE_URI = f"{INDEX_DIR}/by-cause.md"
BY_LEVEL_URI = f"{INDEX_DIR}/by-level.md"
BY_TAG_URI = f"{INDEX_DIR}/by-tag.md"
MAP_URI = f"{INDEX_DIR}/map.md"              # 关系图 of the whole knowledge base
BY_CATEGORY_URI = "countermeasures/index.md"  # the 对策 section index groups by category
# Pages that list other pages (each item an entry with a page of its own): the search knows them by
# their title and first paragraph, not by the entries they repeat. (The home page is a site's own.)
LISTING_URIS = (HUB_URI, MATRIX_URI, BY_CAUSE_URI, BY_LEVEL_URI, BY_TAG_URI, MAP_URI, PRINTABLES_URI)

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
