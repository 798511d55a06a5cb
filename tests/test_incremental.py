"""Dev-server rebuilds: only pages an edit can affect are rendered again."""

from __future__ import annotations

import dataclasses

import pytest

from ronghe import incremental, loader
from ronghe.bench.generate import generate
from ronghe.graph import KnowledgeBase
from ronghe.loader import load_and_validate


@pytest.fixture
def serve_mode():
    incremental.start("serve", True)
    yield
    incremental.start("build", False)


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
    assert not incremental.STATE.active and loader.PARSE_CACHE is None
    incremental.render_entries(kb, render)
    incremental.render_entries(kb, render)
    assert len(calls) == 2 * len(kb.entries)


def test_dev_server_rerenders_only_the_neighbourhood_of_an_edit(kb, serve_mode):
    render, calls = _counting_render()
    first = dict((e.id, md) for e, md in incremental.render_entries(kb, render))
    assert len(calls) == len(kb.entries)
    hubs = [e for e in kb.entries.values() if e.type_name in incremental.HUB_TYPES]

    calls.clear()
    again = dict((e.id, md) for e, md in incremental.render_entries(kb, render))
    assert again == first and len(calls) == len(hubs)  # nothing changed: only hub pages

    problem = kb.by_type("problem")[0]
    cause = kb.causes_of(problem.id)[0]
    edited = dataclasses.replace(cause, title=cause.title + "（修订）")
    entries = {**kb.entries, cause.id: edited}
    kb2 = KnowledgeBase(entries, kb.categories)
    calls.clear()
    pages = dict((e.id, md) for e, md in incremental.render_entries(kb2, render))
    assert cause.id in calls and problem.id in calls        # the edited entry and its neighbour
    assert "（修订）" in pages[problem.id]                   # the neighbour shows the new title
    assert len(calls) < len(kb.entries) // 2               # far entries reused
    assert pages == {i: render(kb2, e) for i, e in kb2.entries.items()}  # and nothing is stale


def test_unchanged_pages_are_reported_only_under_the_dev_server(serve_mode):
    pages = [("a.md", "A"), ("b.md", "B")]
    assert incremental.unchanged_pages("/site", pages, "salt") == set()
    assert incremental.unchanged_pages("/site", [("a.md", "A"), ("b.md", "B2")], "salt") == {"a.md"}
    assert incremental.unchanged_pages("/site", [("a.md", "A"), ("b.md", "B2")], "other") == set()
    incremental.forget("/site")
    assert incremental.unchanged_pages("/site", pages, "salt") == set()
    incremental.start("build", False)
    assert incremental.unchanged_pages("/site", pages, "salt") == set()
