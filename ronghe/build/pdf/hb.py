"""The few HarfBuzz calls the PDF assembler needs (ronghe/build/pdf/assemble.py), through cffi.

- ``FontFace``: a face of an installed font file (glyph ids, advances, extents);
- ``FontFace.subset(gids)``: the same subset WeasyPrint embeds (glyph ids retained,
  desubroutinized, no layout tables), for the union of the glyphs of all parts;
- ``installed_face(postscript_name)``: the installed file of a face, via fontconfig.

HarfBuzz and HarfBuzz-subset are the libraries WeasyPrint itself uses
(Debian: libharfbuzz0b, libharfbuzz-subset0, installed by scripts/bootstrap.sh).
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from typing import Iterable, Optional

import cffi

_ffi = cffi.FFI()
_ffi.cdef("""
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_font_t hb_font_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef uint32_t hb_codepoint_t;
typedef int32_t hb_position_t;
typedef uint32_t hb_tag_t;
typedef int hb_bool_t;
typedef struct { hb_position_t ascender; hb_position_t descender; hb_position_t line_gap;
                 hb_position_t r[9]; } hb_font_extents_t;

hb_blob_t *hb_blob_create_from_file_or_fail (const char *file_name);
void hb_blob_destroy (hb_blob_t *blob);
const char *hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create (hb_blob_t *blob, unsigned int index);
void hb_face_destroy (hb_face_t *face);
hb_blob_t *hb_face_reference_blob (hb_face_t *face);
unsigned int hb_face_get_upem (const hb_face_t *face);
unsigned int hb_face_get_glyph_count (const hb_face_t *face);
hb_font_t *hb_font_create (hb_face_t *face);
void hb_font_destroy (hb_font_t *font);
hb_bool_t hb_font_get_nominal_glyph (hb_font_t *font, hb_codepoint_t unicode, hb_codepoint_t *glyph);
hb_position_t hb_font_get_glyph_h_advance (hb_font_t *font, hb_codepoint_t glyph);
hb_bool_t hb_font_get_h_extents (hb_font_t *font, hb_font_extents_t *extents);
void hb_set_add (hb_set_t *set, hb_codepoint_t codepoint);
hb_tag_t hb_tag_from_string (const char *str, int len);

hb_subset_input_t *hb_subset_input_create_or_fail (void);
void hb_subset_input_destroy (hb_subset_input_t *input);
hb_set_t *hb_subset_input_glyph_set (hb_subset_input_t *input);
hb_set_t *hb_subset_input_set (hb_subset_input_t *input, int set_type);
void hb_subset_input_set_flags (hb_subset_input_t *input, unsigned int value);
hb_face_t *hb_subset_or_fail (hb_face_t *source, const hb_subset_input_t *input);
""")

# hb-subset.h
_RETAIN_GIDS = 0x2
_DESUBROUTINIZE = 0x4
_NO_HINTING = 0x1
_PASSTHROUGH_UNRECOGNIZED = 0x20
_SETS_DROP_TABLE_TAG = 3
# the tables WeasyPrint drops from embedded fonts (weasyprint/pdf/fonts.py)
_DROP_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")


def _dlopen(*names: str):
    for name in names:
        try:
            return _ffi.dlopen(name)
        except OSError:
            continue
    raise OSError(f"找不到 HarfBuzz 库（{'、'.join(names)}），请运行 bash scripts/bootstrap.sh 安装。")


_hb = _dlopen("libharfbuzz.so.0", "harfbuzz", "libharfbuzz.0.dylib")
_hbs = _dlopen("libharfbuzz-subset.so.0", "harfbuzz-subset", "libharfbuzz-subset.0.dylib")


class FontFace:
    """One face of a font file (``index`` within a collection such as ``NotoSansCJK-Regular.ttc``)."""

    def __init__(self, path: str, index: int = 0):
        self.path, self.index = path, index
        blob = _hb.hb_blob_create_from_file_or_fail(path.encode())
        if blob == _ffi.NULL:
            raise OSError(f"无法读取字体文件：{path}")
        self._blob = _ffi.gc(blob, _hb.hb_blob_destroy)
        self._face = _ffi.gc(_hb.hb_face_create(self._blob, index), _hb.hb_face_destroy)
        self._font = _ffi.gc(_hb.hb_font_create(self._face), _hb.hb_font_destroy)
        self.upem = _hb.hb_face_get_upem(self._face)
        self.glyph_count = _hb.hb_face_get_glyph_count(self._face)

    def glyph(self, char: str) -> Optional[int]:
        out = _ffi.new("hb_codepoint_t *")
        return out[0] if _hb.hb_font_get_nominal_glyph(self._font, ord(char), out) else None

    def advance(self, gid: int) -> float:
        """Horizontal advance in thousandths of an em (the unit of a PDF font's /W)."""
        return _hb.hb_font_get_glyph_h_advance(self._font, gid) * 1000 / self.upem

    def extents(self) -> tuple[float, float]:
        """(ascender, descender) in thousandths of an em (descender negative)."""
        e = _ffi.new("hb_font_extents_t *")
        _hb.hb_font_get_h_extents(self._font, e)
        return e.ascender * 1000 / self.upem, e.descender * 1000 / self.upem

    def subset(self, gids: Iterable[int]) -> bytes:
        """An OpenType font keeping ``gids`` (at their own ids; the others empty up to the largest),
        made as WeasyPrint makes the fonts it embeds."""
        keep = sorted({g for g in gids if 0 <= g < self.glyph_count} | {0})
        face = self._subset(keep, _RETAIN_GIDS | _PASSTHROUGH_UNRECOGNIZED | _DESUBROUTINIZE, drop=True)
        # second pass as WeasyPrint does: keep every id up to the largest (empty glyphs cost little)
        face = self._subset(range(keep[-1] + 1), _PASSTHROUGH_UNRECOGNIZED | _DESUBROUTINIZE | _NO_HINTING,
                            source=face)
        blob = _ffi.gc(_hb.hb_face_reference_blob(face), _hb.hb_blob_destroy)
        length = _ffi.new("unsigned int *")
        data = _hb.hb_blob_get_data(blob, length)
        if data == _ffi.NULL or not length[0]:
            raise RuntimeError(f"字体子集化失败：{self.path}")
        return bytes(_ffi.buffer(data, length[0]))

    def _subset(self, gids, flags: int, drop: bool = False, source=None):
        inp = _ffi.gc(_hbs.hb_subset_input_create_or_fail(), _hbs.hb_subset_input_destroy)
        if inp == _ffi.NULL:
            raise MemoryError("hb_subset_input_create_or_fail")
        glyphs = _hbs.hb_subset_input_glyph_set(inp)
        for g in gids:
            _hb.hb_set_add(glyphs, g)
        _hbs.hb_subset_input_set_flags(inp, flags)
        if drop:
            tables = _hbs.hb_subset_input_set(inp, _SETS_DROP_TABLE_TAG)
            for tag in _DROP_TABLES:
                _hb.hb_set_add(tables, _hb.hb_tag_from_string(tag, 4))
        face = _hbs.hb_subset_or_fail(source if source is not None else self._face, inp)
        if face == _ffi.NULL:
            raise RuntimeError(f"字体子集化失败：{self.path}")
        return _ffi.gc(face, _hb.hb_face_destroy)


def _fc_list(pattern: str) -> list[tuple[str, int]]:
    if shutil.which("fc-list") is None:
        return []
    out = subprocess.run(["fc-list", pattern, "file", "index"], capture_output=True, text=True).stdout
    found = []
    for line in out.splitlines():
        path, _, rest = line.partition(": ")
        index = rest.split("index=")[-1].split(":")[0] if "index=" in rest else "0"
        found.append((path.rstrip(":"), int(index or 0)))
    return sorted(found)


@lru_cache(maxsize=None)
def installed_face(postscript_name: str) -> Optional[FontFace]:
    """The installed face with this PostScript name (e.g. ``NotoSansCJKsc-Regular``), or None."""
    for path, index in _fc_list(f":postscriptname={postscript_name}"):
        try:
            return FontFace(path, index)
        except OSError:
            continue
    return None
