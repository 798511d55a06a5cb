"""Responsibility levels named in sentences."""

from __future__ import annotations

import pytest

from ronghe.ingest.levels import LEVEL_IDS, detect_levels


@pytest.mark.parametrize("sentence, expected", [
    ("党组（党委）书记要自觉履行“第一责任人”职责", ["dangzu-shuji"]),
    ("党委（党组）在年初部署工作时", ["dangzu"]),
    ("领导班子成员要分好责任区，严格履行“一岗双责”", ["banzi-chengyuan"]),
    ("机关党委书记原则上由单位主要领导担任", ["jiguan-dangwei", "dangzu-shuji"]),
    ("基层党支部作为管党治党的中坚力量", ["zhibu"]),
    ("党支部书记每季度报告一次", ["zhibu-shuji"]),
    ("各级机关工委要带头加强研究", ["jiguan-gongwei"]),
    ("充分发挥党员的先锋模范作用", ["dangyuan"]),
    ("加强资源整合，形成工作格局", []),
])
def test_levels(sentence, expected):
    assert detect_levels(sentence) == [lid for lid in LEVEL_IDS if lid in expected]


def test_longer_names_win():
    # 机关党委书记 is not a 党委书记 of the 党组 level; 党支部书记 is not also 党支部
    assert detect_levels("机关党委书记") == ["jiguan-dangwei"]
    assert detect_levels("党支部书记") == ["zhibu-shuji"]
    assert "dangzu" not in detect_levels("积极发挥对下级党委的指导作用")
