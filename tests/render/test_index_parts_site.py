"""A knowledge base large enough that the big 对策索引 pages are split into parts, built
with the real build command: every link and anchor resolves, no index page holds more
than a part, and a cadre gets from a problem's page to its row in one click."""

from __future__ import annotations

import os
import re
from pathlib import Path
from unittest import mock

import pytest

from conftest import run_build, serve_directory
from ronghe.bench.generate import generate
from ronghe.content.checklists import BASIS_SHOWN
from ronghe.site.entry_pages import LEVEL_LIMIT, LEVEL_PER_CATEGORY
from ronghe.site.index_parts import MAP_PER_CATEGORY, PART_SIZE, SECTION_LIMIT, SECTION_PART_SIZE, SECTION_PREVIEW
from sitelinks import check_site

pytestmark = [pytest.mark.slow, pytest.mark.browser]

N = 1250   # about 190 problems and causes (two parts each), 430 countermeasures and 320 cases (section parts)


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("parts")
    gen = generate(base / "content", N, seed=11)
    with mock.patch.dict(os.environ, {"RONGHE_PDF": "false", "RONGHE_CACHE_DIR": str(base / "cache")}):
        run_build(base / "site", gen.content_dir)
    return base / "site"


@pytest.fixture(scope="module")
def big_url(big_site):
    server = serve_directory(big_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_split_site_has_no_broken_links_and_every_part_is_reachable(big_site):
    parts = sorted(p.name for p in (big_site / "indexes").glob("*-*.html"))
    assert {"matrix-1.html", "matrix-2.html", "by-cause-1.html", "by-cause-2.html"} <= set(parts)
    assert any(p.startswith("by-level-") for p in parts) and any(p.startswith("map-") for p in parts)
    report = check_site(big_site)
    broken = [b for b in report.broken if not b.endswith(".pdf")]   # built without PDFs (RONGHE_PDF=false)
    assert report.links > 10 * N and broken == [], "\n".join(broken[:40])
    assert report.unreachable == [], "、".join(report.unreachable)


def test_no_index_page_repeats_the_rows_of_its_parts(big_site):
    for name in ("matrix", "by-cause"):
        main = (big_site / f"indexes/{name}.html").read_text(encoding="utf-8")
        assert not re.search(r'<h[23] id="[pc]-', main)         # rows live on the parts
        for part in (big_site / "indexes").glob(f"{name}-*.html"):
            rows = re.findall(r'<h[23] id="([pc]-[^"]+)"', part.read_text(encoding="utf-8"))
            assert 0 < len(rows) <= PART_SIZE
    assert "rh-map__node" not in (big_site / "indexes/map.html").read_text(encoding="utf-8")   # maps on the parts
    for part in (big_site / "indexes").glob("map-*.html"):
        assert part.read_text(encoding="utf-8").count("rh-map__node--countermeasure") <= MAP_PER_CATEGORY


def test_problem_page_opens_its_row_on_the_right_part(page, big_url, big_site):
    # a problem whose row is on the second part: its row and the link to its page there
    part = (big_site / "indexes/matrix-2.html").read_text(encoding="utf-8")
    anchor, problem_href = re.search(r'<h3 id="(p-[^"]+)">.*?<a href="\.\./(problems/[^"]+)">查看问题详情</a>',
                                     part, re.S).groups()
    page.goto(big_url + problem_href)
    title = page.locator("article h1").inner_text().strip().rstrip("¶")
    page.get_by_role("link", name="查看本问题所在行").click()
    assert page.url.endswith(f"indexes/matrix-2.html#{anchor}")
    heading = page.locator(f"h3#{anchor}")
    assert heading.inner_text().startswith(title)
    assert heading.is_visible() and 0 <= heading.bounding_box()["y"] < 400   # scrolled to it
    # the pager leads back to the contents, which lists the problem under its part
    page.get_by_role("link", name="问题—对策矩阵（全部）").first.click()
    assert page.url.endswith("indexes/matrix.html")
    assert page.locator(f'ul.rh-contents a[href="matrix-2.html#{anchor}"]').inner_text() == title


def _level_pages(big_site) -> list[Path]:
    return sorted((big_site / "levels").glob("*.html"), key=lambda p: p.name)


def test_a_level_with_many_countermeasures_shows_the_first_of_each_category_and_links_to_all(big_site):
    # at 20,000 entries a level page listed 3,500 countermeasures: 2.6 MB, seconds to open
    checked = 0
    for path in _level_pages(big_site):
        page = path.read_text(encoding="utf-8")
        total = re.search(r"来自 (\d+) 条对策", page)
        if path.name == "index.html" or total is None or int(total.group(1)) <= LEVEL_LIMIT:
            continue
        categories = re.findall(r'<h3 id="[^"]*">(.+?)类（(\d+) 条对策）', page)
        assert categories, path.name
        assert sum(int(n) for _, n in categories) == int(total.group(1))   # every countermeasure counted once
        shown = re.findall(r"<h4 id=", page)
        assert len(shown) <= LEVEL_PER_CATEGORY * len(categories)
        assert len(shown) >= min(LEVEL_PER_CATEGORY, min(int(n) for _, n in categories))
        # the full list: the level's own part of 按责任层级查举措
        assert re.search(r'<a href="\.\./indexes/by-level-[^"#]+\.html#l-[^"]+">按责任层级查举措：', page), path.name
        checked += 1
    assert checked >= 3


def test_a_checklist_item_names_a_few_countermeasures_and_counts_the_rest(big_site):
    longer = 0
    for path in (big_site / "checklists").glob("*.html"):
        page = path.read_text(encoding="utf-8")
        for help_line in re.findall(r'<div class="rh-cl-help">(.*?)</div>', page):
            named = re.findall(r"<a href=\"\.\./countermeasures/", help_line)
            assert len(named) <= BASIS_SHOWN
            more = re.search(r"等共 (\d+) 条", help_line)
            if more:
                longer += 1
                assert len(named) == BASIS_SHOWN < int(more.group(1))
                assert "本层级全部举措见" in help_line and "by-level" in help_line
    assert longer > 0


def _entry_links(index_html: str) -> set[str]:
    """Entry pages a section index links to (they are in its own folder)."""
    return set(re.findall(r'<li><a href="([^"#/]+\.html)"', index_html))


@pytest.mark.parametrize("folder", ["countermeasures", "cases"])
def test_a_long_section_index_is_split_into_parts_that_hold_every_entry_once(big_site, folder):
    # at 20,000 entries the 对策 tab opened a 2 MB page listing 7,000 countermeasures
    entries = {p.name for p in (big_site / folder).glob("*.html")} - {"index.html"}
    assert len(entries) > SECTION_LIMIT
    index = (big_site / folder / "index.html").read_text(encoding="utf-8")
    parts = sorted(set(re.findall(rf'href="(\.\./indexes/all-{folder}-[^"#]+\.html)"', index)))
    assert len(parts) >= 2
    seen: list[str] = []
    for href in parts:
        page = (big_site / folder / href).resolve().read_text(encoding="utf-8")
        listed = re.findall(rf'<li><a href="\.\./{folder}/([^"#/]+\.html)"', page)
        assert 0 < len(listed) <= (len(entries) if folder == "countermeasures" else SECTION_PART_SIZE)
        assert 'class="rh-pager"' in page
        seen += listed
    assert sorted(seen) == sorted(entries)          # every entry on exactly one part
    shown = _entry_links(index)
    if folder == "countermeasures":   # the first of each category stay on the index
        categories = len(re.findall(r"<h2 id=\"cat-", index))
        assert 0 < len(shown) <= SECTION_PREVIEW * categories
    else:
        assert shown == set()


def test_all_of_a_category_leads_from_a_countermeasure_to_the_part_that_lists_it(page, big_url, big_site):
    cm = max(p for p in (big_site / "countermeasures").glob("*.html") if p.name != "index.html")
    page.goto(big_url + f"countermeasures/{cm.name}")
    page.get_by_role("link", name=re.compile(r"^全部.+类对策$")).click()
    # the part's page, loaded (the URL changes before its content is in)
    page.wait_for_url(re.compile(r"indexes/all-countermeasures-[^/#]+\.html#cat-"), wait_until="load")
    assert page.locator(f'article li a[href="../countermeasures/{cm.name}"]').count() == 1


@pytest.mark.parametrize("width", [1280, 390])
def test_the_parts_pass_axe_and_their_pager_works_by_keyboard(browser, big_url, width):
    from test_accessibility import axe_violations

    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        found = {}
        for url in ("countermeasures/index.html", "indexes/all-cases-1.html", "indexes/all-countermeasures-renshi.html",
                    "levels/dangzu.html", "checklists/qingdan-dangzu.html"):
            page.goto(big_url + url)
            if axe_violations(page):
                found[url] = axe_violations(page)
        assert found == {}
        # the pager of a part: reached and followed with the keyboard alone
        page.goto(big_url + "indexes/all-cases-1.html")
        nxt = page.locator('.rh-pager a[rel="next"]').first
        for _ in range(200):
            page.keyboard.press("Tab")
            if nxt.evaluate("el => el === document.activeElement"):
                break
        else:
            raise AssertionError("the pager's next link is never focused")
        page.keyboard.press("Enter")
        page.wait_for_url("**/indexes/all-cases-2.html")
        assert page.locator("article h1").inner_text().startswith("典型案例（第 2 部分）")
    finally:
        context.close()


def test_the_parts_of_an_index_are_searched_as_listings_and_section_parts_not_at_all(big_site):
    # a part repeats the titles and summaries of the entries it lists, as the page it is part of
    from ronghe.build.search.documents import LISTING_TEXT
    from ronghe.build.search.publish import read_bundle

    bundle = read_bundle(big_site)
    text = {d[0]: t for d, t in zip(bundle["docs"], bundle["texts"])}
    parts = [loc for loc in text if re.fullmatch(r"indexes/(matrix|by-cause|by-level|map)-.+\.html", loc)]
    assert len(parts) >= 4
    assert all(len(text[loc]) <= LISTING_TEXT for loc in parts), [(loc, len(text[loc])) for loc in parts]
    assert text["indexes/matrix-2.html"].startswith("本部分列出")
    assert not [loc for loc in text if loc.startswith("indexes/all-")]
