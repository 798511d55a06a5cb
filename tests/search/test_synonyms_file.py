"""content/search/synonyms.yml: colloquial synonyms that editors extend. Checked with
the rest of the content (errors at file and line), read by the search build step."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from ronghe.build.search.dictionary import domain_words
from ronghe.build.search.documents import SearchDocument
from ronghe.build.search.index import build_index
from ronghe.build.search.query import SearchEngine, rules_for
from ronghe.build.search.segment import Segmenter
from ronghe.build.search.synonyms import expand_synonyms
from ronghe.content.errors import ErrorCollector
from ronghe.content.loader import load_synonyms
from ronghe.content.model import SynonymList
from ronghe.content.schema import SYNONYMS_FILE

from .conftest import MINI, ROOT

REAL = ROOT / "content" / SYNONYMS_FILE


def test_the_real_file_is_valid_and_follows_its_schema():
    errors = ErrorCollector()
    synonyms = load_synonyms(REAL, errors)
    groups = synonyms.groups
    assert not errors, errors.report()
    assert len(groups) >= 20 and all(len(g) >= 2 for g in groups)
    assert ("业务", ["征管", "税收征管", "征期", "收税", "办税", "纳税服务", "稽查"]) in synonyms.readings
    schema = json.loads((ROOT / "docs/schemas/synonyms.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(REAL.read_text(encoding="utf-8")), schema)
    assert {"一把手", "主要领导", "主要负责人", "第一责任人"} <= set(groups[1])      # (the example)


def _check_fails(tmp_path, synonyms_text: str) -> str:
    """``ronghe check`` on the mini content with this synonyms file: it fails cleanly; its report."""
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    (content / "search").mkdir(exist_ok=True)
    (content / SYNONYMS_FILE).write_text(synonyms_text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "ronghe", "check", "--content", str(content)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    return proc.stderr


def _reports(out: str, problems: dict[int, str]) -> None:
    """``ronghe check`` named each line and said its problem."""
    for line, message in problems.items():
        assert f"synonyms.yml:{line}" in out and message in out, (line, message)


def test_check_names_file_line_and_problem(tmp_path):
    out = _check_fails(tmp_path, "# 口语同义词\n- [走过场, 流于形式]\n- [摆样子]\n- [做做 样子, 做样子]\n- [走过场, 走形式]\n"
                                 "- 不是一组\n")
    _reports(out, {3: "同义词组至少要有两个词", 4: "“做做 样子”不是一个词",
                   5: "“走过场”重复：它已在第 2 行的同义词组中", 6: "同义词组应是方括号里的一组词"})


def test_check_names_the_line_of_a_bad_reading(tmp_path):
    out = _check_fails(tmp_path, "- 业务: [征管, 审判]\n- 业务: 征管\n- 业务:\n    - 审 判\n    - 业务\n    - 审判\n"
                                 "- 党 建: [支部]\n")
    _reports(out, {2: "冒号后应是方括号里的一组词", 4: "“审 判”不是一个词", 5: "“业务”就是冒号前的词",
                   6: "“审判”重复：第 1 行已把它读作“业务”", 7: "冒号前的“党 建”不是一个词"})


def test_a_group_an_editor_adds_is_searched(mini_kb):
    docs = [SearchDocument("a.html", "组织生活流于形式", "会议只是走个程序。", type="problem"),
            SearchDocument("b.html", "党员教育", "学习要有实效。", type="countermeasure")]
    seg = Segmenter(domain_words(mini_kb))

    def engine(groups):
        return SearchEngine({"index": build_index(docs, seg.tokens),
                             "docs": [[d.location, d.title, d.summary, d.type, d.levels, d.aliases] for d in docs],
                             "rules": rules_for(mini_kb, SynonymList(groups))})

    assert not engine([]).search("开会走过场")
    found = engine([["走过场", "流于形式"]]).search("开会走过场")
    assert [r["location"] for r in found] == ["a.html"] and found[0]["terms"]["走过场"]


def test_a_reading_an_editor_adds_goes_one_way(mini_kb):
    docs = [SearchDocument("a.html", "业务工作", "把业务抓好。", type="problem"),
            SearchDocument("b.html", "征管质量", "征管要规范。", type="countermeasure")]
    seg = Segmenter(domain_words(mini_kb))
    engine = SearchEngine({"index": build_index(docs, seg.tokens),
                           "docs": [[d.location, d.title, d.summary, d.type, d.levels, d.aliases] for d in docs],
                           "rules": rules_for(mini_kb, SynonymList(readings=[("业务", ["审判", "征管"])]))})
    assert [r["location"] for r in engine.search("审判")] == ["a.html"]       # read as 业务
    assert [r["location"] for r in engine.search("征管")] == ["b.html", "a.html"]   # as typed first
    assert [r["location"] for r in engine.search("业务")] == ["a.html"]       # not the other way


def test_the_synonyms_are_published_as_sets_and_read_back_as_every_pair(site_bundle):
    # the index head carries the groups and readings, not every word -> words pair (the expanded map was
    # ten times as large: 170 KB of a 330 KB head); both sides expand them the same way (expand_synonyms,
    # worker.js expandSynonyms: the Chromium runs of every evaluation query agree with Python)
    sets = site_bundle["rules"]["synonyms"]
    expanded = expand_synonyms(sets)
    assert {"主要领导", "第一责任人"} <= set(expanded["一把手"]) and "一把手" in expanded["主要领导"]   # a group
    assert "业务" in expanded["征管"] and "征管" not in expanded.get("业务", [])                        # a reading
    assert "考核" in expanded["考评"] and "考评" in expanded["考核"]                                # a term's alias
    size = len(json.dumps(sets, ensure_ascii=False))
    assert size * 5 < len(json.dumps(expanded, ensure_ascii=False)), size
