"""The knowledge base is complete enough for a cadre to follow: every problem has a
cause and a countermeasure, every countermeasure says who acts, every case shows a
countermeasure at work, every level has its checklist."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

import _content_kb as _kb

LEVEL_IDS = {"dangzu", "dangzu-shuji", "banzi-chengyuan", "jiguan-dangwei", "zhibu", "zhibu-shuji",
             "dangyuan", "jiguan-gongwei"}
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TYPE_DIRS = {
    "problem": "policies/problems", "cause": "policies/causes", "countermeasure": "policies/countermeasures",
    "source": "policies/sources", "level": "policies/levels", "term": "policies/glossary",
    "case": "cases", "checklist": "checklists",
}


def _entries():
    by_type = defaultdict(dict)
    for p in _kb.entry_files():
        rel = p.relative_to(_kb.CONTENT).as_posix()
        for t, d in TYPE_DIRS.items():
            if rel.startswith(d + "/"):
                data = _kb.load(p)
                if not data.get("draft"):
                    by_type[t][data["id"]] = data
    return by_type


E = _entries()


def test_counts():
    assert len(E["problem"]) >= 8 and len(E["cause"]) >= 4 and len(E["countermeasure"]) >= 15
    assert len(E["case"]) >= 3 and len(E["term"]) >= 20 and len(E["source"]) == 5


def test_levels_are_the_controlled_vocabulary():
    assert set(E["level"]) == LEVEL_IDS
    orders = [lv["order"] for lv in E["level"].values()]
    assert len(set(orders)) == len(orders)


def test_ids_unique_and_well_formed():
    seen = {}
    for t, entries in E.items():
        for i, data in entries.items():
            assert ID.match(i), i
            assert i not in seen, f"{i} used by {seen.get(i)} and {t}"
            seen[i] = t
    for cl in E["checklist"].values():
        for g in cl["groups"]:
            for item in g["items"]:
                assert ID.match(item["id"]) and item["id"] not in seen, item["id"]
                seen[item["id"]] = "checklist item"


@pytest.mark.parametrize("pid", sorted(E["problem"]))
def test_every_problem_has_a_cause_and_a_countermeasure(pid):
    causes = [c for c, d in E["cause"].items() if pid in d.get("problems", [])]
    cms = [c for c, d in E["countermeasure"].items() if pid in d.get("problems", [])]
    assert causes, f"{pid}: no cause points to it"
    assert cms, f"{pid}: no countermeasure addresses it"


@pytest.mark.parametrize("cid", sorted(E["cause"]))
def test_every_cause_leads_to_problems_and_is_addressed(cid):
    assert all(p in E["problem"] for p in E["cause"][cid]["problems"])
    assert any(cid in d.get("causes", []) for d in E["countermeasure"].values()), f"{cid}: no countermeasure"


@pytest.mark.parametrize("mid", sorted(E["countermeasure"]))
def test_every_countermeasure_names_levels(mid):
    cm = E["countermeasure"][mid]
    categories = {c["id"] for c in _kb.load(_kb.CONTENT / "policies/categories.yml")}
    assert cm["category"] in categories
    assert cm.get("problems") or cm.get("causes")
    assert cm["measures"]
    for m in cm["measures"]:
        assert m["levels"] and set(m["levels"]) <= LEVEL_IDS, m


@pytest.mark.parametrize("cid", sorted(E["case"]))
def test_every_case_shows_a_countermeasure(cid):
    case = E["case"][cid]
    assert case["countermeasures"] and all(c in E["countermeasure"] for c in case["countermeasures"])


def test_every_level_has_one_checklist_with_complete_items():
    by_level = defaultdict(list)
    for cl in E["checklist"].values():
        by_level[cl["level"]].append(cl["id"])
        for g in cl["groups"]:
            assert g["items"], g["title"]
            for item in g["items"]:
                assert item["countermeasures"] and all(c in E["countermeasure"] for c in item["countermeasures"]), item
                assert item.get("timing") and item.get("evidence"), item["id"]
    assert {lv: len(v) for lv, v in by_level.items()} == {lv: 1 for lv in LEVEL_IDS}


def test_every_level_is_cited_and_used_by_measures():
    used = {lv for cm in E["countermeasure"].values() for m in cm["measures"] for lv in m["levels"]}
    assert used == LEVEL_IDS
    for lv in E["level"].values():
        assert lv["citations"] and lv.get("role") and lv.get("short")


def test_summaries_are_one_sentence():
    for t, entries in E.items():
        for i, data in entries.items():
            s = data.get("summary")
            if s:
                assert not re.search(r"[。！？].", s.strip()), f"{i}: summary has more than one sentence"


def test_glossary_terms_point_to_entries_and_have_aliases_for_search():
    for tid, term in E["term"].items():
        assert term.get("see_also"), tid
        assert all(any(x in E[t] for t in E) for x in term["see_also"]), tid
    aliases = {term["title"]: term.get("aliases", []) for term in E["term"].values()}
    assert "考评" in aliases["考核"]
    assert {"党组书记", "党委书记"} <= set(aliases["第一责任人"])


def test_duplicate_report_is_marked_and_not_cited():
    dups = [s for s in E["source"].values() if s.get("duplicate_of")]
    assert [d["seed_file"] for d in dups] == ["000_3817e5c820128ae0.txt"]
    assert dups[0]["duplicate_of"] in E["source"] and dups[0]["defects"]
    assert dups[0]["id"] not in _kb.passages_by_source()


def test_glossary_aliases_are_unambiguous_for_search():
    titles = {term["title"]: tid for tid, term in E["term"].items()}
    seen = {}
    for tid, term in E["term"].items():
        for alias in term.get("aliases") or []:
            assert alias not in titles, f"{tid}: alias {alias!r} is the title of {titles[alias]}"
            assert alias not in seen, f"alias {alias!r} in both {seen[alias]} and {tid}"
            seen[alias] = tid
