"""The evaluation set through the search index of the real site, in Python."""

from __future__ import annotations

from ronghe.build.search.evaluate import EvalReport, entry_id_of, evaluate, evaluate_by_kind, load_cases

from .conftest import QUERIES


def test_every_expected_entry_exists(site_bundle):
    ids = {entry_id_of(d[0]) for d in site_bundle["docs"]}
    missing = [c.expect for c in load_cases(QUERIES) if c.expect not in ids]
    assert not missing, f"评测集中的条目不存在：{missing}"


def test_eval_set_is_large_and_varied():
    cases = load_cases(QUERIES)
    assert len(cases) >= 100
    assert {"term", "question", "partial", "traditional", "synonym", "colloquial", "typo", "paraphrase", "long",
            "why", "how", "twochar", "what"} <= {c.kind for c in cases}
    assert len({c.q for c in cases}) == len(cases)


def test_right_entry_first_in_python(site_engine):
    cases = load_cases(QUERIES)
    top = {c.q: [entry_id_of(r["location"]) for r in site_engine.search(c.q)[:3]] for c in cases}
    report = evaluate(cases, top.__getitem__)
    print("python:", report.line())
    for kind, kind_report in evaluate_by_kind(cases, top.__getitem__).items():
        print(f"python {kind}: {kind_report.line()}")
        assert kind_report.meets_kind_bar(), (kind, kind_report.misses)
    assert report.hit1_rate >= 0.95, report.misses
    assert report.hit3_rate == 1.0, report.misses


def test_every_kind_must_reach_ninety_percent_first():
    assert EvalReport(6, 6, 6, []).meets_kind_bar() and not EvalReport(6, 5, 6, []).meets_kind_bar()
    assert EvalReport(20, 18, 20, []).meets_kind_bar() and not EvalReport(20, 17, 20, []).meets_kind_bar()
