"""Pages are written without the templates' indentation, and read the same (issue 20: site size)."""

from __future__ import annotations

from ronghe.adapter.page_store import squeeze


def test_indentation_goes_text_and_preformatted_blocks_stay():
    page = ("<html>\n  <body>\n\n    <p>党建与业务\n      融合</p>\n    <pre><code>a\n    b\n\n  c</code></pre>\n"
            "    <textarea>\n  甲\n</textarea>\n  </body>\n</html>\n")
    out = squeeze(page)
    assert out == ("<html>\n<body>\n<p>党建与业务\n融合</p>\n<pre><code>a\n    b\n\n  c</code></pre>\n"
                   "<textarea>\n  甲\n</textarea>\n</body>\n</html>\n")


def test_the_built_pages_hold_no_indentation_outside_preformatted_blocks(built_site):
    for uri in ("index.html", "training/index.html"):
        page = (built_site / uri).read_text(encoding="utf-8")
        assert squeeze(page) == page, uri
