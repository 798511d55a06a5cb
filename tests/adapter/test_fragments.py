"""Pages outside the navigation share the rendering of their folder's navigation, config
and header (ronghe.adapter.fragments): each page still shows its own title in the header."""

from __future__ import annotations

import re
from types import SimpleNamespace

from ronghe.adapter.fragments import NavFragments

_TOPIC = re.compile(r'data-md-component="header-topic">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def test_every_entry_page_names_itself_in_its_header(built_site):
    checked = 0
    for folder in ("problems", "causes", "countermeasures", "cases", "glossary"):
        for path in sorted((built_site / folder).glob("*.html")):
            if path.name == "index.html":
                continue
            html = path.read_text(encoding="utf-8")
            topic = _TOPIC.search(html).group(1)
            heading = _H1.search(html).group(1)
            heading = re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", heading, flags=re.S)).strip()
            assert topic == heading, path.name
            checked += 1
    assert checked > 50


def _page(title: str, url: str = "problems/x.html"):
    return SimpleNamespace(meta={"title": title}, title=title, url=url)


def _header(title: str) -> str:
    return (f'<header><a href="../index.html">首页</a><div class="md-header__topic" data-md-component="header-topic">'
            f'\n  <span class="md-ellipsis">\n    {title}\n  </span></div></header>')


def test_a_kept_header_takes_each_pages_title():
    fragments = NavFragments()
    fragments.reset()
    first = _page("第一条")
    assert fragments.header("problems/", first) is None
    assert str(fragments.header_put("problems/", _header("第一条"), first)) == _header("第一条")
    assert str(fragments.header("problems/", _page("第二条"))) == _header("第二条")


def test_a_title_the_template_might_escape_is_left_to_the_template():
    fragments = NavFragments()
    fragments.reset()
    fragments.header_put("problems/", _header("第一条"), _page("第一条"))
    assert fragments.header("problems/", _page("A&B <i>")) is None
    fragments = NavFragments()
    fragments.reset()
    fragments.header_put("problems/", _header("A&amp;B"), _page("A&B"))
    assert fragments.header("problems/", _page("第二条")) is None, "nothing kept from such a page"


def test_a_header_whose_topic_is_not_the_title_is_not_kept():
    fragments = NavFragments()
    fragments.reset()
    fragments.header_put("problems/", _header("别的内容"), _page("第一条"))
    assert fragments.header("problems/", _page("第二条")) is None
