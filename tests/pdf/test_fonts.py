"""Fonts in joined PDFs (ronghe/build/pdf/fonts.py): the font WeasyPrint embeds in a part is
read back as the installed face it subsets, and the fonts of several parts joined into one
face still print, extract and embed as a single subset font."""

from __future__ import annotations

import io
from pathlib import Path

import pydyf
import pytest
from pypdf import PdfReader

from pdfinspect import fonts, pages_text, squash
from ronghe.build.pdf import hb
from ronghe.build.pdf.document import html_document
from ronghe.build.pdf.fonts import JoinedFace, TextStyle, read_font, text_width
from ronghe.build.pdf.render import render_pdf

SANS = "NotoSansCJKsc-Regular"
TEXTS = ("机关党建围绕中心", "业务工作 2026 年")     # different glyphs in each part, digits and a space too


def _part_font(tmp_path: Path, name: str, text: str):
    pdf = tmp_path / f"{name}.pdf"
    render_pdf(html_document(name, f'<p style="font-family: \'Noto Sans CJK SC\'">{text}</p>'), pdf)
    page = PdfReader(str(pdf)).pages[0]
    found = [read_font(ref.get_object()) for ref in page["/Resources"]["/Font"].values()]
    return [f for f in found if f is not None and f.ps_name == SANS][0]


@pytest.fixture(scope="module")
def part_fonts(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fonts")
    return [_part_font(tmp, f"p{i}", text) for i, text in enumerate(TEXTS)]


def test_a_parts_font_is_read_as_the_installed_face_with_the_text_it_prints(part_fonts):
    installed = hb.installed_face(SANS)
    assert installed is not None
    for pf, text in zip(part_fonts, TEXTS):
        assert set(text.replace(" ", "")) <= set(pf.to_unicode.values()), pf.to_unicode
        assert JoinedFace(SANS, installed).accepts(pf)      # widths as in the installed file
        for gid, char in pf.to_unicode.items():
            assert installed.glyph(char) == gid                # glyph ids of the installed file


def test_a_face_joined_from_two_parts_prints_both_texts_with_one_embedded_subset(part_fonts, tmp_path):
    face = JoinedFace(SANS, hb.installed_face(SANS))
    for pf in part_fonts:
        face.add(pf)
    pdf = pydyf.PDF()
    ref = face.write(pdf)
    lines = [f"BT /F1 12 Tf 1 0 0 1 72 {700 - 20 * i} Tm <{''.join(f'{face.face.glyph(c):04x}' for c in t)}> Tj ET"
             for i, t in enumerate(TEXTS)]
    content = pydyf.Stream([line.encode() for line in lines])
    pdf.add_object(content)
    resources = pydyf.Dictionary({"Font": pydyf.Dictionary({"F1": ref})})
    pdf.add_object(resources)
    pdf.add_page(pydyf.Dictionary({"Type": "/Page", "MediaBox": pydyf.Array([0, 0, 595, 842]),
                                   "Resources": resources.reference, "Contents": content.reference}))
    out = tmp_path / "joined.pdf"
    with open(out, "wb") as fh:
        pdf.write(fh, version=b"1.7", compress=True)
    assert squash(pages_text(out)[0]) == squash("".join(TEXTS))
    found = fonts(out)
    assert len(found) == 1 and found[0]["emb"] == "yes" and found[0]["sub"] == "yes", found
    assert found[0]["name"] == part_fonts[0].base_font.lstrip("/")
    _assert_outlines(out, {face.face.glyph(c) for c in "".join(TEXTS) if c != " "})


def _assert_outlines(pdf: Path, gids: set[int]) -> None:
    """The embedded font program draws every glyph in ``gids`` (a subset keeps the others empty)."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    font = PdfReader(str(pdf)).pages[0]["/Resources"]["/Font"]["/F1"].get_object()
    desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    program = (desc.get("/FontFile3") or desc["/FontFile2"]).get_object().get_data()
    tt = TTFont(io.BytesIO(program))
    glyphs = tt.getGlyphSet()
    for gid in gids:
        assert gid < tt["maxp"].numGlyphs, f"glyph {gid} is not in the embedded subset"
        pen = BoundsPen(glyphs)
        glyphs[tt.getGlyphName(gid)].draw(pen)
        assert pen.bounds is not None, f"glyph {gid} has no outline in the embedded subset"


def test_text_is_measured_in_the_installed_face():
    style = TextStyle(SANS, 10, 0)
    assert text_width(style, "党建业务") == pytest.approx(40)      # CJK ideographs are one em wide
    assert 0 < text_width(style, "1") < 10 and text_width(style, "12") == pytest.approx(2 * text_width(style, "1"))
    assert text_width(TextStyle("No-Such-Face", 10, 0), "党建") == 0
