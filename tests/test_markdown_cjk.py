"""A line break inside Chinese text is not shown as a space (ronghe.site.markdown_cjk), on the
site and in the PDFs; English keeps its spaces and code is left alone."""

from __future__ import annotations

import re

import markdown
import pytest

from ronghe.build.pdf.prose import md_html


def md(text: str) -> str:
    return markdown.markdown(text, extensions=["ronghe.site.markdown_cjk"])


@pytest.mark.parametrize("source, html", [
    ("组织保障。\n本站内容，\n每一条都有出处。", "<p>组织保障。本站内容，每一条都有出处。</p>"),
    ("使用 MkDocs\n构建，English\nwords 保留空格。", "<p>使用 MkDocs\n构建，English\nwords 保留空格。</p>"),
    ("**强调**\n下一行和\n*斜体*开头", "<p><strong>强调</strong>下一行和<em>斜体</em>开头</p>"),
    ("- 列表一\n  续行\n- 列表二", "<ul>\n<li>列表一续行</li>\n<li>列表二</li>\n</ul>"),
    ("    代码\n    第二行", "<pre><code>代码\n第二行\n</code></pre>"),
    ("“引号”\n在行首和行尾“\n引号”", "<p>“引号”在行首和行尾“引号”</p>"),
])
def test_soft_breaks_between_chinese_characters_are_removed(source, html):
    assert md(source) == html


def test_printed_prose_has_no_space_inside_sentences():
    assert md_html("仍以业务论英雄，\n党建工作成绩与党员干部的\n职级晋升脱钩。") == \
        "<p>仍以业务论英雄，党建工作成绩与党员干部的职级晋升脱钩。</p>"


def test_site_pages_have_no_space_after_a_wrapped_chinese_line(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    topic = next((built_site / "training").glob("zhuanti-*.html")).read_text(encoding="utf-8")
    for page in (home, topic):
        paragraphs = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", page, re.S)]
        assert len(paragraphs) > 3
        assert [p for p in paragraphs if re.search(r"[\u4e00-\u9fff，。；：]\s*\n\s*[\u4e00-\u9fff]", p)] == []
