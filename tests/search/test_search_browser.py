"""Search in the real built site, in headless Chromium: the evaluation set
through Material's search box, Python and browser agreeing, result types and
facets, and search from file:// without any request leaving the site."""

from __future__ import annotations

import pytest

from ronghe.build.search.evaluate import entry_id_of, evaluate, load_cases

from .conftest import QUERIES

pytestmark = [pytest.mark.slow, pytest.mark.browser]

RESULT_LINKS = ".md-search-result__item > a:first-child"
# Notes when the worker has loaded the body part of the index (message type 4, ignored by Material),
# so that a test does not read the provisional results answered from the head alone.
WATCH_WORKER = """(() => { const W = window.Worker; if (!W) return;
  window.Worker = class extends W { constructor(...args) { super(...args);
    this.addEventListener("message", ev => { if (ev.data && ev.data.type === 4) window.__rhBody = true }) } } })()"""


def run_query(page, query: str) -> list[str]:
    """Type a query into Material's search box; hrefs of the results, best first."""
    page.evaluate("() => document.querySelectorAll('.md-search-result__item').forEach(li => li.dataset.rhOld = '1')")
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")          # Material reads the box on keyup
    page.wait_for_function(
        "() => { const items = document.querySelectorAll('.md-search-result__item');"
        " const meta = document.querySelector('.md-search-result__meta');"
        " return (items.length && !items[0].dataset.rhOld) || (meta && /没有找到/.test(meta.textContent)) }")
    return page.eval_on_selector_all(RESULT_LINKS, "els => els.map(a => a.getAttribute('href'))")


def open_search(page, url: str) -> None:
    page.add_init_script(WATCH_WORKER)
    page.goto(url)
    page.click("input.md-search__input")
    if url.startswith("http"):
        page.wait_for_function("window.__rhBody === true")


def test_right_entry_first_in_chromium(page, site_url):
    open_search(page, site_url + "index.html")
    cases = load_cases(QUERIES)
    report = evaluate(cases, lambda q: [entry_id_of(h) for h in run_query(page, q)[:3]])
    print("chromium:", report.line())
    assert report.hit1_rate >= 0.9, report.misses
    assert report.hit3_rate == 1.0, report.misses


def test_browser_and_python_rank_alike(page, site_url, site_engine):
    page.goto(site_url + "index.html")
    worker = page.evaluate("() => new URL(JSON.parse(document.getElementById('__config').textContent).search, location.href).href")
    page.add_script_tag(url=worker)
    page.add_script_tag(url=site_url + "search/ronghe_index.js")
    page.evaluate("() => { window.rhEngine = new RongheSearchEngine(self.__rongheSearch) }")
    for case in load_cases(QUERIES):
        js = page.evaluate("q => rhEngine.search(q).hits.slice(0, 3).map(h => h.ref)", case.q)
        py = [r["ref"] for r in site_engine.search(case.q)[:3]]
        assert js == py, case.q


def test_results_show_their_type_and_can_be_narrowed(page, site_url):
    open_search(page, site_url + "index.html")
    run_query(page, "考核")
    tags = page.eval_on_selector_all(".md-search-result__item .md-tag", "els => els.map(e => e.textContent)")
    assert {"问题", "对策"} <= set(tags)
    assert page.eval_on_selector_all(".md-search-result__item mark", "els => els.length") > 0   # highlighting

    page.evaluate("() => document.querySelectorAll('.md-search-result__item').forEach(li => li.dataset.rhOld = '1')")
    page.click(".rh-facets__type:text-is('对策')")
    page.wait_for_function("() => { const i = document.querySelector('.md-search-result__item'); return i && !i.dataset.rhOld }")
    assert page.input_value("input.md-search__input").startswith("类型:对策")
    tags = page.eval_on_selector_all(".md-search-result__item .md-tag", "els => els.map(e => e.textContent)")
    assert tags and set(tags) == {"对策"}
    assert page.get_attribute(".rh-facets__type:text-is('对策')", "aria-pressed") == "true"

    page.evaluate("() => document.querySelectorAll('.md-search-result__item').forEach(li => li.dataset.rhOld = '1')")
    page.select_option(".rh-facets__level", "党员")
    page.wait_for_function("() => { const i = document.querySelector('.md-search-result__item'); return i && !i.dataset.rhOld }")
    value = page.input_value("input.md-search__input")
    assert "层级:党员" in value and "类型:对策" in value
    narrowed = page.eval_on_selector_all(RESULT_LINKS, "els => els.length")
    page.click(".rh-facets__type:text-is('全部')")
    assert not page.input_value("input.md-search__input").startswith("类型")
    assert narrowed > 0


def test_search_works_from_file_without_leaving_the_site(browser, built_site):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    outside = []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:", "about:")) else outside.append(r.url))
    try:
        open_search(page, (built_site / "index.html").as_uri())
        hrefs = run_query(page, "两张皮")
        assert entry_id_of(hrefs[0]) == "term-liangzhangpi"
        hrefs = run_query(page, "黨建考核流於形式")
        assert entry_id_of(hrefs[0]) == "dangjian-kaohe-liuyu-xingshi"
        page.click(".rh-facets__type:text-is('案例')")
        page.wait_for_function("() => [...document.querySelectorAll('.md-search-result__item .md-tag')].every(t => t.textContent === '案例')")
        assert outside == []
    finally:
        context.close()


# the text of each result besides its title and type tag: the summary
SUMMARY_TEXTS = """() => [...document.querySelectorAll('.md-search-result__item article')].map(a => {
  const c = a.cloneNode(true); c.querySelectorAll('h1, nav').forEach(e => e.remove()); return c.textContent.trim() })"""


def test_search_answers_from_titles_first_and_fills_in_summaries(page, site_url):
    # hold back the summary part of the index: search must already answer by titles and names,
    # and answer the same query again, with summaries under the results, once the part arrives
    held = []
    page.route("**/search/ronghe_summary.jsonl", lambda route: held.append(route))
    page.add_init_script(WATCH_WORKER)
    page.goto(site_url + "index.html")
    page.click("input.md-search__input")
    hrefs = run_query(page, "两张皮")
    assert entry_id_of(hrefs[0]) == "term-liangzhangpi"
    assert page.evaluate(SUMMARY_TEXTS) == ["" for _ in hrefs]      # no summaries yet
    assert held, "the worker did not ask for the summary part"
    assert page.evaluate("window.__rhBody") is None

    page.evaluate("() => document.querySelectorAll('.md-search-result__item').forEach(li => li.dataset.rhOld = '1')")
    held[0].continue_()
    page.wait_for_function("() => { const i = document.querySelector('.md-search-result__item'); return i && !i.dataset.rhOld }")
    assert all(page.evaluate(SUMMARY_TEXTS))
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "els => els.map(a => a.getAttribute('href'))")
    assert entry_id_of(hrefs[0]) == "term-liangzhangpi"
    page.wait_for_function("window.__rhBody === true")     # and the body part follows
