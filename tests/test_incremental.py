"""Dev-server rebuilds: only pages an edit can affect are rendered again."""

from __future__ import annotations

import dataclasses
import weakref

import pytest

from ronghe.bench.generate import generate
from ronghe.content.cache import ContentCache
from ronghe.content.graph import KnowledgeBase
from ronghe.content.loader import load_and_validate
from ronghe.site.page_memo import EntryPageMemo, PageDigests, render_all
from ronghe.site.state import SiteState


@pytest.fixture
def memo():
    return EntryPageMemo()


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    gen = generate(tmp_path_factory.mktemp("inc") / "content", 300, seed=5)
    kb, result = load_and_validate(gen.content_dir)
    assert not result.errors
    return kb


def _counting_render():
    calls = []

    def render(kb, entry):
        calls.append(entry.id)
        return f"{entry.title}|{entry.summary}|" + ",".join(e.title for e in kb.causes_of(entry.id))
    return render, calls


def test_a_normal_build_renders_every_entry(kb):
    render, calls = _counting_render()
    render_all(kb, render)
    render_all(kb, render)
    assert len(calls) == 2 * len(kb.entries)
    assert not SiteState().reuses_pages            # a one-off build keeps no pages


def test_dev_server_rerenders_only_the_neighbourhood_of_an_edit(kb, memo):
    render, calls = _counting_render()
    first = dict((e.id, md) for e, md in memo.render_entries(kb, render))
    assert len(calls) == len(kb.entries)

    calls.clear()
    again = dict((e.id, md) for e, md in memo.render_entries(kb, render))
    assert again == first and calls == []  # nothing changed: nothing rendered

    problem = kb.by_type("problem")[0]
    cause = kb.causes_of(problem.id)[0]
    edited = dataclasses.replace(cause, title=cause.title + "（修订）")
    entries = {**kb.entries, cause.id: edited}
    kb2 = KnowledgeBase(entries, kb.categories)
    calls.clear()
    pages = dict((e.id, md) for e, md in memo.render_entries(kb2, render))
    assert cause.id in calls and problem.id in calls        # the edited entry and its neighbour
    assert "（修订）" in pages[problem.id]                   # the neighbour shows the new title
    assert len(calls) < len(kb.entries) // 2               # far entries reused
    assert pages == {i: render(kb2, e) for i, e in kb2.entries.items()}  # and nothing is stale


def test_pages_that_read_whole_types_are_rendered_when_such_an_entry_changes(kb, memo):
    render, calls = _counting_render()
    reads = {"level": frozenset({"countermeasure"}), "term": None}
    views = {cm.id: "view" for cm in kb.by_type("countermeasure")[:3]}
    memo.render_entries(kb, render, reads, lambda kb: views)
    calls.clear()
    memo.render_entries(kb, render, reads, lambda kb: views)
    assert sorted(calls) == sorted(e.id for e in kb.by_type("term"))  # None: every time

    far = kb.by_type("countermeasure")[-1]
    edited = KnowledgeBase({**kb.entries, far.id: dataclasses.replace(far, body="新的正文")}, kb.categories)
    calls.clear()
    memo.render_entries(edited, render, reads, lambda kb: views)
    levels = {e.id for e in kb.by_type("level")}
    assert levels <= set(calls)                                  # they read countermeasures

    views[kb.by_type("countermeasure")[0].id] = "another view"
    calls.clear()
    memo.render_entries(edited, render, reads, lambda kb: views)
    assert kb.by_type("countermeasure")[0].id in calls and not levels & set(calls)


def test_unchanged_pages_are_reported_only_under_the_dev_server():
    digests = PageDigests()
    pages = [("a.md", "A"), ("b.md", "B")]
    assert digests.unchanged("/site", pages, "salt") == set()
    assert digests.unchanged("/site", [("a.md", "A"), ("b.md", "B2")], "salt") == {"a.md"}
    assert digests.unchanged("/site", [("a.md", "A"), ("b.md", "B2")], "other") == set()
    digests.forget("/site")
    assert digests.unchanged("/site", pages, "salt") == set()
    once = SiteState()                               # a one-off build: nothing counts as unchanged
    assert once.unchanged_pages("/site", pages, "salt") == set()
    assert once.unchanged_pages("/site", pages, "salt") == set()


# --- every page an edit changes is generated again ---------------------------------
# Under the dev server, generate_pages reuses what it can (entry pages far from the
# edit, hub pages whose inputs are unchanged, checklist merges). After any edit its
# pages must equal those of a full generation of the edited knowledge base.

from pathlib import Path  # noqa: E402

from ronghe.content.model import Countermeasure, Measure  # noqa: E402
from ronghe.site.pages import generate_pages  # noqa: E402
from ronghe.site import index_parts  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def real_kb():
    kb, result = load_and_validate(ROOT / "content")
    assert not result.errors
    return kb


def _pages(kb, state=None) -> dict[str, str]:
    return {p.src_uri: p.markdown for p in generate_pages(kb, state)}


def _edited(kb, edit) -> KnowledgeBase:
    entries = {i: edit(e) or e for i, e in kb.entries.items()}
    return KnowledgeBase(entries, kb.categories, kb.memo)


def _retitle(type_name):
    def edit(e):
        if e.type_name == type_name:
            return dataclasses.replace(e, title=e.title + "修订题", summary=e.summary + "修订摘要")
    return edit


def _reword_measures(e):
    if isinstance(e, Countermeasure) and e.measures:
        first = e.measures[0]
        return dataclasses.replace(e, measures=[Measure(first.text + "（修订举措）", list(first.levels), first.timing,
                                                        first.evidence), *e.measures[1:]])


def _reword_checklist_items(e):
    if e.type_name == "checklist" and e.groups:
        groups = [dataclasses.replace(g, items=[dataclasses.replace(i, text=i.text + "（修订事项）") for i in g.items])
                  for g in e.groups]
        return dataclasses.replace(e, groups=groups)


def _drop_first_relation(e):
    if e.type_name == "cause" and len(e.problems) > 1:
        return dataclasses.replace(e, problems=e.problems[1:])
    if isinstance(e, Countermeasure) and e.measures and len(e.measures[0].levels) > 1:
        first = e.measures[0]
        return dataclasses.replace(e, measures=[dataclasses.replace(first, levels=first.levels[1:]), *e.measures[1:]])


def _one_summary(entry_id):
    def edit(e):
        if e.id == entry_id:
            return dataclasses.replace(e, summary="单条修订摘要" + e.summary)
    return edit


EDITS = {f"retitle-{t}": _retitle(t) for t in
         ("problem", "cause", "countermeasure", "case", "level", "source", "term", "checklist", "topic")}
EDITS.update({"measures": _reword_measures, "checklist-items": _reword_checklist_items,
              "relations": _drop_first_relation})


def _added(kb, type_name) -> KnowledgeBase:
    """A copy of the first entry of ``type_name`` under a new id (same relations)."""
    first = kb.by_type(type_name)[0]
    copy = dataclasses.replace(first, id=first.id + "-xin", slug=first.slug + "-xin", title="新增条目" + first.title)
    return KnowledgeBase({**kb.entries, copy.id: copy}, kb.categories, kb.memo)


def _removed(kb, type_name) -> KnowledgeBase:
    gone = kb.by_type(type_name)[0].id
    return KnowledgeBase({i: e for i, e in kb.entries.items() if i != gone}, kb.categories, kb.memo)


@pytest.mark.parametrize("which", ["real", "generated", "in-parts"])
@pytest.mark.parametrize("name", sorted(EDITS) + ["one-problem", "added-countermeasure", "added-problem",
                                                  "added-cause", "removed-case", "removed-countermeasure",
                                                  "removed-problem"])
def test_dev_server_pages_after_an_edit_equal_a_full_generation(which, name, real_kb, kb, monkeypatch):
    base = real_kb if which == "real" else kb
    serve = SiteState.incremental()
    base = KnowledgeBase(base.entries, base.categories, memo=ContentCache().memo)   # results reused too
    if which == "in-parts":  # the big index pages split into many small parts (ronghe.site.index_parts)
        monkeypatch.setattr(index_parts, "PART_SIZE", 7)
        monkeypatch.setattr(index_parts, "LEVEL_SPLIT_ROWS", 0)
        monkeypatch.setattr(index_parts, "MAP_MAX_NODES", 0)
        monkeypatch.setattr(index_parts.paging, "cache", weakref.WeakKeyDictionary())
    if name == "one-problem":  # the benchmark's edit: the first (most referenced) problem
        edited = _edited(base, _one_summary(base.by_type("problem")[0].id))
    elif name.startswith("added-"):
        edited = _added(base, name.split("-", 1)[1])
    elif name.startswith("removed-"):
        edited = _removed(base, name.split("-", 1)[1])
    else:
        edited = _edited(base, EDITS[name])
        if all(edited.entries[i] is e for i, e in base.entries.items()):
            pytest.skip("no entry of this kind")
    _pages(base, serve)                 # the previous build of the dev server
    _pages(base, serve)                 # (twice: memos see an unchanged build too)
    incremental_pages = _pages(edited, serve)
    full = _pages(KnowledgeBase(edited.entries, edited.categories), SiteState())   # a full generation, nothing reused
    stale = sorted(uri for uri in full if incremental_pages.get(uri) != full[uri])
    assert not stale and incremental_pages.keys() == full.keys()
    assert full != _pages(base, SiteState())   # the edit did change some page


def test_dev_server_reloads_edited_files_and_reuses_the_others(tmp_path):
    gen = generate(tmp_path / "content", 40, seed=3)
    cache = ContentCache()
    kb1, result = load_and_validate(gen.content_dir, cache=cache)
    assert not result.errors
    kb2, _ = load_and_validate(gen.content_dir, cache=cache)
    assert all(kb2.entries[i] is e for i, e in kb1.entries.items())   # unchanged files: nothing rebuilt

    edited = gen.edit_target
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("\nsummary: ", "\nsummary: 新摘要", 1), encoding="utf-8")
    kb3, result = load_and_validate(gen.content_dir, cache=cache)
    assert not result.errors
    changed = [i for i, e in kb3.entries.items() if kb1.entries.get(i) is not e]
    assert changed == [edited.stem] and kb3.entries[edited.stem].summary.startswith("新摘要")

    # a file with a field error is reported on every build, not cached as good
    edited.write_text(text.replace("\nsummary: ", "\nunknown_field: 1\nsummary: ", 1), encoding="utf-8")
    for _ in range(2):
        _kb, result = load_and_validate(gen.content_dir, cache=cache)
        assert [e.path.rsplit("/", 1)[-1] for e in result.errors.sorted()] == [edited.name]


def test_dev_server_forgets_raw_html_no_page_holds(kb):
    state = SiteState.incremental()
    state.raw.prune_min = 0
    problem = kb.by_type("problem")[0].id
    sizes = []
    for n in range(8):  # each edit changes the matrix list and the maps (big raw HTML slots)
        edited = _edited(kb, lambda e: dataclasses.replace(e, summary=f"第{n}次") if e.id == problem else None)
        pages = generate_pages(edited, state)
        sizes.append(state.raw.size())
        for page in pages:  # every slot of the current pages can still be filled in
            state.raw.expand(page.markdown)
    assert max(sizes) < 1.5 * sizes[0]
