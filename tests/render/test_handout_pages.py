"""Training pages in headless Chromium (ronghe/site/handout_pages.py): the handout page shows
the topic's material and questions, prints without navigation, and links to its PDF; the
training index and the 打印材料 page link every printable file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ronghe.content.loader import load_and_validate
from ronghe.content.training import handouts
from ronghe.site.urls import PRINTABLES_URI, entry_uri

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def real_handouts():
    kb, result = load_and_validate(ROOT / "content")
    assert kb is not None, result.errors.report()
    return handouts(kb)


def test_handout_page_shows_material_questions_and_a_working_pdf_link(page, site_url, real_handouts):
    h = real_handouts[0]
    page.goto(site_url + entry_uri(h.topic).replace(".md", ".html"))
    article = page.locator("article")
    text = article.inner_text()
    assert h.title in page.locator("h1").first.inner_text()
    for heading in ("导语", "一、问题表现", "二、主要原因", "三、各层级怎么做", "五、研讨题", "笔记"):
        assert heading in text
    questions = article.locator("ol.rh-questions > li")
    assert questions.count() == len(h.topic.questions)
    for i, q in enumerate(h.topic.questions):
        assert q in questions.nth(i).inner_text()
    for lm in h.by_level:
        assert lm.level.title in text
    assert h.case is not None and h.case.title in text
    pdf = article.locator("a", has_text="下载讲义 PDF")
    response = page.request.get(page.url.rsplit("/", 1)[0] + "/" + pdf.get_attribute("href"))
    assert response.ok and response.body()[:5] == b"%PDF-"
    assert "页 · " in article.locator(".rh-pdf-meta").first.inner_text()


def test_printing_a_handout_leaves_out_navigation_and_keeps_the_questions(page, site_url, real_handouts, tmp_path):
    h = real_handouts[-1]
    page.goto(site_url + entry_uri(h.topic).replace(".md", ".html"))
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".rh-handout-actions"):
        loc = page.locator(selector)
        assert loc.count() == 0 or not loc.first.is_visible(), selector
    assert page.locator(".rh-answer").first.is_visible()          # ruled lines to answer on paper
    out = tmp_path / "handout.pdf"
    page.pdf(path=str(out), format="A4")
    import subprocess

    text = "".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    assert "".join(h.topic.questions[0].split()) in text
    assert "编辑指南" not in text and "切换到深色模式" not in text     # tabs and header are not printed


def test_training_index_and_printables_page_link_every_pdf(page, site_url, real_handouts):
    page.goto(site_url + "training/index.html")
    text = page.locator("article").inner_text()
    for h in real_handouts:
        assert h.title in text
    assert "下载全书 PDF" in text
    page.goto(site_url + PRINTABLES_URI.replace(".md", ".html"))
    links = page.locator("table.rh-printables a[download]")
    assert links.count() >= len(real_handouts) + 2
    base = page.url.rsplit("/", 1)[0] + "/"
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        r = page.request.get(base + href)
        assert r.ok and r.body()[:5] == b"%PDF-", href
    # the top navigation leads to the training section
    assert "培训讲义" in page.locator(".md-tabs").inner_text()
