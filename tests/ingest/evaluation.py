"""Measure the import on report-shaped texts written for the tests (tests/ingest/eval/).

Each ``NAME.txt`` has a sidecar ``NAME.expect.yml`` with what an editor expects:
title, author (and date, publisher when the report gives them), the encoding,
the role of the main sections, the entries (kind and title), strings that must
survive (``keep``), strings of web chrome that must not (``chrome``), the input
lines that hold garbled text and the number of repeated blocks.

``tuned/`` holds the texts the mechanism was developed on; ``heldout/``, ``heldout2/`` and ``heldout3/`` texts
written afterwards and never tuned to. Run this file to print the figures:

    .venv/bin/python tests/ingest/evaluation.py
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
EVAL = HERE / "eval"
ROLE_NAMES = {"background": "context", "problem": "problems", "cause": "causes", "countermeasure": "countermeasures",
              "case": "cases", "none": "none", "unclassified": "unclear"}
KINDS = {"problem", "cause", "countermeasure", "case"}


def fixtures(group: str) -> list[Path]:
    return sorted((EVAL / group).glob("*.expect.yml"))


def text_of(expect_path: Path) -> Path:
    return expect_path.with_name(expect_path.name[: -len(".expect.yml")] + ".txt")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def article_key(text: str) -> str:
    """What the lost-sentence check compares: simplified Chinese characters and digits only."""
    from ronghe.ingest.clean import to_simplified

    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[^\u4e00-\u9fff0-9]", "", to_simplified(text))


@dataclass
class Result:
    name: str
    title_ok: bool
    author_ok: bool
    meta_errors: list[str]
    predicted: int            # drafts made
    correct: int              # drafts whose kind matches the expected entry they hold
    expected: int             # entries expected
    found: int                # expected entries found as a draft of the right kind
    titles_ok: int            # of those, with exactly the expected title
    roles_ok: int
    roles: int
    problems: list[str] = field(default_factory=list)   # everything that went wrong, for the message
    lost: list[str] = field(default_factory=list)       # article sentences missing from the clean text
    chrome_left: list[str] = field(default_factory=list)


def evaluate(expect_path: Path) -> Result:
    from ronghe.ingest.command import analyse, plan
    from ronghe.ingest.ids import IdAllocator

    exp = yaml.safe_load(expect_path.read_text(encoding="utf-8"))
    path = text_of(expect_path)
    item = analyse(path)
    plan(item, IdAllocator())
    st, clean, drafts = item.structure, item.clean, item.drafts
    problems: list[str] = []

    title_ok = st.title == exp["title"]
    if not title_ok:
        problems.append(f"标题：{st.title!r}，应为 {exp['title']!r}")
    author_ok = (st.author or "") == (exp.get("author") or "")
    if not author_ok:
        problems.append(f"作者：{st.author!r}，应为 {exp.get('author')!r}")
    meta_errors = []
    for key in ("date", "publisher", "publication"):
        if key in exp and str(getattr(st, key)) != str(exp[key]):
            meta_errors.append(f"{key}：{getattr(st, key)!r}，应为 {exp[key]!r}")
    if exp.get("encoding") and item.decoded.encoding != exp["encoding"]:
        meta_errors.append(f"编码：{item.decoded.encoding}，应为 {exp['encoding']}")
    problems += meta_errors

    # section roles
    roles_ok = 0
    for sec in exp.get("sections", []):
        want = ROLE_NAMES[sec["role"]]
        head = squash(sec["heading"])
        if head in ("目录", "目  录") and want == "none":
            got = "none" if st.toc else None
        else:
            node = next((n for n in st.headings()
                         if n.heading is not None and (squash(n.heading.text).startswith(head) or n.title == head)), None)
            got = item.types[id(node)].type if node is not None else None
        if got == want:
            roles_ok += 1
        else:
            problems.append(f"章节“{sec['heading']}”：{got}，应为 {want}")

    # entries: a draft holds an expected entry when it has its title, or the entry's heading is in its passage
    expected = exp.get("entries", [])
    entries = drafts.entries
    matched: dict[int, int] = {}   # expected index -> draft index
    for i, e in enumerate(expected):
        k = next((j for j, d in enumerate(entries) if d.data["title"] == e["title"] and j not in matched.values()), None)
        if k is None:
            anchor = squash(e.get("anchor", e["title"]))
            k = next((j for j, d in enumerate(entries)
                      if anchor in squash(d.data["citations"][0]["passage"]) and j not in matched.values()), None)
        if k is not None:
            matched[i] = k
    correct = 0
    for j, d in enumerate(entries):
        i = next((i for i, jj in matched.items() if jj == j), None)
        if i is not None and expected[i]["type"] == d.kind:
            correct += 1
        elif i is None:
            problems.append(f"多出的草稿：{d.kind}“{d.data['title']}”")
        else:
            problems.append(f"草稿“{d.data['title']}”类型为 {d.kind}，应为 {expected[i]['type']}")
    found = titles_ok = 0
    for i, e in enumerate(expected):
        if i not in matched:
            problems.append(f"缺少草稿：{e['type']}“{e['title']}”")
            continue
        d = entries[matched[i]]
        if d.kind == e["type"]:
            found += 1
        if d.data["title"] == e["title"]:
            titles_ok += 1
        else:
            problems.append(f"草稿标题“{d.data['title']}”，应为“{e['title']}”")

    # chrome must be gone from the clean text and every draft; kept strings must be there
    chrome_left = [c for c in exp.get("chrome", []) if c in clean.text]
    for d in entries:
        chrome_left += [f"{c}（草稿 {d.id}）" for c in exp.get("chrome", []) if c in d.data["citations"][0]["passage"]]
    for k in exp.get("keep", []):
        if k not in clean.text:
            problems.append(f"应保留的“{k}”不在清洗后全文中")
    # garbled input lines are reported as such
    garbled = {sp.src_line for sp in clean.unrecoverable if sp.kind == "garbled"}
    for line in exp.get("garbled_lines", []):
        if line not in garbled:
            problems.append(f"原文第 {line} 行的乱码没有被报告")
    if "repeats" in exp and len(clean.repeats) != exp["repeats"]:
        problems.append(f"重复块：{len(clean.repeats)} 个，应为 {exp['repeats']} 个")

    # no sentence of the article is lost: every sentence of the input lines that are not chrome
    # or garbled is in the clean text
    raw_lines = item.decoded.text.replace("\r\n", "\n").split("\n")
    clean_key = article_key(clean.text)
    skip_lines = set(exp.get("garbled_lines", []))
    lost = []
    for n, line in enumerate(raw_lines, start=1):
        from ronghe.ingest.clean import to_simplified

        norm = to_simplified(unicodedata.normalize("NFKC", line))
        if n in skip_lines or any(unicodedata.normalize("NFKC", c) in norm for c in exp.get("chrome", [])):
            continue
        for sentence in re.split(r"(?<=[。！？])", line):
            key = article_key(sentence)
            if len(key) >= 4 and key not in clean_key:
                lost.append(f"第 {n} 行：{sentence.strip()[:40]}")
    problems += [f"丢失：{x}" for x in lost] + [f"残留网页文字：{x}" for x in chrome_left]
    return Result(path.name, title_ok, author_ok, meta_errors, len(entries), correct, len(expected), found,
                  titles_ok, roles_ok, len(exp.get("sections", [])), problems, lost, chrome_left)


@dataclass
class Summary:
    results: list[Result]

    def ratio(self, num: str, den: str) -> float:
        d = sum(getattr(r, den) for r in self.results)
        return sum(getattr(r, num) for r in self.results) / d if d else 1.0

    @property
    def titles(self) -> float:
        return sum(r.title_ok for r in self.results) / len(self.results)

    @property
    def authors(self) -> float:
        return sum(r.author_ok for r in self.results) / len(self.results)

    @property
    def precision(self) -> float:
        return self.ratio("correct", "predicted")

    @property
    def recall(self) -> float:
        return self.ratio("found", "expected")

    @property
    def draft_titles(self) -> float:
        return self.ratio("titles_ok", "expected")

    @property
    def roles(self) -> float:
        return self.ratio("roles_ok", "roles")

    def table(self) -> str:
        rows = [f"{'文件':<24} 标题 作者 草稿 正确 应有 找到 标题对 章节对 丢句 残留"]
        for r in self.results:
            rows.append(f"{r.name:<24} {'是' if r.title_ok else '否'}   {'是' if r.author_ok else '否'}   "
                        f"{r.predicted:>3} {r.correct:>4} {r.expected:>4} {r.found:>4} {r.titles_ok:>5} "
                        f"{r.roles_ok:>3}/{r.roles:<3} {len(r.lost):>3} {len(r.chrome_left):>3}")
        rows.append(f"标题 {self.titles:.0%}  作者 {self.authors:.0%}  草稿类型准确率 {self.precision:.1%}  "
                    f"召回率 {self.recall:.1%}  草稿标题 {self.draft_titles:.1%}  章节角色 {self.roles:.1%}  "
                    f"丢句 {sum(len(r.lost) for r in self.results)}  残留网页文字 {sum(len(r.chrome_left) for r in self.results)}")
        return "\n".join(rows)


def summarise(group: str) -> Summary:
    return Summary([evaluate(p) for p in fixtures(group)])


if __name__ == "__main__":  # pragma: no cover - a report for the developer
    sys.path.insert(0, str(HERE.parents[1]))
    for group in sys.argv[1:] or ["tuned", "heldout", "heldout2", "heldout3"]:
        summary = summarise(group)
        print(f"== {group}")
        print(summary.table())
        for r in summary.results:
            for p in r.problems:
                print(f"  {r.name}: {p}")
