"""The search files in the built site: the worker and each index file named by a
digest of their own content (so that ``immutable`` caching is safe), and the
format version the worker checks (ronghe.build.search.publish)."""

from __future__ import annotations

import json
import re
import shutil

from ronghe.build.search import publish
from ronghe.build.search.publish import FORMAT_VERSION, WORKERS, digest, read_entry, replace_material_worker, worker_file_name


def _config(html: str) -> dict:
    return json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))


def test_pages_name_the_worker_the_build_wrote(built_site):
    workers = sorted(p.name for p in (built_site / WORKERS).glob("search.*"))
    assert workers == [worker_file_name()]        # Material's own worker (and its map) are gone
    for page in ("index.html", "problems/index.html", "guide/deploy.html"):
        search = _config((built_site / page).read_text(encoding="utf-8"))["search"]
        assert search.endswith("assets/javascripts/workers/" + worker_file_name()), (page, search)
    source = (built_site / WORKERS / worker_file_name()).read_bytes()
    assert worker_file_name() == f"search.{digest(source)}.min.js"


def test_a_changed_worker_gets_another_name(tmp_path, monkeypatch):
    web = tmp_path / "web"
    shutil.copytree(publish.WEB, web)
    site = tmp_path / "site"
    (site / WORKERS).mkdir(parents=True)
    monkeypatch.setattr(publish, "WEB", web)
    before = replace_material_worker(site)
    worker_js = web / "worker.js"
    worker_js.write_text(worker_js.read_text(encoding="utf-8").replace("var ROUNDS = 40", "var ROUNDS = 39"),
                         encoding="utf-8")
    after = replace_material_worker(site)
    assert before.name != after.name and after.name == worker_file_name()
    assert [p.name for p in (site / WORKERS).iterdir()] == [after.name]    # no older worker left behind
    assert "var ROUNDS = 39" in after.read_text(encoding="utf-8")


def test_the_index_folder_is_named_by_its_content(built_site):
    entry = read_entry(built_site)
    assert entry["format"] == FORMAT_VERSION
    folder = built_site / "search" / entry["folder"]
    files = {path.stem: path.read_text(encoding="utf-8") for path in folder.iterdir()}
    assert {"head", "t0", "m0", "x0"} <= set(files) and all(path.suffix == ".js" for path in folder.iterdir())
    assert publish.folder_name(files) == entry["folder"]
    # only this build's index: no folder or file of an older one beside it
    assert sorted(p.name for p in (built_site / "search").iterdir() if p.name.startswith(("ronghe_", ".ronghe_"))) == \
        sorted(["ronghe_entry.js", "ronghe_facets.js", entry["folder"]])


def test_a_rebuild_replaces_the_index_folder_and_leaves_no_debris(built_site, tmp_path):
    from conftest import ROOT
    from ronghe.site.checking import load_checked

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    old = publish.index_folder(site).rename(site / "search" / "ronghe_0123456789")   # an earlier build's
    stale = site / "search" / "ronghe_index.0123456789.js"      # a part of the format before chunks
    stale.write_text("x", encoding="utf-8")
    kb, _result = load_checked(ROOT / "content", root=ROOT)
    context = type("Context", (), {"cache_dir": None, "content_dir": ROOT / "content"})()
    publish.write_index(kb, site, context)
    new = publish.index_folder(site)
    assert new.is_dir() and new != old and not old.exists() and not stale.exists()
    names = sorted(p.name for p in (site / "search").iterdir() if p.name.startswith(("ronghe_", ".ronghe_")))
    assert names == sorted(["ronghe_entry.js", "ronghe_facets.js", new.name])


def test_worker_reads_the_format_the_build_writes():
    worker = (publish.WEB / "worker.js").read_text(encoding="utf-8")
    assert re.search(r"var FORMAT = (\d+)", worker).group(1) == str(FORMAT_VERSION)


def test_a_part_script_gives_back_its_lines(tmp_path):
    lines = ['{"fields":["t"],"rules":{"a":"一\\n二"}}', '{"i":[["党建",1,[0,2]]]}', '{"texts":["]","，"]}']
    path = tmp_path / "part.js"
    path.write_text(publish.part_script("head", lines), encoding="utf-8")
    assert publish.read_part_lines(path) == lines
    assert path.read_text(encoding="utf-8").startswith('(self.__rongheParts||(self.__rongheParts={}))["head"]=[\n')


def test_the_index_a_build_makes_from_its_converted_pages_is_the_one_its_built_pages_give(built_site):
    """A full build makes the index from the converted pages, on the second core while the
    templates are rendered (ronghe.build.postbuild.start_converted); read back from the
    written pages, the same documents, texts and index come out."""
    from pathlib import Path

    from conftest import ROOT
    from ronghe.site.checking import load_checked

    kb, _result = load_checked(ROOT / "content", root=ROOT)
    from_files, _stats = publish.make_bundle(kb, Path(built_site), None, publish.synonym_list(ROOT / "content"))
    published = publish.read_bundle(Path(built_site))
    # the 打印材料 page gains the PDFs' sizes after the PDFs are made, once the index is written
    later = [i for i, d in enumerate(from_files["docs"]) if d[0] == "training/printables.html"]
    for key in ("docs", "texts"):
        ours, theirs = published[key], from_files[key]
        assert [x for i, x in enumerate(ours) if i not in later] == [x for i, x in enumerate(theirs) if i not in later]
    assert len(published["docs"]) > 100 and any(d[0].startswith("guide/") for d in published["docs"])
    if not later:
        assert published["index"] == from_files["index"] and published["body"] == from_files["body"]
