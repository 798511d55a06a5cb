"""Join rendered parts (ronghe/build/pdf/parts.py) into one PDF and write what depends on the whole.

For every part the pages are copied as they are (content streams untouched, read with
pypdf), then:

- fonts: WeasyPrint embeds in each part a subset of each face keeping the glyph ids
  of the installed font. The joined PDF has one font per face again: the installed
  face (found through fontconfig by the PostScript name of the embedded one) is
  subset to the union of the glyphs of all parts with HarfBuzz, as WeasyPrint does.
  A font that cannot be matched that way (not installed, other widths) is copied
  from its part unchanged;
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

import io
import os
from dataclasses import dataclass
from math import ceil
from pathlib import Path
from typing import Optional

import pydyf

from ronghe.build.logs import LOG

from . import hb
from .parts import RenderedPart

MM = 72 / 25.4


@dataclass(frozen=True)
class TextStyle:
    face: str            # PostScript name of an installed face
    size: float          # points
    gray: float          # fill colour (0 = black)


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


def top_baseline(style: TextStyle, margin_top: float, page_height: float) -> float:
    """Baseline (from the bottom edge) of a line in a top margin box (vertically centred)."""
    face = hb.installed_face(style.face)
    return page_height - (margin_top / 2 + sum(face.extents()) / 2000 * style.size)


def footer_text(page: int, total: int) -> str:
    return f"第 {page} 页 / 共 {total} 页"


def text_width(style: TextStyle, text: str) -> float:
    face = hb.installed_face(style.face)
    if face is None:
        return 0.0
    return sum(face.advance(face.glyph(c) or 0) for c in text) * style.size / 1000


def slot_width(style: TextStyle, digits: int) -> float:
    """Width in points of a page-number slot: a space, the widest ``digits``-digit number, a space
    (so that a number with that many digits sits exactly where WeasyPrint would print it)."""
    return text_width(style, " " * 2) + digits * max(text_width(style, d) for d in "0123456789")


# --- reading parts -------------------------------------------------------------------

class _Raw(pydyf.Object):
    """A PDF object given by its serialized form (hex strings)."""

    def __init__(self, data: bytes):
        super().__init__()
        self._raw = data

    @property
    def data(self):
        return self._raw


class _Copier:
    """Copies pypdf objects of one part into the pydyf document (each indirect object once)."""

    def __init__(self, pdf: pydyf.PDF):
        self.pdf = pdf
        self.done: dict[tuple[int, int], pydyf.Object] = {}

    def ref(self, reader, indirect) -> bytes:
        key = (id(reader), indirect.idnum)
        obj = self.done.get(key)
        if obj is None:
            target = indirect.get_object()
            obj = self.value(reader, target)
            if not isinstance(obj, pydyf.Object):   # a number or name stored indirectly
                obj = _Raw(str(obj).encode("ascii") if not isinstance(obj, float) else _num(obj).encode("ascii"))
            self.pdf.add_object(obj)
            self.done[key] = obj
        return obj.reference

    def value(self, reader, v):
        from pypdf import generic as g

        if isinstance(v, g.IndirectObject):
            return self.ref(reader, v)
        if isinstance(v, g.StreamObject):
            extra = {k[1:]: self.value(reader, v.raw_get(k)) for k in v
                     if k not in ("/Length", "/Filter", "/DecodeParms")}
            raw = getattr(v, "_data", None)
            if isinstance(v, g.EncodedStreamObject) and raw is not None:
                for k in ("/Filter", "/DecodeParms"):
                    if k in v:
                        extra[k[1:]] = self.value(reader, v.raw_get(k))
                return pydyf.Stream([raw], extra)
            return pydyf.Stream([v.get_data()], extra, compress=True)
        if isinstance(v, g.DictionaryObject):
            return pydyf.Dictionary({k[1:]: self.value(reader, v.raw_get(k)) for k in v})
        if isinstance(v, g.ArrayObject):
            return pydyf.Array([self.value(reader, x) for x in v])
        if isinstance(v, g.NameObject):
            return pydyf.name(v[1:]).decode("ascii")
        if isinstance(v, g.BooleanObject):
            return "true" if v else "false"
        if isinstance(v, g.NullObject):
            return "null"
        if isinstance(v, (g.TextStringObject, g.ByteStringObject)):
            data = v.original_bytes if hasattr(v, "original_bytes") else bytes(v)
            return _Raw(b"<" + data.hex().encode() + b">")
        if isinstance(v, g.FloatObject):
            return float(v)
        if isinstance(v, g.NumberObject):
            return int(v)
        raise TypeError(f"unexpected PDF object {type(v).__name__}")


def _widths(w) -> dict[int, float]:
    """The /W array of a CIDFont as {glyph id: width}."""
    out: dict[int, float] = {}
    i = 0
    while i + 1 < len(w):
        first, nxt = int(w[i]), w[i + 1].get_object() if hasattr(w[i + 1], "get_object") else w[i + 1]
        if isinstance(nxt, list):
            for j, x in enumerate(nxt):
                out[first + j] = float(x)
            i += 2
        else:
            for gid in range(first, int(nxt) + 1):
                out[gid] = float(w[i + 2])
            i += 3
    return out


def _to_unicode(stream) -> dict[int, str]:
    """{glyph id: text} from a ToUnicode CMap (bfchar and bfrange entries)."""
    import re

    data = stream.get_data().decode("latin-1")
    out: dict[int, str] = {}

    def text(hexs: str) -> str:
        return bytes.fromhex(hexs).decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            out[int(src, 16)] = text(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])", block):
            lo, hi = int(lo, 16), int(hi, 16)
            if dst.startswith("["):
                for gid, d in zip(range(lo, hi + 1), re.findall(r"<([0-9a-fA-F]*)>", dst)):
                    out[gid] = text(d)
            else:
                start = bytes.fromhex(dst[1:-1])
                base = int.from_bytes(start, "big")
                for k, gid in enumerate(range(lo, hi + 1)):
                    out[gid] = (base + k).to_bytes(len(start), "big").decode("utf-16-be", errors="replace")
    return out


@dataclass
class _PartFont:
    """A Type0 font of one part and what the joined document needs from it."""
    base_font: str               # e.g. /TSPJMR+Noto-Sans-CJK-SC
    ps_name: str                 # from the embedded program's name table
    family: str
    widths: dict[int, float]
    to_unicode: dict[int, str]


def _read_font(font) -> Optional[_PartFont]:
    """What a WeasyPrint Type0 font uses, or None when it is not a plain Identity-H CID font."""
    from fontTools.ttLib import TTFont

    try:
        if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
            return None
        cid = font["/DescendantFonts"][0].get_object()
        if cid.get("/CIDToGIDMap", "/Identity") != "/Identity":
            return None
        desc = cid["/FontDescriptor"].get_object()
        program = desc.get("/FontFile3") or desc.get("/FontFile2")
        if program is None:
            return None
        names = TTFont(io.BytesIO(program.get_object().get_data()), lazy=True)["name"]
        ps = names.getDebugName(6)
        if not ps:
            return None
        return _PartFont(str(font["/BaseFont"]), ps, str(desc.get("/FontFamily", "")), _widths(cid.get("/W", [])),
                         _to_unicode(font["/ToUnicode"].get_object()) if "/ToUnicode" in font else {})
    except Exception:          # anything unexpected: copy the font as it is
        return None


class _Face:
    """One face in the joined document: the union of the glyphs every part uses."""

    def __init__(self, ps_name: str, face: hb.FontFace):
        self.ps_name, self.face = ps_name, face
        self.base_font: Optional[str] = None
        self.family = ""
        self.to_unicode: dict[int, str] = {}
        self.ref: Optional[bytes] = None

    def accepts(self, pf: _PartFont) -> bool:
        return all(abs(self.face.advance(g) - w) < 0.5 for g, w in pf.widths.items())

    def add(self, pf: _PartFont) -> None:
        self.base_font = self.base_font or pf.base_font
        self.family = self.family or pf.family
        self.to_unicode.update(pf.to_unicode)

    def add_text(self, text: str) -> list[int]:
        gids = []
        for c in text:
            g = self.face.glyph(c)
            if g is None:
                raise ValueError(f"{self.ps_name} has no glyph for {c!r}")
            self.to_unicode.setdefault(g, c)
            gids.append(g)
        return gids

    def write(self, pdf: pydyf.PDF) -> bytes:
        program = self.face.subset(self.to_unicode)
        otf = program[:4] == b"OTTO"
        stream = pydyf.Stream([program], {"Subtype": "/OpenType"} if otf else {"Length1": len(program)},
                              compress=True)
        pdf.add_object(stream)
        widths = {g: round(self.face.advance(g), 3) for g in sorted(self.to_unicode)}
        ascent, descent = (round(x) for x in self.face.extents())
        name = self.base_font or ("/RHAAAA+" + self.ps_name)
        descriptor = pydyf.Dictionary({
            "Type": "/FontDescriptor", "FontName": name,
            "FontFamily": pydyf.String(self.family or self.ps_name),
            "Flags": 4 + (2 if "Serif" in self.ps_name else 0),
            "FontBBox": pydyf.Array([0, descent, max(widths.values(), default=0), ascent]),
            "ItalicAngle": 0, "Ascent": ascent, "Descent": descent, "CapHeight": ascent,
            "StemV": 80, "StemH": 80, ("FontFile3" if otf else "FontFile2"): stream.reference})
        pdf.add_object(descriptor)
        w = pydyf.Array()
        for g in widths:
            if g - 1 not in widths:
                w.append(g)
                run = pydyf.Array()
                w.append(run)
            run.append(widths[g])
        cid = pydyf.Dictionary({
            "Type": "/Font", "Subtype": "/CIDFontType0" if otf else "/CIDFontType2", "BaseFont": name,
            "CIDSystemInfo": pydyf.Dictionary({"Registry": pydyf.String("Adobe"),
                                               "Ordering": pydyf.String("Identity"), "Supplement": 0}),
            "CIDToGIDMap": "/Identity", "W": w, "FontDescriptor": descriptor.reference})
        pdf.add_object(cid)
        cmap = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap", b"/CIDSystemInfo",
                b"<< /Registry (Adobe)", b"/Ordering (UCS)", b"/Supplement 0", b">> def",
                b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def", b"1 begincodespacerange",
                b"<0000> <ffff>", b"endcodespacerange"]
        items = sorted(self.to_unicode.items())
        for i in range(ceil(len(items) / 100)):
            batch = items[i * 100:(i + 1) * 100]
            cmap.append(f"{len(batch)} beginbfchar".encode())
            cmap += [f"<{g:04x}> <{t.encode('utf-16-be').hex()}>".encode() for g, t in batch]
            cmap.append(b"endbfchar")
        cmap += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
        to_unicode = pydyf.Stream(cmap, compress=True)
        pdf.add_object(to_unicode)
        font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type0", "BaseFont": name, "Encoding": "/Identity-H",
                                 "DescendantFonts": pydyf.Array([cid.reference]), "ToUnicode": to_unicode.reference})
        pdf.add_object(font)
        self.ref = font.reference
        return self.ref


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


def _show(resource: str, face: _Face, style: TextStyle, x: float, y: float, text: str) -> bytes:
    gids = [face.face.glyph(c) or 0 for c in text]
    return (f"BT /{resource} {_num(style.size)} Tf {_num(style.gray)} g 1 0 0 1 {_num(x)} {_num(y)} Tm "
            f"<{''.join(f'{g:04x}' for g in gids)}> Tj ET").encode()


# --- the joined document -------------------------------------------------------------

STAMP_FONT = "RHstamp"
_PAGE_BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")


def assemble(parts: list[RenderedPart], out: Path, *, title: str, author: str = "", subject: str = "",
             lang: str = "zh-CN", footer: TextStyle = FOOTER, numbers: TextStyle = XREF_NUMBER,
             stamps: tuple[Stamp, ...] = ()) -> dict:
    """Write ``parts`` one after the other as one PDF to ``out`` (atomically), with ``stamps``.

    Returns {anchor: page number} for the anchors of the joined document."""
    from pypdf import PdfReader

    starts, total = [], 0
    for rp in parts:
        starts.append(total)
        total += rp.pages
    anchors: dict[str, tuple[int, float, float]] = {}
    for rp, start in zip(parts, starts):
        for name, (i, x, y) in rp.meta["anchors"].items():
            anchors.setdefault(name, (start + i, x, y))

    pdf = pydyf.PDF()
    copier = _Copier(pdf)
    readers = [PdfReader(str(rp.pdf)) for rp in parts]

    # fonts: one per installed face for all parts
    faces: dict[str, _Face] = {}
    part_fonts: list[dict[str, object]] = []      # per part: resource name -> _Face or the pypdf font
    for reader in readers:
        mapping: dict[str, object] = {}
        seen: dict[int, object] = {}
        for page in reader.pages:
            fonts = page["/Resources"].get("/Font", {}) if "/Resources" in page else {}
            for res_name, ref in fonts.items():
                if res_name in mapping:
                    continue
                key = getattr(ref, "idnum", id(ref))
                if key not in seen:
                    font = ref.get_object()
                    pf = _read_font(font)
                    target: object = ref
                    if pf is not None:
                        if pf.ps_name not in faces:
                            installed = hb.installed_face(pf.ps_name)
                            if installed is not None:
                                faces[pf.ps_name] = _Face(pf.ps_name, installed)
                        face = faces.get(pf.ps_name)
                        if face is not None and face.accepts(pf):
                            face.add(pf)
                            target = face
                    seen[key] = target
                mapping[res_name] = seen[key]
        part_fonts.append(mapping)
    for style in (footer, numbers):
        if style.face not in faces:
            installed = hb.installed_face(style.face)
            if installed is None:
                from .render import MissingFonts

                raise MissingFonts(f"生成 PDF 需要字体 {style.face}（Debian 软件包 fonts-noto-cjk）。")
            faces[style.face] = _Face(style.face, installed)
    for stamp in stamps:
        if stamp.style.face not in faces:
            installed = hb.installed_face(stamp.style.face)
            if installed is None:
                raise ValueError(f"font {stamp.style.face} is not installed")
            faces[stamp.style.face] = _Face(stamp.style.face, installed)
    # every glyph the stamps can use, before the fonts are written
    faces[footer.face].add_text(footer_text(0, 0) + "0123456789")
    faces[numbers.face].add_text("0123456789?")
    for stamp in stamps:
        faces[stamp.style.face].add_text(stamp.text)
    stamp_fonts = {face: f"{STAMP_FONT}{i}" for i, face in enumerate(sorted({s.style.face for s in stamps}))}
    for face in faces.values():
        if face.to_unicode:
            face.write(pdf)

    push = pydyf.Stream([b"q"])
    pdf.add_object(push)
    page_refs: list[bytes] = []
    pages: list[pydyf.Dictionary] = []
    for rp, reader, mapping in zip(parts, readers, part_fonts):
        resources_done: dict[int, pydyf.Dictionary] = {}
        for page in reader.pages:
            res = page.raw_get("/Resources") if "/Resources" in page else None
            res_key = getattr(res, "idnum", id(res))
            resources = resources_done.get(res_key)
            if resources is None:
                src = res.get_object() if res is not None else {}
                resources = pydyf.Dictionary({k[1:]: copier.value(reader, src.raw_get(k))
                                              for k in src if k != "/Font"})
                font_dict = pydyf.Dictionary({
                    name[1:]: (target.ref if isinstance(target, _Face) else copier.value(reader, target))
                    for name, target in mapping.items()})
                font_dict[STAMP_FONT + "f"] = faces[footer.face].ref
                font_dict[STAMP_FONT + "n"] = faces[numbers.face].ref
                for face, res_name in stamp_fonts.items():
                    font_dict[res_name] = faces[face].ref
                resources["Font"] = font_dict
                pdf.add_object(resources)
                resources_done[res_key] = resources
            contents = page.raw_get("/Contents")
            streams = contents.get_object() if contents is not None else []
            if not isinstance(streams, list):
                streams = [contents]
            new = pydyf.Dictionary({"Type": "/Page", "Resources": resources.reference})
            for box in _PAGE_BOXES:
                if box in page:
                    new[box[1:]] = pydyf.Array([float(x) for x in page[box]])
            new["Contents"] = pydyf.Array([push.reference] + [copier.value(reader, s) for s in streams])
            pdf.add_page(new)
            page_refs.append(new.reference)
            pages.append(new)

    # page numbers and other stamps
    missing: set[str] = set()
    extra: dict[int, list[bytes]] = {}
    for stamp in stamps:
        width = text_width(stamp.style, stamp.text)
        x = stamp.x - (width if stamp.align == "right" else width / 2 if stamp.align == "center" else 0)
        extra.setdefault(stamp.page, []).append(
            _show(stamp_fonts[stamp.style.face], faces[stamp.style.face], stamp.style, x, stamp.baseline, stamp.text))
    for rp, start in zip(parts, starts):
        drawn: dict[int, list[bytes]] = {i - start: v for i, v in extra.items() if start <= i < start + rp.pages}
        if rp.part.footer:
            for i, (w, _h) in enumerate(rp.meta["sizes"]):
                text = footer_text(start + i + 1, total)
                x = w / 2 - text_width(footer, text) / 2
                y = FOOTER_MARGIN_BOTTOM / 2 - sum(faces[footer.face].face.extents()) / 2000 * footer.size
                drawn.setdefault(i, []).append(_show(STAMP_FONT + "f", faces[footer.face], footer, x, y, text))
        for i, x1, x2, baseline, target in rp.meta["slots"]:
            found = anchors.get(target)
            if found is None:
                missing.add(target)
            text = str(found[0] + 1) if found else "?"
            x = (x1 + x2) / 2 - text_width(numbers, text) / 2
            drawn.setdefault(i, []).append(_show(STAMP_FONT + "n", faces[numbers.face], numbers, x, baseline, text))
        for i in range(rp.pages):
            stream = pydyf.Stream([b"Q"] + drawn.get(i, []), compress=bool(drawn.get(i)))
            pdf.add_object(stream)
            pages[start + i]["Contents"].append(stream.reference)

    def dest(target: str) -> Optional[pydyf.Array]:
        found = anchors.get(target)
        if found is None:
            return None
        p, x, y = found
        return pydyf.Array([page_refs[p], "/XYZ", round(x, 3), round(y, 3), 0])

    # links (a link inside another one to the same target on the same page is left out, as it adds nothing)
    for rp, start in zip(parts, starts):
        by_page: dict[int, list] = {}
        for i, kind, target, x1, y1, x2, y2 in rp.meta["links"]:
            by_page.setdefault(i, []).append((kind, target, x1, y1, x2, y2))
        for i, links in by_page.items():
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
                    d = dest(target)
                    if d is None:
                        continue
                    annot["Dest"] = d
                else:
                    annot["A"] = pydyf.Dictionary({"Type": "/Action", "S": "/URI", "URI": pydyf.String(target)})
                kept.append(link)
                pdf.add_object(annot)
                annots.append(annot.reference)
            if annots:
                pages[start + i]["Annots"] = annots

    # named destinations: every anchor, as WeasyPrint writes them
    names = pydyf.Array()
    for name in sorted(anchors, key=lambda n: n.encode("utf-8")):
        names.append(pydyf.String(name))
        names.append(dest(name))
    if anchors:
        pdf.catalog["Names"] = pydyf.Dictionary({"Dests": pydyf.Dictionary({"Names": names})})

    # outline from the headings, nested by level
    root: list = []
    stack: list[tuple[int, list]] = [(0, root)]
    for rp, start in zip(parts, starts):
        for i, level, label, x, y, state in rp.meta["bookmarks"]:
            while len(stack) > 1 and stack[-1][0] >= level:
                stack.pop()
            node = (label, start + i, x, y, state, [])
            stack[-1][1].append(node)
            stack.append((level, node[5]))
    if root:
        outlines = pydyf.Dictionary({"Type": "/Outlines"})
        pdf.add_object(outlines)

        def add(nodes, parent) -> int:
            count, made = len(nodes), []
            for label, p, x, y, state, children in nodes:
                item = pydyf.Dictionary({"Title": pydyf.String(label), "Parent": parent.reference,
                                         "Dest": pydyf.Array([page_refs[p], "/XYZ", round(x, 3), round(y, 3), 0])})
                pdf.add_object(item)
                n = add(children, item)
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

        outlines["Count"] = add(root, outlines)
        pdf.catalog["Outlines"] = outlines.reference

    pdf.catalog["Lang"] = pydyf.String(lang)
    from .render import weasyprint_version

    pdf.info.update({"Title": pydyf.String(title), "Producer": pydyf.String(f"WeasyPrint {weasyprint_version()}")})
    if author:
        pdf.info["Author"] = pydyf.String(author)
    if subject:
        pdf.info["Subject"] = pydyf.String(subject)

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            pdf.write(fh, version=b"1.7", compress=True)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    if missing:
        LOG.warning("PDF“%s”：%d 处页码引用的目标不在文档中：%s", title, len(missing), "、".join(sorted(missing)[:5]))
    return {name: p + 1 for name, (p, _x, _y) in anchors.items()}
