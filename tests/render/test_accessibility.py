"""Accessibility and reading in headless Chromium (issue 18): axe-core (WCAG 2.1 A/AA) on
every page type at 1280 and 390 px, pages that reflow at 320 px and 200 % zoom, the map's
对策 column always visible, keyboard use of the map, the checklist and search, visible
focus, the 大字 switch, an empty progress bar that looks empty, and citations that land
highlighted on the quoted passage."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from ronghe.content.checklists import level_checklists
from ronghe.content.loader import load_and_validate
from ronghe.site.urls import checklist_uri, entry_uri

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def kb():
    kb, result = load_and_validate(ROOT / "content")
    assert kb is not None, result.errors.report()
    return kb


def _html(uri: str) -> str:
    return uri[:-3] + ".html"


def page_types(kb) -> dict[str, str]:
    """One page of every type a reader meets (site-root-relative URLs)."""
    first = {t: kb.by_type(t)[0] for t in ("problem", "cause", "countermeasure", "case", "level", "term", "source",
                                          "topic")}
    return {
        "home": "index.html", "section": "problems/index.html",
        **{t: _html(entry_uri(e)) for t, e in first.items()},
        "checklist": _html(checklist_uri(level_checklists(kb)[0])), "checklist-index": "checklists/index.html",
        "matrix": "indexes/matrix.html", "map": "indexes/map.html", "by-level": "indexes/by-level.html",
        "by-tag": "indexes/by-tag.html", "printables": "training/printables.html", "search": "index.html#search",
        "404": "404.html", "guide": "guide/editing.html",
    }


def open_search_results(page, url: str, query: str = "考核") -> None:
    page.goto(url)
    button = page.locator("label.md-header__button[for=__search]").first
    (button if button.is_visible() else page.locator("input.md-search__input")).click()
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")                 # Material reads the box on keyup
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(500)                 # the overlay fades in: colours are read once it is opaque


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options=WCAG).response
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_or_critical_axe_violations_on_any_page_type(browser, site_url, kb, width, scheme):
    if scheme == "dark" and width != 1280:
        pytest.skip("the dark scheme is checked at one width (colours do not depend on it)")
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    failures = {}
    try:
        for name, url in page_types(kb).items():
            if name == "search":
                open_search_results(page, site_url + "index.html")
            else:
                page.goto(site_url + url)
            found = axe_violations(page)
            if found:
                failures[name] = found
    finally:
        context.close()
    assert failures == {}


# --- reflow -----------------------------------------------------------------------------------
REFLOW_PAGES = ("index.html", "indexes/matrix.html", "indexes/map.html", "indexes/by-level.html",
                "checklists/index.html", "guide/editing.html")


def test_no_page_shows_an_empty_navigation_column_at_desktop_width(browser, site_url, kb):
    # pages outside the navigation (entries, the maintainers' guide) have no item of it to show
    # when the tabs lift each section: the column is hidden, not left empty beside the text
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    empty = []
    try:
        for name, url in page_types(kb).items():
            page.goto(site_url + url.split("#")[0])
            shown = page.evaluate("""() => {
                const bar = document.querySelector('.md-sidebar--primary');
                if (!bar || bar.offsetParent === null) return null;
                return [...bar.querySelectorAll('a')].filter(a => a.offsetParent !== null).length;
            }""")
            if shown == 0:
                empty.append(name)
            if name == "guide":   # a long page of its own headings keeps its table of contents
                toc = page.locator(".md-sidebar--secondary .md-nav__link")
                assert toc.first.is_visible() and toc.count() >= 5
    finally:
        context.close()
    assert empty == []


@pytest.mark.parametrize("viewport, zoom", [((390, 844), 1), ((320, 640), 1), ((1280, 800), 2)],
                         ids=["phone-390", "narrow-320", "zoom-200"])
def test_pages_reflow_without_sideways_scrolling(browser, site_url, kb, viewport, zoom):
    # 200 % zoom of a 1280 px window: a 640 CSS px layout on a screen of twice the density
    w, h = viewport
    context = browser.new_context(locale="zh-CN", viewport={"width": w // zoom, "height": h // zoom},
                                  device_scale_factor=zoom)
    page = context.new_page()
    pages = list(REFLOW_PAGES) + [_html(entry_uri(kb.by_type(t)[0])) for t in ("problem", "cause", "countermeasure",
                                                                                 "source")]
    pages.append(_html(checklist_uri(level_checklists(kb)[0])))
    wide = []
    try:
        for url in pages:
            page.goto(site_url + url)
            over = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if over > 1:
                wide.append((url, over))
    finally:
        context.close()
    assert wide == []


@pytest.mark.parametrize("width, zoom", [(1280, 1), (390, 1), (1280, 2)], ids=["desktop", "phone", "zoom-200"])
def test_the_countermeasure_column_of_a_map_is_always_visible(browser, site_url, kb, width, zoom):
    problem = max(kb.by_type("problem"), key=lambda p: len(kb.causes_of(p.id)))
    context = browser.new_context(locale="zh-CN", viewport={"width": width // zoom, "height": 900 // zoom},
                                  device_scale_factor=zoom)
    page = context.new_page()
    try:
        for url in (_html(entry_uri(problem)), "indexes/map.html"):
            page.goto(site_url + url)
            inner = page.evaluate("innerWidth")
            # the drawing's 对策 boxes or, on narrow screens, the list's countermeasure links
            boxes = page.locator("figure.rh-map-figure svg.rh-map g.rh-map__node--countermeasure, "
                                 "figure.rh-map-figure ul.rh-map-list a[href*='countermeasures/']")
            visible = [b for b in boxes.all()[:12] if b.is_visible()]
            assert visible, url
            for box in visible:
                bb = box.bounding_box()
                assert bb["x"] >= 0 and bb["x"] + bb["width"] <= inner + 1, (url, bb)
    finally:
        context.close()


# --- keyboard and focus ------------------------------------------------------------------------
def test_tabbing_to_a_map_box_brings_out_its_paths(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "indexes/map.html")
    svg = page.locator("svg.rh-map").first
    cause = svg.locator("g.rh-map__node--cause").first
    cause_id = cause.get_attribute("data-id")
    svg.locator("a").first.focus()
    for _ in range(40):                               # Tab until the cause box has the focus
        if page.evaluate("() => document.activeElement.querySelector && "
                         "document.activeElement.querySelector('g.rh-map__node')?.dataset.id") == cause_id:
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("the cause box cannot be reached with Tab")
    on = page.evaluate("""id => [...document.querySelector('svg.rh-map').querySelectorAll('path.rh-map__edge')]
        .map(p => [p.dataset.from === id || p.dataset.to === id, p.classList.contains('is-on'),
                   parseFloat(getComputedStyle(p).strokeOpacity)])""", cause_id)
    own = [o for mine, o, _ in on if mine]
    assert own and all(own)                                       # its own lines and the paths beyond
    faded = [op for _, lit, op in on if not lit]
    assert all(op < 0.2 for op in faded)
    page.wait_for_timeout(300)                                    # the outline grows in .1 s
    outline = page.evaluate("() => getComputedStyle(document.activeElement.querySelector('rect')).strokeWidth")
    assert float(outline.rstrip("px")) >= 3                      # the focused box is marked


def test_the_page_entry_box_without_a_link_can_be_focused_and_pinned(page, site_url, kb):
    problem = max(kb.by_type("problem"), key=lambda p: len(kb.causes_of(p.id)))
    page.goto(site_url + _html(entry_uri(problem)))
    own = page.locator("svg.rh-map g.rh-map__node--focus")
    own.focus()
    page.keyboard.press("Enter")
    page.locator("h1").click()                                    # focus leaves: the pinned paths stay
    assert page.locator("svg.rh-map path.rh-map__edge.is-on").count() > 0


def test_more_box_leads_to_the_full_list(page, site_url, built_site):
    pages = [p for p in sorted(built_site.glob("*/*.html")) if 'data-id="more-' in p.read_text(encoding="utf-8")]
    if not pages:
        pytest.skip("no entry of the content has more neighbours than a map shows")
    url = site_url + pages[0].relative_to(built_site).as_posix()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    page.locator("svg.rh-map a:has(g.rh-map__node--more)").first.click()
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert page.evaluate(f"() => document.getElementById('{anchor}').getBoundingClientRect().top") < 300


def test_checklist_by_keyboard_and_an_empty_bar_that_looks_empty(page, site_url, kb):
    from PIL import Image

    lc = level_checklists(kb)[0]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + _html(checklist_uri(lc)))

    def darkness() -> float:
        img = Image.open(io.BytesIO(page.locator(".rh-cl-bar").screenshot())).convert("L")
        pixels = list(img.getdata())
        return sum(1 for p in pixels if p < 160) / len(pixels)

    assert darkness() < 0.25                         # at 0 of N: an empty track, not a full dark bar
    first = page.locator("input.rh-cl-check").first
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    assert page.locator(".rh-cl-done").inner_text() == "1"
    assert "已完成 1" in page.locator(".rh-cl-bar").get_attribute("aria-valuetext")
    for box in page.locator("input.rh-cl-check").all():
        if not box.is_checked():
            box.check()
    assert darkness() > 0.5                          # all ticked: a full bar


def test_focus_is_visible(page, site_url):
    page.goto(site_url + "index.html")
    page.keyboard.press("Tab")
    for _ in range(30):
        tag = page.evaluate("() => document.activeElement.tagName")
        if tag == "A" and page.evaluate("() => !!document.activeElement.closest('article')"):
            break
        page.keyboard.press("Tab")
    style = page.evaluate("() => { const s = getComputedStyle(document.activeElement); "
                          "return [s.outlineStyle, parseFloat(s.outlineWidth)] }")
    assert style[0] != "none" and style[1] >= 2


def test_search_by_keyboard(page, site_url):
    page.goto(site_url + "index.html")
    page.keyboard.press("s")                          # Material's shortcut to the search box
    assert page.evaluate("() => document.activeElement.classList.contains('md-search__input')")
    page.wait_for_function("() => { const m = document.querySelector('.md-search-result__meta');"
                           " return m && !/初始化/.test(m.textContent) }")     # the index is loaded
    page.keyboard.type("一岗双责")     # Chinese arrives as inserted text (as from an input method) ...
    page.keyboard.press("End")         # ... and Material searches on the next key up
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => !!document.activeElement.closest('.md-search-result__item')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert not page.url.endswith("/index.html")


# --- larger text, citations ---------------------------------------------------------------------
def test_larger_text_switch_is_kept_across_pages(page, site_url):
    page.goto(site_url + "index.html")
    size = lambda: page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article')).fontSize)")  # noqa: E731
    normal = size()
    switch = page.locator("button.rh-bigtext-switch")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    assert size() >= normal * 1.2
    page.goto(site_url + "problems/index.html")
    assert size() >= normal * 1.2 and page.locator("button.rh-bigtext-switch").get_attribute("aria-pressed") == "true"
    page.locator("button.rh-bigtext-switch").click()
    page.reload()
    assert abs(size() - normal) < 0.5


def test_a_citation_lands_highlighted_on_the_quoted_passage(page, site_url, kb):
    entry = next(e for e in kb.by_type("problem") if e.citations)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + _html(entry_uri(entry)))
    page.locator("a.rh-cite").first.click()
    page.wait_for_load_state()
    anchor = page.url.split("#", 1)[1]
    assert re.fullmatch(r"q-[0-9a-f]{10}", anchor)
    target = page.locator(f"[id='{anchor}']")
    top = target.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 450                            # on the first screen, not under the header
    marks = page.locator(f".rh-quoted[data-cite~='{anchor}']")
    assert marks.count() >= 1
    for i in range(marks.count()):
        bg = marks.nth(i).evaluate("e => getComputedStyle(e).backgroundColor")
        assert bg == "rgb(255, 224, 130)", bg        # the :target / is-target highlight
    other = page.locator(f".rh-quoted:not([data-cite~='{anchor}'])")
    if other.count():
        assert other.first.evaluate("e => getComputedStyle(e).backgroundColor") != "rgb(255, 224, 130)"
