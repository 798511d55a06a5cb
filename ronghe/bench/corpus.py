"""Sentences of the seed reports, cleaned and sorted by the part of a report
they come from (problems, causes, countermeasures, other), for recombination."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ronghe import PROJECT_ROOT

SEED_DIRS = (Path("/work/shared/seeds"), PROJECT_ROOT / "tests/fixtures/seeds")
KINDS = ("problem", "cause", "countermeasure", "other")

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])")
_KIND_WORDS = (
    ("cause", ("原因", "根源", "症结")),
    ("problem", ("问题", "表现", "现状", "不足")),
    ("countermeasure", ("对策", "建议", "措施", "做法", "路径", "举措", "思路", "机制", "推进", "建立", "健全", "强化")),
)
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Corpus:
    sentences: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def pool(self, kind: str) -> list[str]:
        return self.sentences[kind] or self.all()

    def all(self) -> list[str]:
        return [s for k in KINDS for s in self.sentences[k]]


def _clean(raw: str) -> str:
    try:
        from ronghe.ingest.clean import clean_text
        return clean_text(raw).text
    except Exception:  # pragma: no cover - minimal fallback when the ingest tool is absent
        text = _TAGS.sub("", raw).replace("D建", "党建").replace(",", "，")
        return "\n".join(ln.strip() for ln in text.splitlines() if ln.strip())


def _sentences(line: str) -> list[str]:
    try:
        from ronghe.ingest.sentences import split_sentences
        return [s.text.strip() for s in split_sentences(line)]
    except Exception:  # pragma: no cover
        return [s for s in re.split(r"(?<=[。！？])", line) if s.strip()]


def _kind_of_heading(line: str, current: str) -> str:
    for kind, words in _KIND_WORDS:
        if any(w in line for w in words):
            return kind
    return current


def _usable(s: str) -> bool:
    return (12 <= len(s) <= 160 and "□" not in s and s.endswith(("。", "！", "？", "”"))
            and not _HEADING.match(s) and not re.search(r"[A-Za-z]{3,}|https?:", s))


def load_corpus(seed_dirs=SEED_DIRS) -> Corpus:
    corpus = Corpus()
    seen: set[str] = set()
    for d in seed_dirs:
        if not Path(d).is_dir():
            continue
        for path in sorted(Path(d).glob("*.txt")):
            raw = path.read_bytes().decode("utf-8", errors="replace")
            kind = "other"
            for line in _clean(raw).splitlines():
                line = line.strip()
                if not line:
                    continue
                if _HEADING.match(line) and len(line) < 40:
                    kind = _kind_of_heading(line, kind)
                    continue
                for s in _sentences(line):
                    if _usable(s) and s not in seen:
                        seen.add(s)
                        corpus.sentences[kind].append(s)
    if not corpus.all():
        corpus.sentences["other"] = list(FALLBACK_SENTENCES)
    return corpus


FALLBACK_SENTENCES = (
    "有的单位重业务轻党建，党建工作说起来重要、干起来次要、忙起来不要。",
    "考核体系各异，党建考核指标偏软，难以形成有效约束。",
    "党组书记要履行第一责任人职责，每年年初同谋划、同部署。",
    "机关党委要建立责任清单，逐项明确任务、时限和责任人。",
    "把党建工作和业务工作一起谋划、一起部署、一起落实、一起检查。",
)
