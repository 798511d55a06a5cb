"""Rules that span files: unique ids, references, citations, completeness.

Works on a ``LoadResult`` and adds errors to its collector. Completeness rules
(every problem has a cause and a countermeasure, ...) apply to published
entries only, so an editor can keep unfinished drafts in the tree.
"""

from __future__ import annotations

import re

from .graph import RELATIONS, KnowledgeBase
from .loader import LoadResult
from .model import Case, Cause, Checklist, Countermeasure, Entry, Problem, Source, Topic
from .schema import ENTRY_TYPES

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text with all whitespace removed: citations are compared this way."""
    return _WS.sub("", text)


def validate(result: LoadResult, published: KnowledgeBase | None = None) -> None:
    """``published``: the knowledge base of published entries, when the caller already built it."""
    errors = result.errors
    entries = result.entries
    by_id: dict[str, Entry] = {}
    dup_reported: set[str] = set()

    def add(entry: Entry, fpath: tuple, message: str, hint: str = "") -> None:
        from .yamlsource import field_name
        errors.add(entry.path, result.line_of(entry, fpath), field_name(fpath), message, hint)

    # unique ids (entries and checklist items share one namespace), file names, slugs
    first_seen: dict[str, tuple[Entry, tuple]] = {}
    for entry in entries:
        ids = [(entry.id, ("id",))]
        if isinstance(entry, Checklist):
            ids += [(item.id, ("groups", gi, "items", ii, "id"))
                    for gi, g in enumerate(entry.groups) for ii, item in enumerate(g.items)]
        for ident, fpath in ids:
            if ident in first_seen:
                other, _ = first_seen[ident]
                add(entry, fpath, f"编号“{ident}”重复：{errors.display_path(other.path)} 已使用这个编号。",
                    "每个编号在全站必须唯一，请改用一个新的编号。")
                dup_reported.add(ident)
            else:
                first_seen[ident] = (entry, fpath)
        by_id.setdefault(entry.id, entry)
        if entry.path is not None and entry.path.stem != entry.id:
            add(entry, ("id",), f"文件名“{entry.path.name}”与编号“{entry.id}”不一致。",
                f"请把文件改名为“{entry.id}{entry.path.suffix}”，或把 id 改为“{entry.path.stem}”。")

    slugs: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        key = (entry.entry_type.section, entry.slug)
        if key in slugs and slugs[key] is not entry and entry.id not in dup_reported:
            add(entry, ("slug",), f"网址名“{entry.slug}”与 {errors.display_path(slugs[key].path)} 重复。",
                "同一栏目下的网址名必须唯一，请修改 slug。")
        slugs.setdefault(key, entry)

    category_ids = {c.id for c in result.categories}
    cat_seen: set[str] = set()
    for c in result.categories:
        if c.id in cat_seen:
            errors.add(result.content_dir / "policies/categories.yml", 0, "id",
                       f"类别编号“{c.id}”重复。", "每个类别编号只能出现一次。")
        cat_seen.add(c.id)

    squashed_sources = {e.id: squash(e.text) for e in entries if isinstance(e, Source)}
    if published is None:
        published = KnowledgeBase.from_entries(entries, result.categories)
    for entry in entries:
        _check_references(entry, by_id, category_ids, result.broken_ids, add)
        _check_citations(entry, by_id, squashed_sources, result.broken_ids, add)
        if not entry.draft:
            _check_completeness(entry, published, add)

    levels_with_checklist: dict[str, Checklist] = {}
    for entry in entries:
        if isinstance(entry, Checklist) and entry.level and not entry.draft:
            if entry.level in levels_with_checklist:
                add(entry, ("level",), f"层级“{entry.level}”已有清单 {errors.display_path(levels_with_checklist[entry.level].path)}。",
                    "每个责任层级只能有一份清单，请把条目合并到那份清单中。")
            levels_with_checklist.setdefault(entry.level, entry)

    _check_topics(result, category_ids, add)


def _field_path_of_ref(entry: Entry, rel_field: str, target: str) -> tuple:
    value = getattr(entry, rel_field, None)
    if isinstance(value, list) and target in value:
        return (rel_field, value.index(target))
    return (rel_field,)


def _check_references(entry: Entry, by_id: dict[str, Entry], category_ids: set[str], broken: set[str], add) -> None:
    def check(target: str, want: str, fpath: tuple) -> None:
        other = by_id.get(target)
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
            known = "、".join(sorted(category_ids)) or "（尚未定义）"
            add(entry, ("category",), f"对策类别“{entry.category}”不存在。",
                f"请使用 content/policies/categories.yml 中的类别：{known}。")
        for mi, m in enumerate(entry.measures):
            for li, lv in enumerate(m.levels):
                if lv in by_id and by_id[lv].type_name == "level":
                    continue
                if lv in broken:
                    continue
                if lv not in by_id:
                    levels = "、".join(sorted(i for i, e in by_id.items() if e.type_name == "level"))
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
    pool = [i for i, e in by_id.items() if want == "*" or e.type_name == want]
    return difflib.get_close_matches(target, pool, n=2, cutoff=0.6)


def _check_citations(entry: Entry, by_id: dict[str, Entry], squashed_sources: dict[str, str],
                     broken: set[str], add) -> None:
    for i, c in enumerate(entry.citations):
        src = by_id.get(c.source)
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
        if c.passage and squash(c.passage) not in squashed_sources[src.id]:
            add(entry, ("citations", i, "passage"),
                f"引文与来源“{c.source}”的清洗后全文不一致（原文中找不到这段文字）。",
                "引文必须逐字摘自来源全文（换行、空格不计）；请从来源文件的 text 中复制，不要改写或改标点。")


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
