"""The benchmark keeps working: generated content passes `python -m ronghe check`,
and `scripts/bench.py --sizes 50` runs end to end and prints its table.
Timings are never asserted, only that they were measured and are sane."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ronghe.bench.generate import generate, plan_counts
from ronghe.content.validate import squash

ROOT = Path(__file__).resolve().parents[2]


def test_generated_content_passes_the_real_check(tmp_path):
    gen = generate(tmp_path / "content", 120, seed=3)
    proc = subprocess.run([sys.executable, "-m", "ronghe", "check", "--content", str(gen.content_dir)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "内容校验通过" in proc.stdout
    synonyms = gen.content_dir / "search" / "synonyms.yml"        # the project's list, as a real guide has one
    assert synonyms.read_bytes() == (ROOT / "content" / "search" / "synonyms.yml").read_bytes()
    files = [p for p in gen.content_dir.rglob("*.yml") if p.name != "categories.yml" and p != synonyms]
    assert len(files) == gen.counts.total == 120
    assert set(gen.counts.by_type) == {"level", "checklist", "source", "problem", "cause", "countermeasure",
                                       "term", "case"}


def test_generation_is_deterministic_and_scales(tmp_path):
    a = generate(tmp_path / "a", 60, seed=1)
    b = generate(tmp_path / "b", 60, seed=1)
    for path in sorted(a.content_dir.rglob("*.yml")):
        assert path.read_bytes() == (b.content_dir / path.relative_to(a.content_dir)).read_bytes()
    small, large = plan_counts(500), plan_counts(5000)
    assert sum(small.values()) == 500 and sum(large.values()) == 5000
    assert large["countermeasure"] > 9 * small["countermeasure"]


def test_citations_quote_the_synthetic_sources_verbatim(tmp_path):
    import yaml

    gen = generate(tmp_path / "content", 80, seed=2)
    texts = {p.stem: squash(yaml.safe_load(p.read_text(encoding="utf-8"))["text"])
             for p in (gen.content_dir / "policies/sources").glob("*.yml")}
    cited = 0
    for path in gen.content_dir.rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for c in (data.get("citations") or []) if isinstance(data, dict) else []:
            assert squash(c["passage"]) in texts[c["source"]]
            assert len(c["passage"]) >= 12  # whole sentences, Chinese text
            cited += 1
    assert cited >= 60


@pytest.mark.slow
def test_benchmark_runs_end_to_end_at_n50(tmp_path):
    out = tmp_path / "bench"
    proc = subprocess.run([sys.executable, "scripts/bench.py", "--sizes", "50", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    # the table is printed and written
    assert "| 指标 | N = 50 |" in proc.stdout
    assert "完整构建时间" in proc.stdout and "普通 Material" in proc.stdout
    assert (out / "bench.md").read_text(encoding="utf-8").startswith("| 指标 |")

    report = json.loads((out / "bench.json").read_text(encoding="utf-8"))
    assert report["machine"]["cpus"] >= 1
    (run,) = report["runs"]
    assert run["n"] == 50 and sum(run["entries_by_type"].values()) == 50
    rh, plain = run["ronghe"], run["plain"]
    for figures in (rh, plain):
        assert figures["build_s"] > 0
        assert figures["peak_rss_mb"] > 20          # a Python process with MkDocs loaded
        assert figures["site_mb"] > 0.5 and figures["pages"] >= 50
        assert figures["index_mb"] > 0 and 0 < figures["index_gz_mb"] <= figures["index_mb"]
        # search measured through the real search box in Chromium
        assert figures["ready_ms"] > 0
        assert 0 < figures["query_median_ms"] <= figures["query_p95_ms"]
        assert figures["queries_with_results"] > figures["queries"] // 2
    # the files of the chunked index are counted as the index (each held once, as a script)
    chunked = [f for f in rh["index_files"] if re.fullmatch(r"search/ronghe_[0-9a-f]{10}/[a-z0-9]+\.js", f)]
    assert {re.sub(r"\d+", "", f.split("/")[-1]) for f in chunked} == {"head.js", "t.js", "m.js", "x.js"}
    assert set(rh["index_files"]) - set(chunked) <= {"search/search_index.json", "search/search_index.js"}
    assert 0 < rh["index_head_kb"] < 1024 * rh["index_mb"]
    assert rh["first_query_ms"] > 0
    assert rh["ready_ms"] < rh["pages_ms"]                       # then the page chunks, in the background
    assert rh["query_p95_ms"] <= rh["query_passages_p95_ms"]     # passages come with or after the results
    assert plain["pages_ms"] is None
    assert plain["index_files"] == ["search/search_index.json"]
    assert rh["phases_s"]["load_and_validate"] > 0 and rh["phases_s"]["generate_pages"] > 0
    assert rh["pdf_files"] >= 7 and rh["pdf_s"] > 0 and rh["build_with_pdf_s"] > 0 and rh["warm_build_s"] > 0
    assert 0 < rh["rebuild_s"] < rh["serve_start_s"] + 60
    assert rh["rebuild_page_shown_s"] <= rh["rebuild_s"]
    # `ronghe serve` on the site just built served it without building first
    assert rh["serve_first_page_s"] > 0 and rh["serve_built_first"] is False
    # scratch space is removed unless --keep
    assert not (out / "n50").exists()
