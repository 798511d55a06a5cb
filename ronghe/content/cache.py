"""Caches that let a long-running process (the development server) reload content
in proportion to what changed, not to the size of the knowledge base.

A one-off build or ``check`` uses none of them: ``loader.load_content`` and
``KnowledgeBase`` take a cache only when given one. The build session of the
MkDocs plugin owns one ``ContentCache`` for the life of ``mkdocs serve``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, TypeVar

if TYPE_CHECKING:
    from .model import Entry
    from .yamlsource import ParsedYaml

T = TypeVar("T")


class ResultMemo:
    """Results of costly computations, reused while their inputs are unchanged.

    ``reuse(slot, inputs, compute)`` returns ``compute()``, or the result remembered for
    ``slot`` while ``repr(inputs)`` is the same as when it was computed. ``copy`` is applied
    to every result handed out, so callers may change what they get."""

    def __init__(self) -> None:
        self._slots: dict[str, tuple[str, object]] = {}

    def reuse(self, slot: str, inputs: object, compute: Callable[[], T],
              copy: Optional[Callable[[T], T]] = None) -> T:
        digest = hashlib.sha1(repr(inputs).encode()).hexdigest()
        hit = self._slots.get(slot)
        if hit is not None and hit[0] == digest:
            value = hit[1]
        else:
            value = compute()
            self._slots[slot] = (digest, value)
        return copy(value) if copy is not None else value  # type: ignore[return-value]


class NoMemo(ResultMemo):
    """Computes every time (a one-off build)."""

    def reuse(self, slot, inputs, compute, copy=None):
        return compute()


NO_MEMO = NoMemo()


@dataclass
class ContentCache:
    """Parsed files reused while their (modification time, size) are unchanged, the entries
    built from them, and results derived from the content (``memo``)."""

    parsed: dict[Path, tuple[tuple[int, int], "ParsedYaml"]] = field(default_factory=dict)
    # path -> (the parsed file, entry type name, entry); entries are never changed after loading
    built: dict[Path, tuple["ParsedYaml", str, "Entry"]] = field(default_factory=dict)
    memo: ResultMemo = field(default_factory=ResultMemo)

    def parsed_file(self, path: Path, stamp: Optional[tuple[int, int]]) -> Optional["ParsedYaml"]:
        hit = self.parsed.get(path)
        if hit is not None and stamp is not None and hit[0] == stamp:
            return hit[1]
        return None

    def built_entry(self, path: Path, parsed: "ParsedYaml", type_name: str) -> Optional["Entry"]:
        built = self.built.get(path)
        if built is not None and built[0] is parsed and built[1] == type_name:
            return built[2]
        return None
