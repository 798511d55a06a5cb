"""Plain-PyYAML view of content/ for the content tests (independent of the ronghe loader)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
SOURCES_DIR = CONTENT / "policies" / "sources"
EXCLUSIONS_FILE = SOURCES_DIR / "_coverage-exclusions.yml"

_WS = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[。！？；])|\n")
MIN_SENTENCE = 6


def squash(text: str) -> str:
    return _WS.sub("", text)


def sentences(text: str) -> list[str]:
    """Split on 。！？； and line breaks; whitespace removed; short pieces dropped."""
    out = []
    for piece in _SENTENCE_END.split(text):
        s = squash(piece)
        if len(s) >= MIN_SENTENCE:
            out.append(s)
    return out


def is_ignored(path: Path) -> bool:
    return any(part.startswith(("_", ".")) for part in path.relative_to(CONTENT).parts)


def entry_files() -> list[Path]:
    return sorted(p for p in CONTENT.rglob("*.yml") if not is_ignored(p))


def load(path: Path):
    return _load(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=None)
def _load(path: str, _mtime: int):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def is_source(path: Path) -> bool:
    return path.parent == SOURCES_DIR


def sources() -> dict[str, dict]:
    """Source entries by id (published ones only)."""
    out = {}
    for p in entry_files():
        if is_source(p):
            data = load(p)
            if not data.get("draft"):
                out[data["id"]] = data
    return out


def passages_by_source() -> dict[str, list[str]]:
    """Squashed citation passages of all published non-source entries, by source id."""
    out: dict[str, list[str]] = {}
    for p in entry_files():
        if is_source(p):
            continue
        data = load(p)
        if not isinstance(data, dict) or data.get("draft"):
            continue
        for c in data.get("citations") or []:
            out.setdefault(c["source"], []).append(squash(c["passage"]))
    return out


def published_strings():
    """(path, field path, string) for every string of every published content file."""
    def walk(value, fpath):
        if isinstance(value, str):
            yield fpath, value
        elif isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, fpath + (str(k),))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, fpath + (str(i),))
    for p in entry_files():
        data = load(p)
        if isinstance(data, dict) and data.get("draft"):
            continue
        for fpath, s in walk(data, ()):
            yield p, fpath, s
