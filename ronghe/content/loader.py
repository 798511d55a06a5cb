"""Find content files, parse them and build entries.

``load_content`` never raises for bad content: every problem is collected in
an ``ErrorCollector`` with file, line and field. Cross-entry rules live in
``ronghe.content.validate``; ``load_and_validate`` runs both.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .bodycheck import SitePages
from .cache import NO_MEMO, ContentCache
from .errors import ErrorCollector
from .fieldcheck import check_mapping, check_value
from .graph import KnowledgeBase
from .identity import GUIDE, GUIDE_FILE, NO_IDENTITY, GuideIdentity
from .model import Category, Entry, SynonymList, build_entry
from .schema import (CATEGORIES_FILE, CATEGORY, EDIT_MARK, ENTRY_TYPES, INGEST_FIELDS, SYNONYMS_FILE,
                     TYPE_BY_DIRECTORY, EntryType, Field, draft_fields)
from .yamlsource import ParsedYaml, field_name, parse_yaml

YAML_SUFFIXES = (".yml", ".yaml")
# A content file larger than this is refused unread (the largest in content/ is 13 KB; a
# report's full text of 300,000 characters is under 1 MB). A 14 MB body once took 222 s
# to build and made a 2,733-page booklet.
MAX_FILE_BYTES = 1024 * 1024


@dataclass
class LoadedFile:
    path: Path
    parsed: ParsedYaml


@dataclass
class LoadResult:
    content_dir: Path
    entries: list[Entry] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    synonyms: SynonymList = field(default_factory=SynonymList)      # content/search/synonyms.yml
    identity: GuideIdentity = NO_IDENTITY                           # content/guide.yml
    files: dict[str, LoadedFile] = field(default_factory=dict)  # entry id -> its file (first occurrence)
    parsed_by_path: dict[Path, ParsedYaml] = field(default_factory=dict)  # every entry file, duplicates too
    # ids (file stems) of entry files that could not be loaded: their own error is reported,
    # references to them are not reported again as "does not exist"
    broken_ids: set[str] = field(default_factory=set)
    # categories.yml could not be read whole: its own error is reported, the countermeasures
    # and topics naming a category are not reported again (one error, not one per file)
    categories_broken: bool = False
    errors: ErrorCollector = field(default_factory=ErrorCollector)

    def line_of(self, entry: Entry, path: tuple) -> int:
        parsed = self.parsed_by_path.get(entry.path) if entry.path is not None else None
        if parsed is None:
            lf = self.files.get(entry.id)
            if lf is None or lf.path != entry.path:
                return entry.line
            parsed = lf.parsed
        return parsed.line_of(path)


def is_ignored(name: str) -> bool:
    """Files or folders an editor keeps beside content without publishing them (``_notes.yml``, ``.x``)."""
    return name.startswith(("_", "."))


def read_text(path: Path, errors: ErrorCollector) -> Optional[str]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        errors.add(path, 0, "", f"无法读取文件：{exc.strerror}。", "请检查文件是否存在、是否有读取权限。")
        return None
    if len(raw) > MAX_FILE_BYTES:
        errors.add(path, 0, "", f"文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB），不予读取。",
                   "内容文件一般只有几十 KB：请检查是否误粘贴了整本文档或二进制内容；"
                   "过长的来源全文请只保留相关章节，过长的条目请拆成几个。")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        errors.add(path, line, "", "文件不是文本文件（含有二进制内容：空字符 U+0000）。",
                   "内容文件必须是 UTF-8 编码的 YAML 文本：请删去这一行中的特殊字符，或从原文重新复制。")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.add(path, line, "", "文件不是 UTF-8 编码（可能是 GBK/GB2312）。",
                   "请在编辑器中以 UTF-8 编码重新保存（VS Code：右下角编码 → 通过编码保存 → UTF-8）。")
        return None
    if not text.strip():
        errors.add(path, 0, "", "文件为空。", "请填写条目内容，或删除这个文件。")
        return None
    return text


def parse_file(path: Path, errors: ErrorCollector, cache: Optional[ContentCache] = None) -> Optional[ParsedYaml]:
    """The parsed file, or ``None`` (its problems are in ``errors``). With a ``cache`` (the
    development server), a file whose modification time and size are unchanged is not read again."""
    stamp = None
    if cache is not None:
        try:
            st = path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        hit = cache.parsed_file(path, stamp)
        if hit is not None:
            return hit  # read-only: field checks build new values
    parsed = _parse_file(path, errors)
    if cache is not None and stamp is not None and parsed is not None and not parsed.problems:
        cache.parsed[path] = (stamp, parsed)
    return parsed


def _parse_file(path: Path, errors: ErrorCollector) -> Optional[ParsedYaml]:
    text = read_text(path, errors)
    if text is None:
        return None
    parsed = parse_yaml(text)
    for p in parsed.problems:
        errors.add(path, p.line, p.field, p.message, p.hint)
    if parsed.value is None:
        if not parsed.problems:
            errors.add(path, 1, "", "文件中没有内容（只有注释或空行）。", "请填写条目内容，或删除这个文件。")
        return None
    return parsed


def _reporter(errors: ErrorCollector, path: Path, parsed: ParsedYaml):
    def report(fpath: tuple, message: str, hint: str) -> None:
        errors.add(path, parsed.line_of(fpath), field_name(fpath), message, hint)
    return report


def load_entry_file(path: Path, etype: EntryType, errors: ErrorCollector,
                    cache: Optional[ContentCache] = None) -> Optional[tuple[Entry, ParsedYaml]]:
    parsed = parse_file(path, errors, cache)
    if parsed is None:
        return None
    if cache is not None:
        built = cache.built_entry(path, parsed, etype.name)
        if built is not None:
            return built, parsed
    before = len(errors)
    entry = _build_entry(path, etype, parsed, errors)
    if entry is None:
        return None
    if cache is not None and len(errors) == before:  # files with errors are checked again
        cache.built[path] = (parsed, etype.name, entry)
    return entry, parsed


def _build_entry(path: Path, etype: EntryType, parsed: ParsedYaml, errors: ErrorCollector) -> Optional[Entry]:
    report = _reporter(errors, path, parsed)
    value = parsed.value
    is_draft = isinstance(value, dict) and value.get("draft") is True
    fields = draft_fields(etype) if is_draft else etype.fields
    data = check_mapping(fields, value, (), report, label=f"{etype.label}条目", extra_allowed=INGEST_FIELDS)
    if not data.get("id"):
        return None
    if not is_draft:
        _check_edit_marks(value, (), report)
    return build_entry(etype.name, data, path=path, line=parsed.line_of(("id",)))


def _check_edit_marks(value, fpath: tuple, report) -> None:
    """A published entry must not keep the import tool's 【待编辑】 mark in any text."""
    if isinstance(value, str):
        if EDIT_MARK in value:
            report(fpath, f"已发布的条目中还留有导入工具的标记“{EDIT_MARK}”：这段文字还没有审定。",
                   f"请审定这段文字（摘要要用自己的话概括），改好后删去“{EDIT_MARK}”；"
                   "还没审定完的条目请保留 draft: true，它就不会发布。")
    elif isinstance(value, dict):
        for key, v in value.items():
            _check_edit_marks(v, fpath + (key,), report)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_edit_marks(v, fpath + (i,), report)


def load_identity(path: Path, errors: ErrorCollector, cache: Optional[ContentCache] = None) -> GuideIdentity:
    """The guide's name, booklet title, subtitle and problem name (``content/guide.yml``)."""
    parsed = parse_file(path, errors, cache)
    if parsed is None:
        return NO_IDENTITY
    values = check_mapping(GUIDE.fields, parsed.value, (), _reporter(errors, path, parsed), label=GUIDE.label)
    intros = {k: v for k, v in (values.get("intros") or {}).items() if v}
    return GuideIdentity(**{k: values.get(k) or "" for k in ("name", "title", "subtitle", "topic")}, intros=intros)


def load_categories(path: Path, errors: ErrorCollector, cache: Optional[ContentCache] = None) -> list[Category]:
    parsed = parse_file(path, errors, cache)
    if parsed is None:
        return []
    report = _reporter(errors, path, parsed)
    items = check_value(Field("", "list", "对策类别列表", item=CATEGORY), parsed.value, (), report)
    return [Category(**c) for c in items if c.get("id")]


_SEARCH_WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]+$")


def load_synonyms(path: Path, errors: ErrorCollector) -> SynonymList:
    """The search synonyms (``content/search/synonyms.yml``): groups of words that stand for
    each other (``- [走过场, 流于形式]``) and one-way readings (``- 业务: [征管, 审判]``: the words
    readers write for one the guide writes). Every problem is reported with its line."""
    out = SynonymList()
    parsed = parse_file(path, errors)
    if parsed is None:
        return out
    value = parsed.value
    if not isinstance(value, list):
        errors.add(path, parsed.line_of(()), "", "同义词文件应是一个列表，每组一行。",
                   "每组写成“- [走过场, 流于形式]”，一行一组；单向的读法写成“- 业务: [征管, 审判]”。")
        return out
    seen: dict[str, int] = {}          # word of a group -> line of its group
    read: dict[tuple[str, str], int] = {}    # (word, what it is read as) -> line
    for g, item in enumerate(value):
        line = parsed.line_of((g,))
        where = f"第 {g + 1} 组"
        if isinstance(item, dict) and len(item) == 1:
            target, words = next(iter(item.items()))
            kept = _reading(path, parsed, errors, g, target, words, read)
            if kept:
                out.readings.append((target.strip(), kept))
            continue
        if not isinstance(item, list):
            errors.add(path, line, where, f"同义词组应是方括号里的一组词，实际是“{item}”。",
                       "写成“- [走过场, 流于形式]”：方括号里用逗号分开，至少两个词；"
                       "单向的读法写成“- 业务: [征管, 审判]”。")
            continue
        kept = []
        for w, word in enumerate(item):
            word_line = parsed.line_of((g, w))
            if not _is_search_word(word):
                errors.add(path, word_line, where, f"“{word}”不是一个词：含有空格、标点或其他符号，或者是空的。",
                           "同义词只能是连续的汉字（或字母、数字），例如 走过场；几个说法请分开写成几项。")
                continue
            word = word.strip()
            if word in seen:
                before = "本组" if seen[word] == line else f"第 {seen[word]} 行的同义词组"
                errors.add(path, word_line, where, f"“{word}”重复：它已在{before}中。",
                           "一个词只能属于一组：请删去这一项，或把两组合并成一组。")
                continue
            seen[word] = line
            kept.append(word)
        if len(item) < 2:
            errors.add(path, line, where, "同义词组至少要有两个词。",
                       "例如 [走过场, 流于形式]：一组里的词在搜索时互相通用。")
        elif len(kept) >= 2:
            out.groups.append(kept)
    return out


def _is_search_word(word) -> bool:
    return isinstance(word, str) and bool(_SEARCH_WORD.match(word.strip()))


def _reading(path: Path, parsed: ParsedYaml, errors: ErrorCollector, g: int, target, words,
             read: dict[tuple[str, str], int]) -> list[str]:
    """The words of one reading (``- 业务: [征管, 审判]``) that are fit to use; the others reported."""
    line = parsed.line_of((g,))
    where = f"第 {g + 1} 组（读作“{target}”）"
    if not _is_search_word(target):
        errors.add(path, line, f"第 {g + 1} 组", f"冒号前的“{target}”不是一个词：含有空格、标点或其他符号，或者是空的。",
                   "写成“- 业务: [征管, 审判]”：冒号前是指南里的写法，方括号里是读者的说法。")
        return []
    target = target.strip()
    if not isinstance(words, list) or not words:
        errors.add(path, line, where, f"冒号后应是方括号里的一组词，实际是“{words}”。",
                   "写成“- 业务: [征管, 审判]”：方括号里至少一个词，用逗号分开。")
        return []
    kept = []
    for w, word in enumerate(words):
        word_line = parsed.line_of((g, target, w))
        if not _is_search_word(word):
            errors.add(path, word_line, where, f"“{word}”不是一个词：含有空格、标点或其他符号，或者是空的。",
                       "只能是连续的汉字（或字母、数字），例如 征管；几个说法请分开写成几项。")
            continue
        word = word.strip()
        if word == target:
            errors.add(path, word_line, where, f"“{word}”就是冒号前的词，不必再写。",
                       "方括号里只写读者的其他说法。")
            continue
        if (word, target) in read:
            errors.add(path, word_line, where, f"“{word}”重复：第 {read[word, target]} 行已把它读作“{target}”。",
                       "请删去这一项。")
            continue
        read[word, target] = word_line
        kept.append(word)
    return kept


def entry_type_for(path: Path, content_dir: Path) -> Optional[EntryType]:
    return _type_of_folder(path.parent.relative_to(content_dir).as_posix() + "/")


@functools.lru_cache(maxsize=256)
def _type_of_folder(rel_folder: str) -> Optional[EntryType]:
    for directory, etype in TYPE_BY_DIRECTORY.items():
        if rel_folder.startswith(directory + "/"):
            return etype
    return None


def content_files(content_dir: Path) -> list[Path]:
    """Every file below ``content_dir`` that is not ignored, in path order (as
    ``sorted(content_dir.rglob("*"))``: links to folders are not followed)."""
    found: list[tuple[tuple[str, ...], Path]] = []

    def walk(folder: str, parts: tuple[str, ...]) -> None:
        with os.scandir(folder) as it:
            for entry in it:
                if is_ignored(entry.name):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, parts + (entry.name,))
                elif entry.is_file():
                    found.append((parts + (entry.name,), Path(entry.path)))

    if content_dir.is_dir():
        walk(str(content_dir), ())
    found.sort(key=lambda f: f[0])
    return [path for _, path in found]


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
        return True
    except (ValueError, OSError, RuntimeError):   # outside, or a link loop
        return False


def load_content(content_dir: Path, root: Optional[Path] = None, cache: Optional[ContentCache] = None) -> LoadResult:
    """Load every content file below ``content_dir`` (shape checks only)."""
    content_dir = Path(content_dir)
    errors = ErrorCollector(root=root or content_dir.parent)
    result = LoadResult(content_dir=content_dir, errors=errors)
    if not content_dir.is_dir():
        errors.add(content_dir, 0, "", "找不到内容目录。", "请在项目根目录运行，或用 --content 指定内容目录。")
        return result
    categories_path = content_dir / CATEGORIES_FILE
    synonyms_path = content_dir / SYNONYMS_FILE
    guide_path = content_dir / GUIDE_FILE
    real_content = content_dir.resolve()
    for path in content_files(content_dir):
        if path.is_symlink() and not _inside(path, real_content):
            errors.add(path, 0, "", "这个文件是指向内容目录之外的符号链接，不予发布。",
                       "内容文件必须放在 content/ 目录里：请把文件本身复制进来，删除这个链接。")
            result.broken_ids.add(path.stem)
            continue
        if path == guide_path:
            result.identity = load_identity(path, errors, cache)
            continue
        if path == categories_path:
            before = len(errors)
            result.categories = load_categories(path, errors, cache)
            result.categories_broken = len(errors) > before
            continue
        if path == synonyms_path:
            result.synonyms = load_synonyms(path, errors)
            continue
        etype = entry_type_for(path, content_dir)
        if path.suffix not in YAML_SUFFIXES or etype is None:
            if path.suffix in YAML_SUFFIXES or path.suffix in (".md", ".txt"):
                dirs = "、".join(f"content/{t.directory}/" for t in ENTRY_TYPES.values())
                errors.add(path, 0, "", "文件不在任何条目目录中，或扩展名不是 .yml，不会被发布。",
                           f"条目文件应放在以下目录并以 .yml 结尾：{dirs}；只作备注的文件请以“_”开头命名。")
            continue
        loaded = load_entry_file(path, etype, errors, cache)
        if loaded is None:
            result.broken_ids.add(path.stem)
            continue
        entry, parsed = loaded
        result.entries.append(entry)
        result.files.setdefault(entry.id, LoadedFile(path, parsed))
        result.parsed_by_path[path] = parsed
    return result


def load_and_validate(content_dir: Path, root: Optional[Path] = None, include_drafts: bool = False,
                      cache: Optional[ContentCache] = None, site: Optional[SitePages] = None):
    """Load, validate and build the knowledge base. Returns ``(kb_or_None, LoadResult)``.

    ``site``: the pages of the site built from the content, against which links written
    in bodies are checked (``ronghe.site.checking`` passes the site's own); without it
    body links are not checked. ``cache``: see ``ronghe.content.cache``."""
    from .validate import validate

    memo = cache.memo if cache is not None else NO_MEMO
    result = load_content(content_dir, root=root, cache=cache)
    published = KnowledgeBase.from_entries(result.entries, result.categories, memo=memo, identity=result.identity)
    validate(result, published, site)   # completeness rules read the published graph's reverse relations
    if result.errors:
        return None, result
    if include_drafts:
        return KnowledgeBase.from_entries(result.entries, result.categories, include_drafts=True, memo=memo,
                                          identity=result.identity), result
    return published, result
