"""Fonts in joined PDFs (ronghe/build/pdf/assemble.py): reading the fonts WeasyPrint embeds in
each part, merging them into one font per installed face, and measuring text in an installed face.

WeasyPrint embeds in each part a subset of each face keeping the glyph ids of the
installed font. ``read_font`` reads what a part's font uses (glyph widths, ToUnicode map,
PostScript name of the embedded program); a ``JoinedFace`` collects the glyphs of every
part that uses the same installed face (found through fontconfig, ronghe/build/pdf/hb.py)
and writes one font subset to their union with HarfBuzz, as WeasyPrint does. A font
that cannot be matched that way (not installed, other widths) is left to the caller,
which copies it from its part unchanged.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from math import ceil
from typing import Optional

import pydyf

from . import hb


# --- measuring text in an installed face ------------------------------------------------

@dataclass(frozen=True)
class TextStyle:
    face: str            # PostScript name of an installed face
    size: float          # points
    gray: float          # fill colour (0 = black)


def top_baseline(style: TextStyle, margin_top: float, page_height: float) -> float:
    """Baseline (from the bottom edge) of a line in a top margin box (vertically centred)."""
    face = hb.installed_face(style.face)
    return page_height - (margin_top / 2 + sum(face.extents()) / 2000 * style.size)


def text_width(style: TextStyle, text: str) -> float:
    face = hb.installed_face(style.face)
    if face is None:
        return 0.0
    return sum(face.advance(face.glyph(c) or 0) for c in text) * style.size / 1000


def slot_width(style: TextStyle, digits: int) -> float:
    """Width in points of a page-number slot: a space, the widest ``digits``-digit number, a space
    (so that a number with that many digits sits exactly where WeasyPrint would print it)."""
    return text_width(style, " " * 2) + digits * max(text_width(style, d) for d in "0123456789")


# --- the fonts of the parts, joined ----------------------------------------------------

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
class PartFont:
    """A Type0 font of one part and what the joined document needs from it."""
    base_font: str               # e.g. /TSPJMR+Noto-Sans-CJK-SC
    ps_name: str                 # from the embedded program's name table
    family: str
    widths: dict[int, float]
    to_unicode: dict[int, str]


def read_font(font) -> Optional[PartFont]:
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
        return PartFont(str(font["/BaseFont"]), ps, str(desc.get("/FontFamily", "")), _widths(cid.get("/W", [])),
                        _to_unicode(font["/ToUnicode"].get_object()) if "/ToUnicode" in font else {})
    except Exception:          # anything unexpected: copy the font as it is
        return None


class JoinedFace:
    """One face in the joined document: the union of the glyphs every part uses."""

    def __init__(self, ps_name: str, face: hb.FontFace):
        self.ps_name, self.face = ps_name, face
        self.base_font: Optional[str] = None
        self.family = ""
        self.to_unicode: dict[int, str] = {}
        self.ref: Optional[bytes] = None

    def accepts(self, pf: PartFont) -> bool:
        return all(abs(self.face.advance(g) - w) < 0.5 for g, w in pf.widths.items())

    def add(self, pf: PartFont) -> None:
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
        """Add the font (program subset to the glyphs used, descriptor, CID font, ToUnicode map)
        to ``pdf``; returns the reference to it."""
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
        cid = pydyf.Dictionary({
            "Type": "/Font", "Subtype": "/CIDFontType0" if otf else "/CIDFontType2", "BaseFont": name,
            "CIDSystemInfo": pydyf.Dictionary({"Registry": pydyf.String("Adobe"),
                                               "Ordering": pydyf.String("Identity"), "Supplement": 0}),
            "CIDToGIDMap": "/Identity", "W": _w_array(widths), "FontDescriptor": descriptor.reference})
        pdf.add_object(cid)
        to_unicode = pydyf.Stream(_to_unicode_cmap(self.to_unicode), compress=True)
        pdf.add_object(to_unicode)
        font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type0", "BaseFont": name, "Encoding": "/Identity-H",
                                 "DescendantFonts": pydyf.Array([cid.reference]), "ToUnicode": to_unicode.reference})
        pdf.add_object(font)
        self.ref = font.reference
        return self.ref


def _w_array(widths: dict[int, float]) -> pydyf.Array:
    """The /W array of a CIDFont for {glyph id: width} (sorted): runs of consecutive glyph ids."""
    w = pydyf.Array()
    for g in widths:
        if g - 1 not in widths:
            w.append(g)
            run = pydyf.Array()
            w.append(run)
        run.append(widths[g])
    return w


def _to_unicode_cmap(to_unicode: dict[int, str]) -> list[bytes]:
    """The lines of a ToUnicode CMap for {glyph id: text} (bfchar entries, 100 per block)."""
    cmap = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap", b"/CIDSystemInfo",
            b"<< /Registry (Adobe)", b"/Ordering (UCS)", b"/Supplement 0", b">> def",
            b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def", b"1 begincodespacerange",
            b"<0000> <ffff>", b"endcodespacerange"]
    items = sorted(to_unicode.items())
    for i in range(ceil(len(items) / 100)):
        batch = items[i * 100:(i + 1) * 100]
        cmap.append(f"{len(batch)} beginbfchar".encode())
        cmap += [f"<{g:04x}> <{t.encode('utf-16-be').hex()}>".encode() for g, t in batch]
        cmap.append(b"endbfchar")
    cmap += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return cmap
