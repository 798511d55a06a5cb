"""Read an input file as UTF-8 text or refuse it with a clear Chinese message."""

from __future__ import annotations

from pathlib import Path

from .errors import IngestError

# Bytes that never occur in a text document (control characters except tab, LF, CR, FF).
_BINARY_BYTES = set(range(0x00, 0x09)) | {0x0B} | set(range(0x0E, 0x1B)) | set(range(0x1C, 0x20))


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    # every byte before *offset* is valid UTF-8: count characters, not bytes
    return line, len(data[start:offset].decode("utf-8", errors="replace")) + 1


def _guess_encoding(segment: bytes) -> str:
    """Name of a Chinese legacy encoding that decodes *segment* into Chinese text, or ""."""
    for enc, label in (("gb18030", "GBK/GB18030"), ("big5", "Big5")):
        for cut in (0, 1, 2, 3):
            try:
                text = segment[:len(segment) - cut].decode(enc)
            except UnicodeDecodeError:
                continue
            if sum("\u4e00" <= c <= "\u9fff" for c in text) >= max(1, len(text) // 4):
                return label
            break
    return ""


def decode_bytes(data: bytes, name: str) -> str:
    """Decode *data* (the content of file *name*) as UTF-8 text.

    Raises IngestError for an empty file, a binary file or text in another encoding.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise IngestError(f"{name}：文件为空，没有可导入的内容。")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(f"{name}：文件是 UTF-16 编码。请先把文件另存为 UTF-8 编码再导入。")
    sample = data[:8192]
    if b"\x00" in sample or sum(b in _BINARY_BYTES for b in sample) > max(2, len(sample) // 100):
        raise IngestError(f"{name}：这是二进制文件，不是文本文件，无法导入。")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        guess = _guess_encoding(data[exc.start:exc.start + 400])
        hint = f"（看起来是 {guess} 编码）" if guess else ""
        raise IngestError(
            f"{name}：第 {line} 行第 {col} 列（字节位置 {exc.start}）不是有效的 UTF-8 编码{hint}。"
            f"请先把文件另存为 UTF-8 编码再导入。"
        ) from None
    if not text.strip():
        raise IngestError(f"{name}：文件为空，没有可导入的内容。")
    return text


def read_text(path: str | Path) -> str:
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
