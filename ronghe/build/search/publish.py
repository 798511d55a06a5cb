"""Post-build step: write the search index and the browser side into the site.

The index is published packed (``wire``: about 40 % smaller than lunr's own
serialisation) and in chunks (``chunks``): a small head the worker is ready
with, the postings in term chunks and the pages' data in page chunks, fetched
as queries need them, so that neither the time to be ready nor a query's
downloads grow with the number of pages the way one whole index does. Each
file is written once, as a script that both ways of loading read
(``part_script``): ``self.__rongheParts["<name>"]=[``, then one JSON value a
line (the lines after the first value start with a comma), then ``]``. Over
http the worker fetches the text and parses the lines; from file:// (where a
page may not fetch files, but Material's iframe worker shim can load scripts)
it loads the same file as a script.

- ``search/ronghe_<hash>/``  the chunked index: ``head.js``, ``t<k>.js``,
  ``m<k>.js``, ``x<k>.js`` (see ``chunks``). ``<hash>`` is a digest of all
  its files, so a folder under a given name never changes (served
  ``immutable``) and only the entry file and the HTML need revalidating
  (docs/guide/deploy.md);
- ``search/ronghe_entry.js``  the small entry file the worker loads first (a
  script, so that it loads from file:// too): the index format version and
  the folder's name;
- ``search/ronghe_facets.js``  types and levels for the facet bar;
- ``search/search_index.json`` / ``.js``  what Material's page script fetches:
  only its config (pages are excluded from Material's own indexing);
- our worker ``assets/javascripts/workers/search.<hash>.min.js`` (``web/worker.js``,
  same message protocol as Material's; it scores as lunr.js does without needing it), named by a digest of
  its own content; Material's worker file is removed and the pages name ours
  (``worker_names``, used by the theme's ``config`` block).

The facet bar (``web/facets.js`` and ``.css``) reaches the pages inside the site's one script and
one style sheet (ronghe.adapter.theme).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from pathlib import Path

from ronghe.content.errors import ErrorCollector
from ronghe.content.graph import KnowledgeBase
from ronghe.content.loader import load_synonyms
from ronghe.content.model import SynonymList
from ronghe.content.schema import SYNONYMS_FILE
from .dictionary import domain_words
from .documents import FACET_TYPES, MAINTAINER_TYPES, TYPE_LABELS, site_documents
from . import chunks, wire
from .index import build_index, common_terms, reader_words, split_index
from .pinyin import PinyinTable, pinyin_groups
from .phrases import candidate_phrases, phrase_docs
from .query import links_for, page_text_of, rules_for
from .segment import SegmentCache, Segmenter
from .synonyms import expand_synonyms
from .typos import common_words, real_words

WEB = Path(__file__).parent / "web"
PARTS_GLOBAL = "self.__rongheParts"
ENTRY_GLOBAL = "self.__rongheEntry"
ENTRY_FILE = "ronghe_entry.js"
# Version of the index files' format; web/worker.js has the same number (FORMAT) and refuses
# an index of another one. Bump both when the worker could misread older or newer files.
FORMAT_VERSION = 14
# also the names of earlier formats (.json, .jsonl), removed when a build writes into the same folder
_HASHED = re.compile(r"^ronghe_(index|summary|body)\.[0-9a-f]{10}\.(json|jsonl|js)$")
_FOLDER = re.compile(r"^\.?ronghe_[0-9a-f]{10}(\.tmp)?$")
MAX_TEXT = 3000      # characters of a page's text (documents.SearchDocument.passage_text) kept for the
                     # passage shown under a result and the phrase check of ranking
MATERIAL_CONFIG = {"lang": ["zh"], "separator": "[\\s\\u200b\\-_,:!=\\[\\]()\"`/]+|\\.(?!\\d)|&[lg]t;|(?!\\b)(?=[A-Z][a-z])",
                   "pipeline": ["stemmer"], "fields": {}}


_UNESCAPE = {"\\": "\\", "'": "'", "n": "\n", "r": "\r"}


def _js_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r") + "'"


def script_assigning(name: str, data) -> str:
    """``name=JSON.parse('...')``: faster to load than an object literal of the same size."""
    return f"{name}=JSON.parse({_js_string(json.dumps(data, ensure_ascii=False, separators=(',', ':')))});\n"


def read_entry(site_dir: Path) -> dict:
    """The entry file: ``{"format": FORMAT_VERSION, "folder": "ronghe_<digest>"}``."""
    return read_script_data(site_dir / "search" / ENTRY_FILE)


def index_folder(site_dir: Path) -> Path:
    """The folder of the chunked index the entry file names."""
    return site_dir / "search" / read_entry(site_dir)["folder"]


def part_script(key: str, lines: list[str]) -> str:
    """A file of the index as a script that sets ``self.__rongheParts[key]`` to the array of
    its JSON values (``lines``), one a line: what both the http worker (fetches and parses
    the lines) and the file:// one (loads the script) read."""
    return f"({PARTS_GLOBAL}||({PARTS_GLOBAL}={{}}))[{json.dumps(key)}]=[\n" + "\n,".join(lines) + "\n]\n"


def read_part_lines(path: Path) -> list[str]:
    """Inverse of ``part_script``: the JSON lines of a file, as the http worker reads them."""
    rows = path.read_text(encoding="utf-8").split("\n")
    out = []
    for row in rows[1:]:
        if row == "]":
            break
        out.append(row[1:] if row.startswith(",") else row)
    return out


def read_files(site_dir: Path) -> dict[str, list[str]]:
    """The published files of the chunked index: name -> JSON lines."""
    folder = index_folder(site_dir)
    return {path.stem: read_part_lines(path) for path in folder.glob("*.js")}


def read_bundle(site_dir: Path) -> dict:
    """The published bundle as the worker has it once it has fetched every chunk, unpacked:
    the same as ``make_bundle`` made."""
    return chunks.unchunk(read_files(site_dir))


def read_script_data(path: Path):
    """Inverse of ``script_assigning`` (for tests and the Python evaluation)."""
    text = path.read_text(encoding="utf-8")
    start, end = text.index("JSON.parse(") + len("JSON.parse("), text.rindex(");")
    literal = re.sub(r"\\(.)", lambda m: _UNESCAPE[m.group(1)], text[start + 1:end - 1], flags=re.S)
    return json.loads(literal)


def synonym_list(content_dir: Path | None) -> SynonymList:
    """The search synonyms of ``content/search/synonyms.yml`` (checked with the rest of
    the content before the build; a missing file means none)."""
    path = Path(content_dir) / SYNONYMS_FILE if content_dir else None
    if path is None or not path.is_file():
        return SynonymList()
    return load_synonyms(path, ErrorCollector())


def make_bundle(kb: KnowledgeBase, site_dir: Path, cache_dir: Path | None,
                colloquial: SynonymList | None = None, pages=None) -> tuple[dict, dict]:
    words = domain_words(kb)
    cache = SegmentCache(cache_dir / "search" / "segments.json", words) if cache_dir else None
    seg = Segmenter(words, cache)
    started = time.perf_counter()
    docs = site_documents(kb, site_dir, pages)
    index = build_index(docs, seg.tokens, counted=lambda d: d.type not in MAINTAINER_TYPES)
    if cache:
        cache.save()
    head, body = split_index(index)
    vocab_chars = {ch for term, _posting in index["invertedIndex"] for ch in term}
    pinyin = pinyin_groups(vocab_chars, cache_dir / "search" / "pinyin.json" if cache_dir else None)
    targets = [term for term, posting in head["invertedIndex"] if posting.get("t") or posting.get("k")]
    texts = [d.passage_text[:MAX_TEXT] for d in docs]
    rules = rules_for(kb, colloquial)
    aside = {i for i, d in enumerate(docs) if d.type in rules["maintainerTypes"]}
    phrases = candidate_phrases(expand_synonyms(rules["synonyms"]), reader_words(index, aside))
    bundle = {
        "index": head,
        "body": body,
        "docs": [[d.location, d.title, d.summary, d.type, d.levels, d.aliases] for d in docs],
        "texts": texts,
        "rules": {**rules, "common": common_terms(index),
                  "realWords": real_words(targets, PinyinTable(pinyin), common_words())},
        "pinyin": pinyin,
        "links": links_for(kb, [d.entry_id for d in docs]),
        # the pages that hold each phrase of the synonym list (a first query need not fetch their text)
        "phraseDocs": phrase_docs(phrases, [page_text_of(d.title, d.summary, d.aliases, text)
                                            for d, text in zip(docs, texts)]),
    }
    stats = {"documents": len(docs), "segmented": seg.segmented, "terms": len(index["invertedIndex"]),
             "seconds": round(time.perf_counter() - started, 2)}
    return bundle, stats


def facets_data(kb: KnowledgeBase) -> dict:
    return {"types": [[t, TYPE_LABELS[t]] for t in FACET_TYPES],
            "levels": [[lv.id, getattr(lv, "short", "") or lv.title] for lv in kb.levels()]}


def worker_source() -> str:
    return (WEB / "worker.js").read_text(encoding="utf-8")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def worker_file_name(source: str | None = None) -> str:
    """Our worker's file name: a digest of its own content (``search.<hash>.min.js``)."""
    return f"search.{digest((worker_source() if source is None else source).encode('utf-8'))}.min.js"


WORKERS = "assets/javascripts/workers"


def material_worker_name() -> str:
    """The file name of Material's own search worker (``search.a7633da7.min.js`` in 9.8.2)."""
    import material

    found = sorted((Path(material.__file__).parent / "templates" / WORKERS).glob("search.*.min.js"))
    if not found:
        raise RuntimeError("没有找到 Material 的搜索 worker 文件（assets/javascripts/workers/search.*.min.js），"
                           "请检查 Material for MkDocs 的版本，见 docs/guide/search.md。")
    return found[0].name


def worker_names() -> dict:
    """For the theme's ``config`` block: the worker name Material writes into every page, and ours."""
    return {"material": material_worker_name(), "ours": worker_file_name()}


def replace_material_worker(site_dir: Path) -> Path:
    """Write our worker under its own hashed name; remove Material's (and an older one of ours)."""
    folder = site_dir / WORKERS
    if not folder.is_dir():
        raise RuntimeError("没有找到 Material 的搜索 worker 目录（assets/javascripts/workers），"
                           "请检查 Material for MkDocs 的版本，见 docs/guide/search.md。")
    source = worker_source()
    ours = folder / worker_file_name(source)
    for path in folder.glob("search.*.js*"):
        if path != ours:
            path.unlink()
    ours.write_text(source, encoding="utf-8")
    return ours


def write_hashed(folder: Path, stem: str, suffix: str, text: str) -> str:
    """``text`` into ``<stem>.<digest of text><suffix>``; returns the file name."""
    data = text.encode("utf-8")
    name = f"{stem}.{digest(data)}{suffix}"
    (folder / name).write_bytes(data)
    return name


def write_search(kb: KnowledgeBase, site_dir: Path, context) -> dict:
    """The post-build step (registered in ``ronghe.build.postbuild.STEPS``)."""
    stats = write_index(kb, site_dir, context)
    write_engine_files(site_dir)
    return stats


def folder_name(files: dict[str, str]) -> str:
    """The index folder's name: a digest of its files (name -> text)."""
    whole = hashlib.sha256()
    for name in sorted(files):
        whole.update(name.encode("utf-8") + b"\0" + files[name].encode("utf-8") + b"\0")
    return f"ronghe_{whole.hexdigest()[:10]}"


def write_index(kb: KnowledgeBase, site_dir: Path, context, pages=None) -> dict:
    """The index parts, their entry file and the facets (``search/``): the costly part of the
    step, which needs only the knowledge base and the pages' articles (``pages``: location ->
    article HTML, see ``documents.site_documents``; else the built pages are read), so a full
    build makes it on the second core while the pages' templates are rendered."""
    bundle, stats = make_bundle(kb, site_dir, getattr(context, "cache_dir", None),
                                synonym_list(getattr(context, "content_dir", None)), pages)
    out = site_dir / "search"
    out.mkdir(parents=True, exist_ok=True)
    files = {name: part_script(name, lines) for name, lines in chunks.chunk_bundle(bundle).items()}
    folder = out / folder_name(files)
    if not folder.is_dir():        # the same name is the same content (a rebuild with no change)
        fresh = out / f".{folder.name}.tmp"
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir()
        for name, text in files.items():
            (fresh / f"{name}.js").write_text(text, encoding="utf-8")
        fresh.rename(folder)
    # written after the folder: a worker never reads an entry naming files not yet there
    (out / ENTRY_FILE).write_text(script_assigning(ENTRY_GLOBAL, {"format": FORMAT_VERSION, "folder": folder.name}),
                                  encoding="utf-8")
    for old in out.iterdir():        # earlier builds into the same folder (development server)
        if old != folder and (_HASHED.match(old.name) or _FOLDER.match(old.name)):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    stats["chunks"] = len(files)
    (out / "ronghe_facets.js").write_text(script_assigning("window.__rongheFacets", facets_data(kb)), encoding="utf-8")
    return stats


def write_engine_files(site_dir: Path) -> None:
    """What replaces Material's search once the site engine has written its files: its index
    reduced to its config, our worker in place of its worker."""
    out = site_dir / "search"
    out.mkdir(parents=True, exist_ok=True)
    material = out / "search_index.json"
    config = MATERIAL_CONFIG
    if material.exists():
        try:
            config = json.loads(material.read_text(encoding="utf-8")).get("config") or config
        except ValueError:
            pass
    small = {"config": config, "docs": []}
    material.write_text(json.dumps(small, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (out / "search_index.js").write_text("var __index = " + json.dumps(small, ensure_ascii=False), encoding="utf-8")
    replace_material_worker(site_dir)
