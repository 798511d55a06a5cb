"""Command line: ``python -m ronghe ingest FILE... --out DIR`` (also scripts/ingest.py).

For every input file the tool writes, under ``OUT/<file stem>/`` (``OUT/<file stem>-2/`` and so
on when that folder exists: nothing already written is ever replaced):

- ``clean.txt``          the cleaned text (one paragraph per line)
- ``report.json``        structure, section types, sentence accounting, unrecoverable spans
- ``unclassified.txt``   sentences not placed in any draft, with the reason
- ``drafts/…``           draft entries mirroring ``content/`` (all ``draft: true``)

A report that duplicates one already ingested (in OUT, in the content directory or
earlier in the same run) gets only ``clean.txt`` and ``report.json``. Output is
written to a temporary directory beside OUT and moved into place at the end: on
any error nothing is written. Exit status 0 on success, 1 on error.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .classify import TYPE_NAMES, UNCLEAR, classify
from .clean import CleanResult, clean_text
from .dedupe import Known, Match, best_match, load_registry, shingles
from .drafts import EDIT_MARK, DraftSet, plan_drafts, render_yaml
from .errors import IngestError
from .ids import IdAllocator, ids_in, output_folder
from .levels import detect_levels
from .reading import Decoded, read_document
from .structure import Structure, parse_structure

DEFAULT_CONTENT = Path("content")   # run where mkdocs.yml is, like the other ronghe commands

KIND_NAMES = {"problem": "问题表现", "cause": "原因", "countermeasure": "对策", "case": "典型案例"}


@dataclass
class Item:
    path: Path
    seed: str                  # file name
    stem: str
    decoded: Decoded
    clean: CleanResult
    structure: Structure
    types: dict
    shingles: frozenset
    drafts: DraftSet | None = None   # planned once duplicates are known (ids are handed out then)
    folder: str = ""                 # output folder under OUT (never an existing one)
    duplicate: Match | None = None
    near: Match | None = None  # best match below the threshold, for information
    notes: list[str] = field(default_factory=list)

    @property
    def defect_score(self) -> int:
        """How much cleaning this copy needed: of several copies of a report the cleanest is kept."""
        c = self.clean.changes
        return (c["masks"] + c["xjp"] + 10 * len(self.clean.unrecoverable) + 50 * c["paywall_lines"]
                + (20 if not self.structure.title else 0) + c["chrome_lines"] + c["spam_lines"]
                + c["meta_lines"] + c["teaser_lines"] + c["duplicate_lines"] + 5 * c["repeated_blocks"]
                + c["repeated_lines"] + c["html_tags"] // 10 + c["pinyin"] // 10 + c["simplified_chars"] // 50
                + len(self.decoded.notes))

    @property
    def writes_drafts(self) -> bool:
        return self.duplicate is None or "已按 --allow-duplicate" in " ".join(self.notes)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # Chinese usage errors, exit 2 like argparse
        self.print_usage(sys.stderr)
        sys.stderr.write(f"错误：命令参数有误（{message}）。用 --help 查看用法。\n")
        raise SystemExit(2)


def build_parser(parser_class: type[argparse.ArgumentParser] = _Parser) -> argparse.ArgumentParser:
    """``parser_class``: the ronghe command passes its argument parser, whose help is all Chinese."""
    p = parser_class(
        prog="ronghe ingest",
        description="导入原始报告：清洗文本，识别标题和章节结构，按问题/原因/对策/案例生成草稿条目（draft: true）。",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="原始报告文件（纯文本；UTF-8、GB18030/GBK、Big5、UTF-16 自动识别）")
    p.add_argument("--out", required=True, metavar="DIR", help="输出目录；每个文件写入 DIR/<文件名>/")
    p.add_argument("--content", default=str(DEFAULT_CONTENT), metavar="DIR",
                   help="内容目录，用于查重（默认：当前目录的 content/）")
    p.add_argument("--no-content-check", action="store_true", help="查重时不比较内容目录中的来源文献")
    p.add_argument("--allow-duplicate", action="store_true", help="即使与已导入的报告重复，也生成草稿")
    p.add_argument("-q", "--quiet", action="store_true", help="只输出错误")
    return p


# ---------------------------------------------------------------------------


def analyse(path: Path) -> Item:
    decoded = read_document(path)
    clean = clean_text(decoded.text)
    if not clean.text.strip():
        raise IngestError(f"{path}：清洗后没有剩下任何正文（可能只有网页栏目或推广文字）。")
    structure = parse_structure(clean.text, clean.meta, clean.meta_lines)
    types = classify(structure)
    return Item(path, path.name, path.stem, decoded, clean, structure, types, shingles(clean.text))


def plan(item: Item, ids: IdAllocator) -> None:
    """Drafts of *item*, with ids from *ids*."""
    item.drafts = plan_drafts(item.seed, item.stem, item.clean, item.structure, item.types, ids)
    if not item.drafts.accounting_ok():  # pragma: no cover - a bug, not a user error
        raise IngestError(f"{item.path}：内部错误，句子统计对不上（共 {item.drafts.total} 句），请报告此问题。")


def find_duplicates(items: list[Item], known: list[Known], allow: bool) -> None:
    """Mark duplicates; within one run the most complete report is kept as the original."""
    accepted: list[Known] = list(known)
    for item in sorted(items, key=lambda it: (it.defect_score, -len(it.clean.text))):
        match = best_match(item.shingles, accepted)
        if match and match.is_duplicate:
            item.duplicate = match
            if allow:
                item.notes.append("已按 --allow-duplicate 照常生成草稿。")
        else:
            item.near = match
        if item.duplicate is None or allow:
            accepted.append(Known(item.stem, f"本次导入的 {item.seed}", item.shingles, None))


def _report(item: Item, source_ids: dict[str, str]) -> dict:
    st, ds = item.structure, item.drafts
    sections = []
    for node in st.headings():
        t = item.types.get(id(node))
        sentences = node.sentences()
        first, last = sentences[0].line, sentences[-1].line
        sections.append({
            "locator": node.locator, "title": node.title, "depth": node.depth, "kind": node.kind,
            "line": node.heading.line if node.heading else None,
            "lines": list(item.clean.source_lines(first, last)), "clean_lines": [first, last],
            "type": t.type if t else None, "secondary": t.secondary if t else [],
            "by": t.by if t else None, "keyword": t.keyword if t else "", "reason": t.reason if t else "",
        })
    dup = item.duplicate
    writes = item.writes_drafts
    return {
        "seed": item.seed,
        "encoding": item.decoded.encoding, "encoding_notes": item.decoded.notes,
        "source_id": ds.source.id if writes else None,
        "title": st.title, "date": st.date, "publisher": st.publisher, "author": st.author,
        "publication": st.publication,
        "duplicate_of": ({"label": dup.known.label, "key": dup.known.key,
                          "source_id": dup.known.source_id or source_ids.get(dup.known.key),
                          "similarity": round(dup.similarity, 3), "containment": round(dup.containment, 3)}
                         if dup else None),
        "counts": {
            "sentences": ds.total,
            "in_drafts": ds.in_drafts if writes else 0,
            "unclassified": len(ds.unclassified) if writes else 0,
            "not_assigned_duplicate": 0 if writes else ds.total,
        },
        "table_of_contents": ({"lines": list(item.clean.source_lines(st.toc[0].line, st.toc[-1].line))}
                              if st.toc else None),
        "sections": sections,
        "entries": [{"id": d.id, "type": d.kind, "file": f"drafts/{d.relpath}", "locator": d.locator,
                     "title": d.data.get("title"), "sentences": len(d.sentences),
                     "lines": d.data["ingest"]["lines"], "clean_lines": d.data["ingest"]["clean_lines"],
                     "levels": detect_levels("".join(s.text for s in d.sentences))}
                    for d in ds.entries] if writes else [],
        "unclassified": [{"sentence": u.sentence.index, "line": u.sentence.line, "col": u.sentence.col,
                          "source_line": item.clean.source_lines(u.sentence.line, u.sentence.line)[0],
                          "reason": u.reason, "text": u.sentence.text} for u in ds.unclassified]
        if writes else [],
        "unrecoverable": [{"line": s.line, "col": s.col, "start": s.start, "end": s.end,
                           "src_line": s.src_line, "src_col": s.src_col, "text": s.text, "kind": s.kind,
                           "replacement": s.replacement} for s in item.clean.unrecoverable],
        "changes": {k: v for k, v in sorted(item.clean.changes.items()) if v},
        "removed_lines": [{"line": r.line, "reason": r.reason, "text": r.text} for r in item.clean.removed],
        "repeated_blocks": item.clean.repeats,
        "warnings": st.warnings,
    }


def _write_item(base: Path, item: Item, source_ids: dict[str, str]) -> None:
    d = base / item.folder
    if d.exists():  # pragma: no cover - output_folder() never picks an existing folder
        raise IngestError(f"{d}：输出目录已存在，为避免覆盖没有写入。")
    d.mkdir(parents=True)
    (d / "clean.txt").write_text(item.clean.text, encoding="utf-8")
    report = _report(item, source_ids)
    (d / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if not item.writes_drafts:
        return
    lines = [f"# {item.seed}：未归入草稿的句子（共 {len(item.drafts.unclassified)} 句）",
             "# 格式：清洗后行:列  [原因]  句子"]
    for u in item.drafts.unclassified:
        lines.append(f"{u.sentence.line}:{u.sentence.col}\t[{u.reason}]\t{u.sentence.text}")
    (d / "unclassified.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    drafts_dir = d / "drafts"
    for draft in [item.drafts.source] + item.drafts.entries:
        target = drafts_dir / draft.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as fh:   # "x": never overwrite
            fh.write(render_yaml(draft.data))


def write_all(out: Path, items: list[Item]) -> None:
    """Write every item under *out* atomically (temp dir beside *out*, then rename)."""
    if out.exists() and not out.is_dir():
        raise IngestError(f"{out}：输出路径已存在，但不是目录。")
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=parent))
    except OSError as exc:
        raise IngestError(f"{out}：无法创建输出目录（{exc.strerror or exc}）。") from None
    old: Path | None = None
    try:
        if out.exists():
            shutil.copytree(out, tmp, dirs_exist_ok=True, symlinks=True)
        source_ids = {it.stem: it.drafts.source.id for it in items if it.writes_drafts}
        for item in items:
            _write_item(tmp, item, source_ids)
        if out.exists():
            old = parent / f".{out.name}.old-{os.getpid()}"
            os.rename(out, old)
        os.rename(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and old.exists() and not out.exists():
            os.rename(old, out)
        raise IngestError(f"{out}：写入输出失败（{exc.strerror or exc}），没有写入任何文件。") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------------------


def visible(text: str) -> str:
    """Show private-use and control characters as <U+XXXX> so a message never hides them."""
    out = []
    for ch in text:
        o = ord(ch)
        if o < 0x20 or 0x7F <= o < 0xA0 or 0xE000 <= o <= 0xF8FF or o >= 0xF0000 or ch == "\ufffd":
            out.append(f"<U+{o:04X}>")
        else:
            out.append(ch)
    return "".join(out)


def _removed_summary(item: Item) -> str:
    counts: dict[str, list[int]] = {}
    for r in item.clean.removed:
        counts.setdefault(r.reason, []).append(r.line)
    parts = []
    for reason, lines in counts.items():
        shown = "、".join(str(n) for n in lines[:6]) + ("……" if len(lines) > 6 else "")
        parts.append(f"{reason} {len(lines)} 处（原文第 {shown} 行）")
    return "；".join(parts)


def summary_lines(item: Item, out: Path) -> list[str]:
    st, ds = item.structure, item.drafts
    lines = [f"【{item.seed}】{st.title or '（无标题）'}"]
    meta = [f"{label}：{v}" for label, v in (("作者", st.author), ("日期", st.date), ("来源", st.publisher),
                                             ("出处", st.publication)) if v]
    lines.append("  " + "；".join(meta + [f"编码：{item.decoded.label}"]))
    for note in item.decoded.notes:
        lines.append(f"  编码提醒：{note}")
    if item.clean.removed:
        lines.append("  已删除：" + _removed_summary(item) + "（详见 report.json 的 removed_lines）")
    for block in item.clean.repeats:
        a, b = block["lines"]
        c, d = block["same_as"]
        times = f"（{block['copies']} 遍）" if block.get("copies", 1) > 1 else ""
        lines.append(f"  重复内容：原文第 {a}–{b} 行重复了第 {c}–{d} 行的内容{times}，已合并为一份")
    if item.duplicate is not None:
        m = item.duplicate
        lines.append(f"  与 {m.known.label} 重复（相似度 {m.similarity:.2f}，"
                     f"本报告 {m.containment:.0%} 的内容已收录）" +
                     ("。" if item.notes else "，未生成草稿。"))
        for note in item.notes:
            lines.append("  " + note)
        if not item.notes:
            lines.append(f"  句子：共 {ds.total} 句（重复报告，不分配到草稿）")
    if item.writes_drafts:
        lines.append(f"  句子：共 {ds.total} 句 = 草稿中 {ds.in_drafts} 句 + 未归类 {len(ds.unclassified)} 句")
        tops = []
        for node in st.root.children:
            t = item.types.get(id(node))
            name = TYPE_NAMES[t.type] if t else "背景/论述"
            if t and t.secondary:
                name += "（兼" + "、".join(TYPE_NAMES[s] for s in t.secondary) + "）"
            tops.append(f"{node.marker}{node.title[:16]} → {name}")
        lines.append("  章节：" + ("；".join(tops) if tops else "未识别到章节标题"))
        if st.toc:
            lines.append(f"  目录：清洗后第 {st.toc[0].line}–{st.toc[-1].line} 行是目录，不生成草稿")
        unclear = [n for n in st.headings() if item.types.get(id(n)) and item.types[id(n)].type == UNCLEAR
                   and (n.parent is None or item.types.get(id(n.parent)) is None
                        or item.types[id(n.parent)].type != UNCLEAR)]
        for node in unclear:
            lines.append(f"  类型不明：{node.marker}{node.title[:20]}（{item.types[id(node)].reason}），"
                         f"句子放入 unclassified.txt，请人工判断")
        counts: dict[str, int] = {}
        for d in ds.entries:
            counts[d.kind] = counts.get(d.kind, 0) + 1
        parts = [f"{KIND_NAMES[k]} {counts.get(k, 0)} 条" for k in ("problem", "cause", "countermeasure", "case")]
        lines.append("  草稿：" + "，".join(parts) + f"，来源 1 条（编号 {ds.source.id}）")
    if item.clean.unrecoverable:
        lines.append(f"  无法恢复的字符：{len(item.clean.unrecoverable)} 处（清洗文本中以 □ 标出）")
        for sp in item.clean.unrecoverable:
            rec = f"，其后按字节错位还原为“{sp.replacement[1:]}”" if len(sp.replacement) > 1 else ""
            what = "乱码（按错误的编码读出的文字）" if sp.kind == "garbled" else ""
            lines.append(f"    清洗后第 {sp.line} 行第 {sp.col} 列（原文第 {sp.src_line} 行第 {sp.src_col} 列）：{what}"
                         f"“{visible(sp.text)}”{rec}")
    else:
        lines.append("  无法恢复的字符：无")
    for w in st.warnings:
        lines.append(f"  提醒：{w}")
    if item.duplicate is None and item.near is not None and item.near.similarity >= 0.3:
        lines.append(f"  提醒：与 {item.near.known.label} 部分相似（相似度 {item.near.similarity:.2f}），请人工核对。")
    if item.folder != item.stem:
        lines.append(f"  输出：{out / item.folder}（{out / item.stem} 已存在，没有覆盖）")
    else:
        lines.append(f"  输出：{out / item.folder}")
    return lines


def run(argv: list[str] | None, parser_class: type[argparse.ArgumentParser] = _Parser) -> int:
    args = build_parser(parser_class).parse_args(argv)
    out = Path(args.out)
    errors: list[str] = []
    items: list[Item] = []
    seen: set[Path] = set()
    for name in args.files:
        path = Path(name)
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        try:
            items.append(analyse(path))
        except IngestError as exc:
            errors.append(str(exc))
    if errors:
        for e in errors:
            print(f"错误：{e}", file=sys.stderr)
        print(f"导入中止：{len(errors)} 个文件有问题，没有写入任何输出。", file=sys.stderr)
        return 1
    if out.exists() and not out.is_dir():
        raise IngestError(f"{out}：输出路径已存在，但不是目录。")

    content = None if args.no_content_check else Path(args.content)
    known, warnings = load_registry(out, content, set())
    find_duplicates(items, known, args.allow_duplicate)
    # ids already used anywhere a draft could be copied to or next to are taken
    ids = IdAllocator(ids_in(Path(args.content)) | ids_in(out))
    reserved: set[str] = set()
    for item in items:
        item.folder = output_folder(out, item.stem, reserved)
        plan(item, ids if item.writes_drafts else IdAllocator())
    write_all(out, items)

    if not args.quiet:
        for w in warnings:
            print(f"提醒：{w}")
        for item in items:
            print("\n".join(summary_lines(item, out)))
        dup = sum(1 for it in items if it.duplicate is not None)
        total = sum(it.drafts.total for it in items)
        print(f"完成：{len(items)} 个文件，共 {total} 句；重复报告 {dup} 个。草稿均标记为 draft: true：审定后把 drafts/ "
              f"下的文件移入 content/ 的相同位置，删去“{EDIT_MARK}”标记和 draft: true 一行才会发布"
              f"（见编辑指南“从原始报告导入草稿”）。")
    return 0


def main(argv: list[str] | None = None, parser_class: type[argparse.ArgumentParser] = _Parser) -> int:
    try:
        return run(argv, parser_class)
    except IngestError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断，没有写入任何输出。", file=sys.stderr)
        return 130
    except SystemExit as exc:  # argparse --help / usage errors
        return int(exc.code or 0)
    except Exception as exc:  # noqa: BLE001 - never show a traceback to an editor
        print(f"错误：导入时发生内部错误（{type(exc).__name__}：{exc}），没有写入任何输出。请把这条信息报告给维护者。",
              file=sys.stderr)
        return 1
