"""Read an input file as text, whatever encoding Chinese material comes in.

UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when the zero bytes
show it), GB18030 / GBK / GB2312 and Big5 are read; which encoding was used is
reported. A UTF-8 file in which a few lines are in a legacy encoding (a paragraph
pasted from an old GBK document) is read line by line, and those lines are named.
Empty and binary files are refused with a clear Chinese message naming the file.

Legacy encodings are told apart by charset-normalizer (restricted to the encodings
Chinese documents use), checked by the share of common characters in the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import IngestError

# Bytes that never occur in a text document (control characters except tab, LF, CR, FF).
_BINARY_BYTES = set(range(0x00, 0x09)) | {0x0B} | set(range(0x0E, 0x1B)) | set(range(0x1C, 0x20))

# codec name -> how the report names it
LABELS = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8（带 BOM）", "utf-16-le": "UTF-16（小端）", "utf-16-be": "UTF-16（大端）",
    "gb18030": "GB18030（兼容 GBK/GB2312）", "big5": "Big5",
}
_LEGACY = ("gb18030", "big5")


@dataclass
class Decoded:
    text: str
    encoding: str                                   # codec used for the file (a key of LABELS)
    notes: list[str] = field(default_factory=list)  # Chinese: lines read in another encoding

    @property
    def label(self) -> str:
        return LABELS.get(self.encoding, self.encoding)


def _common_share(text: str) -> float:
    """Share of Chinese characters in *text* that are common ones (GB2312, or Big5 level 1)."""
    cjk = [c for c in text if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"]
    if not cjk:
        return 0.0
    common = 0
    for c in cjk:
        for enc in ("gb2312", "big5"):
            try:
                b = c.encode(enc)
            except UnicodeEncodeError:
                continue
            # Big5 level 1 (frequent characters) is lead byte 0xA4-0xC6
            if enc == "gb2312" or 0xA4 <= b[0] <= 0xC6:
                common += 1
                break
    return common / len(cjk)


def _legacy_decode(data: bytes) -> tuple[str, str] | None:
    """(text, codec) for *data* in a Chinese legacy encoding, or None."""
    candidates: dict[str, str] = {}
    for enc in _LEGACY:
        try:
            candidates[enc] = data.decode(enc)
        except UnicodeDecodeError:
            continue
    if not candidates:
        return None
    if len(candidates) == 1:
        enc, text = next(iter(candidates.items()))
        return text, enc
    import charset_normalizer  # imported lazily: only legacy-encoded files need it

    best = charset_normalizer.from_bytes(data, cp_isolation=list(candidates)).best()
    ranked = sorted(candidates, key=lambda e: (-round(_common_share(candidates[e]), 2),
                                               0 if best is not None and best.encoding == e else 1))
    return candidates[ranked[0]], ranked[0]


def _looks_utf16(data: bytes) -> str | None:
    """Codec of a UTF-16 text without BOM, told by its zero bytes, or None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    # Chinese UTF-16 has few zero bytes, but every ASCII character (line breaks, digits)
    # gives one, always on the same side of its pair
    for enc in ("utf-16-le", "utf-16-be"):
        high, low = (odd, even) if enc == "utf-16-le" else (even, odd)
        if high >= 0.01 and low <= high / 3:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _common_share(text) > 0.8:
                return enc
    return None


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", errors="replace")) + 1


def _mixed(data: bytes, name: str) -> Decoded | None:
    """A UTF-8 file with a few lines in a legacy encoding: those lines decoded on their own."""
    lines = data.split(b"\n")
    bad = []
    for i, raw in enumerate(lines):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(i)
    # UTF-8 proper (lines with Chinese that decode as UTF-8) must be the bulk of the file
    utf8 = sum(1 for i, ln in enumerate(lines) if i not in bad and any(b >= 0x80 for b in ln))
    if not bad or utf8 < 2 * len(bad):
        return None
    out = [ln.decode("utf-8") if i not in bad else "" for i, ln in enumerate(lines)]
    notes = []
    for i in bad:
        found = _legacy_decode(lines[i])
        if found is None or _common_share(found[0]) < 0.9:
            return None
        out[i] = found[0]
        notes.append(f"第 {i + 1} 行不是 UTF-8，按 {LABELS[found[1]]}读取")
    return Decoded("\n".join(out), "utf-8", notes)


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Decode *data* (the content of file *name*).

    Raises IngestError for an empty file, a binary file or bytes no Chinese encoding reads.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        enc, data = "utf-8-sig", data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        try:
            text = data[2:].decode(enc)
        except UnicodeDecodeError:
            raise IngestError(f"{name}：文件开头标明是 UTF-16 编码，但内容不是有效的 UTF-16 文本。") from None
        return _checked(Decoded(text, enc), name)
    else:
        enc = "utf-8"
        utf16 = _looks_utf16(data)
        if utf16:
            return _checked(Decoded(data.decode(utf16), utf16), name)
    if not data.strip():
        raise IngestError(f"{name}：文件为空，没有可导入的内容。")
    sample = data[:8192]
    if b"\x00" in sample or sum(b in _BINARY_BYTES for b in sample) > max(2, len(sample) // 100):
        raise IngestError(f"{name}：这是二进制文件，不是文本文件，无法导入。")
    try:
        return _checked(Decoded(data.decode("utf-8"), enc), name)
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    mixed = _mixed(data, name) if enc == "utf-8" else None
    if mixed is not None:
        return _checked(mixed, name)
    found = _legacy_decode(data)
    if found is not None and _common_share(found[0]) >= 0.6:
        return _checked(Decoded(found[0], found[1]), name)
    line, col = _line_col(data, first_bad)
    raise IngestError(
        f"{name}：第 {line} 行第 {col} 列（字节位置 {first_bad}）起的内容既不是 UTF-8，也不是 GB18030/GBK 或 Big5 "
        f"编码的中文，无法识别。请用文本编辑器打开确认内容，另存为 UTF-8 编码再导入。"
    )


def _checked(decoded: Decoded, name: str) -> Decoded:
    if not decoded.text.strip():
        raise IngestError(f"{name}：文件为空，没有可导入的内容。")
    return decoded


def read_document(path: str | Path) -> Decoded:
    """Read *path* and decode it with :func:`decode_bytes`."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise IngestError(f"{name}：文件不存在。")
    if p.is_dir():
        raise IngestError(f"{name}：这是一个目录，不是文件。")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise IngestError(f"{name}：无法读取文件（{exc.strerror or exc}）。") from None
    return decode_bytes(data, name)


def read_text(path: str | Path) -> str:
    """The text of *path* (see :func:`read_document`)."""
    return read_document(path).text
