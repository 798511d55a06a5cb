"""Rules that span files: unique ids, references, citations, completeness.

Works on a ``LoadResult`` and adds errors to its collector. Completeness rules
(every problem has a cause and a countermeasure, ...) apply to published
entries only, so an editor can keep unfinished drafts in the tree.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .graph import RELATIONS, KnowledgeBase
from .model import Case, Cause, Checklist, Countermeasure, Entry, Level, Problem, Source, Topic
from .schema import ENTRY_TYPES, ID_PATTERN

if TYPE_CHECKING:
    from .bodycheck import SitePages
    from .loader import LoadResult

_WS = re.compile(r"\s+")
_ID_RE = re.compile(ID_PATTERN)


def squash(text: str) -> str:
    """Text with all whitespace removed: citations are compared this way."""
    return _WS.sub("", text)


def validate(result: LoadResult, published: KnowledgeBase | None = None, site: Optional[SitePages] = None) -> None:
    """``published``: the knowledge base of published entries, when the caller already built it.
    ``site``: the pages of the site, for links in bodies (not checked without it)."""
    errors = result.errors
    entries = result.entries
    by_id: dict[str, Entry] = {}
    candidates: dict[str, list[Entry]] = {}   # every entry with that id (more than one: a duplicate)
    dup_reported: set[str] = set()

    def add(entry: Entry, fpath: tuple, message: str, hint: str = "") -> None:
        from .yamlsource import field_name
        errors.add(entry.path, result.line_of(entry, fpath), field_name(fpath), message, hint)

    # unique ids (entries and checklist items share one namespace), file names, slugs
    occurrences: dict[str, list[tuple[Entry, tuple]]] = {}
    for entry in entries:
        ids = [(entry.id, ("id",))]
        if isinstance(entry, Checklist):
            ids += [(item.id, ("groups", gi, "items", ii, "id"))
                    for gi, g in enumerate(entry.groups) for ii, item in enumerate(g.items)]
        for ident, fpath in ids:
            occurrences.setdefault(ident, []).append((entry, fpath))
        by_id.setdefault(entry.id, entry)
        candidates.setdefault(entry.id, []).append(entry)
    duplicated = {ident: occ for ident, occ in occurrences.items() if len(occ) > 1}
    blamed_ids: set[int] = set()   # id() of entries whose own id is reported as a duplicate
    if duplicated:
        new_files = _new_files(result.content_dir,
                               {e.path for occ in duplicated.values() for e, _ in occ if e.path is not None})
        for ident, occ in duplicated.items():
            blamed = _report_duplicate(ident, occ, new_files, result, add)
            dup_reported.add(ident)
            blamed_ids.update(id(e) for e, fpath in blamed if fpath == ("id",))

    # an entry whose id is invalid or differs from its file name is still found under the
    # file name, so references to it are not reported again: its own error is the root one
    aliases: dict[str, Entry] = {}
    for entry in entries:
        if entry.path is None or entry.path.stem == entry.id:
            continue
        stem = entry.path.stem
        if _ID_RE.match(stem) and stem not in by_id:
            aliases.setdefault(stem, entry)
        if not _ID_RE.match(entry.id):
            continue  # the id's format error is the root one
        if not _ID_RE.match(stem):     # the file name is no valid id: never suggest it
            hint = (f"请把文件改名为“{entry.id}{entry.path.suffix}”"
                    "（文件名就是编号，只能用小写英文字母、数字和连字符“-”）。")
        elif id(entry) in blamed_ids:   # a copy: its id must change, not its file name
            hint = f"给它改新编号时，文件名和编号要一致，例如把 id 改为“{stem}”。"
        else:
            hint = (f"已发布的条目请把 id 改回“{stem}”（别的条目靠这个编号引用它，发布后不要再改）；"
                    f"新建的条目请把文件改名为“{entry.id}{entry.path.suffix}”，或把 id 改为“{stem}”。")
        add(entry, ("id",), f"文件名“{entry.path.name}”与编号“{entry.id}”不一致。", hint)

    slugs: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        key = (entry.entry_type.section, entry.slug)
        if key in slugs and slugs[key] is not entry and entry.id not in dup_reported:
            add(entry, ("slug",), f"网址名“{entry.slug}”与 {errors.display_path(slugs[key].path)} 重复。",
                "同一栏目下的网址名必须唯一，请修改 slug。")
        slugs.setdefault(key, entry)

    category_ids = {c.id for c in result.categories}
    if result.categories_broken:   # categories.yml's own error is the root one
        category_ids = _Everything()
    cat_seen: set[str] = set()
    for c in result.categories:
        if c.id in cat_seen:
            errors.add(result.content_dir / "policies/categories.yml", 0, "id",
                       f"类别编号“{c.id}”重复。", "每个类别编号只能出现一次。")
        cat_seen.add(c.id)

    squashed_sources = {id(e): squash(e.text) for e in entries if isinstance(e, Source)}
    if published is None:
        published = KnowledgeBase.from_entries(entries, result.categories)
    known = _Ids(by_id, candidates, aliases)
    for entry in entries:
        _check_references(entry, known, category_ids, result.broken_ids, add)
        _check_citations(entry, known, squashed_sources, result.broken_ids, add)
        if not entry.draft:
            _check_completeness(entry, published, add)

    levels_with_checklist: dict[str, Checklist] = {}
    for entry in entries:
        if isinstance(entry, Checklist) and entry.level and not entry.draft:
            if entry.level in levels_with_checklist:
                add(entry, ("level",), f"层级“{entry.level}”已有清单 {errors.display_path(levels_with_checklist[entry.level].path)}。",
                    "每个责任层级只能有一份清单，请把条目合并到那份清单中。")
            levels_with_checklist.setdefault(entry.level, entry)

    _check_level_cycles(entries, add)

    def warn(entry: Entry, fpath: tuple, message: str, hint: str = "") -> None:
        from .yamlsource import field_name
        errors.warn(entry.path, result.line_of(entry, fpath), field_name(fpath), message, hint)

    _check_traditional(entries, warn)
    _check_phrasings(entries, warn, errors.display_path)
    _check_topics(result, category_ids, add)
    _check_body_safety(result)
    if not errors and site is not None:   # the pages a body may link to are known once the graph holds together
        _check_bodies(result, site.page_uris(published), site.entry_uri)


def _body_line(result: LoadResult, entry: Entry) -> int:   # "body: |": the text starts on the next line
    return result.line_of(entry, ("body",)) + (1 if entry.body.endswith("\n") else 0)


def _check_body_safety(result: LoadResult) -> None:
    """Scripts, event handlers, script URLs, embedded pages and outside resources in any body,
    drafts too (the preview of ``ronghe serve`` shows them): ronghe.content.bodysafety."""
    from .bodycheck import check_body_safety

    check_body_safety(result.entries, lambda entry: _body_line(result, entry),
                      lambda entry, line, message, hint: result.errors.add(entry.path, line, "body", message, hint))


def _check_bodies(result: LoadResult, uris: set[str], entry_uri) -> None:
    """Links to missing pages and HTML blocks left open in published bodies (ronghe.content.bodycheck)."""
    from .bodycheck import check_bodies

    def body_line(entry: Entry) -> int:
        return _body_line(result, entry)

    docs = result.content_dir.parent / "docs"   # hand-written pages beside the content, when there
    check_bodies((e for e in result.entries if not e.draft), uris, entry_uri, body_line,
                 lambda entry, line, message, hint: result.errors.add(entry.path, line, "body", message, hint),
                 docs_dir=docs if docs.is_dir() else None)


class _Ids:
    """Looks up referenced ids: every entry with the id (a duplicated id has several), else an
    entry known by its file name because its own id is wrong (invalid or changed)."""

    def __init__(self, by_id: dict[str, Entry], candidates: dict[str, list[Entry]], aliases: dict[str, Entry]):
        self.by_id, self.candidates, self.aliases = by_id, candidates, aliases

    def find(self, target: str, want: str = "*") -> Entry | None:
        found = self.candidates.get(target)
        if found:
            # a duplicated id is reported at the duplicates: a reference fits if any of them fits
            return next((e for e in found if e.type_name == want), found[0])
        return self.aliases.get(target)


def _new_files(content_dir: Path, paths: set[Path]) -> set[Path] | None:
    """Those of ``paths`` that are not in git's last commit (new, not yet published), or
    ``None`` when git cannot tell (no git, not a repository, no commit yet)."""
    import subprocess

    rel = {os.path.relpath(p, content_dir): p for p in paths}
    try:
        proc = subprocess.run(["git", "ls-tree", "-r", "-z", "--name-only", "HEAD", "--", *sorted(rel)],
                              cwd=content_dir, capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    committed = set(os.fsdecode(proc.stdout).split("\0")) - {""}
    return {p for r, p in rel.items() if r not in committed}


def _report_duplicate(ident: str, occ: list[tuple[Entry, tuple]], new_files: set[Path] | None,
                      result: LoadResult, add) -> list[tuple[Entry, tuple]]:
    """Report a duplicated id on the files an editor should change: the new (uncommitted) ones
    when git tells them apart from published ones, else every one. Returns those blamed."""
    new = [o for o in occ if new_files is not None and o[0].path in new_files]
    blamed = new if new and len(new) < len(occ) else occ
    display = result.errors.display_path

    def where(o: tuple[Entry, tuple]) -> str:
        return f"{display(o[0].path)} 第 {result.line_of(o[0], o[1])} 行"

    for o in blamed:
        entry, fpath = o
        others = "、".join(where(x) for x in occ if x is not o)
        item = fpath != ("id",)
        what = "清单条目" if item else "文件"
        renamed = "" if item else f"（文件名也随之改为“新编号{entry.path.suffix if entry.path else '.yml'}”）"
        keep = "不要改已发布条目的编号：别的条目靠这个编号引用它。"
        if blamed is new:
            add(entry, fpath, f"编号“{ident}”已被 {others}使用。",
                f"这是新建的{what}（还没有提交到 git），请给它改一个新的编号{renamed}；{keep}")
        else:
            add(entry, fpath, f"编号“{ident}”重复：{others}也使用了这个编号。",
                f"每个编号在全站必须唯一。如果这是你刚新建的{what}，请给它改一个新的编号{renamed}；{keep}")
    return blamed


class _Everything(set):
    """Stands for the categories while categories.yml cannot be read: every one is taken as known."""

    def __contains__(self, item) -> bool:
        return True


def _field_path_of_ref(entry: Entry, rel_field: str, target: str) -> tuple:
    value = getattr(entry, rel_field, None)
    if isinstance(value, list) and target in value:
        return (rel_field, value.index(target))
    return (rel_field,)


def _check_references(entry: Entry, known: _Ids, category_ids: set[str], broken: set[str], add) -> None:
    by_id = known.by_id

    def check(target: str, want: str, fpath: tuple) -> None:
        if target == entry.id:
            add(entry, fpath, f"条目引用了它自己（“{target}”）。",
                "这里应填写另一个条目的编号：请删去这一项。")
            return
        other = known.find(target, want)
        if other is None and target in broken:
            return  # that file's own error is already reported
        if other is None:
            near = _similar_ids(target, by_id, want)
            hint = ("是否想写“" + "”或“".join(near) + "”？" if near else "") + \
                   (f"请填写已存在的{ENTRY_TYPES[want].label}编号。" if want != "*" else "请填写已存在的条目编号。")
            add(entry, fpath, f"引用的编号“{target}”不存在。", hint)
            return
        if want != "*" and other.type_name != want:
            add(entry, fpath,
                f"“{target}”是{other.entry_type.label}，这里需要{ENTRY_TYPES[want].label}。",
                f"请改为{ENTRY_TYPES[want].label}的编号，或把这个引用移到正确的字段。")
            return
        if other.draft and not entry.draft:
            add(entry, fpath, f"引用的“{target}”还是草稿（draft: true），发布后将成为断链。",
                "请先完成并发布被引用的条目（删除其 draft 标记），或暂时去掉这个引用。")

    for rel in RELATIONS:
        if rel.source_type == entry.type_name:
            value = getattr(entry, rel.field, None)
            targets = [value] if isinstance(value, str) and value else (value or [])
            for i, t in enumerate(targets):
                fpath = (rel.field, i) if isinstance(value, list) else (rel.field,)
                check(t, rel.target_type, fpath)
    if isinstance(entry, Countermeasure):
        if entry.category and entry.category not in category_ids:
            cats = "、".join(sorted(category_ids)) or "（尚未定义）"
            add(entry, ("category",), f"对策类别“{entry.category}”不存在。",
                f"请使用 content/policies/categories.yml 中的类别：{cats}。")
        for mi, m in enumerate(entry.measures):
            for li, lv in enumerate(m.levels):
                other = known.find(lv, "level")
                if other is not None and other.type_name == "level":
                    continue
                if lv in broken:
                    continue
                if other is None:
                    levels = "、".join(sorted(i for i, e in by_id.items() if e.type_name == "level" and _ID_RE.match(i)))
                    add(entry, ("measures", mi, "levels", li), f"未知的责任层级“{lv}”。",
                        f"责任层级只能从受控词表中选择：{levels}。")
                else:
                    check(lv, "level", ("measures", mi, "levels", li))
    if isinstance(entry, Checklist):
        for gi, g in enumerate(entry.groups):
            for ii, item in enumerate(g.items):
                for ci, cm in enumerate(item.countermeasures):
                    check(cm, "countermeasure", ("groups", gi, "items", ii, "countermeasures", ci))


def _similar_ids(target: str, by_id: dict[str, Entry], want: str) -> list[str]:
    import difflib
    # only ids that are valid themselves: never suggest an emoji or "../../etc" another file holds
    pool = [i for i, e in by_id.items() if (want == "*" or e.type_name == want) and _ID_RE.match(i)]
    return difflib.get_close_matches(target, pool, n=2, cutoff=0.6)


def _check_citations(entry: Entry, known: _Ids, squashed_sources: dict[int, str],
                     broken: set[str], add) -> None:
    for i, c in enumerate(entry.citations):
        src = known.find(c.source, "source")
        if src is None and c.source in broken:
            continue
        if src is None:
            add(entry, ("citations", i, "source"), f"来源“{c.source}”不存在。",
                "请填写 content/policies/sources/ 中某个来源文献的 id。")
            continue
        if not isinstance(src, Source):
            add(entry, ("citations", i, "source"), f"“{c.source}”是{src.entry_type.label}，不是来源文献。",
                "引文的 source 必须是来源文献的 id。")
            continue
        if src.duplicate_of:
            add(entry, ("citations", i, "source"), f"来源“{c.source}”是重复报告，不应被引用。",
                f"请改为引用原报告“{src.duplicate_of}”。")
            continue
        if c.passage and squash(c.passage) not in squashed_sources[id(src)]:
            hint = "引文必须逐字摘自来源全文（换行、空格不计）；请从来源文件的 text 中复制，不要改写或改标点。"
            seed = _ingest_seed(entry.path)
            if seed and src.seed_file and seed != src.seed_file:
                # an import draft citing a source that now holds another report: the usual cause is
                # two imports that gave their sources the same id, the second copy overwriting the first
                hint = (f"这条是从“{seed}”导入的草稿，而来源“{c.source}”现在是“{src.seed_file}”的全文："
                        f"多半是两次导入给来源起了同一个编号，后复制进 content/ 的文件覆盖了先复制的。"
                        f"请从“{seed}”的导入输出目录重新复制来源文件，改一个新编号（文件名一起改），"
                        f"并把“{seed}”各条草稿引文的 source 改成新编号。")
            add(entry, ("citations", i, "passage"),
                f"引文与来源“{c.source}”的清洗后全文不一致（原文中找不到这段文字）。", hint)


def _ingest_seed(path: Path | None) -> str:
    """The report an import draft came from (its ``ingest: seed:``), read again from its file
    because the model keeps no import record; "" when there is none."""
    if path is None:
        return ""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    ingest = data.get("ingest") if isinstance(data, dict) else None
    return str(ingest.get("seed") or "") if isinstance(ingest, dict) else ""


def _check_completeness(entry: Entry, published: KnowledgeBase, add) -> None:
    etype = entry.entry_type
    if etype.citations_required and not entry.citations:
        add(entry, ("citations",), "已发布的条目至少需要一条引文。",
            "请在 citations 下写明来源（source）和原文段落（passage）；未完成的条目可先标记 draft: true。")
    if isinstance(entry, Source) and not entry.duplicate_of and not entry.text.strip():
        add(entry, ("text",), "来源文献缺少清洗后的全文。", "请在“text: |”下粘贴清洗后的全文，或用 duplicate_of 指明它重复的来源。")
    if isinstance(entry, Cause) and not entry.problems:
        add(entry, ("problems",), "原因没有关联任何问题表现。", "请在 problems 下列出这一原因导致的问题的 id。")
    if isinstance(entry, Countermeasure) and not entry.problems and not entry.causes:
        add(entry, ("problems",), "对策没有针对任何问题或原因。", "请在 problems 或 causes 下列出它针对的问题/原因 id。")
    if isinstance(entry, Case) and not entry.countermeasures:
        add(entry, ("countermeasures",), "案例没有关联任何对策。", "请在 countermeasures 下列出这个案例体现的对策 id。")
    if isinstance(entry, Problem):
        if not published.causes_of(entry.id):
            add(entry, ("id",), "这个问题表现没有任何原因指向它。",
                f"请在相应原因文件的 problems 中加入“{entry.id}”。")
        if not published.countermeasures_for_problem(entry.id):
            add(entry, ("id",), "这个问题表现没有任何对策针对它。",
                f"请在相应对策文件的 problems 中加入“{entry.id}”。")



def _check_level_cycles(entries: list[Entry], add) -> None:
    """``parent`` of levels must lead up to a top level: A -> B -> A is reported once, at
    every level of the loop (a level that names itself is reported as a self-reference)."""
    parent = {e.id: e.parent for e in entries if isinstance(e, Level) and e.parent and e.parent != e.id}
    by_id = {e.id: e for e in entries if isinstance(e, Level)}
    reported: set[str] = set()
    for start in parent:
        seen: list[str] = []
        node = start
        while node in parent and node not in seen:
            seen.append(node)
            node = parent[node]
        if node in seen and node not in reported:
            loop = seen[seen.index(node):]
            reported.update(loop)
            chain = " → ".join(loop + [node])
            for ident in loop:
                add(by_id[ident], ("parent",), f"上级层级形成了循环：{chain}。",
                    "层级的 parent 应一直向上指到最高层级（最高层级不写 parent）：请改正其中一个的 parent。")


# published texts read by everyone: written in traditional characters they are (most often) a
# paste from a Hong Kong, Taiwan or old web copy that the import did not go through
_SIMPLIFIED_FIELDS = ("title", "short", "summary")


def _check_traditional(entries: list[Entry], warn) -> None:
    """Warn (not an error: names and quotations may keep their characters) about a published
    title or summary written in traditional characters, with its simplified form (OpenCC t2s)."""
    texts = [(e, name, getattr(e, name, "")) for e in entries if not e.draft for name in _SIMPLIFIED_FIELDS]
    texts = [(e, name, t) for e, name, t in texts if isinstance(t, str) and t and not t.isascii()]
    if not texts:
        return
    convert = _t2s()
    if convert is None:
        return
    for entry, name, text in texts:
        simplified = convert(text)
        if simplified != text:
            changed = "".join(sorted({a for a, b in zip(text, simplified) if a != b}))
            warn(entry, (name,), f"用了繁体字（{changed}）。",
                 f"本指南用简体字，建议改为：{simplified}")


# 常见说法 are short spoken sentences, a few an entry (docs/guide/editing.md): what is far from that is
# warned about, not refused.
PHRASING_MAX_CHARS = 40
PHRASINGS_MAX = 12
_SEARCHABLE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def _check_phrasings(entries: list[Entry], warn, display_path) -> None:
    """Warn about 常见说法 that cannot help the search or hurt other entries: without a searchable
    character, too long, too many, repeated, or given to two entries."""
    owner: dict[str, Entry] = {}
    for entry in entries:
        sayings = entry.phrasings
        if len(sayings) > PHRASINGS_MAX:
            warn(entry, ("phrasings",), f"常见说法有 {len(sayings)} 条。",
                 f"写 4～7 条最常听到的就够了（最多 {PHRASINGS_MAX} 条）；说法越多，本条目越会压过别的条目。")
        seen: set[str] = set()
        for i, saying in enumerate(sayings):
            where = ("phrasings", i)
            if not _SEARCHABLE.search(saying):
                warn(entry, where, f"常见说法“{saying}”里没有汉字、字母或数字，搜索用不上。", "请写成一句口头话，或删去这一行。")
            elif len(saying) > PHRASING_MAX_CHARS:
                warn(entry, where, f"这条常见说法有 {len(saying)} 个字，太长。",
                     "常见说法是一句 5～18 个字的口头话；较长的描述请写进正文。")
            if saying in seen:
                warn(entry, where, f"常见说法“{saying}”重复了。", "删去重复的一行。")
            seen.add(saying)
            other = owner.setdefault(saying, entry)
            if other is not entry and not entry.draft and not other.draft:
                warn(entry, where, f"“{saying}”也是 {display_path(other.path)} 的常见说法。",
                     "一句说法只写给最贴切的那个条目，否则两个条目会争同一个查询。")


def _t2s():
    try:
        import opencc
    except ImportError:   # pragma: no cover - OpenCC is a dependency (requirements.txt)
        return None
    return opencc.OpenCC("t2s").convert


QUESTIONS_MIN, QUESTIONS_MAX = 3, 5


def _check_topics(result: LoadResult, category_ids: set[str], add) -> None:
    """Training topics: a known category, one topic per category, 3–5 discussion questions."""
    topic_of_category: dict[str, Topic] = {}
    for entry in result.entries:
        if not isinstance(entry, Topic):
            continue
        if entry.category and entry.category not in category_ids:
            known = "、".join(sorted(category_ids)) or "（尚未定义）"
            add(entry, ("category",), f"对策类别“{entry.category}”不存在。",
                f"请使用 content/policies/categories.yml 中的类别：{known}。")
        elif entry.category and not entry.draft:
            other = topic_of_category.get(entry.category)
            if other is not None:
                add(entry, ("category",),
                    f"类别“{entry.category}”已有研讨专题 {result.errors.display_path(other.path)}。",
                    "每个对策类别只编一份讲义，请把研讨题合并到那个文件中。")
            topic_of_category.setdefault(entry.category, entry)
        n = len(entry.questions)
        if n and not QUESTIONS_MIN <= n <= QUESTIONS_MAX:
            add(entry, ("questions",), f"研讨题有 {n} 道，应为 {QUESTIONS_MIN}～{QUESTIONS_MAX} 道。",
                "一次研讨时间有限：请保留最有针对性的题目，或补足到至少 3 道。")
