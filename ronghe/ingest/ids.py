"""Ids and output folders that never clash with what exists.

An id is made readable from Chinese (``思想认识不到位`` -> ``si-xiang-ren-shi-bu-dao-wei``,
ronghe.ingest.pinyin.slug). Every id already used in the content directory, in
earlier imports in the output directory and earlier in the same run is taken; a
new id that would clash gets a number (``-2``, ``-3`` …), so a draft copied into
``content/`` can never overwrite another file or silently share its id.
"""

from __future__ import annotations

import re
from pathlib import Path

from .pinyin import slug

_ID_LINE = re.compile(r"^\s*(?:-\s+)?id:\s*['\"]?([a-z0-9]+(?:-[a-z0-9]+)*)['\"]?\s*$", re.M)
_SEED_STEM = re.compile(r"^(\d+)_[0-9a-fA-F]+$")


class IdAllocator:
    """Hands out ids that are not taken yet."""

    def __init__(self, taken: set[str] | None = None):
        self.taken: set[str] = set(taken or ())

    def claim(self, base: str) -> str:
        base = base.strip("-") or "entry"
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


def ids_in(folder: Path) -> set[str]:
    """Every id written in the YAML files under *folder* (entries, checklist items) and their file names."""
    out: set[str] = set()
    if not folder.is_dir():
        return out
    for path in folder.rglob("*.yml"):
        out.add(path.stem)
        try:
            out.update(_ID_LINE.findall(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return out


def report_prefix(stem: str) -> str:
    """ASCII id part for one report from its file name: ``001_67609…`` -> ``s001``,
    ``报告甲`` -> ``bao-gao-jia``, ``My Report (final)`` -> ``my-report-final``."""
    m = _SEED_STEM.match(stem)
    if m:
        return f"s{m.group(1)}"
    return slug(stem, max_syllables=6) or "report"


def title_id(title: str | None, fallback: str, max_syllables: int = 8) -> str:
    """A readable id base from *title*, or *fallback* when the title has nothing to read."""
    base = slug(title or "", max_syllables=max_syllables) if title else ""
    return base or fallback


def output_folder(out: Path, stem: str, reserved: set[str]) -> str:
    """Name of a folder under *out* for a report: its file name, numbered when that folder
    exists already (an earlier import) or is *reserved* by another file of this run."""
    name, n = stem, 1
    while (out / name).exists() or name in reserved:
        n += 1
        name = f"{stem}-{n}"
    reserved.add(name)
    return name
