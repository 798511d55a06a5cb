"""Cleaning: what a reader of the clean text would notice."""

from __future__ import annotations

import re

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ronghe.ingest.clean import MISSING, clean_text

from .conftest import analysed, seed_path

T2S = opencc.OpenCC("t2s")
# traditional-only forms of characters that occur in the seed reports
TRADITIONAL = "黨發業務張兩題現問責機關導體標評會議與說這對為學時過們個實際節從還進幹將應點擺帶領頭腦紀錄輕層單職數設談據"
PINYIN = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")
MASK = re.compile(r"(?<![A-Za-z0-9])D(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])D(?![A-Za-z0-9])")


def clean(s: str) -> str:
    return clean_text(s).text


# --- the five seeds -------------------------------------------------------------


def test_seed_has_no_masks_abbreviations_pinyin_html_or_traditional(seed):
    key, path, raw, result, *_ = seed
    text = result.text
    assert not MASK.search(text), MASK.search(text)
    assert "xjp" not in text.lower()
    assert not PINYIN.search(text), PINYIN.search(text)
    assert not re.search(r"</?[A-Za-z][^>]*>", text)
    assert "&nbsp;" not in text and "##paid" not in text
    assert not [c for c in text if c in TRADITIONAL]
    assert T2S.convert(text) == text
    for chrome in ("您的位置", "您现在的位置", "返回栏目", "举报此信息", "无码", "中文字幕", "此处隐藏", "下载后查看"):
        assert chrome not in text


def test_seed_layout_rules(seed):
    """One paragraph per line, no indentation, no blank lines, Chinese punctuation."""
    key, path, raw, result, *_ = seed
    lines = result.text.split("\n")
    assert result.text.endswith("\n") and lines[-1] == ""
    for line in lines[:-1]:
        assert line and line == line.strip()
        # half-width punctuation between Chinese characters is gone
        assert not re.search(r"[\u4e00-\u9fff][,;:!?()][\u4e00-\u9fff]", line), line


def test_masked_report_restored_word_for_word():
    """000 is 001 with 党 masked as D: once cleaned both read the same.

    The only differences the original itself has: 000 lacks the title line and the
    two mentions of 习近平总书记 (checked by reading both files).
    """
    c000 = analysed(seed_path("000"))[1].text
    c001 = analysed(seed_path("001"))[1].text
    assert c000.count("党") == c001.count("党") - c001.split("\n")[0].count("党")
    expected = c001.split("\n", 1)[1].replace("习近平总书记", "")
    assert c000 == expected


def test_title_line_first_and_chrome_gone():
    c002 = analysed(seed_path("002"))[1]
    lines = c002.text.split("\n")
    assert lines[0] == "2022年党建研究报告——推进新时代机关党建和业务工作融合发展的思考"
    assert lines[1].startswith("长期以来，机关党建与业务工作“两张皮”的现象")
    assert "公文搜网" not in c002.text and "写作素材" not in c002.text
    assert c002.text.count("长期以来") == 1  # the teaser that repeats the opening is gone
    assert c002.meta["date"] == "2022-12-10"

    c004 = analysed(seed_path("004"))[1]
    lines = c004.text.split("\n")
    assert lines[0] == "破解“两张皮”，融合促发展"
    assert lines[1].startswith("坚持和加强党的全面领导是推动交通运输工作高质量发展的“根”和“魂”。")
    assert lines[-2].endswith("从而为全面建成小康社会贡献交通力量。")
    assert c004.meta == {"date": "2020-09-09", "publisher": "张家界新闻网", "author": "朱标", "title": lines[0]}


def test_004_circled_numerals_and_simplified_wording():
    text = analysed(seed_path("004"))[1].text
    assert "㈠" not in text and "（一）指导工作上为学而学、学用脱节的问题仍然突出。" in text
    assert "（四）能力水平和力量配备有短板，创新融合不到位。" in text
    assert "打着加强党建的旗号" in text  # 打著 -> 打着 in a traditional document
    assert "认真履行“一岗双责”" in text


def test_003_inline_numbered_headings_start_paragraphs():
    text = analysed(seed_path("003"))[1].text
    for start in ("2、严格督促指导", "3、量化评分标准", "4、强化结果运用", "一是落实党建责任", "二是突出目标任务"):
        assert f"\n{start}" in text
    assert "显著" in text  # a simplified document is not run through tw2s


def test_004_unrecoverable_runs_reported_with_position():
    raw, result = analysed(seed_path("004"))[:2]
    spans = result.unrecoverable
    assert len(spans) == 3
    raw_lines = raw.replace("\r\n", "\n").split("\n")
    clean_lines = result.text.split("\n")
    for sp in spans:
        # the position in the input points at the garbled run
        assert raw_lines[sp.src_line - 1][sp.src_col - 1:].startswith(sp.text)
        # the position in the clean text points at the mark
        assert clean_lines[sp.line - 1][sp.col - 1] == MISSING
        assert result.text[sp.start] == MISSING
        assert result.text[sp.start:].startswith(sp.replacement)
    assert spans[0].text == "??傮w"
    # 效果??傮w來看: 總 is lost, 體 is recovered by re-aligning the GBK bytes
    assert "用行政工作的成效来倒推党建工作的效果□体来看，" in result.text
    assert spans[1].text.startswith("??己耍") and "重定期考核，轻日□核，重结果导向" in result.text
    assert "膯栴" in spans[2].text and "说到底是强化责任担当□问题。" in result.text
    assert "?" not in result.text and "？" not in result.text
    assert not any(0xE000 <= ord(c) <= 0xF8FF for c in result.text)


def test_clean_seeds_without_defects_report_nothing_unrecoverable(seed):
    key, path, raw, result, *_ = seed
    if key != "004":
        assert result.unrecoverable == []


# --- rules on small inputs --------------------------------------------------------


def test_masks_restored_but_latin_words_untouched():
    text = clean("机关D建和D员队伍建设，D组织书记、D中央、D的领导。下载PDF文件，DNA检测，3D打印。\n")
    assert "机关党建和党员队伍建设，党组织书记、党中央、党的领导。" in text
    assert "PDF" in text and "DNA" in text and "3D打印" in text


def test_lone_d_is_left_alone_in_an_unmasked_document():
    text = clean("补充维生素D的作用很大，D级危房要整改。\n")
    assert "维生素D的作用" in text and "D级危房" in text


def test_masked_document_restores_every_lone_d():
    text = clean("D建工作要抓实，D员要带头，D组织要健全，坚持管D治D，巩固D的执政地位，D级危房除外。\n")
    assert "管党治党" in text and "党的执政地位" in text and "D级危房" in text


def test_xjp_expanded_only_as_a_word():
    text = clean("xjp总书记指出，以XJP同志为核心。xjpabc不变。\n")
    assert "习近平总书记指出" in text and "以习近平同志为核心" in text and "xjpabc" in text


def test_pinyin_annotations_removed_not_latin_in_brackets():
    text = clean("推動發(fā)展，業(yè)務工作(gōng zuò)，國內生產總值(GDP)，见附件(PDF)。\n")
    assert "推动发展，业务工作" in text
    assert "（GDP）" in text and "（PDF）" in text
    assert "fā" not in text and "yè" not in text


def test_traditional_converted():
    assert clean("黨建與業務工作融合發展。\n") == "党建与业务工作融合发展。\n"


def test_punctuation_normalised_numbers_kept():
    text = clean('他说:"要抓好党建",并且(一定)要落实;对吗?好!共1,000份,会议在9:30开始.\n')
    assert text == "他说：“要抓好党建”，并且（一定）要落实；对吗？好！共1,000份，会议在9:30开始。\n"


def test_circled_numerals():
    text = clean("㈠第一点。\n㈡第二点。\n⑴细项。\n")
    assert text == "（一）第一点。\n（二）第二点。\n（1）细项。\n"


def test_html_and_chrome_removed():
    raw = ("<html><body><div>您的位置：首页 > 新闻</div>\n<p>正文标题</p>\n"
           "<p>&nbsp;&nbsp;这是正文的第一句话，内容比较长，足以构成一个正文段落，并且以句号结束。</p>\n"
           "<p>返回栏目</p><p>举报此信息</p></body></html>\n")
    text = clean(raw)
    assert text == "正文标题\n这是正文的第一句话，内容比较长，足以构成一个正文段落，并且以句号结束。\n"


def test_paywall_markers_removed():
    text = clean("开##paidbegin##拓创新的能力不足。\n---此处隐藏1490字,下载后查看---\n结尾。##paidend##\n")
    assert text == "开拓创新的能力不足。\n结尾。\n"


def test_ordinary_question_mark_is_not_a_lost_character():
    result = clean_text("怎么办?这是常见问题.\n")
    assert result.unrecoverable == []
    assert result.text == "怎么办？这是常见问题。\n"


@pytest.mark.parametrize("phrase, recovered", [("的問題", "问题"), ("考核，重結", "核，重结")])
def test_misaligned_gbk_run_partly_recovered(phrase, recovered):
    """A GBK byte stream that lost a byte: the rest is re-aligned, the lost part marked."""
    garbled = "?" + phrase.encode("gbk")[1:].decode("gb18030")
    result = clean_text(f"强化责任担当{garbled}。\n")
    assert len(result.unrecoverable) == 1
    sp = result.unrecoverable[0]
    assert sp.text == garbled and (sp.line, sp.col, sp.src_line, sp.src_col) == (1, 7, 1, 7)
    assert result.text == f"强化责任担当{MISSING}{recovered}。\n"


def test_unrecoverable_without_realignment():
    result = clean_text("甲乙??丙丁。\n第二行\ufffd\ufffd也坏了。\n")
    assert [(s.line, s.col, s.text) for s in result.unrecoverable] == [(1, 3, "??"), (2, 4, "\ufffd\ufffd")]
    assert result.text == f"甲乙{MISSING}丙丁。\n第二行{MISSING}也坏了。\n"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="党建业务融合发展，。、“”一二三（）1.:,?D的员", min_size=1, max_size=40),
                min_size=1, max_size=6))
def test_clean_output_is_well_formed(paragraphs):
    """Whatever the input: single newlines, no indentation, no empty lines, idempotent layout."""
    result = clean_text("\n\n".join(paragraphs))
    text = result.text
    if text:
        assert text.endswith("\n")
        for line in text.split("\n")[:-1]:
            assert line and line == line.strip()
    for sp in result.unrecoverable:
        assert text[sp.start] == MISSING


def test_clean_output_matches_published_sources():
    """Stability: published sources hold the tool's clean text, and citations depend on it.

    If this fails after a change to cleaning, the change would break the verbatim
    passages cited in content/: rewrite the sources (and note it) or revert.
    """
    import yaml

    from .conftest import ROOT, SEEDS

    checked = 0
    for path in sorted((ROOT / "content" / "policies" / "sources").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("duplicate_of") or not data.get("seed_file"):
            continue
        seed_file = SEEDS / data["seed_file"]
        if not seed_file.exists() or not isinstance(data.get("text"), str):
            continue
        assert analysed(seed_file)[1].text == data["text"], path.name
        checked += 1
    if not checked:
        pytest.skip("no published source with seed_file yet")


def test_html_spanning_lines_scripts_and_line_breaks():
    raw = ("<html><head><style>\nbody { color: red; }\n</style>\n<script type=\"text/javascript\">\n"
           "var 广告 = '党建';\n</script></head>\n<body><!-- 注释\n多行 -->\n<div\n class=\"x\">第一段文字。<br>第二段文字。</div>\n"
           "<p>第三段&amp;尾声。</p></body></html>\n")
    result = clean_text(raw)
    assert result.text == "第一段文字。\n第二段文字。\n第三段&尾声。\n"


# --- text read with the wrong codec, hard line breaks, repeated blocks ----------------


@pytest.mark.parametrize("codec_in, codec_out", [("utf-8", "gbk"), ("gbk", "big5"), ("gbk", "latin-1"),
                                                 ("utf-8", "cp1252")])
def test_garbled_line_is_reported_never_converted(codec_in, codec_out):
    sentence = "要把党建工作做实做细，加强机关党建促进业务"
    garbled = sentence.encode(codec_in).decode(codec_out, errors="ignore")
    result = clean_text(f"标题\n第一段是正常的文字。\n{garbled}。\n最后一段。\n")
    spans = [sp for sp in result.unrecoverable if sp.kind == "garbled"]
    assert spans, garbled
    assert all(sp.src_line == 3 for sp in spans) and spans[0].src_col == 1
    line3 = result.text.split("\n")[2]
    assert MISSING in line3
    # nothing of the garbled run reaches the clean text, not even "simplified" by OpenCC
    assert not any(c in line3 for c in garbled if "\u4e00" <= c <= "\u9fff")
    assert "第一段是正常的文字。" in result.text and "最后一段。" in result.text


@pytest.mark.parametrize("line", [
    "王喆、李犇等同志获得表彰。",                    # rare characters in names
    "支部书记张珺、党员赵旸参加了座谈。",
    "“两张皮”问题×3，得分±5分，温度为20°C。",      # Latin-1 symbols, one at a time
    "黨建與業務工作融合發展。",                      # traditional characters are not garbled
])
def test_real_text_is_not_garbled(line):
    assert clean_text(line + "\n").unrecoverable == []


def test_hard_line_breaks_of_a_pdf_copy_are_joined():
    text = ("党建工作与业务工作深度融合是新时代机关党建的必然要求，也是推动高质量发展的重\n"
            "要保障。各级党组织要把党建工作和业务工作一起谋划、一起部署、一起落实、一起\n"
            "检查，真正做到同频共振。近年来，我们在这方面做了一些探索，取得了一定成效，\n"
            "但也存在一些问题，主要表现在以下几个方面，需要引起高度重视并认真加以解决\n"
            "。\n"
            "一、存在的问题\n"
            "一些单位党建和业务考核各搞一套，考核结果互不衔接，难以形成合力，党员干部对\n"
            "此反映较多，希望尽快统一考核办法，把党建考核结果用到干部评先评优上来，切实\n"
            "发挥考核的导向作用。\n")
    result = clean_text(text)
    lines = result.text.split("\n")
    assert lines[0].startswith("党建工作与业务工作深度融合") and lines[0].endswith("认真加以解决。")
    assert lines[1] == "一、存在的问题"
    assert lines[2].endswith("发挥考核的导向作用。") and len(lines) == 4
    assert result.source_lines(1, 1) == (1, 5) and result.source_lines(3, 3) == (7, 9)


def test_short_lines_and_headings_are_not_joined():
    text = "关于某局党建工作的调研报告\n某局机关党委\n一、基本情况\n某局共有党员120名。\n二、存在的问题\n有的支部活动不正常。\n"
    assert clean_text(text).text == text


def test_repeated_block_collapsed_and_reported():
    block = "一、存在的问题\n有的支部组织生活流于形式，党员参加积极性不高。\n二、对策建议\n要把党建和业务一起谋划、一起考核。\n"
    result = clean_text("标题\n" + block + block + block + "结尾一句话在这里。\n")
    assert result.text == "标题\n" + block + "结尾一句话在这里。\n"
    assert result.repeats == [{"lines": [6, 13], "same_as": [2, 5], "count": 8, "copies": 2}]
    assert "重复的内容" in result.removed[0].reason and result.removed[0].line == 6


def test_a_short_heading_that_comes_back_is_not_a_repeat():
    text = ("标题\n一、某局\n主要做法\n某局建立了党建联系点制度，效果很好。\n二、某所\n主要做法\n"
            "某所推行了党员示范岗，群众评价很高。\n")
    result = clean_text(text)
    assert result.text == text and result.repeats == []


def test_table_row_pasted_from_word_keeps_its_cells_apart():
    raw = ("关于整改工作的方案\n\n一、整改任务\n\n序号\t问题表现\t整改措施\t责任单位\n"
           "1\t学习与业务脱节\t推行“学习+攻坚”模式，每季度一次\t机关党委\n")
    lines = clean_text(raw).text.split("\n")
    assert "序号｜问题表现｜整改措施｜责任单位" in lines
    assert "1｜学习与业务脱节｜推行“学习+攻坚”模式，每季度一次｜机关党委" in lines


def test_official_document_title_keeps_its_issuing_organ():
    raw = ("中共某市规划局党组\n关于机关党建问题的整改工作方案\n\n为落实要求，制定本方案。这是正文的第一段，说明制定方案的缘由。\n\n"
           "一、总体要求\n\n坚持问题导向，逐项整改到位。\n")
    c = clean_text(raw)
    assert c.meta["title"] == "中共某市规划局党组关于机关党建问题的整改工作方案"
    assert c.meta["author"] == "中共某市规划局党组"


def test_speaker_line_under_a_speech_title_is_its_author():
    raw = ("推动机关党建与业务融合\n——在局机关党建工作会议上的讲话\n市水利局党组书记、局长  李明\n（2024年3月12日）\n\n"
           "同志们：\n\n今天召开会议，主要任务是总结去年的工作，部署今年的任务。下面，我讲三点意见。\n")
    c = clean_text(raw)
    assert c.meta["author"] == "市水利局党组书记、局长 李明"
    assert c.meta["date"] == "2024-03-12"
    assert c.meta["title"] == "推动机关党建与业务融合——在局机关党建工作会议上的讲话"
