"""Copying PDF objects (ronghe/build/pdf/pdfcopy.py): pages copied from a WeasyPrint PDF into a
new one print the same text with the same fonts, each shared object copied once."""

from __future__ import annotations

from pathlib import Path

import pydyf
from pypdf import PdfReader

from pdfinspect import fonts, pages_text
from ronghe.build.pdf.document import html_document
from ronghe.build.pdf.pdfcopy import Copier, pdf_number
from ronghe.build.pdf.render import render_pdf

BODY = ('<h1>融合指南</h1><p>机关党建与业务工作深度融合，<b>围绕中心</b>、<i>建设队伍</i>、服务群众。</p>'
        '<table><tr><th>层级</th><td>党支部</td></tr></table>'
        '<p style="break-before: page">第二页：对照检查 2026 年度清单。</p>')


def _copy(source: Path, out: Path) -> Copier:
    reader = PdfReader(str(source))
    pdf = pydyf.PDF()
    copier = Copier(pdf)
    for page in reader.pages:
        new = pydyf.Dictionary({"Type": "/Page", "MediaBox": pydyf.Array([float(x) for x in page["/MediaBox"]]),
                                "Resources": copier.value(reader, page.raw_get("/Resources")),
                                "Contents": copier.value(reader, page.raw_get("/Contents"))})
        pdf.add_page(new)
    with open(out, "wb") as fh:
        pdf.write(fh, version=b"1.7", compress=True)
    return copier


def test_copied_pages_print_the_same_text_with_the_same_fonts(tmp_path):
    source, copy = tmp_path / "source.pdf", tmp_path / "copy.pdf"
    render_pdf(html_document("复制", BODY), source)
    copier = _copy(source, copy)
    assert pages_text(copy) == pages_text(source) and len(pages_text(copy)) == 2
    def described(pdf: Path) -> list[dict]:
        return [{k: v for k, v in f.items() if k != "object ID"} for f in fonts(pdf)]

    assert described(copy) == described(source) and len(described(copy)) >= 2      # regular and bold
    # the fonts both pages share are copied once: as many objects as the source has
    sources = {ref.idnum for page in PdfReader(str(source)).pages
               for ref in page["/Resources"]["/Font"].values()}
    assert len([k for k in copier.done if k[1] in sources]) == len(sources)


def test_numbers_are_written_as_pdf_numbers():
    assert [pdf_number(x) for x in (1.0, 0.5, 12.3456, -3.1, 0.0004)] == ["1", "0.5", "12.346", "-3.1", "0"]
