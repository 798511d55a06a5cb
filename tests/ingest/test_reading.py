"""Unreadable input is refused with a clear Chinese message naming the file."""

from __future__ import annotations

import pytest

from ronghe.ingest.errors import IngestError
from ronghe.ingest.reading import read_text


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(IngestError, match="empty.txt：文件为空"):
        read_text(p)
    p.write_bytes(b"  \n\n\t ")
    with pytest.raises(IngestError, match="文件为空"):
        read_text(p)


def test_binary_file(tmp_path):
    p = tmp_path / "image.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(IngestError, match="image.png：这是二进制文件"):
        read_text(p)


def test_gbk_file_names_position_and_encoding(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes("第一行是正常的。\n".encode("utf-8") + "党建与业务融合。\n".encode("gbk"))
    with pytest.raises(IngestError) as err:
        read_text(p)
    msg = str(err.value)
    assert "gbk.txt" in msg and "第 2 行第 1 列" in msg and "GBK" in msg and "UTF-8" in msg


def test_encoding_error_column_counts_characters(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes("前言\n正常三字".encode("utf-8") + "坏".encode("gbk") + "。\n".encode("utf-8"))
    with pytest.raises(IngestError, match="第 2 行第 5 列"):
        read_text(p)


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match="文件不存在"):
        read_text(tmp_path / "nope.txt")


def test_bom_is_accepted(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + "党建。\n".encode())
    assert read_text(p) == "党建。\n"
