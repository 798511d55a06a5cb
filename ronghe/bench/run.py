"""Run the benchmark: for each N, generate a knowledge base, build it with the
real build (``python -m ronghe build``) and as a plain Material site, measure,
and write ``bench.json`` and ``bench.md``.

Command line: ``python scripts/bench.py [--sizes 100,500,1000,5000] [--out DIR]``.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

from ronghe import PROJECT_ROOT
from ronghe.cli.parser import ArgumentParser
from .browser import measure_search
from .generate import generate
from .measure import dir_size, gzip_size, mb, run_measured, search_index_files
from .plain import write_plain_project
from .report import markdown_table, targets_table, targets_table_20000
from .serve import measure_rebuild, measure_serve_start

DEFAULT_SIZES = (100, 2000, 5000, 20000)
PLAIN_MAX = 5000   # the plain Material comparison above this N takes longer than the rest of the run


def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    try:
        import material
        import mkdocs
        info["mkdocs"] = mkdocs.__version__
        info["material"] = getattr(material, "__version__", "")
    except ImportError:
        pass
    try:
        info["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT,
                                        capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return info


def _read_timings(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out[rec["phase"]] = round(out.get(rec["phase"], 0.0) + rec["seconds"], 3)
    return out


def _site_figures(site: Path, run) -> dict:
    size, files = dir_size(site)
    index = search_index_files(site)
    return {
        "build_s": round(run.seconds, 2),
        "peak_rss_mb": round(run.peak_rss_mb, 0),
        "site_mb": mb(size),
        "site_files": files,
        "pages": sum(1 for _ in site.rglob("*.html")),
        "index_files": [p.relative_to(site).as_posix() for p in index],
        "index_mb": mb(sum(p.stat().st_size for p in index)) if index else None,
        "index_gz_mb": mb(gzip_size(index)) if index else None,
        # what the browser downloads before search is ready: our index's head (Material's: all of it)
        "index_head_kb": round(sum(p.stat().st_size for p in index if p.name == "head.js"
                                   or p.parent.name == "search") / 1024) if index else None,
    }


def _fail(what: str, run) -> None:
    raise SystemExit(f"{what}失败（退出码 {run.returncode}）：\n{run.output[-4000:]}")


def bench_size(n: int, work: Path, *, plain: bool = True, browser: bool = True, rebuild: bool = True,
               pdf: bool = True, warm: bool = True, log=print) -> dict:
    """All measurements for one N. ``work/`` is scratch space (content, sites, caches)."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    t = time.perf_counter()
    gen = generate(work / "content", n)
    result: dict = {"n": n, "entries_by_type": gen.counts.by_type, "generate_s": round(time.perf_counter() - t, 2),
                    "load_average_at_start": [round(x, 1) for x in os.getloadavg()]}
    log(f"[N={n}] 已生成 {gen.counts.total} 个条目（{result['generate_s']} 秒）")

    def build(site: Path, cache: str, with_pdf: bool):
        timings = work / f"timings-{site.name}.jsonl"
        env = dict(os.environ, RONGHE_CONTENT_DIR=str(gen.content_dir), NO_MKDOCS_2_WARNING="1",
                   RONGHE_CACHE_DIR=str(work / cache), RONGHE_BUILD_TIMINGS=str(timings))
        if not with_pdf:
            env["RONGHE_PDF"] = "false"
        run = run_measured([sys.executable, "-m", "ronghe", "build", "--site-dir", str(site)], PROJECT_ROOT, env)
        if run.returncode != 0:
            _fail("本站构建", run)
        return run, _read_timings(timings)

    # 1. cold build without PDFs: the figure comparable across N and with plain Material
    run, phases = build(work / "site-nopdf", "cache-nopdf", with_pdf=False)
    rh = {"build_s": round(run.seconds, 2), "phases_s": phases, "entries": gen.counts.total}
    log(f"[N={n}] 本站构建（不含 PDF）{rh['build_s']} 秒")
    site = work / "site-nopdf"
    rh["pdf_skipped"] = not pdf
    if pdf:
        # 2. cold build of the real site, PDFs included (made on the second core while pages render)
        shutil.rmtree(site, ignore_errors=True)
        run, phases = build(work / "site", "cache", with_pdf=True)
        site = work / "site"
        rh["build_with_pdf_s"] = round(run.seconds, 2)
        rh["phases_with_pdf_s"] = phases
        pdf_phases = [v for k, v in phases.items() if "pdf" in k.lower() or "printables" in k]
        rh["pdf_s"] = round(sum(pdf_phases), 2)
        log(f"[N={n}] 本站构建（含 PDF）{rh['build_with_pdf_s']} 秒，其中生成 PDF {rh['pdf_s']} 秒（与页面渲染并行）")
    figures = _site_figures(site, run)
    figures.pop("build_s")
    rh.update(figures)
    rh["pdf_files"] = sum(1 for _ in site.rglob("*.pdf"))
    log(f"[N={n}] 峰值内存 {rh['peak_rss_mb']:.0f} MB，站点 {rh['site_mb']} MB，{rh['pages']} 个页面")

    # `ronghe serve` on the site just built, nothing changed: time until the first page is served
    started = measure_serve_start(gen.content_dir, site, env_extra={
        "RONGHE_CACHE_DIR": str(work / ("cache" if pdf else "cache-nopdf")), **({} if pdf else {"RONGHE_PDF": "false"})})
    if started:
        rh.update(started)
        log(f"[N={n}] 预览服务器（上次构建后未改动）{started['serve_first_page_s']} 秒后给出首页"
            + ("（先构建了一次）" if started["serve_built_first"] else ""))

    # 3. the same build again with warm caches (segmentation, PDFs): what a re-run of `make build` costs
    if warm:
        again, _ = build(work / "site-warm", "cache" if pdf else "cache-nopdf", with_pdf=pdf)
        rh["warm_build_s"] = round(again.seconds, 2)
        shutil.rmtree(work / "site-warm", ignore_errors=True)

    if browser:
        s = measure_search(site, gen.queries)
        if s:
            rh.update(s)
            log(f"[N={n}] 本站搜索就绪 {s['ready_ms']} ms，查询 P95 {s['query_p95_ms']} ms")
        else:
            rh["search_note"] = "未能测得（搜索未就绪）"
    if rebuild:
        r = measure_rebuild(gen.content_dir, gen.edit_target, gen.edit_page,
                            env_extra={"RONGHE_CACHE_DIR": str(work / ("cache" if pdf else "cache-nopdf")),
                                       "RONGHE_BUILD_TIMINGS": str(work / "serve-timings.jsonl"),
                                       **({} if pdf else {"RONGHE_PDF": "false"})})
        if r:
            rh.update(r)
            log(f"[N={n}] 单文件重建 {r['rebuild_s']} 秒")
    result["ronghe"] = rh

    if plain:
        project = work / "plain"
        cfg = write_plain_project(gen.content_dir, project)
        prun = run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg)], project,
                            dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        if prun.returncode != 0:
            _fail("普通 Material 构建", prun)
        pl = _site_figures(project / "site", prun)
        log(f"[N={n}] 普通 Material 构建 {pl['build_s']} 秒，站点 {pl['site_mb']} MB")
        if browser:
            s = measure_search(project / "site", gen.queries)
            if s:
                pl.update(s)
                log(f"[N={n}] 普通 Material 搜索就绪 {s['ready_ms']} ms，查询 P95 {s['query_p95_ms']} ms")
        result["plain"] = pl
        shutil.rmtree(project / "site", ignore_errors=True)  # plain sites are large
    result["load_average_at_end"] = [round(x, 1) for x in os.getloadavg()]
    return result


def scaling(runs: list[dict]) -> list[tuple[int, int, float]]:
    """Ratios of build times without PDFs (PDFs are skipped above --pdf-max, so
    only this figure is comparable across all N)."""
    t = {r["n"]: r["ronghe"]["build_s"] for r in runs}
    pairs = [(a, b) for a, b in ((500, 5000), (100, 1000), (500, 1000), (1000, 5000), (2000, 20000), (5000, 20000))
             if a in t and b in t]
    if not pairs and len(t) >= 2:
        a, b = min(t), max(t)
        pairs = [(a, b)]
    return [(a, b, round(t[b] / t[a], 2)) for a, b in pairs]


def main(argv: Optional[list[str]] = None) -> int:
    ap = ArgumentParser(prog="ronghe bench", description="融合指南性能基准：生成 N 个条目的知识库，构建并测量。")
    ap.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="条目数，逗号分隔（默认 100,2000,5000,20000）")
    ap.add_argument("--out", default=str(PROJECT_ROOT / ".bench"), help="工作目录和报告目录（默认 .bench/）")
    ap.add_argument("--no-plain", action="store_true", help="不构建普通 Material 对照站点")
    ap.add_argument("--plain-max", type=int, default=PLAIN_MAX,
                    help=f"N 大于此值时不构建普通 Material 对照站点（默认 {PLAIN_MAX}：N = 20,000 时它要十几分钟）")
    ap.add_argument("--no-browser", action="store_true", help="不在 Chromium 中测量搜索")
    ap.add_argument("--no-rebuild", action="store_true", help="不测量 mkdocs serve 的单文件重建")
    ap.add_argument("--keep", action="store_true", help="保留生成的内容和站点")
    ap.add_argument("--no-warm", action="store_true", help="不测量热缓存下的再次构建")
    ap.add_argument("--pdf-max", type=int, default=5000,
                    help="N 大于此值时构建不生成 PDF（默认 5000：N = 5,000 时含 PDF 的冷构建约 2.5 分钟）")
    ap.add_argument("--merge", nargs="+", metavar="JSON", help="合并几次运行的 bench.json，输出一张表（不运行基准）")
    args = ap.parse_args(argv)
    if args.merge:
        return merge_reports([Path(p) for p in args.merge], Path(args.out))
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
              "command": "python scripts/bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
              "runs": []}
    for n in sizes:
        work = out / f"n{n}"
        report["runs"].append(bench_size(n, work, plain=not args.no_plain and n <= args.plain_max, browser=not args.no_browser,
                                         rebuild=not args.no_rebuild, pdf=n <= args.pdf_max, warm=not args.no_warm,
                                         log=lambda m: print(m, flush=True)))
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        report["scaling"] = scaling(report["runs"])
        (out / "bench.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    table = markdown_table(report) + "\n" + targets_table(report) + "\n" + targets_table_20000(report)
    (out / "bench.md").write_text(table, encoding="utf-8")
    print()
    print(table)
    print(f"报告：{out / 'bench.json'}，{out / 'bench.md'}")
    return 0


def merge_reports(paths: list[Path], out: Path) -> int:
    """One report from several runs (e.g. small N with PDFs, N = 5,000 without)."""
    reports = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    runs = sorted((r for rep in reports for r in rep["runs"]), key=lambda r: r["n"])
    merged = {"machine": reports[0]["machine"], "started": reports[0]["started"],
              "command": [rep["command"] for rep in reports], "runs": runs}
    merged["scaling"] = scaling(runs)
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(merged, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    table = markdown_table(merged) + "\n" + targets_table(merged) + "\n" + targets_table_20000(merged)
    (out / "bench.md").write_text(table, encoding="utf-8")
    print(table)
    return 0
