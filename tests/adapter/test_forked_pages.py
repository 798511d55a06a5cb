"""A full build converts half of the generated pages in a forked process
(ronghe.adapter.forked_pages): the site is the same as when one process converts them
all, what the child logs still reaches the build's log, and a child that fails changes
nothing but the time taken."""

from __future__ import annotations

import logging
import os
from unittest import mock

import pytest
from mkdocs.exceptions import Abort

from forked_builds import N, content, serial_site  # noqa: F401 -- fixtures
from forked_builds import build_site as _build
from forked_builds import site_pages as _pages
from ronghe.adapter import forked_pages, plugin

pytestmark = pytest.mark.slow


class _Spy:
    """Records the pages this process took from the child."""

    def __init__(self):
        self.taken: list[str] = []
        self.forked = None
        self._apply = forked_pages.ForkedPages.apply

    def apply(self, forked, page, files, store):
        self.taken.append(page.file.src_uri)
        self.forked = forked
        return self._apply(forked, page, files, store)


def test_a_forked_build_writes_the_same_site(content, serial_site, tmp_path):
    spy = _Spy()
    with mock.patch.object(forked_pages.ForkedPages, "apply", lambda *a: spy.apply(*a)):
        _build(content, tmp_path / "site")
    pages, serial = _pages(tmp_path / "site"), _pages(serial_site)
    assert len(spy.taken) >= N // 3, "the child converted a good share of the pages"
    assert pages.keys() == serial.keys()
    differ = [uri for uri in pages if pages[uri] != serial[uri]]
    assert differ == []
    # the child's pages have their table of contents and headings like any other
    page = pages[spy.taken[-1].removesuffix(".md") + ".html"]
    assert 'class="md-nav__link"' in page and "<h1" in page
    assert not spy.forked.results_path.exists() and not spy.forked.warnings_path.exists(), "no files left behind"


def test_what_the_child_logs_reaches_the_build_log_and_strict_counts_it(content, tmp_path, caplog):
    real = plugin.link_glossary_terms

    def noisy(kb, html, dest_uri):
        logging.getLogger("mkdocs.plugins.ronghe").warning("测试警告：%s", dest_uri)
        return real(kb, html, dest_uri)

    spy = _Spy()
    with mock.patch.object(plugin, "link_glossary_terms", noisy), \
            mock.patch.object(forked_pages.ForkedPages, "apply", lambda *a: spy.apply(*a)), \
            caplog.at_level(logging.WARNING), pytest.raises(Abort) as aborted:
        _build(content, tmp_path / "site")    # mkdocs.yml has strict: true
    warned = [r.getMessage().removeprefix("测试警告：") for r in caplog.records if r.getMessage().startswith("测试警告")]
    assert spy.taken, "pages were converted in the child"
    assert {uri.removesuffix(".md") + ".html" for uri in spy.taken} <= set(warned)
    assert len(warned) == len(set(warned)), "each warning once"
    assert f"Aborted with {len(warned)} warnings" in str(aborted.value)


def test_a_failing_child_changes_nothing(content, serial_site, tmp_path):
    def broken(self, page, config, files):
        raise RuntimeError("the child breaks")

    with mock.patch.object(plugin.RonghePlugin, "_convert_in_child", broken):
        _build(content, tmp_path / "site")
    pages, serial = _pages(tmp_path / "site"), _pages(serial_site)
    assert [uri for uri in serial if pages.get(uri) != serial[uri]] == []


def test_the_child_renders_the_entry_pages_it_converts(content, tmp_path):
    """A one-off build renders an entry page when the engine reads it, so the half of the
    pages the child converts is rendered there, not here as well."""
    from ronghe.site import pages as site_pages

    rendered_here: list[str] = []
    real = site_pages.render_entry
    parent = os.getpid()

    def counting(kb, entry):
        if os.getpid() == parent:
            rendered_here.append(site_pages.entry_uri(entry))
        return real(kb, entry)

    spy = _Spy()
    with mock.patch.object(site_pages, "render_entry", counting), \
            mock.patch.object(forked_pages.ForkedPages, "apply", lambda *a: spy.apply(*a)):
        _build(content, tmp_path / "site")
    assert spy.taken, "pages were converted in the child"
    assert 0 < len(rendered_here) < N, "this process rendered only the entry pages it converted"
    assert len(rendered_here) == len(set(rendered_here)), "each at most once"
    assert not set(spy.taken) & set(rendered_here)


def test_a_slow_child_leaves_the_pages_to_this_process_and_nothing_is_converted_twice(content, serial_site, tmp_path):
    """The two processes share the pages as they go: a child that is slow (a busy second
    core) converts only the few it reached, this process the rest."""
    import time

    real = plugin.RonghePlugin._convert_in_child

    def slow(self, page, config, files):
        time.sleep(0.3)
        return real(self, page, config, files)

    spy = _Spy()
    with mock.patch.object(plugin.RonghePlugin, "_convert_in_child", slow), \
            mock.patch.object(forked_pages.ForkedPages, "apply", lambda *a: spy.apply(*a)):
        _build(content, tmp_path / "site")
    assert 0 < len(spy.taken) < N // 4, "the child converted only a few pages"
    pages, serial = _pages(tmp_path / "site"), _pages(serial_site)
    assert [uri for uri in serial if pages.get(uri) != serial[uri]] == []
