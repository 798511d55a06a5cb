"""The 打印材料 page (ronghe/build/pdf/printables.py): every PDF with its real page count and size."""

from __future__ import annotations

import json
import posixpath
import re
import pytest

from pdfinspect import page_count
from ronghe.site.handout_pages import PENDING
from ronghe.site.urls import PRINTABLES_URI


@pytest.mark.slow
def test_printables_page_lists_every_pdf_with_its_page_count_and_size(built_site):
    page = (built_site / PRINTABLES_URI.replace(".md", ".html")).read_text(encoding="utf-8")
    manifest = json.loads((built_site / "training/pdf/manifest.json").read_text(encoding="utf-8"))
    paths = [m["path"] for m in manifest]
    assert "training/pdf/ronghe-booklet.pdf" in paths
    assert any(p.startswith("checklists/pdf/") for p in paths)
    assert sum(p.startswith("training/pdf/zhuanti-") for p in paths) >= 6
    assert PENDING not in page
    for m in manifest:
        pdf = built_site / m["path"]
        assert pdf.is_file(), m["path"]
        pages = page_count(pdf)
        assert m["pages"] == pages and m["bytes"] == pdf.stat().st_size
        cell = re.search(r'data-rh-pdf="' + re.escape(m["path"]) + r'">([^<]+)<', page)
        assert cell, m["path"]
        assert cell.group(1).startswith(f"{pages} 页 · ") and re.search(r"\d+(\.\d)? (KB|MB)$", cell.group(1))
        # the download link next to it resolves to that file
        assert f'href="{posixpath.relpath(m["path"], "training")}"' in page


@pytest.mark.slow
def test_every_placeholder_in_the_training_pages_is_filled(built_site):
    for html in (built_site / "training").glob("*.html"):
        assert PENDING not in html.read_text(encoding="utf-8"), html.name


def test_a_missing_pdf_is_reported_as_not_generated_rather_than_with_figures(tmp_path):
    from ronghe.build.pdf.printables import fill_placeholders
    from ronghe.site.handout_pages import meta_placeholder

    site = tmp_path / "site"
    (site / "training/pdf").mkdir(parents=True)
    (site / "training/pdf/a.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    page = site / "training/x.html"
    page.write_text(f"<p>{meta_placeholder('training/pdf/a.pdf')} {meta_placeholder('training/pdf/missing.pdf')}</p>",
                    encoding="utf-8")
    assert fill_placeholders(page, site, {}) == 2
    text = page.read_text(encoding="utf-8")
    assert PENDING not in text
    assert "（尚未生成）" in text                 # the missing file
    assert re.search(r'a\.pdf">\d+ KB<', text)   # an unreadable PDF still shows its size, without a page count
