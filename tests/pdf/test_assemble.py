"""Parts rendered on their own and joined (ronghe/build/pdf/parts.py, ronghe/build/pdf/assemble.py) give the
PDF WeasyPrint makes of the whole document: same words at the same places (page numbers in the
footer and in “见第 N 页” included), one font per face, working links, outline and anchors."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import fakeparts
from pdfinspect import assert_fonts_embedded_subset_cjk_sc, fonts, page_count, pages_text, squash
from ronghe.build.pdf import assemble, parts
from ronghe.build.pdf.document import html_document
from ronghe.build.pdf.render import render_pdf

FILLER = "党建与业务深度融合，机关党组织围绕中心、建设队伍、服务群众。" * 14

# the monolithic original: numbers from target-counter, footer from base.css
WHOLE_CSS = ('a.xref::after { content: "（见第 " target-counter(attr(href), page) " 页）"; '
             'font-family: "Noto Sans CJK SC", sans-serif; font-size: 8pt; color: #555; }\n'
             ".chapter { break-before: page; }\n")
# the same as parts: the number goes into a slot, the footer is written when joining
PART_CSS = ('a.xref .xs { font-family: "Noto Sans CJK SC", sans-serif; font-size: 8pt; color: #555; }\n'
            ".chapter { break-before: page; }\n@page { @bottom-center { content: none; } }\n"
            f".pn {{ display: inline-block; width: {assemble.slot_width(assemble.XREF_NUMBER, 1):.3f}pt; "
            "height: 0.7em; }\n")


def _chapter(key: str, title: str, refs: list[tuple[str, str]], slots: bool, paragraphs: int) -> str:
    def ref(target: str, text: str) -> str:
        if not slots:
            return f'<a class="xref" href="#{target}">{text}</a>'
        return (f'<a class="xref" href="#{target}">{text}<span class="xs">（见第'
                f'<span class="pn" id="{parts.slot_id(len(target) + len(text), target)}"></span>页）</span></a>')

    body = "".join(f"<p>{FILLER}</p>" for _ in range(paragraphs))
    links = "；".join(ref(t, x) for t, x in refs)
    return (f'<section class="chapter" id="{key}"><h1>{title}</h1><p>参见：{links}</p>{body}'
            f'<h2 id="{key}-end">{title}小结</h2><p>{FILLER}</p></section>')


CHAPTERS = [("ch-a", "第一部分", [("ch-b", "第二部分"), ("ch-c-end", "第三部分小结")], 7),
            ("ch-b", "第二部分", [("ch-a", "第一部分"), ("ch-c", "第三部分")], 2),
            ("ch-c", "第三部分", [("ch-b-end", "第二部分小结")], 4)]


@pytest.fixture(scope="module")
def whole_and_joined(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("assemble")
    whole = tmp / "whole.pdf"
    render_pdf(html_document("合订", "".join(_chapter(k, t, r, False, n) for k, t, r, n in CHAPTERS), [WHOLE_CSS]),
               whole)
    docs = []
    for i, (k, t, r, n) in enumerate(CHAPTERS):
        margins = "body { margin-bottom: 0; }" if i == 0 else \
            "body { margin-top: 0; }" if i == len(CHAPTERS) - 1 else "body { margin-top: 0; margin-bottom: 0; }"
        docs.append(parts.Part(k, html_document("合订", _chapter(k, t, r, True, n), [PART_CSS + margins])))
    rendered, made = parts.render_parts(docs, tmp / "cache")
    assert len(made) == 3
    joined = tmp / "joined.pdf"
    numbers = assemble.assemble(rendered, joined, title="合订", author="融合指南")
    return whole, joined, numbers, rendered


def _words(pdf: Path) -> list[list[tuple[str, float, float]]]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        pages.append([(w, float(x), float(y)) for x, y, w in
                      re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>',
                                 page)])
    return pages


@pytest.mark.slow
def test_joined_parts_print_every_word_where_the_whole_document_does(whole_and_joined):
    whole, joined, _numbers, rendered = whole_and_joined
    a, b = _words(whole), _words(joined)
    assert len(a) == len(b) == sum(rp.pages for rp in rendered) >= 5
    for n, (pa, pb) in enumerate(zip(a, b), 1):
        assert [w for w, _, _ in pa] == [w for w, _, _ in pb], f"page {n}"
        for (w, x1, y1), (_, x2, y2) in zip(pa, pb):
            assert abs(x1 - x2) < 0.05 and abs(y1 - y2) < 0.05, (n, w, (x1, y1), (x2, y2))


@pytest.mark.slow
def test_joined_pdf_numbers_pages_and_cross_references(whole_and_joined):
    _whole, joined, numbers, rendered = whole_and_joined
    pages = [squash(p) for p in pages_text(joined)]
    total = len(pages)
    for i, page in enumerate(pages, 1):
        assert page.endswith(f"第{i}页/共{total}页"), i
    starts = [1 + sum(rp.pages for rp in rendered[:k]) for k in range(len(rendered))]
    assert [numbers[k] for k, *_ in CHAPTERS] == starts
    assert f"第二部分（见第{numbers['ch-b']}页）" in pages[0]
    assert f"第三部分小结（见第{numbers['ch-c-end']}页）" in pages[0]
    assert squash("第三部分小结") in pages[numbers["ch-c-end"] - 1]


@pytest.mark.slow
def test_joined_pdf_has_one_embedded_subset_font_per_face(whole_and_joined):
    _whole, joined, _numbers, _rendered = whole_and_joined
    assert_fonts_embedded_subset_cjk_sc(joined)
    names = [f["name"].split("+", 1)[1] for f in fonts(joined)]
    assert len(names) == len(set(names)), names


@pytest.mark.slow
def test_joined_pdf_links_anchors_and_outline_point_to_their_pages(whole_and_joined):
    from pypdf import PdfReader

    _whole, joined, numbers, _rendered = whole_and_joined
    reader = PdfReader(str(joined))
    index = {page.indirect_reference.idnum: i + 1 for i, page in enumerate(reader.pages)}
    targets = []
    for annot in reader.pages[0].get("/Annots", []):
        dest = annot.get_object()["/Dest"]
        targets.append(index[dest[0].idnum])
    assert set(targets) == {numbers["ch-b"], numbers["ch-c-end"]}
    named = reader.named_destinations
    assert {k: reader.get_destination_page_number(v) + 1 for k, v in named.items() if k in numbers} == \
        {k: numbers[k] for k in named if k in numbers}
    outline = reader.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles == ["第一部分", "第二部分", "第三部分"]
    assert [o.title for o in outline[1]] == ["第一部分小结"]          # nested under its chapter
    assert reader.metadata.title == "合订" and reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_a_changed_part_is_the_only_one_rendered_again(tmp_path, monkeypatch):
    rendered = fakeparts.install(monkeypatch)
    docs = [parts.Part(str(i), html_document(f"第{i}部分", f'<h1 id="p{i}">第{i}部分</h1>')) for i in range(3)]
    parts.render_parts(docs, tmp_path)
    assert len(rendered) == 3
    rendered.clear()
    again, made = parts.render_parts(docs, tmp_path)
    assert rendered == [] and made == [] and [rp.pages for rp in again] == [1, 1, 1]
    docs[1] = parts.Part("1", html_document("第1部分", '<h1 id="p1">第1部分（修订）</h1>'))
    _, made = parts.render_parts(docs, tmp_path)
    assert [p.name for p in made] == ["1"] and "（修订）" in rendered[0]
    assembled = tmp_path / "out.pdf"
    numbers = assemble.assemble(parts.render_parts(docs, tmp_path)[0], assembled, title="三部分")
    assert numbers == {"p0": 1, "p1": 2, "p2": 3} and page_count(assembled) == 3
