"""Bracketed readings go only when they read the characters before them; ids read as pinyin."""

from __future__ import annotations

import pytest

from ronghe.ingest.clean import clean_text
from ronghe.ingest.pinyin import is_reading_of, slug


def clean(s: str) -> str:
    return clean_text(s).text


@pytest.mark.parametrize("raw, expected", [
    ("推动发(fā)展。", "推动发展。"),
    ("业务工作(gōng zuò)。", "业务工作。"),
    ("走在同行(háng)前列。", "走在同行前列。"),            # a heteronym: 行 is xíng and háng
    ("党组(zǔ)书记要带头。", "党组书记要带头。"),
    ("长(zhǎng)期坚持。", "长期坚持。"),
    ("重(chóng)新部署。", "重新部署。"),
    ("黨建(dang jian)工作。", "党建工作。"),               # without tone marks, traditional
    ("形成合力(he li)。", "形成合力。"),
])
def test_readings_of_the_characters_before_are_removed(raw, expected):
    assert clean(raw + "\n") == expected + "\n"


@pytest.mark.parametrize("raw, expected", [
    ("开发了移动应用(APP)办公。", "开发了移动应用（APP）办公。"),
    ("开发了移动应用(app)办公。", "开发了移动应用（app）办公。"),      # app is no reading of 用
    ("纳入办公自动化系统(OA)管理。", "纳入办公自动化系统（OA）管理。"),
    ("占地区生产总值(GDP)的比重。", "占地区生产总值（GDP）的比重。"),
    ("称为党建引领(Party-building leadership)。", "称为党建引领（Party-building leadership）。"),
    ("客户关系管理系统(crm)维护。", "客户关系管理系统（crm）维护。"),
    ("这就是党建(dang)的要求。", "这就是党建（dang）的要求。"),        # one syllable, but it reads 党, not 建
])
def test_other_brackets_stay(raw, expected):
    assert clean(raw + "\n") == expected + "\n"


def test_is_reading_of_knows_every_reading():
    assert is_reading_of("行", ["háng"]) and is_reading_of("行", ["xíng"]) and is_reading_of("行", ["hang"])
    assert not is_reading_of("用", ["app"]) and not is_reading_of("建", ["dang"])
    assert not is_reading_of("工作", ["gōng"])   # one syllable for two characters


def test_slug_reads_chinese_as_pinyin_words():
    assert slug("报告甲") == "bao-gao-jia" and slug("报告乙") == "bao-gao-yi"
    assert slug("思想认识不到位") == "si-xiang-ren-shi-bu-dao-wei"
    assert slug("2022年党建研究报告") == "2022-nian-dang-jian-yan-jiu-bao-gao"
    assert slug("关于党建的调研") == "dang-jian-diao-yan"          # 关于 and 的 say nothing in an id
    assert slug("行业的发展", max_syllables=2) == "hang-ye"         # the reading in context
    assert slug("My Report (final)") == "my-report-final"
    assert slug("关于市税务系统机关党建与税收业务融合情况的调研报告", max_syllables=6).count("-") <= 5
