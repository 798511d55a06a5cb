"""Generated pages written as HTML without the Markdown converter (ronghe.site.page_html):
for every page it converts, the HTML and the table of contents are exactly what
Python-Markdown with the site's extensions makes; on anything else it gives up (None),
never guesses. Checked on hand-written cases, on the pages the renderers write, and on
random text full of Markdown's special characters."""

from __future__ import annotations

import random
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from conftest import ROOT
from ronghe.adapter.theme import MARKDOWN_EXTENSIONS
from ronghe.site.page_html import HeadingStyle, convert


@pytest.fixture(scope="module")
def site_markdown():
    """A converter as the site makes one (mkdocs.yml plus what the plugin adds), and the heading style."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    extensions = list(config.markdown_extensions)
    configs = {k: dict(v) for k, v in (config.mdx_configs or {}).items()}
    for name, options in MARKDOWN_EXTENSIONS.items():
        if name not in extensions:
            extensions.append(name)
        for key, value in options.items():
            configs.setdefault(name, {}).setdefault(key, value)
    toc = configs["toc"]
    style = HeadingStyle(slugify=toc["slugify"], permalink=toc["permalink"], permalink_title=toc["permalink_title"])

    def reference(text: str):
        md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        return md.convert(text), md.toc_tokens

    return reference, style


def _same(site_markdown, text: str):
    """convert's answer for ``text``, checked against the converter's when it gives one."""
    reference, style = site_markdown
    links: list[str] = []
    done = convert(text, style, lambda url: links.append(url) or url)
    if done is not None:
        html, tokens = reference(text)
        assert done.html == html, text
        assert done.toc_tokens == tokens, text
    return done, links


CONVERTED = [
    "# 标题\n\n正文一段。",
    "## 各层级怎么做 {#measures}\n\n共 4 项举措，涉及 4 个责任层级：",
    "### [党组（党委）](../levels/dangzu.md)\n\n<ul>\n<li>一项</li>\n</ul>",
    "类别：**服务群众**（把党建成效体现到服务群众上。）",
    "[全部服务群众类对策](../indexes/all.md#cat-fuwu)（共 115 条）。",
    "<nav class=\"rh-crumbs\"><a href=\"../index.html\">首页</a></nav>\n\n\n# 题\n\n<p class=\"rh-lead\">摘要</p>",
    "标题里有 \\*星号\\*、\\_下划线\\_、\\[方括号\\]、\\#井号、\\|竖线 和 &lt;script&gt;。",
    "## 重复\n\n## 重复\n\n## 重复 {#x}\n\n## x",
    "## C&amp;D 与 &lt;b&gt;\n\n段落 a &gt; b",
    "| 项目 | 内容 |\n| --- | --- |\n| 单位 | 某机关 \\| 某处 |\n| 时间 | 2012 |",
    "| 项目 | 内容 |\n| --- | --- |",
    "党建的成效最终要体现在服务中心上。一些机关文件多，\n服务质量不高；English\nwords 保留空格。",
    "<div class=\"rh-raw\" data-key=\"ab\"><a id=\"q-1\"></a></div>\n\n## 原文出处",
    "2012年，市直机关开展联述联评联考。",
]


@pytest.mark.parametrize("text", CONVERTED)
def test_the_renderers_markdown_converts_exactly_as_the_converter_does(site_markdown, text):
    done, _links = _same(site_markdown, text)
    assert done is not None


@pytest.mark.parametrize("text", [
    "- 列表项\n- 第二项",                          # a list
    "1. 第一\n2. 第二",
    "> 引文",
    "!!! note \"注意\"\n    内容",
    "一段 *强调* 文字",
    "snake_case 名称",
    "含 `代码` 的文字",
    "段落 {: .cls}",
    "<span>行内 HTML</span> 开头",
    "正文 <b>加粗</b>",
    "A & B",
    "行尾两个空格  \n换行",
    "    缩进代码",
    "```\n围栏\n```",
    "标题\n===",
    "<div markdown=\"1\">\n**x**\n</div>",
    "<p>一</p>\n<p>二</p>",                     # the first element closes before the block ends
    "[引用]: http://example.com",
    "![图](a.png)",
    "段\t落",
    "## 标题 ##",
    "| 项目 | 内容 |\n| :-- | --: |\n| a | b |",  # aligned columns
    "多行\n**加粗**",
    "业务**，融合 **党建",                        # no emphasis where ** has a space inside
    # raw HTML the converter reads otherwise (found by a review's fuzzer)
    "<div markdown>**x**</div>", '<div MARKDOWN="1">**x**</div>',
    "<div>a</DIV>b</div>", "<div><DIV>a</div>\n\n# 标题", "<div>a</div/>b</div>", "<dl </dl>\n\n段",
    '<div title="a>x</div>', '<div><a title="></div>\n\n## 标题\n\n<p title="x">y</p>',
    "<div>x<!--</div>\n\n段落 -->", "<div><script></div>\n\n# 标题\n\n<div></script></div>",
    "<div\n>x</div>", '<div\u3000class="x">x</div>', "<div a=`b`>x</div>",
    "<div>\n```\ncode\n```\n</div>", "<div>&#12</div>", "<div>&#x4g;</div>", "<div><p>&#;</p>x</div>",
    "| 甲\u3000 | 乙 |\n| --- | --- |",                 # cells lose spaces only
])
def test_anything_else_is_left_to_the_converter(site_markdown, text):
    done, links = _same(site_markdown, text)
    assert done is None
    assert links == []   # nothing checked yet: the converter will check the links


def test_links_are_handed_over_in_document_order(site_markdown):
    text = "# [甲](a.md)\n\n[乙](b.md#x) 与 [丙](c.md)\n\n| 列 |\n| --- |\n| [丁](d.md) |"
    done, links = _same(site_markdown, text)
    assert done is not None
    assert links == ["a.md", "#甲", "b.md#x", "c.md", "d.md"]


def test_hostile_titles_reach_the_page_escaped(site_markdown):
    # a title as the renderers write it (markup.esc): tags become entities
    done, _ = _same(site_markdown, "# 激励&lt;img src=x onerror=alert(1)&gt;\n\n说明 &lt;script&gt;alert(1)&lt;/script&gt;")
    assert done is not None
    assert "<img" not in done.html and "<script" not in done.html


_PIECES = ["党建", "业务", "融合", "，", "。", "“", "”", " ", "a", "1", "2.", "\\*", "\\_", "\\[", "\\]", "\\#",
           "\\|", "\\\\", "*", "**", "_", "[", "]", "(", ")", "[链接](x.md)", "[链接](../y.md#z)", "&lt;", "&gt;",
           "&amp;", "&", "<", ">", "<b>", "{#id}", "{", "}", "#", "|", "!", "`", "\n", "\n\n", "- ", "1. ",
           "> ", "## ", "# ", "### ", "  ", "\t", "---", "===", ":", "~", "<div>", "</div>"]


def test_random_text_is_converted_exactly_or_not_at_all(site_markdown):
    rng = random.Random(17)
    converted = 0
    for _ in range(1500):
        text = "".join(rng.choice(_PIECES if rng.random() < 0.5 else _PIECES[:7]) for _ in range(rng.randint(1, 14)))
        done, _links = _same(site_markdown, text)
        converted += done is not None
    assert converted > 300   # the comparison is not vacuous


_HTML_PIECES = ["<div>", "</div>", "<DIV>", "</div/>", "<p>", "</p>", "<a title=\"", "\">", "<!--", "-->", "<script>",
                "</script>", "<a name>", "</a>", "<hr>", "&#12", "&#;", "&#x41;", "```", "\n", "\n\n", " ", "\u3000",
                "党建", "## 标题", "**x**", "[链](a.md)", "markdown=\"1\"", "<div class=\"c\">", "<ul><li>", "</li></ul>"]


def test_random_raw_html_is_converted_exactly_or_not_at_all(site_markdown):
    rng = random.Random(29)
    converted = 0
    for _ in range(1500):
        text = "<div>" + "".join(rng.choice(_HTML_PIECES) for _ in range(rng.randint(1, 12))) + "</div>"
        if rng.random() < 0.5:
            text += "\n\n" + "".join(rng.choice(_HTML_PIECES) for _ in range(rng.randint(1, 6)))
        done, _links = _same(site_markdown, text)
        converted += done is not None
    assert converted > 100   # the comparison is not vacuous
