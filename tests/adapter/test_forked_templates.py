"""A full build renders the templates of about half of the generated pages in a forked
process (ronghe.adapter.forked_templates): the site is the same as when one process
renders them all, no page is rendered twice, what the child logs reaches the build's log
(and strict counts it), a child that fails changes nothing but the time taken, and the
engine is as it was after the build, whether it succeeded or not."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from mkdocs.commands import build as engine
from mkdocs.exceptions import Abort

from forked_builds import N, content, serial_site  # noqa: F401 -- fixtures
from forked_builds import build_site, site_pages
from ronghe.adapter import plugin

pytestmark = pytest.mark.slow


def _recording(log: Path, then=None):
    """The engine's page function, noting in ``log`` which process rendered which page;
    ``then(page)`` runs before it (in whichever process renders the page)."""
    real = engine._build_page

    def build_page(page, *args, **kwargs):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\t{page.file.src_uri}\n")
        if then is not None:
            then(page)
        return real(page, *args, **kwargs)

    return build_page


def _raising_at_parents_page(n: int, error: BaseException):
    """A ``then`` for ``_recording`` that raises ``error`` before the n-th page this process renders."""
    parent, started = os.getpid(), [0]

    def then(page):
        if os.getpid() == parent:
            started[0] += 1
            if started[0] == n:
                raise error

    return then


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def _rendered(log: Path) -> dict[str, list[str]]:
    """Process id -> the pages it rendered."""
    out: dict[str, list[str]] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        pid, uri = line.split("\t")
        out.setdefault(pid, []).append(uri)
    return out


def test_a_build_with_forked_templates_writes_the_same_site(content, serial_site, tmp_path):
    log = tmp_path / "rendered.tsv"
    real = engine._build_page
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with mock.patch.object(engine, "_build_page", _recording(log)), mock.patch.object(tempfile, "tempdir", str(scratch)):
        build_site(content, tmp_path / "site")
        assert engine._build_page.__name__ == "build_page", "the engine's function is back after the build"
    assert engine._build_page is real
    by_process = _rendered(log)
    here, child = by_process.pop(str(os.getpid())), [uri for uris in by_process.values() for uri in uris]
    assert len(by_process) == 1, "one child"
    assert len(child) >= N // 10, "the child rendered a share of the pages"
    assert not set(here) & set(child) and len(here) == len(set(here)) and len(child) == len(set(child)), \
        "no page rendered twice"
    pages, serial = site_pages(tmp_path / "site"), site_pages(serial_site)
    assert pages.keys() == serial.keys()
    assert [uri for uri in pages if pages[uri] != serial[uri]] == []
    # a page of the child's share is a whole page: navigation, heading, its own title
    page = pages[child[0].removesuffix(".md") + ".html"]
    assert 'class="md-nav__link"' in page and "<h1" in page and "</html>" in page
    assert not any(scratch.iterdir()), "no temporary files left behind"


def test_what_the_child_logs_reaches_the_build_log_and_strict_counts_it(content, tmp_path, caplog):
    log = tmp_path / "rendered.tsv"

    def warn(page):
        logging.getLogger("mkdocs.plugins.ronghe").warning("测试警告：%s", page.file.src_uri)

    with mock.patch.object(engine, "_build_page", _recording(log, warn)), \
            caplog.at_level(logging.WARNING), pytest.raises(Abort) as aborted:
        build_site(content, tmp_path / "site")    # mkdocs.yml has strict: true
    by_process = _rendered(log)
    child = [uri for pid, uris in by_process.items() if pid != str(os.getpid()) for uri in uris]
    warned = [r.getMessage().removeprefix("测试警告：") for r in caplog.records if r.getMessage().startswith("测试警告")]
    assert child, "pages were rendered in the child"
    assert set(child) <= set(warned), "the child's warnings were passed on"
    assert len(warned) == len(set(warned)), "each warning once"
    assert f"Aborted with {len(warned)} warnings" in str(aborted.value)


def test_a_failing_child_changes_nothing(content, serial_site, tmp_path, caplog):
    parent = os.getpid()
    rendered_there: list[str] = []

    def breaks_in_the_child(page):
        if os.getpid() != parent:
            rendered_there.append(page.file.src_uri)
            if len(rendered_there) == 20:   # after writing 19 pages
                raise RuntimeError("the child breaks")

    def warn(page):
        logging.getLogger("mkdocs.plugins.ronghe").warning("测试警告：%s", page.file.src_uri)
        breaks_in_the_child(page)

    real = engine._build_page
    with mock.patch.object(engine, "_build_page", _recording(tmp_path / "rendered.tsv", breaks_in_the_child)):
        build_site(content, tmp_path / "site")
    assert engine._build_page is real
    assert len([p for p in _rendered(tmp_path / "rendered.tsv") if p != str(parent)]) == 1, "the child ran"
    pages, serial = site_pages(tmp_path / "site"), site_pages(serial_site)
    assert [uri for uri in serial if pages.get(uri) != serial[uri]] == []

    # the pages the child had rendered before failing are rendered here again: their warnings count once
    rendered_there.clear()
    with mock.patch.object(engine, "_build_page", _recording(tmp_path / "again.tsv", warn)), \
            caplog.at_level(logging.WARNING), pytest.raises(Abort) as aborted:
        build_site(content, tmp_path / "site2")
    warned = [r.getMessage() for r in caplog.records if r.getMessage().startswith("测试警告")]
    assert len(warned) == len(set(warned)), "each warning once"
    assert f"Aborted with {len(warned)} warnings" in str(aborted.value)


def test_a_failed_build_stops_the_child_and_gives_the_engine_its_function_back(content, tmp_path):
    parent = os.getpid()
    fails_here_late = _raising_at_parents_page(50, RuntimeError("这一页出错"))
    real = engine._build_page
    with mock.patch.object(plugin.RonghePlugin, "on_build_error", autospec=True,
                           side_effect=plugin.RonghePlugin.on_build_error) as on_error, \
            mock.patch.object(engine, "_build_page", _recording(tmp_path / "rendered.tsv", fails_here_late)):
        with pytest.raises(RuntimeError, match="这一页出错"):
            build_site(content, tmp_path / "site")
        assert engine._build_page.__name__ == "build_page", "the engine's function is back"
    assert on_error.called
    assert engine._build_page is real
    session = on_error.call_args.args[0].session
    assert session.forked_templates is None
    child = [int(pid) for pid in _rendered(tmp_path / "rendered.tsv") if pid != str(parent)]
    assert child and not _alive(child[0]), "the child was stopped"


def test_an_interrupted_build_stops_the_child_and_the_next_build_is_whole(content, serial_site, tmp_path):
    """Ctrl+C (or SystemExit) during the page loop is not reported to plugins: the child must
    not go on writing, and a later build of the same process must not find the loop taken."""
    parent = os.getpid()
    interrupted_here = _raising_at_parents_page(50, KeyboardInterrupt())
    real = engine._build_page
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with mock.patch.object(engine, "_build_page", _recording(tmp_path / "rendered.tsv", interrupted_here)), \
            mock.patch.object(tempfile, "tempdir", str(scratch)):
        with pytest.raises(KeyboardInterrupt):
            build_site(content, tmp_path / "site")
        assert engine._build_page.__name__ == "build_page", "the engine's function is back"
    assert engine._build_page is real
    child = [int(pid) for pid in _rendered(tmp_path / "rendered.tsv") if pid != str(parent)]
    assert child and not _alive(child[0]), "the child was stopped"
    # (the build's other temporary files are the build folder's: ronghe build removes what it left)
    assert not list(scratch.glob("ronghe-templates-*")), "its warnings file is gone"
    build_site(content, tmp_path / "site2")
    pages, serial = site_pages(tmp_path / "site2"), site_pages(serial_site)
    assert pages.keys() == serial.keys()
    assert [uri for uri in serial if pages[uri] != serial[uri]] == []


def test_a_small_site_renders_every_page_here(tmp_path):
    """Below MIN_PAGES no process is forked: the seeds' site is rendered by this process alone."""
    from conftest import ROOT

    log = tmp_path / "rendered.tsv"
    with mock.patch.object(engine, "_build_page", _recording(log)):
        build_site(ROOT / "content", tmp_path / "site")
    assert list(_rendered(log)) == [str(os.getpid())]
