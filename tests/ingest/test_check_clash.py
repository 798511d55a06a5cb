"""``check`` explains an id clash between two imports that already happened: a source copied
into content/ from a second import overwrote the first one's source of the same id."""

from __future__ import annotations

import subprocess
import sys

import yaml
from mini_content import check, content, write  # noqa: F401 (content: a fixture)

from .conftest import ROOT

SOURCE_B = {"id": "baogao-source", "title": "乙局调研报告", "draft": True, "seed_file": "报告乙.txt",
            "ingest": {"seed": "报告乙.txt", "section": "全文"},
            "text": "乙局调研报告\n一、存在的问题\n一些干部重业务轻党建。\n"}
PROBLEM_A = {"id": "sixiang-renshi-bu-daowei", "title": "思想认识不到位", "summary": "【待编辑】有的党员认为党建是软任务。",
             "draft": True, "ingest": {"seed": "报告甲.txt", "section": "一、（一）", "lines": "4", "clean_lines": "4"},
             "citations": [{"source": "baogao-source", "passage": "（一）思想认识不到位。有的党员认为党建是软任务。"}]}


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_overwritten_source_is_explained(content):
    write(content, "policies/sources/baogao-source.yml", dump(SOURCE_B))
    write(content, "policies/problems/sixiang-renshi-bu-daowei.yml", dump(PROBLEM_A))
    _, errors = check(content)
    [err] = [e for e in errors if e.field == "citations[0].passage"]
    assert "引文与来源“baogao-source”的清洗后全文不一致" in err.message
    assert "从“报告甲.txt”导入的草稿" in err.hint and "“报告乙.txt”的全文" in err.hint
    assert "覆盖" in err.hint and "重新复制来源文件" in err.hint


def test_a_changed_passage_keeps_the_usual_hint(content):
    write(content, "policies/sources/baogao-source.yml", dump(SOURCE_B))
    changed = dict(PROBLEM_A, ingest=dict(PROBLEM_A["ingest"], seed="报告乙.txt"))
    write(content, "policies/problems/sixiang-renshi-bu-daowei.yml", dump(changed))
    _, errors = check(content)
    [err] = [e for e in errors if e.field == "citations[0].passage"]
    assert "覆盖" not in err.hint and "逐字摘自来源全文" in err.hint


def test_check_command_prints_the_explanation(content):
    write(content, "policies/sources/baogao-source.yml", dump(SOURCE_B))
    write(content, "policies/problems/sixiang-renshi-bu-daowei.yml", dump(PROBLEM_A))
    proc = subprocess.run([sys.executable, "-m", "ronghe", "check", "--content", str(content)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    out = proc.stdout + proc.stderr
    assert "sixiang-renshi-bu-daowei.yml" in out and "后复制进 content/ 的文件覆盖了先复制的" in out
