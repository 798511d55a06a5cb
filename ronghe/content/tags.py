"""Tags for readers and tags for editors.

A tag whose name starts with ``_`` (``_重复稿``, ``_问题提法``) is internal: editors use it
to sort and find entries, readers never see it (entry pages, the tag index, PDFs). The
rule mirrors file names: a content file whose name starts with ``_`` is a note, not
published. Documented in docs/guide/editing.md (§ 标签).
"""

from __future__ import annotations

from typing import Iterable

INTERNAL_PREFIX = "_"


def is_internal(tag: str) -> bool:
    return tag.strip().startswith(INTERNAL_PREFIX)


def reader_tags(tags: Iterable[str]) -> list[str]:
    """The tags readers see, in order, without repeats."""
    return [t for t in dict.fromkeys(tags) if not is_internal(t)]
