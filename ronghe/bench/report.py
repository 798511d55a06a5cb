"""The benchmark report as a Markdown table (the JSON is the report itself)."""

from __future__ import annotations

TARGETS_5000 = {  # issue 10, for N = 5,000
    "build_s": 60, "site_mb": 300, "ready_ms": 500, "query_p95_ms": 100, "rebuild_s": 3, "scaling": 11,
}
TARGETS_20000 = {  # issue 20, for N = 20,000 (the serve start at N = 5,000)
    "build_s": 120, "scaling": 11, "ready_ms": 500, "query_p95_ms": 50, "peak_rss_mb": 2048, "site_mb": 800,
    "serve_first_page_s": 15,
}


def _fmt(value, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        value = f"{value:,.{digits}f}"
    elif isinstance(value, int):
        value = f"{value:,}"
    return f"{value}{unit}"


def _ratio(a, b) -> str:
    if a is None or b is None or not b:
        return "—"
    return f"{a / b:.2f}×"


ROWS = [
    # label, key, unit, digits
    ("条目数（实际）", "entries", "", 0),
    ("生成页面数", "pages", "", 0),
    ("完整构建时间（不含 PDF，冷缓存）", "build_s", " s", 1),
    ("完整构建时间（含 PDF，冷缓存）", "build_with_pdf_s", " s", 1),
    ("其中生成 PDF（与页面渲染并行）", "pdf_s", " s", 1),
    ("再次构建（缓存已热）", "warm_build_s", " s", 1),
    ("构建峰值内存（构建进程树）", "peak_rss_mb", " MB", 0),
    ("站点大小", "site_mb", " MB", 1),
    ("站点文件数", "site_files", "", 0),
    ("搜索索引（原始）", "index_mb", " MB", 2),
    ("搜索索引（gzip）", "index_gz_mb", " MB", 2),
    ("搜索索引首部（就绪前下载）", "index_head_kb", " KB", 0),
    ("搜索就绪（自导航开始）", "ready_ms", " ms", 0),
    ("就绪后立即输入的查询（取所需的块）", "first_query_ms", " ms", 1),
    ("页面块和词块全部载入（自导航开始）", "pages_ms", " ms", 0),
    ("查询延迟中位数", "query_median_ms", " ms", 1),
    ("查询延迟 P95", "query_p95_ms", " ms", 1),
    ("查询到命中段落显示 P95", "query_passages_p95_ms", " ms", 1),
    ("单文件修改后重建（mkdocs serve）", "rebuild_s", " s", 2),
    ("make serve 给出首页（上次构建后未改动）", "serve_first_page_s", " s", 1),
]
COMPARED = ("build_s", "peak_rss_mb", "site_mb", "index_mb", "index_gz_mb", "ready_ms", "first_query_ms", "query_median_ms",
            "query_p95_ms")


def markdown_table(report: dict) -> str:
    runs = report["runs"]
    sizes = [r["n"] for r in runs]
    head = "| 指标 | " + " | ".join(f"N = {n:,}" for n in sizes) + " |"
    lines = [head, "|" + " --- |" * (len(sizes) + 1)]
    for label, key, unit, digits in ROWS:
        cells = [_fmt(r["ronghe"].get(key), unit, digits) for r in runs]
        if all(c == "—" for c in cells):
            continue
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if any(r.get("plain") for r in runs):
        lines.append("| **普通 Material（同一批页面）** | " + " | ".join("" for _ in runs) + " |")
        for label, key, unit, digits in ROWS:
            if key not in COMPARED:
                continue
            cells = [_fmt((r.get("plain") or {}).get(key), unit, digits) for r in runs]
            if all(c == "—" for c in cells):
                continue
            lines.append(f"| 普通 Material：{label} | " + " | ".join(cells) + " |")
        lines.append("| **本站 / 普通 Material** | " + " | ".join("" for _ in runs) + " |")
        for label, key, unit, digits in ROWS:
            if key not in COMPARED:
                continue
            cells = [_ratio(r["ronghe"].get(key), (r.get("plain") or {}).get(key)) for r in runs]
            if all(c == "—" for c in cells):
                continue
            lines.append(f"| 比值：{label} | " + " | ".join(cells) + " |")
    out = "\n".join(lines) + "\n"
    scaling = report.get("scaling")
    if scaling:
        out += "\n不含 PDF 的构建时间之比：" + "；".join(f"t({b:,}) / t({a:,}) = {v:.2f}" for a, b, v in scaling) + "\n"
    skipped = [f"{r['n']:,}" for r in runs if r["ronghe"].get("pdf_skipped")]
    if skipped:
        out += f"\nN = {'、'.join(skipped)} 时构建未生成 PDF（--pdf-max），PDF 生成时间见较小的 N。\n"
    return out


def targets_table(report: dict) -> str:
    """Pass/fail against the N = 5,000 targets: the run at 5,000, else the largest N measured."""
    at = {r["n"]: r for r in report["runs"]}
    run = at.get(5000) or max(report["runs"], key=lambda r: r["n"])
    rh = run["ronghe"]
    scaling = {(a, b): v for a, b, v in report.get("scaling") or []}
    checks = [
        ("完整构建（不含 PDF）", rh.get("build_s"), TARGETS_5000["build_s"], " s"),
        ("站点大小", rh.get("site_mb"), TARGETS_5000["site_mb"], " MB"),
        ("搜索就绪", rh.get("ready_ms"), TARGETS_5000["ready_ms"], " ms"),
        ("查询 P95", rh.get("query_p95_ms"), TARGETS_5000["query_p95_ms"], " ms"),
        ("单文件重建", rh.get("rebuild_s"), TARGETS_5000["rebuild_s"], " s"),
        ("t(5,000)/t(500)", scaling.get((500, 5000)), TARGETS_5000["scaling"], ""),
    ]
    lines = [f"| 目标（N = 5,000） | 目标值 | 实测（N = {run['n']:,}） | 结论 |", "| --- | --- | --- | --- |"]
    for label, value, target, unit in checks:
        verdict = "—" if value is None else ("达标" if value <= target else "未达标")
        if run["n"] < 5000 and label != "t(5,000)/t(500)" and value is not None:
            verdict += "（N 小于 5,000，仅供参考）"
        lines.append(f"| {label} | ≤ {target}{unit} | {_fmt(value, unit, 2)} | {verdict} |")
    return "\n".join(lines) + "\n"


def targets_table_20000(report: dict) -> str:
    """Pass/fail against issue 20's targets: the figures of N = 20,000, the serve start at 5,000."""
    runs = {r["n"]: r["ronghe"] for r in report["runs"]}
    if 20000 not in runs:
        return ""
    rh = runs[20000]
    scaling = {(a, b): v for a, b, v in report.get("scaling") or []}
    t = TARGETS_20000
    checks = [
        ("完整构建（不含 PDF）", rh.get("build_s"), t["build_s"], " s"),
        ("t(20,000)/t(2,000)", scaling.get((2000, 20000)), t["scaling"], ""),
        ("搜索就绪", rh.get("ready_ms"), t["ready_ms"], " ms"),
        ("查询 P95", rh.get("query_p95_ms"), t["query_p95_ms"], " ms"),
        ("构建峰值内存", rh.get("peak_rss_mb"), t["peak_rss_mb"], " MB"),
        ("站点大小", rh.get("site_mb"), t["site_mb"], " MB"),
        ("make serve 给出首页（N = 5,000）", (runs.get(5000) or {}).get("serve_first_page_s"),
         t["serve_first_page_s"], " s"),
    ]
    lines = ["| 目标（N = 20,000） | 目标值 | 实测 | 结论 |", "| --- | --- | --- | --- |"]
    for label, value, target, unit in checks:
        verdict = "—" if value is None else ("达标" if value <= target else "未达标")
        lines.append(f"| {label} | ≤ {_fmt(target)}{unit} | {_fmt(value, unit, 2)} | {verdict} |")
    return "\n".join(lines) + "\n"
