"""The 对策索引 pages and maps as a reader uses them in headless Chromium."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_clicking_a_box_on_the_map_opens_that_entry(page, site_url):
    page.goto(site_url + "indexes/map.html")
    node = page.locator("svg.rh-map a").first
    title = node.locator("title").text_content().split("：")[0]
    node.click()
    page.wait_for_load_state()
    assert "/indexes/" not in page.url
    assert page.locator("article h1").inner_text().strip().rstrip("¶") == title
    # the entry page has its own small map, with the entry highlighted
    assert page.locator("svg.rh-map .rh-map__node--focus").count() == 1


def test_map_fits_the_page_and_prints(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "indexes/map.html")
    svg = page.locator("svg.rh-map").first
    box = svg.bounding_box()
    content = page.locator("article").bounding_box()
    assert box["width"] <= content["width"] + 1
    page.emulate_media(media="print")
    box = svg.bounding_box()
    assert box["width"] > 300 and box["height"] > 200           # still drawn on paper


def test_map_boxes_and_lines_are_coloured_by_kind(page, site_url):
    """The maps carry only geometry and classes; colours, widths and dashes come from the style sheet."""
    page.goto(site_url + "indexes/map.html")
    style = page.evaluate("""() => {
        const svg = document.querySelector('svg.rh-map');
        const rect = k => getComputedStyle(svg.querySelector('g.rh-map__node--' + k + ' rect'));
        const edge = k => { const p = svg.querySelector('path.rh-map__edge--' + k);
                            return p && getComputedStyle(p); };
        return {problem: rect('problem').fill, cause: rect('cause').fill, cm: rect('countermeasure').stroke,
                text: getComputedStyle(svg.querySelector('g.rh-map__node text')).fill,
                line: edge('cause').stroke, lineDash: edge('cause').strokeDasharray, width: edge('cause').strokeWidth,
                direct: edge('direct') && edge('direct').strokeDasharray};
    }""")
    assert style["problem"] == "rgb(255, 235, 238)" and style["cause"] == "rgb(239, 235, 233)"
    assert style["cm"] == "rgb(46, 125, 50)" and style["text"] == "rgb(33, 33, 33)"
    assert style["line"] == "rgb(141, 110, 99)" and style["lineDash"] == "none" and style["width"] == "1.4px"
    if style["direct"] is not None:   # the seeds may have no countermeasure without a cause
        assert style["direct"] != "none"


def test_matrix_cell_shows_why_on_hover_and_opens_the_countermeasure(page, site_url):
    page.goto(site_url + "indexes/matrix.html")
    cell = page.locator("td.rh-matrix__hit a").first
    why = cell.get_attribute("title") or cell.get_attribute("data-md-title") or ""
    assert "直接针对" in why
    cell.hover()
    tip = page.locator(".rh-tip").filter(has_text="直接针对")   # text tooltips (assets/ronghe-tooltip.js)
    tip.first.wait_for(state="visible", timeout=5000)
    cell.click()
    page.wait_for_load_state()
    assert "/countermeasures/" in page.url


def test_glossary_term_is_linked_with_its_meaning(page, site_url):
    page.goto(site_url + "index.html")
    term = page.locator("article a.rh-term").first
    assert term.count() == 1
    href = term.get_attribute("href")
    assert href.startswith("glossary/")
    term.click()
    page.wait_for_load_state()
    assert "/glossary/" in page.url


def test_breadcrumbs_on_an_entry_lead_back_to_its_section(page, site_url):
    page.goto(site_url + "indexes/matrix.html")
    page.locator("table.rh-matrix tbody th a").first.click()
    page.wait_for_load_state()
    crumbs = page.locator("nav.rh-crumbs")
    assert crumbs.inner_text().startswith("首页")
    crumbs.locator("a", has_text="问题表现").click()
    page.wait_for_load_state()
    assert page.url.endswith("problems/index.html")


def test_pointing_at_a_box_brings_out_its_own_lines(page, site_url):
    page.goto(site_url + "indexes/map.html")
    node = page.locator("svg.rh-map g.rh-map__node--cause").first
    node_id = node.get_attribute("data-id")
    node.hover()
    opacity = page.evaluate("""id => [...document.querySelector('svg.rh-map').querySelectorAll('path.rh-map__edge')].map(p =>
        [p.dataset.from === id || p.dataset.to === id, parseFloat(getComputedStyle(p).strokeOpacity)])""", node_id)
    own = [o for mine, o in opacity if mine]
    others = [o for mine, o in opacity if not mine]
    assert own and all(o == 1 for o in own)
    assert others and all(o < 0.2 for o in others)


def test_only_one_breadcrumb_trail_is_shown_on_index_pages_in_the_navigation(page, site_url):
    page.goto(site_url + "indexes/by-level.html")
    assert page.locator("nav.rh-crumbs").is_visible()
    theme_path = page.locator(".md-path")
    assert theme_path.count() == 0 or not theme_path.first.is_visible()
