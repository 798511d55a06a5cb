"""Search in the real built site, in headless Chromium: the evaluation set
through Material's search box, Python and browser agreeing, result types and
facets, and search from file:// without any request leaving the site."""

from __future__ import annotations

import os
import re
import shutil
import time

import pytest

from ronghe.build.search.evaluate import entry_id_of, evaluate, evaluate_by_kind, load_cases
from ronghe.build.search.publish import ENTRY_FILE, FORMAT_VERSION, index_folder

from conftest import serve_directory
from .conftest import HELD_OUT_SETS, QUERIES

pytestmark = [pytest.mark.slow, pytest.mark.browser]

RESULT_LINKS = ".md-search-result__item > a:first-child"
# Notes when the worker is ready (message type 1) and has every chunk ranking reads (4), counts its answers (type 3), keeps the order
# of each answer, which query the last one is for and whether it is final (an answer may come
# first with summaries standing in for passages not loaded yet, then again with them, in the same
# order). The results on screen are marked old when an answer arrives (before Material renders it).
WATCH_WORKER = """(() => { const W = window.Worker; if (!W) return; window.__rhResults = 0; window.__rhOrders = []
  window.Worker = class extends W { constructor(...args) { super(...args);
    this.addEventListener("message", ev => { const d = ev.data; if (!d) return
      if (d.type === 1) window.__rhReady = true
      if (d.type === 4) window.__rhIndex = true
      if (d.type !== 3) return
      document.querySelectorAll('.md-search-result__item').forEach(li => li.dataset.rhOld = '1')
      window.__rhResults += 1; window.__rhFinal = d.data.complete !== false; window.__rhAnswered = d.data.query
      window.__rhOrders.push(d.data.items.map(item => item[0].location)) }) } } })()"""


def run_query(page, query: str) -> list[str]:
    """Type a query into Material's search box; hrefs of the results, best first (once an
    answer to this query is shown: an answer to the query before may still arrive meanwhile)."""
    page.evaluate("() => document.querySelectorAll('.md-search-result__item').forEach(li => li.dataset.rhOld = '1')")
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")          # Material reads the box on keyup
    wait_for_answer(page)
    return page.eval_on_selector_all(RESULT_LINKS, "els => els.map(a => a.getAttribute('href'))")


def wait_for_answer(page) -> None:
    """Until an answer to what the search box holds is shown (from file://, where the worker
    runs in a frame that WATCH_WORKER does not see: until some new answer is shown)."""
    page.wait_for_function(
        "() => { if (window.__rhReady && window.__rhAnswered !== document.querySelector('input.md-search__input').value) return false;"
        " const items = document.querySelectorAll('.md-search-result__item');"
        " const meta = document.querySelector('.md-search-result__meta');"
        " return (items.length && !items[0].dataset.rhOld) || (meta && /没有找到/.test(meta.textContent)) }")


def open_search(page, url: str) -> None:
    page.add_init_script(WATCH_WORKER)
    page.goto(url)
    page.click("input.md-search__input")
    if url.startswith("http"):
        page.wait_for_function("window.__rhReady === true")


def load_whole_index(page, site_url: str, built_site) -> None:
    """Our worker's script and every file of the index, loaded into the page as scripts (as
    file:// loads them): ``rhEngine`` is an engine with the whole index in."""
    worker = page.evaluate("() => new URL(JSON.parse(document.getElementById('__config').textContent).search, location.href).href")
    page.add_script_tag(url=worker)
    folder = index_folder(built_site)
    for path in sorted(folder.glob("*.js")):
        page.add_script_tag(url=f"{site_url}search/{folder.name}/{path.name}")
    page.evaluate("() => { window.rhEngine = RongheSearchEngine.fromFiles(self.__rongheParts) }")


def test_right_entry_first_in_chromium(page, site_url):
    open_search(page, site_url + "index.html")
    cases = load_cases(QUERIES)
    got = {c.q: [entry_id_of(h) for h in run_query(page, c.q)[:3]] for c in cases}
    report = evaluate(cases, got.__getitem__)
    print("chromium:", report.line())
    for kind, kind_report in evaluate_by_kind(cases, got.__getitem__).items():
        print(f"chromium {kind}: {kind_report.line()}")
        assert kind_report.meets_kind_bar(), (kind, kind_report.misses)
    assert report.hit1_rate >= 0.95, report.misses
    assert report.hit3_rate == 1.0, report.misses


# beyond the evaluation set: typos, facets, one character, negations, fillers, Latin letters
AGREEMENT_QUERIES = ["党见", "考和机治", "三会一一课", "一岗双贵", "类型:对策 考核", "层级:党员 述职", "党", "不",
                     "领导不作为咋办", "请问到底啥是五同呢", "pdf", "nginx 部署", "搞好党建", "组织身活", "两张皮 兩張皮",
                     "类型:站点说明 三会一棵", "三会一棵",
                     # the knowledge graph (why), role names, single characters between words
                     "为什么组织生活流于形式", "为啥重业务轻党建", "党支部书记怎么抓业务", "党员怎么发挥作用", "党建总是虚",
                     # a word of the language next to loose characters is no typo (主意, 参考)
                     "书记没给党建拿过一个主意", "有没有好做法可以参考",
                     # numerals are kept (有五 is not 有误), a doubled one dropped
                     "只有五个党员", "三会一一课",
                     # asking for an example: the cases first; the frame alone is the query
                     "党建业务融合有什么好的案例", "典型案例", "案例",
                     # a "cannot" complement after a verb is not searched; in a longer word it is
                     "业务忙顾不到党建", "考核打分做不到公平", "责任落实不到位", "党建跟不上业务",
                     # 怎么 with 总 / 就 / 还: why; 清单 / 单子: checklists; a complaint: problems
                     "党建考核怎么总是走过场", "党建责任咋到下面就越来越虚了", "学完了该咋干还咋干",
                     "机关党建咋跟给老百姓解决难事结合起来",
                     "党组书记一年该抓哪几件事，有现成的单子吗", "一把手压根不过问党建，全甩给机关党委去弄",
                     "一把手述职时应该讲些什么内容", "工委下去摸党建和业务脱节的底，有没有先例",
                     "以前没干过党务，支部书记一年要做哪些事",
                     # two loose characters of a sentence are no typo (着用 is not 作用, 人也 not 人意)
                     "党建和业务的人财物统筹着用", "让干党务的人也能被提拔", "考合结果咋用",
                     "选拔干部时想把抓党建当回事", "考和机治", "述只报告", "怎么成就一支好队伍",
                     "党建还有哪些地方需要改进", "以前支部从来没这样搞过活动", "总书记关于机关党建的论述",
                     # characters outside the BMP and unusual spaces count alike on both sides (review)
                     "党建考核怎么😂😂😂😂😂总是走过场", "别人😂😂😂😂做过 党建", "党建怎么\ufeff就虚了",
                     "党建怎么\x1f就虚了",
                     # what a situation amounts to (diagnose): problems; 根子在哪 / 问题出在哪: why
                     "我们处一年到头支部大会只开过两回 平时都拿处务会顶替 这属于哪种问题",
                     "新来的年轻人都不愿意干党务 这种情况该怎么看", "处里的党员评议都是互相打高分 这靠谱吗",
                     "年初布置的党建任务一到科室就没人管了 问题出在哪", "考核时怎么看出谁干得好",
                     "评先进全看材料厚不厚 活干得怎么样没人看",
                     "党组织书记每年当面向上级报告抓党建的情况 再由大家打分 这种做法叫啥", "党建和业务放在一起定目标的好做法",
                     "考核年年走过场 根子到底在哪",
                     # characters the index lacks make no word across a function character (调没, 跟处)
                     "我们局党办缺人 内部选调没人报名", "支部开会跟处里例会没两样", "一年到头没给党建拿过主意",
                     # the review's false readings, now read right (2026-12-07)
                     "解决两张皮的办法是什么", "症结在哪里", "病根在哪儿", "党员积极性普遍不高怎么办", "怎么从根子上解决两张皮",
                     "怎么看出来谁干得好", "考核怎么看实绩", "经费预算什么情况下能调剂", "支部书记要懂得如何调动党员",
                     "互相打分的做法叫啥名字来着", "这 属于 哪种 问题", "这样正常不正常", "无锡机关党建",
                     "机关党建要不断创新", "未来三年党建工作规划 不同单位", "领导嘴上说重视党建，实际上不管",
                     # a list asked for in spoken words, the named role's checklist; 不作为 with no bare 作为
                     "机关党委一年的活 有没有个对照表", "帮支部书记整理一份全年党建要点 按月排出来", "普通党员工作清单",
                     "党组书记抓党建该抓哪几件事，有现成的单子吗", "下属跟领导对着干怎么办", "领导不作为咋整",
                     "党组书纪一年的事有没有个对照表",
                     # whether to do it: the countermeasure; 职能不能发挥 is a complaint
                     "年底考核党建和业务能不能放一起考", "专班要不要单独建个支部", "机关党委职能不能发挥",
                     "班子成员这份双重责任的单子该怎么列", "机关党组织能不能直接管单位的业务", "对照表", "普通党员一年该干啥 有对照表没"]


@pytest.mark.parametrize("held_out", HELD_OUT_SETS, ids=lambda p: p.stem)
def test_held_out_queries_in_chromium(page, site_url, site_engine, held_out):
    """The held-out sets (written after tuning): their figures are reported in docs/guide/search.md,
    not held to a bar; the browser must agree with Python on them, and every expected entry exist."""
    open_search(page, site_url + "index.html")
    cases = load_cases(held_out)
    ids = {entry_id_of(d[0]) for d in site_engine.docs}
    assert all(c.expect in ids for c in cases)
    got = {c.q: [entry_id_of(h) for h in run_query(page, c.q)[:3]] for c in cases}
    print(f"chromium {held_out.stem}:", evaluate(cases, got.__getitem__).line())
    for kind, kind_report in evaluate_by_kind(cases, got.__getitem__).items():
        print(f"chromium {held_out.stem} {kind}: {kind_report.line()}")
    for c in cases:
        assert got[c.q] == [entry_id_of(r["location"]) for r in site_engine.search(c.q)[:3]], c.q


def test_browser_and_python_rank_alike(page, site_url, site_engine, built_site):
    page.goto(site_url + "index.html")
    load_whole_index(page, site_url, built_site)
    for q in [case.q for case in load_cases(QUERIES)] + AGREEMENT_QUERIES:
        js = page.evaluate("""q => { const r = rhEngine.search(q)
            return [r.hits.slice(0, 3).map(h => h.ref), r.parsed.units, r.parsed.corrections, r.parsed.intent] }""", q)
        parsed = site_engine.parse(q)
        py = [[r["ref"] for r in site_engine.rank(parsed)[:3]], parsed.units,
              [list(c) for c in parsed.corrections], parsed.intent]
        assert js == py, q


# the engine scores from the packed postings (PackedIndex.query); lunr.js, scoring the same index
# unpacked, must give the same pages, the same scores to the last bit and the same matched terms
COMPARE_WITH_LUNR = """([queries, head, body]) => {
  const e = rhEngine
  e.prepare()
  const indexes = [lunr.Index.load(head), lunr.Index.load(body)], P = e.indexes[0].constructor.prototype
  const own = P.query, bad = []
  let compared = 0
  P.query = function (clauses) {
    const mine = own.call(this, clauses), x = e.indexes.indexOf(this)
    const theirs = indexes[x].query(q => clauses.forEach(c => q.term(c[0], { boost: c[2], usePipeline: false,
      wildcard: c[1] ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE })))
    const byRef = {}
    mine.forEach(r => { byRef[r.ref] = r })
    if (mine.length !== theirs.length) bad.push([x, clauses, mine.length, theirs.length])
    for (const r of theirs) {
      const m = byRef[r.ref]
      if (!m || m.score !== r.score || JSON.stringify(m.terms) !== JSON.stringify(Object.keys(r.matchData.metadata)))
        bad.push([x, clauses, r.ref, r.score, m && m.score])
    }
    compared += theirs.length
    return mine
  }
  for (const q of queries) e.search(q)
  return { compared: compared, bad: bad.slice(0, 5) }
}"""


def test_scores_from_the_packed_postings_are_lunrs(page, site_url, site_bundle, built_site):
    from ronghe.build.search.publish import WEB

    page.goto(site_url + "index.html")
    page.add_script_tag(content=(WEB / "lunr.js").read_text(encoding="utf-8"))
    load_whole_index(page, site_url, built_site)
    queries = [case.q for case in load_cases(QUERIES)] + AGREEMENT_QUERIES + ["党建", "考核 党", "两张皮 整改"]
    got = page.evaluate(COMPARE_WITH_LUNR, [queries, site_bundle["index"], site_bundle["body"]])
    assert got["compared"] > 1000 and got["bad"] == [], got["bad"]


def test_results_show_their_type_and_can_be_narrowed(page, site_url):
    open_search(page, site_url + "index.html")
    run_query(page, "考核")
    tags = page.eval_on_selector_all(".md-search-result__item .md-tag", "els => els.map(e => e.textContent)")
    assert {"问题", "对策"} <= set(tags)
    assert page.eval_on_selector_all(".md-search-result__item mark", "els => els.length") > 0   # highlighting

    page.click(".rh-facets__type:text-is('对策')")
    wait_for_answer(page)
    assert page.input_value("input.md-search__input").startswith("类型:对策")
    tags = page.eval_on_selector_all(".md-search-result__item .md-tag", "els => els.map(e => e.textContent)")
    assert tags and set(tags) == {"对策"}
    assert page.get_attribute(".rh-facets__type:text-is('对策')", "aria-pressed") == "true"

    page.select_option(".rh-facets__level", "党员")
    wait_for_answer(page)
    value = page.input_value("input.md-search__input")
    assert "层级:党员" in value and "类型:对策" in value
    narrowed = page.eval_on_selector_all(RESULT_LINKS, "els => els.length")
    page.click(".rh-facets__type:text-is('全部')")
    assert not page.input_value("input.md-search__input").startswith("类型")
    assert narrowed > 0


def test_every_type_a_result_is_tagged_with_has_a_button_that_narrows_to_it(page, site_url):
    """术语, 专题, 文献 and 层级 results had no button: a reader could not keep only those."""
    open_search(page, site_url + "index.html")
    run_query(page, "两张皮")
    tags = set(page.eval_on_selector_all(".md-search-result__item .md-tag", "els => els.map(e => e.textContent)"))
    buttons = page.eval_on_selector_all(".rh-facets__type", "els => els.map(e => e.textContent)")
    assert {"术语", "专题", "文献", "层级"} <= set(buttons)
    assert tags and tags - {"页面"} <= set(buttons), "a generic page (页面) is the only tag without a button"
    for label in ("术语", "专题", "文献", "层级"):
        page.click(f".rh-facets__type:text-is('{label}')")
        page.wait_for_function("""label => {
            const tags = [...document.querySelectorAll('.md-search-result__item .md-tag')].map(t => t.textContent)
            return tags.length > 0 && tags.every(t => t === label)
        }""", arg=label)
        assert page.get_attribute(f".rh-facets__type:text-is('{label}')", "aria-pressed") == "true"


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


# the text of each result besides its title and type tag: the passage
SUMMARY_TEXTS = """() => [...document.querySelectorAll('.md-search-result__item article')].map(a => {
  const c = a.cloneNode(true); c.querySelectorAll('h1, nav').forEach(e => e.remove()); return c.textContent.trim() })"""


def hrefs_of(page) -> list[str]:
    """The pages the results link to, in order (without ``?h=``, the words to highlight)."""
    return page.eval_on_selector_all(RESULT_LINKS, "els => els.map(a => a.getAttribute('href').split('?')[0])")


def wait_for_passages(page) -> None:
    """Until the last answer is final (the passages of its first results are in) and shown."""
    page.wait_for_function("window.__rhFinal === true")
    page.wait_for_timeout(100)           # (Material renders the list in the next frame)


INDEX_FILE = re.compile(r"/search/ronghe_[0-9a-f]{10}/[^/]+$")


def index_requests(page) -> list[str]:
    """Names of the index files the page's worker fetches (``t3.js`` ...), as they are asked for."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url.rsplit("/", 1)[1]) if INDEX_FILE.search(r.url) else None)
    return asked


def test_an_answer_waits_for_the_chunks_it_needs_and_is_the_whole_index_answer(page, site_url, site_engine):
    # the page chunks held back: nothing is shown from postings alone (which would reorder
    # once titles and summaries arrive); released, the answer is the whole index's, in full
    held = []
    page.route("**/search/ronghe_*/m*.js", lambda route: held.append(route))
    asked = index_requests(page)
    page.add_init_script(WATCH_WORKER)
    page.goto(site_url + "index.html")
    page.click("input.md-search__input")
    page.wait_for_function("window.__rhReady === true")
    assert asked[0] == "head.js" and all(n[0] in "mt" for n in asked[1:])   # ready with the head alone
    # (then the page chunks and term chunks, in the background; the page chunks held here)
    answered = page.evaluate("window.__rhResults")                 # (the empty box, if Material asked)
    page.fill("input.md-search__input", "考核就是摆样子咋整")
    page.keyboard.press("End")
    page.wait_for_timeout(500)
    assert held, "the worker did not ask for the page chunks"
    assert page.evaluate("window.__rhResults") == answered
    assert any(name.startswith("t") for name in asked)            # it had the postings of the words
    while held:
        held.pop().continue_()
        page.wait_for_timeout(50)
    page.wait_for_function(f"window.__rhResults > {answered} && window.__rhFinal && document.querySelector('.md-search-result__item')")
    page.wait_for_timeout(200)
    orders = page.evaluate(f"window.__rhOrders.slice({answered})")
    assert 1 <= len(orders) <= 2 and all(o == orders[0] for o in orders)   # never re-sorted
    expected = [r["location"] for r in site_engine.search("考核就是摆样子咋整")]
    shown = [entry_id_of(h) for h in hrefs_of(page)]                # (Material shows ten, more on scrolling)
    assert len(shown) >= min(10, len(expected)) and shown == [entry_id_of(e) for e in expected][:len(shown)]
    assert all(page.evaluate(SUMMARY_TEXTS))                      # every result has its passage or summary


def test_passages_arrive_in_place_and_a_keyboard_reader_stays_on_their_result(page, site_url):
    # the texts of pages held back: the results are shown at once with summaries, then the
    # same results again with the passage that matched; the result focused by keyboard keeps focus
    held = []
    page.route("**/search/ronghe_*/x*.js", lambda route: held.append(route))
    open_search(page, site_url + "index.html")
    hrefs = run_query(page, "三会一课")    # (no synonym phrase: ranking reads no page text)
    assert page.evaluate("window.__rhFinal") is False                # shown before the texts are in ...
    for _ in range(100):                                             # ... which are asked for after it
        if held:
            break
        page.wait_for_timeout(20)
    assert held
    summaries = page.evaluate(SUMMARY_TEXTS)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused in hrefs
    while held:
        held.pop().continue_()
    wait_for_passages(page)
    orders = page.evaluate("window.__rhOrders")
    assert orders[-1] == orders[-2]                                  # the same results, in the same order
    assert page.evaluate(SUMMARY_TEXTS) != summaries                 # passages in place of summaries
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == focused
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0].endswith(focused.split("?")[0].lstrip("./"))


# Material's re-render of the list, as for a newer answer: the same pages, other words to highlight
# (?h=), or other pages
RERENDER = """(pages) => {
  const list = document.querySelector(".md-search-result__list")
  const items = [...list.children].map(li => li.cloneNode(true))
  items.forEach(li => li.querySelectorAll("a[href]").forEach(a => {
    const u = new URL(a.getAttribute("href"), location.href)
    a.setAttribute("href", (pages ? u.pathname : u.pathname.replace(/[^/]*$/, "other.html")) + "?h=" + encodeURIComponent("别的 词"))
  }))
  list.replaceChildren(...items)
}"""


def test_a_keyboard_reader_stays_on_their_page_when_the_list_is_drawn_again(page, site_url):
    # the answer to the query typed last can replace the list a reader is already in (its links carry
    # other words to highlight): the focus stays on the same page's result, or returns to the box
    open_search(page, site_url + "index.html")
    run_query(page, "一岗双责")
    wait_for_passages(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    path = page.evaluate("() => new URL(document.activeElement.getAttribute('href'), location.href).pathname")
    page.evaluate(RERENDER, True)
    page.wait_for_function("() => document.activeElement.closest('.md-search-result__item')")
    assert page.evaluate("() => new URL(document.activeElement.getAttribute('href'), location.href).pathname") == path
    page.evaluate(RERENDER, False)                                   # now the page is not among them
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")


# an engine with the head alone, answering through settle() from the index files loaded as
# scripts: the chunks it asks for, and its answer
ANSWER_FROM_HEAD = """async ([queries]) => {
  const parts = self.__rongheParts, engine = RongheSearchEngine.fromFiles({ head: parts.head }), out = []
  for (const q of queries) {
    const asked = []
    const data = await engine.settle(e => e.result(q, false), name => { asked.push(name); return Promise.resolve(parts[name]) }, 40)
    out.push({ asked, locations: data.items.map(item => item[0].location),
               whole: rhEngine.result(q, false).items.map(item => item[0].location) })
  }
  return out }"""


def test_a_query_fetches_only_the_chunks_it_needs(page, site_url, built_site):
    files = {path.stem for path in index_folder(built_site).glob("*.js")}
    page.goto(site_url + "index.html")
    load_whole_index(page, site_url, built_site)
    first, other, again = page.evaluate(ANSWER_FROM_HEAD, [["三会一课", "两张皮", "三会一课"]])
    terms = {name for name in files if name.startswith("t")}
    assert first["asked"] and set(first["asked"]) <= files - {"head"}
    assert 0 < len(set(first["asked"]) & terms) < len(terms) / 2, first["asked"]   # its words' term chunks
    assert len(first["asked"]) == len(set(first["asked"]))       # no chunk twice
    assert first["locations"] == first["whole"] and other["locations"] == other["whole"]
    assert again["asked"] == [] and again["locations"] == first["locations"]


def test_once_the_index_is_in_a_query_fetches_only_the_texts_it_shows(page, site_url, built_site):
    # after ready, the worker fetches in the background every chunk ranking reads, and says so
    files = {path.name for path in index_folder(built_site).glob("*.js")}
    asked = index_requests(page)
    open_search(page, site_url + "index.html")
    page.wait_for_function("window.__rhIndex === true")
    assert {name for name in files if name[0] in "tm"} <= set(asked)
    before = len(asked)
    run_query(page, "考核就是摆样子咋整")
    wait_for_passages(page)
    assert asked[before:] and all(name.startswith("x") for name in asked[before:])


def test_a_query_with_synonym_phrases_does_not_wait_for_the_pages_texts(page, site_url, site_engine):
    # which pages hold a phrase of the synonym list (一把手 -> 主要领导, 单位领导 ...) is in the index's head
    # (phrases.py): with every text chunk held back, the ranked answer still comes, the whole index's; the
    # texts are asked for afterwards, for the passages shown (at N = 5,000 a first such query had fetched
    # the texts of up to a hundred pages before answering)
    held = []
    page.route("**/search/ronghe_*/x*.js", lambda route: held.append(route))
    open_search(page, site_url + "index.html")
    page.wait_for_function("window.__rhIndex === true")
    q = "一把手对党建不上心"
    assert site_engine.parse(q).phrases
    hrefs = run_query(page, q)
    assert not page.evaluate("window.__rhFinal")             # (the passages are still to come)
    expected = [entry_id_of(r["location"]) for r in site_engine.search(q)]
    shown = [entry_id_of(h) for h in hrefs]
    assert shown and shown == expected[:len(shown)]
    for _ in range(100):                 # the passages' texts are asked for once the results are shown
        if held:
            break
        page.wait_for_timeout(50)
    assert held
    while held:
        held.pop().continue_()
    wait_for_passages(page)
    assert [entry_id_of(h) for h in hrefs_of(page)][:len(shown)] == shown      # the same order, with passages


# Notes each worker the page creates: whether the page's body existed yet (it does not while the
# <head> is parsed; Material's bundle runs at the end of the body), and the constructor in place
WORKER_BIRTHS = """(() => { const W = window.Worker; if (!W) return; window.__rhBirths = []
  window.Worker = function (url, opts) { window.__rhBirths.push({url: String(url), inHead: document.body === null})
    return new W(url, opts) }
  window.Worker.prototype = W.prototype; window.__rhWorkerCtor = window.Worker })()"""


def test_the_search_worker_starts_while_the_page_loads_and_only_once(page, site_url, built_site):
    # the worker is created from the page's <head> and loads the index's head while the page loads;
    # Material's own `new Worker` for the same script gets that worker: one worker, one download,
    # and the page's Worker constructor is the browser's again afterwards
    workers = []
    page.on("request", lambda r: workers.append(r.url) if "/assets/javascripts/workers/" in r.url else None)
    for script in (WORKER_BIRTHS, WATCH_WORKER, "window.__rhWorkerCtor = window.Worker"):
        page.add_init_script(script)
    page.goto(site_url + "problems/index.html")
    page.click("input.md-search__input")
    page.wait_for_function("window.__rhReady === true")
    births = page.evaluate("window.__rhBirths")
    assert len(births) == 1 and births[0]["inHead"], births
    assert births[0]["url"].startswith("../assets/javascripts/workers/search.")
    assert len(workers) == 1, workers
    assert page.evaluate("window.Worker === window.__rhWorkerCtor")
    assert entry_id_of(run_query(page, "两张皮")[0]) == "term-liangzhangpi"


def test_search_goes_on_when_the_site_is_updated_under_an_open_page(browser, built_site, tmp_path):
    # an administrator replaces the site while a reader has a page open: the old index folder is
    # gone; the next query that needs a chunk reads the entry file again and answers from the new index
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    entry = site / "search" / ENTRY_FILE
    day_ago = time.time() - 86400        # a server without the documented no-cache: the browser may keep
    os.utime(entry, (day_ago, day_ago))  # the entry file for a while (10 % of its age) without asking
    server = serve_directory(site)
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    try:
        page.add_init_script(WATCH_WORKER)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        page.click("input.md-search__input")
        page.wait_for_function("window.__rhReady === true")
        assert entry_id_of(run_query(page, "两张皮")[0]) == "term-liangzhangpi"
        old = index_folder(site)
        new = old.with_name("ronghe_0123456789")
        old.rename(new)
        entry.write_text(entry.read_text(encoding="utf-8").replace(old.name, new.name), encoding="utf-8")
        assert entry_id_of(run_query(page, "黨建考核流於形式")[0]) == "dangjian-kaohe-liuyu-xingshi"
    finally:
        context.close()
        server.shutdown()


def test_a_page_opened_before_the_index_was_written_searches_once_it_is_there(browser, built_site, tmp_path):
    # the development server writes the index in the background a moment after the pages: a page
    # opened in between found no entry file; its worker tries again at the next query
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    entry = site / "search" / ENTRY_FILE
    held = entry.with_name("held.js")
    entry.rename(held)
    server = serve_directory(site)
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    try:
        open_search(page, f"http://127.0.0.1:{server.server_address[1]}/index.html")
        page.fill("input.md-search__input", "考核")
        page.keyboard.press("End")
        page.wait_for_function("window.__rhAnswered === '考核'")
        held.rename(entry)
        assert entry_id_of(run_query(page, "两张皮")[0]) == "term-liangzhangpi"
    finally:
        context.close()
        server.shutdown()


def test_a_typo_is_searched_as_the_corrected_word_and_said_so(page, site_url):
    open_search(page, site_url + "index.html")
    hrefs = run_query(page, "党见考核流于形式")
    assert entry_id_of(hrefs[0]) == "dangjian-kaohe-liuyu-xingshi"
    page.wait_for_selector(".rh-note:not([hidden])")
    assert page.text_content(".rh-note") == "已按“党建考核流于形式”搜索（输入的是“党见考核流于形式”）"
    hrefs = run_query(page, "述值")
    assert entry_id_of(hrefs[0]) == "term-shuzhi-pingyi"
    page.wait_for_function("document.querySelector('.rh-note').textContent.includes('“述职”')")
    run_query(page, "述职")                               # typed right: no note
    page.wait_for_selector(".rh-note", state="hidden")
    hrefs = run_query(page, "主题责任")                     # two real words, one of them the wrong one
    assert entry_id_of(hrefs[0]) == "term-zhuti-zeren"
    page.wait_for_function("document.querySelector('.rh-note').textContent.includes('“主体责任”')")
    run_query(page, "主题党日")                           # a term of its own: no note
    page.wait_for_selector(".rh-note", state="hidden")
    run_query(page, "述值")
    page.wait_for_selector(".rh-note:not([hidden])")
    run_query(page, "只有五个党员")                        # 有五 sounds like 有误: a count is no typo
    page.wait_for_selector(".rh-note", state="hidden")
    assert "有误" not in page.text_content(".md-search-result__list")


def test_text_put_in_without_a_key_is_searched(page, site_url):
    # pasted with the mouse or spoken by voice input: an input event and no key (Material alone
    # searches on keyup and kept showing 键入以开始搜索)
    open_search(page, site_url + "index.html")
    page.evaluate("() => document.querySelectorAll('.md-search-result__item').forEach(li => li.dataset.rhOld = '1')")
    page.fill("input.md-search__input", "两张皮")          # fill: one input event, no key
    wait_for_answer(page)
    assert entry_id_of(page.eval_on_selector_all(RESULT_LINKS, "els => els.map(a => a.getAttribute('href'))")[0]) \
        == "term-liangzhangpi"


def _contrast_with_white(rgb: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)


def test_a_result_chosen_with_the_arrow_keys_has_a_visible_ring(page, site_url):
    # the search sheet is white inside the (dark) header, whose focus ring is white: a result chosen
    # with the arrow keys showed only a pale tint
    open_search(page, site_url + "index.html")
    run_query(page, "两张皮")
    page.keyboard.press("ArrowDown")
    ring = page.evaluate("""() => { const a = document.activeElement, cs = getComputedStyle(a)
      return {cls: a.className, visible: a.matches(':focus-visible'), style: cs.outlineStyle,
              width: parseFloat(cs.outlineWidth), color: cs.outlineColor} }""")
    assert "md-search-result__link" in ring["cls"] and ring["visible"], ring
    assert ring["style"] == "solid" and ring["width"] >= 2, ring
    assert _contrast_with_white(ring["color"]) >= 3, ring     # WCAG 1.4.11: 3:1 against the white sheet


MARKS = "els => els.map(e => e.textContent)"


def test_the_result_list_reads_well(page, site_url):
    open_search(page, site_url + "index.html")
    hrefs = run_query(page, "工作太忙没时间抓党建")
    wait_for_passages(page)              # (the list is drawn again when the passages come)
    assert hrefs and not [h for h in hrefs if "guide/" in h]            # reader pages only
    marks = page.eval_on_selector_all(".md-search-result__item mark", MARKS)
    assert marks and all(len(m) >= 2 for m in marks)                   # words, not characters
    missing = page.eval_on_selector_all(".md-search-result__terms del", MARKS)
    assert missing and set(missing) <= {"工作", "太忙", "没时间", "党建"}  # 缺少: real words only
    style = page.eval_on_selector(".md-search-result__terms del", """e => [getComputedStyle(e).textDecorationLine,
        getComputedStyle(e.parentElement).fontStyle]""")
    assert style == ["none", "normal"]                                  # upright, not struck through

    # words the site has never seen are named as typed (治病救人, 半毛钱), not as the characters it lacks (病救, 半毛)
    run_query(page, "医院支部的活动跟治病救人半毛钱关系没有")
    wait_for_passages(page)
    missing = set(page.eval_on_selector_all(".md-search-result__terms del", MARKS))
    assert {"治病救人", "半毛钱"} <= missing and not missing & {"病救", "半毛", "跟治病救人"}, missing

    # the passage that matched, not the fixed summary: 摆样子 is searched as 流于形式
    run_query(page, "考核就是摆样子")
    wait_for_passages(page)
    text = page.evaluate(SUMMARY_TEXTS)[0]
    marks = page.eval_on_selector_all(".md-search-result__item:first-child mark", MARKS)
    assert any("流于形式" in m for m in marks) and "流于形式" in text

    # said the way cadres say it: found by the entry's 常见说法, which the passage shows
    hrefs = run_query(page, "支部开会光念文件")
    wait_for_passages(page)
    assert entry_id_of(hrefs[0]) == "zuzhi-shenghuo-liuyu-xingshi"
    text = page.evaluate(SUMMARY_TEXTS)[0]
    marks = page.eval_on_selector_all(".md-search-result__item:first-child mark", MARKS)
    assert text == "常见说法：支部开会就是念文件", text                # the saying it matched
    assert any("开会" in m for m in marks) and "念文件" in marks, marks   # a phrase of the synonym list, as typed
    assert page.eval_on_selector_all(".md-search-result__item:first-child .md-search-result__terms del", MARKS) == []
    # the reader's own words count more than synonyms: the saying, not the summary with 考评 in it
    hrefs = run_query(page, "考核就看资料盒子厚不厚")
    wait_for_passages(page)
    assert entry_id_of(hrefs[0]) == "dangjian-kaohe-liuyu-xingshi"
    assert page.evaluate(SUMMARY_TEXTS)[0] == "常见说法：考核全看资料盒子厚不厚"

    # a passage has no stray spaces at punctuation (the case's 三个字： 责 ： came from bold text)
    run_query(page, "一份清单明责")
    wait_for_passages(page)
    texts = page.evaluate(SUMMARY_TEXTS)
    assert any("明责" in t for t in texts)
    assert not [t for t in texts if re.search(r"\s[，。、；：？！（）“”]|[，。、；：？！（）“”]\s", t)], texts

    # a passage begins with a sentence, not with the closing quote of the one before (……一起检查。”机关党建)
    for q in ("为什么党建和业务老是搞成两张皮", "党建和业务一起谋划一起部署一起检查"):
        run_query(page, q)
        wait_for_passages(page)
        texts = page.evaluate(SUMMARY_TEXTS)
        assert texts and not [t for t in texts if re.match(r"…?[”’）」』》，。、；：！？]", t)], texts

    # maintainer pages: under their own facet only
    hrefs = run_query(page, "部署")
    assert hrefs and not [h for h in hrefs if "guide/" in h]
    page.click(".rh-facets__type:text-is('站点说明')")
    wait_for_answer(page)
    hrefs = hrefs_of(page)
    assert hrefs and all("guide/" in h for h in hrefs) and "guide/deploy.html" in hrefs[0]


def test_an_index_of_another_format_is_refused_in_plain_words(browser, built_site, tmp_path):
    # a page and worker cached from an older release against a newer index (or the reverse):
    # the worker reads the format in the entry file, shows why it cannot search, and no results
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    entry = site / "search" / ENTRY_FILE
    text = entry.read_text(encoding="utf-8")
    assert f'"format":{FORMAT_VERSION}' in text
    entry.write_text(text.replace(f'"format":{FORMAT_VERSION}', '"format":999'), encoding="utf-8")
    server = serve_directory(site)
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        page.click("input.md-search__input")
        page.fill("input.md-search__input", "两张皮")
        page.keyboard.press("End")
        page.wait_for_function("() => { const n = document.querySelector('p.rh-note'); return n && !n.hidden }")
        assert "刷新页面" in page.text_content("p.rh-note")
        assert page.eval_on_selector_all(".md-search-result__item:not([hidden])", "els => els.length") == 0
    finally:
        context.close()
        server.shutdown()
