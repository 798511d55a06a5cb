"""The checklist page in headless Chromium: ticks kept across reloads (http and file://),
reset, help links for unticked items, printing without navigation, links that resolve."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from ronghe.content.checklists import level_checklists
from ronghe.content.loader import load_and_validate
from ronghe.site.urls import checklist_uri

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def checklists():
    kb, result = load_and_validate(ROOT / "content")
    assert not result.errors
    lcs = [lc for lc in level_checklists(kb) if len(lc.items()) >= 3]
    assert lcs, "the content needs a checklist with at least 3 items"
    return lcs


def _page_url(base: str, lc) -> str:
    return base + checklist_uri(lc)[:-3] + ".html"


def _ticked(page) -> list[str]:
    return page.eval_on_selector_all("input.rh-cl-check", "els => els.filter(e => e.checked).map(e => e.dataset.item)")


def _tick_reload_check(page, url: str, lc) -> None:
    page.goto(url)
    items = lc.items()
    total = len(items)
    assert page.locator(".rh-cl-progress-text").inner_text().replace(" ", "") == f"已完成0/{total}项"
    chosen = [items[0].id, items[2].id]
    for iid in chosen:
        page.locator(f'label[for="rh-chk-{iid}"]').click()      # clicking the item text ticks it
    assert page.locator(".rh-cl-done").inner_text() == "2"
    # ticked items no longer show the "how to" link, unticked ones do
    assert not page.locator(f'tr[data-item="{chosen[0]}"] .rh-cl-help').is_visible()
    assert page.locator(f'tr[data-item="{items[1].id}"] .rh-cl-help').is_visible()

    page.reload()
    assert sorted(_ticked(page)) == sorted(chosen)
    assert page.locator(".rh-cl-done").inner_text() == "2"
    assert page.locator(".rh-cl-bar").evaluate("e => e.value") == 2

    # reset clears the ticks, also after a reload

    page.once("dialog", lambda d: d.accept())
    page.locator(".rh-cl-reset").click()
    assert _ticked(page) == []
    page.reload()
    assert _ticked(page) == []


def test_ticks_survive_a_reload_over_http(page, site_url, checklists):
    _tick_reload_check(page, _page_url(site_url, checklists[0]), checklists[0])


def test_ticks_survive_a_reload_from_file(page, built_site, checklists):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _tick_reload_check(page, _page_url(built_site.as_uri() + "/", checklists[-1]), checklists[-1])
    assert errors == []


def test_levels_keep_separate_ticks(page, site_url, checklists):
    if len(checklists) < 2:
        pytest.skip("needs two levels")
    a, b = checklists[0], checklists[1]
    page.goto(_page_url(site_url, a))
    page.locator(f'label[for="rh-chk-{a.items()[0].id}"]').click()
    page.goto(_page_url(site_url, b))
    assert _ticked(page) == []
    page.goto(_page_url(site_url, a))
    assert _ticked(page) == [a.items()[0].id]


def test_printing_gives_the_form_without_navigation(page, site_url, checklists, tmp_path):
    lc = checklists[0]
    page.goto(_page_url(site_url, lc))
    page.locator(f'label[for="rh-chk-{lc.items()[0].id}"]').click()
    page.emulate_media(media="print")
    shown = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-sidebar--secondary',
        '.md-footer', '.md-search', '.rh-cl-toolbar', '.rh-cl-help']
        .filter(s => [...document.querySelectorAll(s)].some(e => e.checkVisibility()))""")
    assert shown == []
    assert page.evaluate("() => [...document.querySelectorAll('nav')].filter(e => e.checkVisibility()).length") == 0
    assert page.locator(".rh-cl-printhead").is_visible()
    assert page.locator(".rh-cl-sign").is_visible()
    assert page.locator("th.rh-cl-c-status").first.is_visible()

    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)     # the page size comes from our @page rule
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for word in ("完成情况", "备注", "单位：", "年度：", "责任人（签字）", "日期：", "第1页"):
        assert word in flat, word
    for item in lc.items():   # table cells interleave in the extracted text: look for the start of each item
        assert re.sub(r"\s+", "", item.text)[:10] in flat, item.text
    # navigation, search and footer are not printed
    for nav_text in ("编辑指南", "来源文献", "搜索", "清空勾选", "下载PDF", "Made with"):
        assert nav_text not in flat, nav_text
    size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in size


def test_every_link_on_the_checklist_pages_resolves_inside_the_site(built_site, checklists):
    pages = [built_site / "checklists" / "index.html"] + [built_site / (checklist_uri(lc)[:-3] + ".html")
                                                          for lc in level_checklists(load_and_validate(ROOT / "content")[0])]
    for html_file in pages:
        html = html_file.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"#]+)(?:#[^"]*)?"', html):
            if href.startswith(("http://", "https://")):
                continue            # external links belong to the theme (none in the page body is checked below)
            target = (html_file.parent / href).resolve()
            assert target.exists(), f"{html_file.name}: {href}"
        body = html[html.index('<article'):html.index('</article>')]
        assert not re.search(r'(src|href)="https?://', body)
        assert re.search(r'href="pdf/[^"]+\.pdf"', body)
