"""A stand-in for WeasyPrint in tests that count which parts are rendered (ronghe/build/pdf/parts.py).

Each "rendered" part is a real one-page PDF (made once by WeasyPrint) with every id of the
part's HTML as an anchor on its page, so that the real assembler joins them."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ronghe.build.pdf import parts


@lru_cache(maxsize=None)
def _one_page() -> bytes:
    import weasyprint

    from ronghe.build.pdf.document import html_document

    return weasyprint.HTML(string=html_document("t", "<p>融合指南 一页</p>")).write_pdf()


def install(monkeypatch) -> list[str]:
    """Replace the part renderer; returns the list that receives every rendered part's HTML."""
    rendered: list[str] = []

    def fake(document: str, out: Path) -> dict:
        rendered.append(document)
        out.write_bytes(_one_page())
        ids = re.findall(r'id="([^"]+)"', document)
        anchors = {i: [0, 50.0, 800.0] for i in ids if not i.startswith(parts.SLOT_PREFIX)}
        slots = [[0, 100.0, 120.0, 700.0, i.split(":", 2)[2]] for i in ids if i.startswith(parts.SLOT_PREFIX)]
        return {"pages": 1, "sizes": [[595.276, 841.89]], "anchors": anchors, "slots": slots, "links": [],
                "bookmarks": []}

    monkeypatch.setattr(parts, "render_part_pdf", fake)
    return rendered
