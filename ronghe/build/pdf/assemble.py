"""Join rendered parts (ronghe/build/pdf/parts.py) into one PDF and write what depends on the whole.

For every part the pages are copied as they are (content streams untouched, read with
pypdf), then:

- fonts: the joined PDF has one font per face again, subset to the union of the glyphs
  of all parts (ronghe/build/pdf/fonts.py); a font that cannot be matched that way
  is copied from its part unchanged (ronghe/build/pdf/pdfcopy.py copies objects);
- page numbers: “第 N 页 / 共 M 页” under every page of a part with ``footer``,
  drawn as WeasyPrint draws base.css's ``@bottom-center`` (same face, size, colour,
  baseline, centred); and in every page-number slot the number of the page where
  the slot's target is;
- links, named destinations (every anchor), the outline (headings) and the document
  information, as WeasyPrint writes them for a single document.

The result is written with pydyf (WeasyPrint's own PDF writer) with compressed
object streams, so it is about as small as the PDF WeasyPrint writes for the whole
document at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pydyf

from ronghe.build.logs import LOG

from . import hb
from .fonts import JoinedFace, TextStyle, read_font, slot_width, text_width, top_baseline
from .parts import RenderedPart
from .pdfcopy import Copier, pdf_number

__all__ = ["FOOTER", "FOOTER_MARGIN_BOTTOM", "MM", "XREF_NUMBER", "Stamp", "TextStyle", "assemble", "footer_text",
           "slot_width", "text_width", "top_baseline"]

MM = 72 / 25.4


# base.css: ``@page { margin: 18mm 16mm 20mm; @bottom-center { font-family: "Noto Sans CJK SC";
# font-size: 8.5pt; color: #444 } }``. A bottom margin box centres its line vertically in the
# bottom margin, so the baseline is at margin/2 - (ascender + descender)/2 above the page edge.
FOOTER = TextStyle("NotoSansCJKsc-Regular", 8.5, 0x44 / 255)
FOOTER_MARGIN_BOTTOM = 20 * MM
# booklet.css: the “（见第 N 页）” after a cross-reference (Noto Sans CJK SC, 8pt, #555)
XREF_NUMBER = TextStyle("NotoSansCJKsc-Regular", 8, 0x55 / 255)


@dataclass(frozen=True)
class Stamp:
    """Text drawn on one page of the joined document (e.g. a running header WeasyPrint did not draw)."""
    page: int            # index in the joined document
    text: str
    style: TextStyle
    x: float             # points from the left edge: where the text starts, ends or is centred
    baseline: float      # points above the bottom edge
    align: str = "left"  # "left", "right" or "center"


def footer_text(page: int, total: int) -> str:
    return f"第 {page} 页 / 共 {total} 页"


def _show(resource: str, face: JoinedFace, style: TextStyle, x: float, y: float, text: str) -> bytes:
    gids = [face.face.glyph(c) or 0 for c in text]
    return (f"BT /{resource} {pdf_number(style.size)} Tf {pdf_number(style.gray)} g "
            f"1 0 0 1 {pdf_number(x)} {pdf_number(y)} Tm <{''.join(f'{g:04x}' for g in gids)}> Tj ET").encode()


# --- the joined document -------------------------------------------------------------

STAMP_FONT = "RHstamp"
_PAGE_BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")


def assemble(parts: list[RenderedPart], out: Path, *, title: str, author: str = "", subject: str = "",
             lang: str = "zh-CN", footer: TextStyle = FOOTER, numbers: TextStyle = XREF_NUMBER,
             stamps: tuple[Stamp, ...] = (), first_page: int = 1, book_pages: Optional[int] = None,
             outside: Optional[dict[str, int]] = None) -> dict:
    """Write ``parts`` one after the other as one PDF to ``out`` (atomically), with ``stamps``.

    A volume of a book in several files (the booklet per chapter): its first page is the book's
    page ``first_page`` of ``book_pages``, and a page-number slot whose target is in another file
    shows that target's book page from ``outside`` {anchor: page} (not a link: another file).

    Returns {anchor: page number} for the anchors of the joined document."""
    doc = _JoinedDocument(parts, footer, numbers, stamps)
    doc.first_page, doc.book_pages, doc.outside = first_page, book_pages, outside or {}
    doc.collect_fonts()
    doc.copy_pages()
    doc.draw_stamps()
    doc.add_links()
    doc.add_named_destinations()
    doc.add_outline()
    doc.set_info(title, author, subject, lang)
    doc.write(out)
    if doc.missing:
        LOG.warning("PDF“%s”：%d 处页码引用的目标不在文档中：%s", title, len(doc.missing),
                    "、".join(sorted(doc.missing)[:5]))
    return {name: p + 1 for name, (p, _x, _y) in doc.anchors.items()}


class _JoinedDocument:
    """The PDF being made of ``parts``; each method adds one kind of thing to it, in the order
    ``assemble`` calls them (the order of the objects in the file, so the same parts always
    give the same bytes)."""

    def __init__(self, parts: list[RenderedPart], footer: TextStyle, numbers: TextStyle,
                 stamps: tuple[Stamp, ...]):
        from pypdf import PdfReader

        self.parts, self.footer, self.numbers, self.stamps = parts, footer, numbers, stamps
        self.starts: list[int] = []           # index in the joined document of each part's first page
        self.total = 0
        for rp in parts:
            self.starts.append(self.total)
            self.total += rp.pages
        self.anchors: dict[str, tuple[int, float, float]] = {}     # name -> (page index, x, y)
        for rp, start in zip(parts, self.starts):
            for name, (i, x, y) in rp.meta["anchors"].items():
                self.anchors.setdefault(name, (start + i, x, y))
        self.pdf = pydyf.PDF()
        self.copier = Copier(self.pdf)
        self.readers = [PdfReader(str(rp.pdf)) for rp in parts]
        self.faces: dict[str, JoinedFace] = {}             # PostScript name -> face of the joined document
        self.part_fonts: list[dict[str, object]] = []      # per part: resource name -> JoinedFace or pypdf font
        self.stamp_fonts: dict[str, str] = {}              # face of a stamp -> its resource name
        self.page_refs: list[bytes] = []
        self.pages: list[pydyf.Dictionary] = []
        self.missing: set[str] = set()                     # targets of page-number slots not in the document
        self.first_page = 1                                # book page number of this file's first page
        self.book_pages: Optional[int] = None              # pages of the whole book (None: this file)
        self.outside: dict[str, int] = {}                  # anchor in another file of the book -> page

    # fonts: one per installed face for all parts

    def collect_fonts(self) -> None:
        """The fonts of every part, the faces the stamps need with every glyph they can use;
        then every face is written."""
        for reader in self.readers:
            self.part_fonts.append(self._part_fonts(reader))
        self._add_stamp_faces()
        for face in self.faces.values():
            if face.to_unicode:
                face.write(self.pdf)

    def _part_fonts(self, reader) -> dict[str, object]:
        mapping: dict[str, object] = {}
        seen: dict[int, object] = {}
        for page in reader.pages:
            fonts = page["/Resources"].get("/Font", {}) if "/Resources" in page else {}
            for res_name, ref in fonts.items():
                if res_name in mapping:
                    continue
                key = getattr(ref, "idnum", id(ref))
                if key not in seen:
                    seen[key] = self._font_target(ref)
                mapping[res_name] = seen[key]
        return mapping

    def _font_target(self, ref) -> object:
        """The joined face that takes over a part's font, or the font itself (to be copied)."""
        pf = read_font(ref.get_object())
        if pf is None:
            return ref
        if pf.ps_name not in self.faces:
            installed = hb.installed_face(pf.ps_name)
            if installed is not None:
                self.faces[pf.ps_name] = JoinedFace(pf.ps_name, installed)
        face = self.faces.get(pf.ps_name)
        if face is None or not face.accepts(pf):
            return ref
        face.add(pf)
        return face

    def _add_stamp_faces(self) -> None:
        for style in (self.footer, self.numbers):
            if style.face not in self.faces:
                installed = hb.installed_face(style.face)
                if installed is None:
                    from .render import MissingFonts

                    raise MissingFonts(f"生成 PDF 需要字体 {style.face}（Debian 软件包 fonts-noto-cjk）。")
                self.faces[style.face] = JoinedFace(style.face, installed)
        for stamp in self.stamps:
            if stamp.style.face not in self.faces:
                installed = hb.installed_face(stamp.style.face)
                if installed is None:
                    raise ValueError(f"font {stamp.style.face} is not installed")
                self.faces[stamp.style.face] = JoinedFace(stamp.style.face, installed)
        # every glyph the stamps can use, before the fonts are written
        self.faces[self.footer.face].add_text(footer_text(0, 0) + "0123456789")
        self.faces[self.numbers.face].add_text("0123456789?")
        for stamp in self.stamps:
            self.faces[stamp.style.face].add_text(stamp.text)
        self.stamp_fonts = {face: f"{STAMP_FONT}{i}"
                            for i, face in enumerate(sorted({s.style.face for s in self.stamps}))}

    # pages

    def copy_pages(self) -> None:
        """Every page of every part, its content first restoring the graphics state it leaves."""
        push = pydyf.Stream([b"q"])
        self.pdf.add_object(push)
        for reader, mapping in zip(self.readers, self.part_fonts):
            resources_done: dict[int, pydyf.Dictionary] = {}
            for page in reader.pages:
                resources = self._resources(reader, page, mapping, resources_done)
                contents = page.raw_get("/Contents")
                streams = contents.get_object() if contents is not None else []
                if not isinstance(streams, list):
                    streams = [contents]
                new = pydyf.Dictionary({"Type": "/Page", "Resources": resources.reference})
                for box in _PAGE_BOXES:
                    if box in page:
                        new[box[1:]] = pydyf.Array([float(x) for x in page[box]])
                new["Contents"] = pydyf.Array([push.reference] + [self.copier.value(reader, s) for s in streams])
                self.pdf.add_page(new)
                self.page_refs.append(new.reference)
                self.pages.append(new)

    def _resources(self, reader, page, mapping: dict[str, object],
                   done: dict[int, pydyf.Dictionary]) -> pydyf.Dictionary:
        """A page's resources (copied once per part), its fonts replaced by the joined ones and
        the stamps' fonts added."""
        res = page.raw_get("/Resources") if "/Resources" in page else None
        res_key = getattr(res, "idnum", id(res))
        resources = done.get(res_key)
        if resources is not None:
            return resources
        src = res.get_object() if res is not None else {}
        resources = pydyf.Dictionary({k[1:]: self.copier.value(reader, src.raw_get(k)) for k in src if k != "/Font"})
        font_dict = pydyf.Dictionary({
            name[1:]: (target.ref if isinstance(target, JoinedFace) else self.copier.value(reader, target))
            for name, target in mapping.items()})
        font_dict[STAMP_FONT + "f"] = self.faces[self.footer.face].ref
        font_dict[STAMP_FONT + "n"] = self.faces[self.numbers.face].ref
        for face, res_name in self.stamp_fonts.items():
            font_dict[res_name] = self.faces[face].ref
        resources["Font"] = font_dict
        self.pdf.add_object(resources)
        done[res_key] = resources
        return resources

    # page numbers and other stamps

    def draw_stamps(self) -> None:
        """The stamps, the footers and the numbers in the page-number slots: one content stream
        per page, after the page's own (which the “Q” closes)."""
        extra: dict[int, list[bytes]] = {}
        for stamp in self.stamps:
            extra.setdefault(stamp.page, []).append(self._stamp(stamp))
        for rp, start in zip(self.parts, self.starts):
            drawn: dict[int, list[bytes]] = {i - start: v for i, v in extra.items() if start <= i < start + rp.pages}
            if rp.part.footer:
                for i, (w, _h) in enumerate(rp.meta["sizes"]):
                    drawn.setdefault(i, []).append(self._footer(start + i + 1, w))
            for i, x1, x2, baseline, target in rp.meta["slots"]:
                drawn.setdefault(i, []).append(self._slot_number(x1, x2, baseline, target))
            for i in range(rp.pages):
                stream = pydyf.Stream([b"Q"] + drawn.get(i, []), compress=bool(drawn.get(i)))
                self.pdf.add_object(stream)
                self.pages[start + i]["Contents"].append(stream.reference)

    def _stamp(self, stamp: Stamp) -> bytes:
        width = text_width(stamp.style, stamp.text)
        x = stamp.x - (width if stamp.align == "right" else width / 2 if stamp.align == "center" else 0)
        return _show(self.stamp_fonts[stamp.style.face], self.faces[stamp.style.face], stamp.style, x,
                     stamp.baseline, stamp.text)

    def _footer(self, page: int, page_width: float) -> bytes:
        footer = self.footer
        text = footer_text(page + self.first_page - 1, self.book_pages or self.total)
        x = page_width / 2 - text_width(footer, text) / 2
        y = FOOTER_MARGIN_BOTTOM / 2 - sum(self.faces[footer.face].face.extents()) / 2000 * footer.size
        return _show(STAMP_FONT + "f", self.faces[footer.face], footer, x, y, text)

    def _slot_number(self, x1: float, x2: float, baseline: float, target: str) -> bytes:
        found = self.anchors.get(target)
        if found is None and target not in self.outside:
            self.missing.add(target)
        text = str(found[0] + self.first_page) if found else str(self.outside.get(target, "?"))
        x = (x1 + x2) / 2 - text_width(self.numbers, text) / 2
        return _show(STAMP_FONT + "n", self.faces[self.numbers.face], self.numbers, x, baseline, text)

    # links, named destinations, outline

    def _dest(self, target: str) -> Optional[pydyf.Array]:
        found = self.anchors.get(target)
        if found is None:
            return None
        p, x, y = found
        return pydyf.Array([self.page_refs[p], "/XYZ", round(x, 3), round(y, 3), 0])

    def add_links(self) -> None:
        for rp, start in zip(self.parts, self.starts):
            by_page: dict[int, list] = {}
            for i, kind, target, x1, y1, x2, y2 in rp.meta["links"]:
                by_page.setdefault(i, []).append((kind, target, x1, y1, x2, y2))
            for i, links in by_page.items():
                annots = self._link_annotations(links)
                if annots:
                    self.pages[start + i]["Annots"] = annots

    def _link_annotations(self, links: list[tuple]) -> pydyf.Array:
        """The annotations of one page's links; a link inside another one to the same target
        is left out, as it adds nothing."""
        annots = pydyf.Array()
        kept: list[tuple] = []
        for link in sorted(links, key=lambda l: -(l[4] - l[2]) * (l[5] - l[3])):
            kind, target, x1, y1, x2, y2 = link
            if any(k[0] == kind and k[1] == target and k[2] <= x1 + 0.01 and k[3] <= y1 + 0.01
                   and k[4] >= x2 - 0.01 and k[5] >= y2 - 0.01 for k in kept):
                continue
            annot = pydyf.Dictionary({"Type": "/Annot", "Subtype": "/Link",
                                      "Rect": pydyf.Array([round(v, 3) for v in (x1, y1, x2, y2)]),
                                      "BS": pydyf.Dictionary({"W": 0})})
            if kind == "internal":
                d = self._dest(target)
                if d is None:
                    continue
                annot["Dest"] = d
            else:
                annot["A"] = pydyf.Dictionary({"Type": "/Action", "S": "/URI", "URI": pydyf.String(target)})
            kept.append(link)
            self.pdf.add_object(annot)
            annots.append(annot.reference)
        return annots

    def add_named_destinations(self) -> None:
        """Every anchor, as WeasyPrint writes them."""
        names = pydyf.Array()
        for name in sorted(self.anchors, key=lambda n: n.encode("utf-8")):
            names.append(pydyf.String(name))
            names.append(self._dest(name))
        if self.anchors:
            self.pdf.catalog["Names"] = pydyf.Dictionary({"Dests": pydyf.Dictionary({"Names": names})})

    def add_outline(self) -> None:
        """The outline from the headings (bookmarks), nested by level."""
        root: list = []
        stack: list[tuple[int, list]] = [(0, root)]
        for rp, start in zip(self.parts, self.starts):
            for i, level, label, x, y, state in rp.meta["bookmarks"]:
                while len(stack) > 1 and stack[-1][0] >= level:
                    stack.pop()
                node = (label, start + i, x, y, state, [])
                stack[-1][1].append(node)
                stack.append((level, node[5]))
        if root:
            outlines = pydyf.Dictionary({"Type": "/Outlines"})
            self.pdf.add_object(outlines)
            outlines["Count"] = self._outline_items(root, outlines)
            self.pdf.catalog["Outlines"] = outlines.reference

    def _outline_items(self, nodes: list, parent: pydyf.Dictionary) -> int:
        """Write ``nodes`` (and their children) under ``parent``; returns the count of visible items."""
        count, made = len(nodes), []
        for label, p, x, y, state, children in nodes:
            item = pydyf.Dictionary({"Title": pydyf.String(label), "Parent": parent.reference,
                                     "Dest": pydyf.Array([self.page_refs[p], "/XYZ", round(x, 3), round(y, 3), 0])})
            self.pdf.add_object(item)
            n = self._outline_items(children, item)
            if children:
                item["Count"] = n if state != "closed" else -n
                if state != "closed":
                    count += n
            if made:
                item["Prev"] = made[-1].reference
                made[-1]["Next"] = item.reference
            made.append(item)
        if made:
            parent["First"], parent["Last"] = made[0].reference, made[-1].reference
        return count

    # document information and the file

    def set_info(self, title: str, author: str, subject: str, lang: str) -> None:
        from .render import weasyprint_version

        self.pdf.catalog["Lang"] = pydyf.String(lang)
        self.pdf.info.update({"Title": pydyf.String(title),
                              "Producer": pydyf.String(f"WeasyPrint {weasyprint_version()}")})
        if author:
            self.pdf.info["Author"] = pydyf.String(author)
        if subject:
            self.pdf.info["Subject"] = pydyf.String(subject)

    def write(self, out: Path) -> None:
        """Write the file atomically (a reader never sees half of it)."""
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as fh:
                self.pdf.write(fh, version=b"1.7", compress=True)
            os.replace(tmp, out)
        finally:
            tmp.unlink(missing_ok=True)
