"""Reading built PDFs the way a reader's tools do: text per page (pdftotext), fonts (pdffonts)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_count(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def pages_text(path: Path, layout: bool = True) -> list[str]:
    """Text of every page (index 0 = page 1); pdftotext separates pages with form feeds.

    ``layout`` keeps lines as printed (a table-of-contents line with its page number);
    without it text comes in reading order (table cells are not interleaved)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout" if layout else "-raw", str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def fonts(path: Path) -> list[dict]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    lines = out.splitlines()
    header, rule = lines[0], lines[1]
    cols = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
    names = [header[a:b].strip() if i < len(cols) - 1 else header[a:].strip() for i, (a, b) in enumerate(cols)]
    rows = []
    for line in lines[2:]:
        values = [line[a:b].strip() for a, b in cols[:-1]] + [line[cols[-1][0]:].strip()]
        rows.append(dict(zip(names, values)))
    return rows


def assert_fonts_embedded_subset_cjk_sc(path: Path) -> None:
    found = fonts(path)
    assert found, f"{path.name}: no fonts"
    for f in found:
        assert f["emb"] == "yes" and f["sub"] == "yes", (path.name, f)
        assert "Type 3" not in f["type"], (path.name, f)
        assert re.search(r"\+Noto-(Sans|Serif)-CJK-SC", f["name"]), (path.name, f)
