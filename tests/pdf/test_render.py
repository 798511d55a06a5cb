"""HTML -> PDF rendering (ronghe/build/pdf/render.py): no network, clear message when fonts are missing."""

from __future__ import annotations

import http.server
import socketserver
import subprocess
import threading

import pytest

from ronghe.build.pdf.document import html_document
from ronghe.build.pdf.render import MissingFonts, render_pdf, require_fonts


def test_missing_fonts_stop_the_build_with_a_chinese_message():
    require_fonts()                                   # the fonts the PDFs name are installed here
    with pytest.raises(MissingFonts, match="fonts-noto-cjk"):
        require_fonts(("Noto Sans CJK XX",))


def test_rendering_never_fetches_a_url(tmp_path):
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = socketserver.TCPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        doc = html_document("测试", f'<p>正文</p><img src="{base}/a.png">'
                                   f'<link rel="stylesheet" href="{base}/b.css">',
                            [f'@import url("{base}/c.css"); p {{ background: url("{base}/d.png"); }}'])
        out = render_pdf(doc, tmp_path / "t.pdf")
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "正文" in text


def test_independent_pdfs_are_rendered_only_when_not_cached(tmp_path, monkeypatch):
    from ronghe.build.pdf import render

    made = []

    def fake(document, out, base_url=None):
        made.append(document)
        out.write_bytes(b"%PDF " + document.encode())

    monkeypatch.setattr(render, "render_pdf", fake)
    jobs = [("甲", tmp_path / "site" / "a.pdf"), ("乙", tmp_path / "site" / "b.pdf")]
    assert render.render_pdfs_cached(jobs, tmp_path / "cache") == 2
    assert render.render_pdfs_cached(jobs + [("丙", tmp_path / "site" / "c.pdf")], tmp_path / "cache") == 1
    assert made == ["甲", "乙", "丙"]
    assert (tmp_path / "site" / "c.pdf").read_bytes().decode() == "%PDF 丙"
