"""Search timings in headless Chromium, through the site's real search box and
worker (Material's message protocol: SETUP 0, READY 1, QUERY 2, RESULT 3).

The init script wraps ``Worker`` so every message from the search worker is
time-stamped. *Ready* is the first READY message, in ms from navigation start
(it includes downloading and loading the index, or the head of it: our
worker fetches the rest in chunks as queries need them). After each load, a
*first query* is typed at once (it fetches what it needs while the worker
still fetches the page and term chunks in the background; reported on its
own); then, once our worker says every chunk ranking reads is in (*pages*,
its message 4; as before chunking, when the queries waited for the whole
index), the queries are timed. A query is typed into the
search box (value + keyup, as Material listens to keyup); its latency runs from
the keyup to the frame after the RESULT message for that query, i.e. until the
result list can be painted. Our worker may answer a second time, the same results
with the passages of the first ones (summaries stood in for them): that is timed
apart (*passages*), and the next query is typed after it.
"""

from __future__ import annotations

import functools
import http.server
import socketserver
import statistics
import threading
from pathlib import Path
from typing import Optional

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

_INIT = r"""
(() => {
  const rh = window.__rh = {ready: null, pages: null, results: 0, waiters: [], workers: 0};
  const Native = window.Worker;
  if (!Native) return;
  window.Worker = function (url, opts) {
    const w = new Native(url, opts);
    rh.workers += 1;
    w.addEventListener("message", ev => {
      const t = performance.now();
      const type = ev.data && ev.data.type;
      if (type === 1 && rh.ready === null) rh.ready = t;
      if (type === 4 && rh.pages === null) rh.pages = t;   // our worker: every chunk ranking reads is in
      if (type === 3) {
        rh.results += 1;
        const d = ev.data.data || {};
        const n = d.items ? d.items.length : -1;
        // our worker says which query an answer is for (Material's does not), and answers
        // twice when the passages of the first results come after their order
        rh.waiters = rh.waiters.filter(w => {
          if (d.query !== undefined && d.query.trim() !== w.q.trim()) return true;
          w.resolve({t, n, final: d.complete !== false});
          return false;
        });
      }
    });
    return w;
  };
  window.Worker.prototype = Native.prototype;
})();
"""

_QUERY = r"""
async (q) => {
  const input = document.querySelector("input[data-md-component=search-query]")
             || document.querySelector(".md-search__input");
  if (!input) return null;
  input.focus();
  input.value = q;
  const answer = () => Promise.race([new Promise(resolve => window.__rh.waiters.push({q, resolve})),
                                     new Promise(r => setTimeout(() => r(null), 20000))]);
  const got = answer();
  const t0 = performance.now();
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: q.slice(-1)}));
  const res = await got;
  if (!res) return null;
  await new Promise(r => requestAnimationFrame(() => r()));
  const ms = performance.now() - t0;
  // then, not counted in the latency, the answer with the passages (the next query starts after it)
  let full_ms = ms;
  if (!res.final) {
    const full = await answer();
    await new Promise(r => requestAnimationFrame(() => r()));
    full_ms = full ? performance.now() - t0 : null;
  }
  return {ms, worker_ms: res.t - t0, n: res.n, full_ms};
}
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingTCPServer):
    def handle_error(self, request, client_address):
        pass  # the browser closes connections it no longer needs (e.g. when a context closes)


def serve(directory: Path):
    handler = functools.partial(_Quiet, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def measure_search(site: Path, queries: list[str], page: str = "index.html", loads: int = 5,
                   rounds: int = 2) -> Optional[dict]:
    """Ready time (median of ``loads`` fresh page loads) and query latencies
    (``rounds`` passes over ``queries`` after each load: P95 of loads x rounds x queries
    samples, so that one slow query moves it less). ``None`` when no search worker starts."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        return None
    ours = (site / "search" / "ronghe_entry.js").exists()   # our worker: says when what ranking reads is in
    server = serve(site)
    url = f"http://127.0.0.1:{server.server_address[1]}/{page}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                ready: list[float] = []
                first: list[float] = []
                pages: list[float] = []
                latencies: list[float] = []
                worker_ms: list[float] = []
                full_ms: list[float] = []
                hits = 0
                for i in range(loads):
                    ctx = browser.new_context(locale="zh-CN")  # fresh context: nothing cached
                    pg = ctx.new_page()
                    pg.add_init_script(_INIT)
                    pg.goto(url, wait_until="load")
                    try:
                        pg.wait_for_function("window.__rh && window.__rh.ready !== null", timeout=60000)
                    except Exception:
                        ctx.close()
                        return None
                    ready.append(pg.evaluate("window.__rh.ready"))
                    # a query typed at once, while the chunks still come (not in the P95)
                    res = pg.evaluate(_QUERY, queries[-1])
                    if res is not None:
                        first.append(res["ms"])
                    if ours:   # then the queries once what ranking reads is in (as before chunking: the whole index)
                        pg.wait_for_function("window.__rh.pages !== null", timeout=60000)
                        pages.append(pg.evaluate("window.__rh.pages"))
                    # the queries in every load: a first query after loading (the browser still
                    # compiling, collecting the index's garbage) counts as often as a reader meets it
                    for r in range(rounds):
                        for q in queries:
                            # the same text twice in a row sends no query; vary the round
                            res = pg.evaluate(_QUERY, q if r % 2 == 0 else q + " ")
                            if res is None:
                                continue
                            latencies.append(res["ms"])
                            worker_ms.append(res["worker_ms"])
                            if res["full_ms"] is not None:
                                full_ms.append(res["full_ms"])
                            hits += res["n"] > 0
                    ctx.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
    if not latencies:
        return None
    return {
        "ready_ms": round(statistics.median(ready), 1),
        "ready_ms_all": [round(x, 1) for x in ready],
        "first_query_ms": round(statistics.median(first), 1) if first else None,
        "pages_ms": round(statistics.median(pages), 1) if pages else None,
        "query_median_ms": round(statistics.median(latencies), 1),
        "query_p95_ms": round(percentile(latencies, 95), 1),
        "query_worker_p95_ms": round(percentile(worker_ms, 95), 1),
        # until the answer with the passages of the first results (the same order, shown again)
        "query_passages_p95_ms": round(percentile(full_ms, 95), 1) if full_ms else None,
        "queries": len(latencies),
        "queries_with_results": hits,
    }
