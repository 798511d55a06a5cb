"""Structure: title, date, publisher and the heading hierarchy, checked against the reports."""

from __future__ import annotations

from .conftest import FIXTURES, analysed, seed_path


def tree(structure, depth_limit=9):
    return [(n.depth, n.locator) for n in structure.headings() if n.depth <= depth_limit]


def test_001_headings():
    st = analysed(seed_path("001"))[2]
    assert st.title == "关于机关党建业务工作“两张皮”问题调研报告"
    top = st.root.children
    assert [n.title for n in top] == ["党建与业务工作融合不够的原因及具体表现",
                                      "破解机关党建与业务工作“两张皮”问题的对策建议"]
    assert [c.marker for c in top[0].children] == ["（一）", "（二）", "（三）"]
    assert top[0].children[0].title.startswith("重业务轻党建")
    # the countermeasure groups of 001 are 认识、责任、机制, each with 一是/二是/三是
    assert [c.title for c in top[1].children] == ["找准认识上的结合点", "找准责任上的结合点", "找准机制上的结合点"]
    for group in top[1].children:
        assert [i.marker for i in group.children] == ["一是", "二是", "三是"]
    assert top[1].children[1].children[0].title == "压实党组（党委）“首要”责任"
    assert top[1].children[1].children[0].locator == "二、（二）一是"


def test_000_has_no_title_but_the_same_headings_as_001():
    st0 = analysed(seed_path("000"))[2]
    st1 = analysed(seed_path("001"))[2]
    assert st0.title is None
    assert tree(st0) == tree(st1)


def test_002_headings_and_meta():
    st = analysed(seed_path("002"))[2]
    assert st.title == "2022年党建研究报告——推进新时代机关党建和业务工作融合发展的思考"
    assert st.date == "2022-12-10"
    assert [n.title for n in st.root.children] == [
        "正确认识和把握机关党建与业务工作的关系",
        "机关党建和业务工作融合发展存在的现实问题",
        "推进新时代机关党建和业务工作融合发展的对策措施",
    ]
    assert all(len(n.children) == 3 for n in st.root.children)
    assert [c.title for c in st.root.children[2].children[0].children] == ["加强资源整合", "注重流程融合", "强化监督聚合"]


def test_003_numbered_subheadings_and_year_order_warning():
    st = analysed(seed_path("003"))[2]
    assert st.title == "党建工作责任体系调研报告"
    second = st.root.children[1]
    assert [c.locator for c in second.children] == ["二、1、", "二、2、", "二、3、", "二、4、"]
    assert [c.marker for c in st.root.children[2].children] == ["一是", "二是", "三是", "四是"]
    # 四是 stands alone on its line: the next paragraph is its body
    assert st.root.children[2].children[3].body[0].text.startswith("制定《中国共产党党和国家机关基层组织工作条例》")
    # the original lists 2017, 2019 and then 2011-2013: flagged, not changed
    assert st.warnings and all("年份顺序异常" in w for w in st.warnings)
    assert "2019年之后出现2011年" in st.warnings[0] and st.warnings[0].startswith("清洗后第 6 行")


def test_004_headings_and_meta():
    st = analysed(seed_path("004"))[2]
    assert (st.title, st.date, st.publisher, st.author) == ("破解“两张皮”，融合促发展", "2020-09-09", "张家界新闻网", "朱标")
    assert [n.title for n in st.root.children] == ["现实表现", "原因分析", "破解对策"]
    assert [len(n.children) for n in st.root.children] == [3, 4, 3]
    # the countermeasures 责、强、用 with 3, 4 and 3 numbered measures
    assert [len(c.children) for c in st.root.children[2].children] == [3, 4, 3]
    assert st.root.children[2].children[1].children[3].locator == "三、（二）4."


def test_own_report_numbered_sections_are_top_level():
    st = analysed(FIXTURES / "numbered_report.txt")[2]
    assert st.title == "关于县直机关党建与业务融合情况的调研报告"
    assert st.date == "2021-06"
    assert [(n.marker, n.title) for n in st.root.children] == [
        ("1.", "基本情况"), ("2.", "存在的主要问题"), ("3.", "原因分析"), ("4.", "对策建议")]
    assert [c.locator for c in st.root.children[3].children] == ["4.（1）", "4.（2）", "4.（3）"]
    assert [c.marker for c in st.root.children[2].children] == ["一是", "二是", "三是"]
    assert len(st.preface) == 2  # the two introductory sentences
    assert [s.text for s in st.meta_sentences] == ["某县直机关工委课题组2021年6月"]  # the byline is metadata
    assert st.author == "某县直机关工委课题组"


def test_own_report_ordinals_nest_under_numbers():
    st = analysed(FIXTURES / "masked_plain_layout.txt")[2]
    assert st.title == "某市直机关党建工作经验材料"
    assert (st.date, st.publisher) == ("2023-03-15", "某市委直属机关工委")
    assert [n.marker for n in st.root.children] == ["1、", "2、", "3、"]
    assert [c.locator for c in st.root.children[2].children] == ["3、第一", "3、第二", "3、第三"]


def test_one_paragraph_labels_end_with_their_paragraph():
    """编者按 is one paragraph: the article's opening after it is not part of it."""
    st = analysed(FIXTURES.parent / "eval" / "heldout2" / "组工公众号经验文章.txt")[2]
    note = st.root.children[0]
    assert (note.kind, note.title) == ("label", "编者按")
    assert {s.para for s in note.sentences()} == {note.heading.para}
    assert st.preface and st.preface[0].text.startswith("近年来，某区委组织部机关党支部")


def test_table_of_contents_gives_no_headings():
    st = analysed(FIXTURES.parent / "eval" / "tuned" / "街道党建引领经验材料.txt")[2]
    assert st.toc and st.toc[0].text.replace(" ", "") == "目录"
    assert [n.title for n in st.root.children] == ["基本情况", "主要做法", "工作成效", "存在的不足和下一步打算"]
    assert [c.title for c in st.root.children[1].children] == ["支部建在小区上", "物业融入党组织", "党员认领微服务"]


def test_items_named_by_their_kind_are_headings():
    from ronghe.ingest.clean import clean_text
    from ronghe.ingest.structure import parse_structure

    raw = ("关于机关党建的调研报告\n\n二、存在的问题\n\n问题之一：支部设置与业务不匹配。部分支部跨好几个科室。\n\n"
           "问题之二：党员作用发挥不够充分。个别党员不愿冲在前面。\n")
    c = clean_text(raw)
    st = parse_structure(c.text, c.meta, c.meta_lines)
    top = st.root.children[0]
    assert [(n.marker, n.title) for n in top.children] == [("问题之一", "支部设置与业务不匹配"),
                                                         ("问题之二", "党员作用发挥不够充分")]
