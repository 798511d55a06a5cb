"""The search documents of pages that are not entries (ronghe.build.search.documents):
their title and article text, from the built page or from the converted content."""

from __future__ import annotations

from ronghe.build.search.documents import MAX_PAGE_TEXT, PHRASINGS_LABEL, SearchDocument, article_html, page_document


def _listing(rows: int) -> str:
    items = "".join(f"<li><a href='e{i}.html'>第{i}条 干部队伍建设问题</a></li>" for i in range(rows))
    return f"<html><body><nav>菜单</nav><article><h1>按层级浏览</h1><ul>{items}</ul></article></body></html>"


def test_a_long_page_is_read_only_as_far_as_the_search_needs(tmp_path):
    html = _listing(20_000)          # about 300,000 characters of text, as at 20,000 entries
    doc = page_document(tmp_path, "about/by-level.html", html)
    assert doc.title == "按层级浏览"
    assert doc.body.startswith("第0条 干部队伍建设问题")
    assert MAX_PAGE_TEXT <= len(doc.body) < 3 * MAX_PAGE_TEXT
    assert "菜单" not in doc.body


def test_a_guide_page_is_read_whole_and_no_word_is_cut_in_two(tmp_path):
    html = _listing(20_000)
    doc = page_document(tmp_path, "guide/long.html", html)
    assert doc.type == "guide"
    assert doc.body.endswith("第19999条 干部队伍建设问题")
    assert doc.body.count("干部队伍建设问题") == 20_000, "a piece read never ends inside a text"


def test_a_short_page_is_read_whole_from_the_file(tmp_path):
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "list.html").write_text(_listing(50), encoding="utf-8")
    doc = page_document(tmp_path, "about/list.html")
    assert doc.body.endswith("第49条 干部队伍建设问题") and doc.type == "page"


def test_a_listing_is_known_by_its_opening_sentences_not_by_the_entries_it_repeats(tmp_path):
    intro = "<p>左列是问题，右列是对策。点击任一方框打开该条目。</p><p>第二段说明。</p>"
    html = _listing(2_000).replace("<ul>", intro + "<ul>")
    doc = page_document(tmp_path, "indexes/map.html", html, listing=True)
    assert doc.title == "按层级浏览"
    assert doc.body == "左列是问题，右列是对策。点击任一方框打开该条目。"
    assert "干部队伍建设问题" not in doc.body


def test_the_site_listings_do_not_come_before_the_entries_they_list(site_engine):
    """The relationship map, the indexes by tag and cause, the home page ... repeat the entries'
    titles and summaries; a reader's question is answered by the entries, not by them."""
    queries = ["评先进全看跟领导关系好不好", "支部学习读报纸念文件", "上级检查完了问题还在没人管", "主体责任", "党建品牌"]
    for q in queries:
        top = [r["location"] for r in site_engine.search(q)[:5]]
        assert top and not [loc for loc in top if loc.startswith("indexes/") or loc in ("index.html", "training/printables.html")], (q, top)
    maps = site_engine.search("关系图")
    assert maps and maps[0]["location"] == "indexes/map.html", "a listing is still found by its own name"


def test_converted_content_without_a_heading_gets_the_title_the_theme_shows(tmp_path):
    doc = page_document(tmp_path, "training/x.html", article_html("<p>正文 &lt;说明&gt;</p>", "培训专题"))
    assert doc.title == "培训专题" and doc.body == "正文 <说明>"
    doc = page_document(tmp_path, "training/y.html", article_html("<h1 id='t'>自己的标题</h1><p>正文</p>", "别的"))
    assert doc.title == "自己的标题"


def test_the_passage_text_of_an_entry_begins_with_its_sayings():
    doc = SearchDocument("a.html", "组织生活流于形式", "三会一课不规范。", type="problem",
                         body="正文。", phrasings=["支部开会就是念文件", "党员大会开成了业务会"])
    assert doc.passage_text.splitlines() == [PHRASINGS_LABEL + "支部开会就是念文件", PHRASINGS_LABEL + "党员大会开成了业务会", "正文。"]
    assert SearchDocument("b.html", "x", body="正文。").passage_text == "正文。"


def test_a_saying_is_one_line_of_the_passage_text_and_sayings_leave_room_for_the_body():
    doc = SearchDocument("a.html", "x", body="正文。", phrasings=["开会就念文件。散会就拍照片", "支部开会就是\n念文件"])
    assert doc.passage_text.splitlines() == [PHRASINGS_LABEL + "开会就念文件 散会就拍照片",
                                             PHRASINGS_LABEL + "支部开会就是 念文件", "正文。"]
    many = SearchDocument("b.html", "x", body="正文。", phrasings=[f"支部开会第{i}次就是念文件" for i in range(500)])
    assert many.passage_text.endswith("\n正文。") and len(many.passage_text) < 700
