"""Fixtures for the ingest tests: the five seed reports, cleaned and analysed once."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from ronghe.ingest.classify import classify
from ronghe.ingest.clean import clean_text
from ronghe.ingest.drafts import plan_drafts
from ronghe.ingest.reading import read_text
from ronghe.ingest.structure import parse_structure

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

SEED_NAMES = {
    "000": "000_3817e5c820128ae0.txt",
    "001": "001_6760920c93c036ae.txt",
    "002": "002_b8fdd2b4fa41af58.txt",
    "003": "003_f7e6e6e54c12bd13.txt",
    "004": "004_b422d966fccb442b.txt",
}
OWN_REPORTS = ("numbered_report.txt", "masked_plain_layout.txt")


def seed_path(key: str) -> Path:
    path = SEEDS / SEED_NAMES[key]
    if not path.exists():
        pytest.skip(f"seed {path} not available")
    return path


@functools.lru_cache(maxsize=None)
def analysed(path: Path):
    """(raw, CleanResult, Structure, types, DraftSet) for a file."""
    raw = read_text(path)
    clean = clean_text(raw)
    structure = parse_structure(clean.text, clean.meta, clean.meta_lines)
    types = classify(structure)
    drafts = plan_drafts(path.name, path.stem, clean, structure, types)
    return raw, clean, structure, types, drafts


@pytest.fixture(params=sorted(SEED_NAMES))
def seed(request):
    """Each seed: (key, path, raw, clean, structure, types, drafts)."""
    path = seed_path(request.param)
    return (request.param, path) + analysed(path)


@pytest.fixture(params=OWN_REPORTS)
def own_report(request):
    path = FIXTURES / request.param
    return (request.param, path) + analysed(path)
