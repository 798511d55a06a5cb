"""Recognise a report that is the same as, or largely overlaps, one already ingested.

Texts are compared as sets of character 4-grams after keeping only Chinese
characters and digits and dropping 党: a report whose 党 is masked (``D建``),
whose punctuation is half-width or whose site chrome differs still matches its
original. ``similarity`` is the Jaccard index of the two sets; ``containment`` the
share of the new report's 4-grams found in the other one (a report that is a
large excerpt of another has a low Jaccard index but a high containment).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

SHINGLE = 4
DUPLICATE_THRESHOLD = 0.8

_KEEP = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff0-9]")


def normalise(text: str) -> str:
    return _KEEP.sub("", text).replace("党", "")


def shingles(text: str, k: int = SHINGLE) -> frozenset[str]:
    norm = normalise(text)
    if len(norm) <= k:
        return frozenset([norm]) if norm else frozenset()
    return frozenset(norm[i:i + k] for i in range(len(norm) - k + 1))


@dataclass(frozen=True)
class Known:
    """A report already ingested (or earlier in the same run)."""

    key: str          # stem, or source id for content entries
    label: str        # how to name it to the user (Chinese)
    shingles: frozenset
    source_id: str | None = None


@dataclass(frozen=True)
class Match:
    known: Known
    similarity: float
    containment: float

    @property
    def is_duplicate(self) -> bool:
        return self.similarity >= DUPLICATE_THRESHOLD or self.containment >= DUPLICATE_THRESHOLD


def compare(a: frozenset, b: frozenset) -> tuple[float, float]:
    """(Jaccard similarity, containment of *a* in *b*)."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / len(a)


def best_match(text_shingles: frozenset, known: list[Known]) -> Match | None:
    best: Match | None = None
    for k in known:
        sim, cont = compare(text_shingles, k.shingles)
        m = Match(k, sim, cont)
        if best is None or (m.containment, m.similarity) > (best.containment, best.similarity):
            best = m
    return best


def load_registry(out_dir: Path, content_dir: Path | None, skip_stems: set[str]) -> tuple[list[Known], list[str]]:
    """Reports already ingested: clean texts under *out_dir* and source texts under *content_dir*.

    Returns the known reports and warnings (Chinese) about files that could not be read.
    """
    known: list[Known] = []
    warnings: list[str] = []
    if out_dir.is_dir():
        for clean in sorted(out_dir.glob("*/clean.txt")):
            stem = clean.parent.name
            if stem in skip_stems:
                continue
            try:
                report = json.loads((clean.parent / "report.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                report = {}
            if report.get("duplicate_of"):
                continue  # compare with originals only
            try:
                text = clean.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                warnings.append(f"{clean}：无法读取，已跳过重复检查。")
                continue
            seed = report.get("seed") or stem
            known.append(Known(stem, f"已导入的 {seed}（{clean.parent}）", shingles(text), report.get("source_id")))
    if content_dir is not None:
        src_dir = content_dir / "policies" / "sources"
        for path in sorted(src_dir.glob("*.yml")) if src_dir.is_dir() else []:
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                warnings.append(f"{path}：无法读取，已跳过重复检查。")
                continue
            if not isinstance(data, dict) or data.get("duplicate_of") or not isinstance(data.get("text"), str):
                continue
            sid = str(data.get("id") or path.stem)
            known.append(Known(f"source:{sid}", f"来源 {sid}（{path}）", shingles(data["text"]), sid))
    return known, warnings
