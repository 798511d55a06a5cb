"""Source text shows literally on the page: Markdown syntax in passages is escaped."""

from __future__ import annotations

import markdown

from ronghe.site.markup import esc, quote, rel


def html(md: str) -> str:
    return markdown.markdown(md, extensions=["tables"])


def test_passage_that_looks_like_markdown_stays_text():
    text = "1. 党建*考核*要与业务_同_考核 [见附件] <b>注意</b> # 不是标题"
    out = html(esc(text))
    assert "<ol>" not in out and "<em>" not in out and "<b>" not in out and "<h1>" not in out
    assert "党建*考核*要与业务_同_考核 [见附件] &lt;b&gt;注意&lt;/b&gt; # 不是标题" in out


def test_quote_keeps_paragraphs():
    out = html(quote("第一段。\n\n第二段。\n- 不是列表"))
    assert out.count("<p>") == 3 and "<blockquote>" in out and "<li>" not in out


def test_relative_links_between_sections():
    assert rel("problems/a.md", "causes/b.md") == "../causes/b.md"
    assert rel("index.md", "causes/b.md") == "causes/b.md"
    assert rel("problems/index.md", "problems/a.md") == "a.md"
