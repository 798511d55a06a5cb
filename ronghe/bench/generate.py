"""A synthetic knowledge base of N entries in the real content format.

Titles are composed from domain vocabulary, summaries, bodies, measures and
source texts from sentences of the seed reports; every citation passage is a
verbatim sentence of the cited synthetic source, every problem has a cause and
a countermeasure, every level a checklist, so ``python -m ronghe check`` passes.
The same ``n`` and ``seed`` always give the same files.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ronghe import PROJECT_ROOT
from ronghe.content.schema import SYNONYMS_FILE
from .corpus import Corpus, load_corpus

SYNONYMS = PROJECT_ROOT / "content" / SYNONYMS_FILE     # the project's list, copied into every generated tree

CATEGORIES = [
    ("renshi", "认识", "提高对党建与业务融合的思想认识。"),
    ("zeren", "责任", "压实各级党建工作责任。"),
    ("jizhi", "机制", "建立党建业务同谋划、同部署、同落实的机制。"),
    ("kaohe-jili", "考核激励", "用好考核指挥棒，奖优罚劣。"),
    ("zuzhi-baozhang", "组织保障", "配强党务干部队伍，保障经费阵地。"),
    ("fuwu-qunzhong", "服务群众", "把党建成效体现到服务群众上。"),
]
LEVELS = [  # id, title, short, role, parent
    ("dangzu", "党组（党委）", "党组", "集体责任", ""),
    ("dangzu-shuji", "党组（党委）书记", "党组书记", "第一责任人", "dangzu"),
    ("banzi-chengyuan", "领导班子其他成员", "班子成员", "一岗双责", "dangzu"),
    ("jiguan-dangwei", "机关党委", "机关党委", "具体责任", "dangzu"),
    ("zhibu-shuji", "党支部书记", "支部书记", "直接责任", "jiguan-dangwei"),
    ("dangyuan", "党员", "党员", "", "zhibu-shuji"),
]
DOMAINS = ["党建考核", "理论学习", "组织生活", "主题党日", "三会一课", "党员教育", "作风建设", "支部建设", "党务队伍",
           "党建述职", "民主评议", "谈心谈话", "党建品牌", "业务督查", "年度目标", "干部培训", "窗口服务", "项目建设",
           "基层调研", "意识形态", "党风廉政", "群众工作", "党员管理", "阵地建设", "党建经费", "机关文化"]
SCOPES = ["窗口单位", "执法部门", "机关处室", "基层支部", "直属单位", "综合部门", "业务处室", "派出机构", "事业单位",
          "新组建部门", "离退休支部", "青年理论小组"]
SYMPTOMS = ["流于形式", "与业务脱节", "走过场", "重痕迹轻实效", "上热下冷", "缺乏针对性", "内容空泛", "形式单一",
            "标准不统一", "力量薄弱", "参与不积极", "成效不明显", "“两张皮”突出", "结合点不清", "层层递减", "以会代学"]
CAUSES = ["指标设置偏软", "责任传导不到位", "考评体系各异", "认识存在偏差", "激励机制缺失", "监督检查乏力",
          "党务干部兼职过多", "制度执行不严", "结合点找不准", "方式方法陈旧", "经费保障不足", "结果运用不充分"]
VERBS = ["建立", "健全", "完善", "推行", "强化", "创新", "落实", "规范"]
OBJECTS = ["党建业务同考核机制", "第一责任人述职制度", "支部书记抓党建责任清单", "党员先锋岗", "党建联络员制度",
           "“党建+业务”项目化管理", "双向培养机制", "季度党建例会", "党建与业务同谋划制度", "一岗双责履职纪实",
           "主题党日与业务攻坚结合", "党建考核结果运用", "党员积分管理", "支部结对共建", "谈心谈话常态化",
           "问题清单销号管理", "党建工作督查通报", "党务干部轮岗交流", "业务骨干入党培养", "党建品牌创建",
           "“三会一课”质量评估", "年终述职评议", "支部标准化建设", "党员志愿服务", "党建工作台账"]
PLACES = ["江北市", "南山区", "青溪县", "东湖市", "西岭县", "北川区", "临河市", "安平县", "云台区", "石门市"]
UNITS = ["发展改革委", "财政局", "交通运输局", "市场监管局", "税务局", "生态环境局", "卫生健康委", "教育局",
         "人社局", "住建局", "自然资源局", "审计局", "统计局", "水利局"]
PRACTICES = ["推行“党建+项目”双融双促", "以“双目标”管理压实责任", "建立党建业务一体化考核", "打造“红色窗口”服务品牌",
             "实行支部书记季度述职", "开展“四同步”工作法", "推行党员积分制管理", "创建“先锋指数”评价",
             "推进党建与业务数据共享", "实行问题清单销号管理"]
TERMS = ["两张皮", "一岗双责", "三会一课", "第一责任人", "双目标管理", "党建述职评议", "主题党日", "组织生活会",
         "民主评议党员", "支部标准化建设", "灯下黑", "融合发展", "党建品牌", "谈心谈话", "党员先锋岗", "责任清单",
         "问题清单", "任务清单", "双向培养", "四同步", "党建联络员", "同谋划同部署", "以党建促业务", "模范机关"]
TERM_PREFIX = ["先锋", "红色", "融合", "双促", "连心", "筑堡", "领航", "聚力", "同心", "攻坚", "示范", "清风"]
TERM_SUFFIX = ["工作法", "机制", "模式", "行动", "工程", "指数", "工作室", "服务队"]
TIMINGS = ["每年年初", "每季度", "每月", "每半年", "年终", "年中", "常态化", ""]
EVIDENCE = ["会议纪要", "责任清单", "述职报告", "考核结果通报", "活动记录", "工作台账", "整改台账", ""]
GROUPS = ["年初谋划", "日常推进", "检查考核", "年终述职"]
SECTION_HEADINGS = [("一、基本情况", "other"), ("二、存在的问题", "problem"), ("三、原因分析", "cause"),
                    ("四、对策建议", "countermeasure")]
QUERY_WORDS = ["两张皮", "一岗双责", "三会一课", "党建考核", "流于形式", "第一责任人", "述职评议", "党员先锋岗",
               "责任清单", "主题党日", "党建考核流于形式怎么办", "考评", "谈心谈话", "双目标"]


@dataclass
class Counts:
    n: int
    by_type: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_type.values())


@dataclass
class Generated:
    content_dir: Path
    counts: Counts
    edit_target: Path          # a problem file the rebuild test edits
    edit_page: str             # its page URI (problems/<id>.html)
    queries: list[str]         # realistic queries: glossary words, titles, natural questions


@dataclass
class _Src:
    id: str
    sentences: list[tuple[str, str]]  # (sentence, locator)


def plan_counts(n: int) -> dict[str, int]:
    """How many entries of each type make up ``n`` entries (levels and checklists fixed)."""
    n = max(n, 24)
    fixed = len(LEVELS) * 2
    sources = max(3, n // 50)
    rest = n - fixed - sources
    counts = {"level": len(LEVELS), "checklist": len(LEVELS), "source": sources,
              "problem": max(2, rest * 16 // 100), "cause": max(2, rest * 16 // 100),
              "countermeasure": max(2, rest * 36 // 100), "term": max(1, rest * 6 // 100)}
    counts["case"] = n - sum(counts.values())
    return counts


class _Writer:
    def __init__(self, root: Path):
        self.root = root

    def write(self, rel_dir: str, data: dict) -> Path:
        path = self.root / rel_dir / f"{data['id']}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_yaml(data), encoding="utf-8")
        return path


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str_representer)


def dump_yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10000)


def _unique_titles(rng: random.Random, parts: list[list[str]], count: int, fmt) -> list[str]:
    """``count`` distinct titles from the product of ``parts`` (numbered when the product runs out)."""
    seen: set[str] = set()
    out: list[str] = []
    tries = 0
    while len(out) < count:
        title = fmt(*[rng.choice(p) for p in parts])
        tries += 1
        if title in seen and tries < count * 20:
            continue
        if title in seen:
            title = f"{title}（{len(out) + 1}）"
        seen.add(title)
        out.append(title)
    return out


def _skewed(rng: random.Random, items: list[str], k: int) -> list[str]:
    """``k`` distinct items, earlier ones more likely (a few hubs, a long tail)."""
    k = min(k, len(items))
    chosen: list[str] = []
    while len(chosen) < k:
        i = int(len(items) * rng.random() ** 1.6)
        if items[i] not in chosen:
            chosen.append(items[i])
    return chosen


def generate(out_dir: Path, n: int, seed: int = 0, corpus: Corpus | None = None) -> Generated:
    """Write a content tree of (about) ``n`` entries to ``out_dir`` (replaced if it exists)."""
    rng = random.Random(seed)
    corpus = corpus or load_corpus()
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    w = _Writer(out_dir)
    counts = plan_counts(n)

    def sentence(kind: str) -> str:
        return rng.choice(corpus.pool(kind))

    clauses = {k: [c for sent in corpus.pool(k) for c in re.split(r"[，。；、：！？]", sent) if 5 <= len(c) <= 18]
               for k in ("problem", "cause", "countermeasure")}

    def sayings(kind: str) -> list[str]:
        """Up to five 常见说法 (phrasings), as the seed entries have: short clauses of the seed reports
        (this draws from ``rng`` too, so the same seed gives other entries than before 2026-12-07)."""
        pool = clauses[kind] or [sentence(kind)[:18]]
        return list(dict.fromkeys(rng.choice(pool) for _ in range(5)))

    def body(kind: str) -> str:
        paras = []
        for _ in range(rng.randint(1, 3)):
            paras.append("".join(sentence(kind) for _ in range(rng.randint(1, 3))))
        return "\n\n".join(paras) + "\n"

    # categories and levels ---------------------------------------------------
    cats = [{"id": cid, "title": t, "summary": s, "order": i + 1} for i, (cid, t, s) in enumerate(CATEGORIES)]
    (out_dir / "policies").mkdir(parents=True, exist_ok=True)
    (out_dir / "policies/categories.yml").write_text(dump_yaml(cats), encoding="utf-8")

    # sources: reports recombined from seed sentences, one heading per part --------
    sources: list[_Src] = []
    for i in range(counts["source"]):
        sid = f"wenxian-{i + 1:04d}"
        place, unit = rng.choice(PLACES), rng.choice(UNITS)
        title = f"{place}{unit}关于机关党建与业务融合情况的调研报告（{2015 + i % 10}年）"
        lines, sents = [title], []
        for heading, kind in SECTION_HEADINGS:
            lines.append(heading)
            for p in range(rng.randint(2, 4)):
                para = [sentence(kind) for _ in range(rng.randint(2, 4))]
                para = list(dict.fromkeys(para))
                lines.append("".join(para))
                sents += [(s, f"{heading.split('、')[0]}、第{p + 1}段") for s in para]
        sources.append(_Src(sid, sents))
        w.write("policies/sources", {
            "id": sid, "title": title, "publisher": f"{place}直属机关工委", "date": f"{2015 + i % 10}-0{1 + i % 9}-15",
            "origin": "合成数据（性能基准）", "defects": ["合成文本：由种子报告的句子重新组合而成。"],
            "text": "\n".join(lines) + "\n"})

    def citations(k: int = 1) -> list[dict]:
        out = []
        for _ in range(k):
            src = rng.choice(sources)
            passage, locator = rng.choice(src.sentences)
            out.append({"source": src.id, "passage": passage, "locator": locator})
        return out

    level_ids = [lv[0] for lv in LEVELS]
    for order, (lid, title, short, role, parent) in enumerate(LEVELS, 1):
        data = {"id": lid, "title": title, "short": short}
        if role:
            data["role"] = role
        data.update({"order": order, "summary": f"{title}承担机关党建{role or '具体'}责任。"})
        if parent:
            data["parent"] = parent
        data["citations"] = citations()
        w.write("policies/levels", data)

    # problems, causes, countermeasures, cases, terms ----------------------------
    problem_titles = _unique_titles(rng, [SCOPES, DOMAINS, SYMPTOMS], counts["problem"], lambda a, b, c: f"{a}{b}{c}")
    problem_ids = [f"wenti-{i + 1:05d}" for i in range(counts["problem"])]
    edit_target = None
    for i, (pid, title) in enumerate(zip(problem_ids, problem_titles)):
        data = {"id": pid, "title": title, "summary": sentence("problem"), "tags": [title[-4:]],
                "phrasings": sayings("problem")}
        if rng.random() < 0.6:
            data["body"] = body("problem")
        data["citations"] = citations(rng.randint(1, 2))
        path = w.write("policies/problems", data)
        if edit_target is None:
            edit_target = path

    cause_titles = _unique_titles(rng, [SCOPES, DOMAINS, CAUSES], counts["cause"], lambda a, b, c: f"{a}{b}{c}")
    cause_ids = [f"yuanyin-{i + 1:05d}" for i in range(counts["cause"])]
    for i, (cid, title) in enumerate(zip(cause_ids, cause_titles)):
        probs = [problem_ids[i % len(problem_ids)]] + _skewed(rng, problem_ids, rng.randint(0, 2))
        data = {"id": cid, "title": title, "summary": sentence("cause"), "problems": list(dict.fromkeys(probs)),
                "phrasings": sayings("cause")}
        if rng.random() < 0.5:
            data["body"] = body("cause")
        data["citations"] = citations()
        w.write("policies/causes", data)

    cm_titles = _unique_titles(rng, [SCOPES, VERBS, OBJECTS], counts["countermeasure"], lambda a, b, c: f"{a}{b}{c}")
    cm_ids = [f"duice-{i + 1:05d}" for i in range(counts["countermeasure"])]
    for i, (mid, title) in enumerate(zip(cm_ids, cm_titles)):
        probs = [problem_ids[i % len(problem_ids)]] + _skewed(rng, problem_ids, rng.randint(0, 1))
        measures = []
        for _ in range(rng.randint(1, 4)):
            m = {"text": sentence("countermeasure"), "levels": rng.sample(level_ids, rng.randint(1, 2))}
            timing, evidence = rng.choice(TIMINGS), rng.choice(EVIDENCE)
            if timing:
                m["timing"] = timing
            if evidence:
                m["evidence"] = evidence
            measures.append(m)
        data = {"id": mid, "title": title, "summary": sentence("countermeasure"),
                "category": CATEGORIES[i % len(CATEGORIES)][0], "problems": list(dict.fromkeys(probs)),
                "causes": _skewed(rng, cause_ids, rng.randint(1, 2)), "measures": measures,
                "phrasings": sayings("countermeasure")}
        if rng.random() < 0.5:
            data["body"] = body("countermeasure")
        data["citations"] = citations(rng.randint(1, 2))
        w.write("policies/countermeasures", data)

    case_titles = _unique_titles(rng, [PLACES, UNITS, PRACTICES], counts["case"], lambda a, b, c: f"{a}{b}{c}")
    for i, title in enumerate(case_titles):
        data = {"id": f"anli-{i + 1:05d}", "title": title, "summary": sentence("countermeasure"),
                "unit": title[:3] + "某机关", "date": str(2012 + i % 12),
                "countermeasures": _skewed(rng, cm_ids, rng.randint(1, 3)),
                "problems": _skewed(rng, problem_ids, rng.randint(0, 2)),
                "levels": rng.sample(level_ids, rng.randint(0, 2)),
                "figures": [{"label": "参加单位", "value": f"{rng.randint(5, 60)}个"}],
                "body": body("countermeasure"), "citations": citations()}
        w.write("cases", {k: v for k, v in data.items() if v != []})

    term_titles = TERMS[: counts["term"]]
    term_titles += _unique_titles(rng, [TERM_PREFIX, TERM_SUFFIX], max(0, counts["term"] - len(term_titles)),
                                  lambda a, b: f"“{a}”{b}")
    for i, title in enumerate(term_titles):
        data = {"id": f"shuyu-{i + 1:04d}", "title": title, "summary": f"{title}：{sentence('other')}",
                "see_also": _skewed(rng, cm_ids, 1)}
        if i % 3 == 0:
            data["aliases"] = [title.strip("“”") + "制度"]
        w.write("policies/glossary", data)

    # one checklist per level, items based on countermeasures ----------------------
    for lid in level_ids:
        groups = []
        for g in GROUPS:
            items = [{"id": f"qd-{lid}-{g_i}-{k}", "text": sentence("countermeasure"),
                      "countermeasures": _skewed(rng, cm_ids, 1), "timing": rng.choice(TIMINGS) or "每年",
                      "evidence": rng.choice(EVIDENCE) or "工作记录"}
                     for g_i in [GROUPS.index(g) + 1] for k in range(1, rng.randint(2, 4) + 1)]
            groups.append({"title": g, "items": items})
        title = dict((lv[0], lv[1]) for lv in LEVELS)[lid]
        w.write("checklists", {"id": f"qingdan-{lid}", "title": f"{title}责任清单",
                               "summary": f"{title}每年必须做的事。", "level": lid, "groups": groups})

    # the guide's own list of spoken synonyms, as a real guide has one (before 2026-12-07 the generated
    # content had none, and the benchmark never met the synonym phrases a query makes)
    if SYNONYMS.is_file():
        (out_dir / SYNONYMS_FILE).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SYNONYMS, out_dir / SYNONYMS_FILE)

    queries = list(QUERY_WORDS) + problem_titles[:6] + cm_titles[:6] + case_titles[:4]
    queries += [t[2:6] for t in problem_titles[6:10]]  # partial words
    return Generated(out_dir, Counts(n, counts), edit_target, f"problems/{problem_ids[0]}.html", queries)
