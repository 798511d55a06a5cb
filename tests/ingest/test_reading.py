"""Unreadable input is refused with a clear Chinese message naming the file."""

from __future__ import annotations

import pytest

from ronghe.ingest.errors import IngestError
from ronghe.ingest.reading import read_document, read_text


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


def test_legacy_encodings_are_read_and_named(tmp_path):
    text = "关于某市税务系统党建与业务融合情况的调研报告\n近年来，市局党委坚持把党建工作与税收业务同谋划、同部署。\n"
    trad = "關於某市稅務系統黨建與業務融合情況的調研報告\n近年來，市局黨委堅持把黨建工作與稅收業務同謀劃。\n"
    cases = [("gbk", text.encode("gbk"), "gb18030", text), ("gb2312", text.encode("gb2312"), "gb18030", text),
             ("gb18030", text.encode("gb18030"), "gb18030", text), ("big5", trad.encode("big5"), "big5", trad),
             ("utf16", text.encode("utf-16"), "utf-16-le", text), ("utf16be", text.encode("utf-16-be"), "utf-16-be", text),
             ("utf16-nobom", text.encode("utf-16-le"), "utf-16-le", text),
             ("bom", b"\xef\xbb\xbf" + text.encode(), "utf-8-sig", text)]
    for name, data, codec, expected in cases:
        p = tmp_path / f"{name}.txt"
        p.write_bytes(data)
        doc = read_document(p)
        assert (doc.encoding, doc.text.replace("\ufeff", "")) == (codec, expected), name


def test_a_legacy_line_in_a_utf8_file_is_read_and_named(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes(("第一行是正常的。\n" * 3).encode("utf-8") + "党建与业务融合。\n".encode("gbk") + "尾声。\n".encode())
    doc = read_document(p)
    assert doc.text == "第一行是正常的。\n" * 3 + "党建与业务融合。\n尾声。\n"
    assert doc.notes == ["第 4 行不是 UTF-8，按 GB18030（兼容 GBK/GB2312）读取"]


def test_unknown_bytes_name_position(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes("前言\n正常三字".encode("utf-8") + b"\x80\x80\x80" + "。\n".encode("utf-8"))
    with pytest.raises(IngestError, match="mixed.txt：第 2 行第 5 列.*无法识别"):
        read_text(p)


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match="文件不存在"):
        read_text(tmp_path / "nope.txt")


def test_bom_is_accepted(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + "党建。\n".encode())
    assert read_text(p) == "党建。\n"
