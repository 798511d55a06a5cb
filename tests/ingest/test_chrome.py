"""The maintained list of web chrome and spam: every pattern removes its examples, and
lines of real report text that look a little like chrome stay."""

from __future__ import annotations

import pytest

from ronghe.ingest import chrome
from ronghe.ingest.clean import clean_text, to_simplified

EXAMPLES = [(p.name, e) for p in chrome.PATTERNS for e in p.examples]


@pytest.mark.parametrize("name, line", EXAMPLES, ids=[f"{n}:{e[:12]}" for n, e in EXAMPLES])
def test_every_example_is_recognised_by_its_pattern(name, line):
    found = chrome.match(chrome.normalise(line, to_simplified))
    assert found is not None and found.name == name


def test_every_pattern_has_examples_and_a_chinese_reason():
    for p in chrome.PATTERNS:
        assert p.examples, p.name
        assert any("\u4e00" <= c <= "\u9fff" for c in p.reason), p.name


# real report sentences that share words with chrome: none may go
ARTICLE_LINES = [
    "群众扫码即可评价办事满意度，满意率达到百分之九十八。",
    "来源于基层的意见建议，要及时研究解决。",
    "下一步，我们将进一步完善考核办法。",
    "支部每月开展一次主题党日活动，党员参加率达到百分之九十五以上。",
    "点击率、阅读量等网络指标不能作为考核党建宣传工作的唯一标准。",
    "全市共有党员1342名，其中在职党员1020名。",
    "版面设计要简洁，突出党建元素。",
    "一、存在的主要问题",
    "第一篇章是理论学习，第二篇章是实践锻炼。",
    "建立党建工作VIP服务通道是个别单位的说法，实际是为企业开辟的绿色通道。",
]


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_article_text_is_not_chrome(line):
    assert chrome.match(chrome.normalise(line, to_simplified)) is None
    assert line in clean_text("标题\n" + line + "\n").text


def test_chrome_goes_first_and_is_reported_with_its_line():
    raw = ("手机版\n您的位置：首页 > 范文大全 > 调研报告\n关于机关党建的调研报告\n"
           "来源：范文网  时间：2023-03-18  点击：2156次\n"
           "下面是小编为大家整理的关于机关党建的调研报告，供大家参考。\n"
           "一、存在的问题\n有的支部组织生活流于形式，党员参加的积极性不高。\n"
           "本文由用户上传，如有侵权请联系删除！\n<!DOCTYPE html>\n")
    result = clean_text(raw)
    assert result.text == "关于机关党建的调研报告\n一、存在的问题\n有的支部组织生活流于形式，党员参加的积极性不高。\n"
    removed = {r.line: r.reason for r in result.removed}
    assert removed[1] == "网站栏目/导航文字" and removed[4].startswith("网页信息行")
    assert removed[5] == "网站推广语" and removed[8] == "上传/版权/侵权声明" and removed[9] == "HTML/脚本残留"
    assert result.meta["date"] == "2023-03-18"


def test_spam_sentence_inside_a_paragraph_is_cut_out():
    result = clean_text("标题\n近年来，支部工作取得明显成效。以下是小编为大家整理的相关范文，希望对大家有所帮助。党员队伍不断壮大。\n")
    assert result.text == "标题\n近年来，支部工作取得明显成效。党员队伍不断壮大。\n"
    assert [r.reason for r in result.removed] == ["网站推广语（句子）"]
