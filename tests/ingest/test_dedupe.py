"""Duplicate detection is robust to masking and chrome, and does not confuse different reports."""

from __future__ import annotations

from ronghe.ingest.dedupe import Known, best_match, compare, shingles

from .conftest import analysed, seed_path


def test_masked_report_matches_its_original():
    s000 = shingles(analysed(seed_path("000"))[1].text)
    s001 = shingles(analysed(seed_path("001"))[1].text)
    sim, cont = compare(s000, s001)
    assert sim >= 0.95 and cont >= 0.95


def test_raw_masked_text_still_matches():
    """Even without cleaning (D for 党, half-width punctuation) the measure sees the same report."""
    raw000 = analysed(seed_path("000"))[0]
    sim, cont = compare(shingles(raw000), shingles(analysed(seed_path("001"))[1].text))
    assert sim >= 0.9


def test_different_reports_do_not_match():
    keys = ["001", "002", "003", "004"]
    sets = {k: shingles(analysed(seed_path(k))[1].text) for k in keys}
    for a in keys:
        for b in keys:
            if a < b:
                sim, cont = compare(sets[a], sets[b])
                assert sim < 0.2 and cont < 0.3, (a, b, sim, cont)


def test_an_excerpt_is_a_duplicate_by_containment():
    full = analysed(seed_path("002"))[1].text
    excerpt = full[: len(full) // 2]
    m = best_match(shingles(excerpt), [Known("002", "002", shingles(full))])
    assert m.is_duplicate and m.containment >= 0.95 and m.similarity < 0.7
