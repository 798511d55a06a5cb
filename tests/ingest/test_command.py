"""The command as a user runs it: exit codes, files written, Chinese messages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ronghe.ingest.command import main

from .conftest import FIXTURES, ROOT, SEED_NAMES, seed_path

SCRIPT = ROOT / "scripts" / "ingest.py"


def run(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    """Run scripts/ingest.py in a real process, as a user does."""
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def run_here(capsys, *args) -> subprocess.CompletedProcess:
    """The same command in this process (faster): exit code and captured output."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


@pytest.fixture(scope="module")
def all_seeds(tmp_path_factory):
    """All five seeds ingested in one run, with an empty content directory."""
    base = tmp_path_factory.mktemp("ingest")
    content = base / "content"
    content.mkdir()
    out = base / "out"
    paths = [seed_path(k) for k in sorted(SEED_NAMES)]
    proc = run(*paths, "--out", out, "--content", content)
    return proc, out, paths


def block(stdout: str, seed: str) -> str:
    """The summary block printed for one seed file."""
    m = re.search(rf"【{re.escape(seed)}】.*?(?=\n【|\n完成：)", stdout, re.S)
    assert m, stdout
    return m.group(0)


def test_all_seeds_succeed_and_write_outputs(all_seeds):
    proc, out, paths = all_seeds
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    for p in paths:
        d = out / p.stem
        assert (d / "clean.txt").is_file() and (d / "report.json").is_file()
    assert "完成：5 个文件" in proc.stdout and "重复报告 1 个" in proc.stdout
    # how to publish a draft: move it into content/, drop the 【待编辑】 mark and draft: true
    assert "移入 content/" in proc.stdout and "【待编辑】" in proc.stdout and "draft: true 一行" in proc.stdout
    # no temporary directories are left beside OUT
    assert sorted(x.name for x in out.parent.iterdir()) == ["content", "out"]


def test_000_reported_as_duplicate_of_001(all_seeds):
    proc, out, _ = all_seeds
    text = block(proc.stdout, SEED_NAMES["000"])
    m = re.search(r"与 本次导入的 001_6760920c93c036ae\.txt 重复（相似度 (\d\.\d\d)", text)
    assert m and float(m.group(1)) >= 0.95
    assert "未生成草稿" in text
    d = out / "000_3817e5c820128ae0"
    assert not (d / "drafts").exists()
    report = json.loads((d / "report.json").read_text(encoding="utf-8"))
    assert report["duplicate_of"]["key"] == "001_6760920c93c036ae"
    # 001 is the original: it got its drafts
    assert (out / "001_6760920c93c036ae" / "drafts" / "policies" / "problems").is_dir()


@pytest.mark.parametrize("key", ["001", "002", "003", "004"])
def test_sentence_accounting_printed_and_exact(all_seeds, key):
    proc, out, _ = all_seeds
    name = SEED_NAMES[key]
    m = re.search(r"句子：共 (\d+) 句 = 草稿中 (\d+) 句 \+ 未归类 (\d+) 句", block(proc.stdout, name))
    assert m
    total, in_drafts, unclassified = map(int, m.groups())
    assert total == in_drafts + unclassified
    d = out / Path(name).stem
    report = json.loads((d / "report.json").read_text(encoding="utf-8"))
    assert report["counts"] == {"sentences": total, "in_drafts": in_drafts, "unclassified": unclassified,
                                "not_assigned_duplicate": 0}
    assert sum(e["sentences"] for e in report["entries"]) == in_drafts
    lines = (d / "unclassified.txt").read_text(encoding="utf-8").splitlines()
    assert len([x for x in lines if not x.startswith("#")]) == unclassified
    # every draft file exists and is a draft citing the draft source by its verbatim text
    source_files = list((d / "drafts" / "policies" / "sources").glob("*.yml"))
    assert len(source_files) == 1
    source = yaml.safe_load(source_files[0].read_text(encoding="utf-8"))
    assert source["text"] == (d / "clean.txt").read_text(encoding="utf-8")
    squashed = re.sub(r"\s+", "", source["text"])
    for e in report["entries"]:
        data = yaml.safe_load((d / e["file"]).read_text(encoding="utf-8"))
        assert data["draft"] is True and data["id"] == e["id"]
        assert re.sub(r"\s+", "", data["citations"][0]["passage"]) in squashed


def test_004_unrecoverable_positions_printed(all_seeds):
    proc, out, paths = all_seeds
    text = block(proc.stdout, SEED_NAMES["004"])
    assert "无法恢复的字符：3 处" in text
    # where "效果??傮w來看" is in the original file, and where its mark is in clean.txt
    raw_lines = seed_path("004").read_text(encoding="utf-8").split("\n")
    src = next((i + 1, line.index("??傮w") + 1) for i, line in enumerate(raw_lines) if "??傮w" in line)
    clean_lines = (out / "004_b422d966fccb442b" / "clean.txt").read_text(encoding="utf-8").split("\n")
    dst = next((i + 1, line.index("效果□") + 3) for i, line in enumerate(clean_lines) if "效果□" in line)
    assert f"清洗后第 {dst[0]} 行第 {dst[1]} 列（原文第 {src[0]} 行第 {src[1]} 列）：“??傮w”" in text
    assert "<U+E0F1>" in text  # an invisible private-use character is shown, not hidden


def test_clean_seeds_report_no_unrecoverable(all_seeds):
    proc, _, _ = all_seeds
    for key in ("001", "002", "003"):
        assert "无法恢复的字符：无" in block(proc.stdout, SEED_NAMES[key])


def test_duplicate_of_an_earlier_run_and_of_content(tmp_path, capsys):
    out = tmp_path / "out"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_here(capsys, seed_path("001"), "--out", out, "--content", empty).returncode == 0
    proc = run_here(capsys, seed_path("000"), "--out", out, "--content", empty)
    assert proc.returncode == 0
    assert "与 已导入的 001_6760920c93c036ae.txt" in proc.stdout and "未生成草稿" in proc.stdout
    assert (out / "001_6760920c93c036ae" / "drafts").is_dir()  # the earlier run is kept
    assert not (out / "000_3817e5c820128ae0" / "drafts").exists()

    # a source entry in the content directory counts as ingested too
    content = tmp_path / "content"
    (content / "policies" / "sources").mkdir(parents=True)
    text = (out / "001_6760920c93c036ae" / "clean.txt").read_text(encoding="utf-8")
    (content / "policies" / "sources" / "jiguan-diaoyan.yml").write_text(
        yaml.safe_dump({"id": "jiguan-diaoyan", "title": "调研报告", "text": text}, allow_unicode=True),
        encoding="utf-8")
    proc = run_here(capsys, seed_path("000"), "--out", tmp_path / "out2", "--content", content)
    assert proc.returncode == 0 and "与 来源 jiguan-diaoyan" in proc.stdout

    proc = run_here(capsys, seed_path("000"), "--out", tmp_path / "out3", "--content", content, "--allow-duplicate")
    assert proc.returncode == 0
    assert (tmp_path / "out3" / "000_3817e5c820128ae0" / "drafts" / "policies" / "problems").is_dir()


def test_own_reports_in_another_layout(tmp_path):
    out = tmp_path / "out"
    proc = run(FIXTURES / "numbered_report.txt", FIXTURES / "masked_plain_layout.txt", "--out", out,
               "--no-content-check")
    assert proc.returncode == 0, proc.stderr
    text = block(proc.stdout, "numbered_report.txt")
    assert "章节：1.基本情况 → 背景/论述；2.存在的主要问题 → 问题表现；3.原因分析 → 原因；4.对策建议 → 对策措施" in text
    # 2. has three paragraphs and no subsection: one problem draft titled by its heading
    assert "草稿：问题表现 1 条，原因 3 条，对策 3 条，典型案例 0 条，来源 1 条" in text
    problem = yaml.safe_load((out / "numbered_report" / "drafts" / "policies" / "problems" /
                              "cunzai-zhuyao-wenti.yml").read_text(encoding="utf-8"))
    assert problem["title"] == "存在的主要问题"
    cm = yaml.safe_load((out / "numbered_report" / "drafts" / "policies" / "countermeasures" /
                         "jianli-dangjian-yewu.yml").read_text(encoding="utf-8"))
    assert cm["title"] == "建立党建业务同谋划机制"
    assert cm["measures"][0]["timing"] == "每年年初"
    assert set(cm["measures"][0]["levels"]) == {"dangzu", "banzi-chengyuan"}
    masked = (out / "masked_plain_layout" / "clean.txt").read_text(encoding="utf-8")
    assert "D" not in masked.replace("3D打印", "") and "习近平总书记" in masked


def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "scan.pdf",
        "unknown": tmp_path / "unknown_encoding.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"%PDF-1.4\n\x00\x01\x02\x03" + bytes(range(256)) * 4)
    # bytes that no encoding of Chinese text reads (0x80 leads nothing in UTF-8, GB18030 or Big5)
    files["unknown"].write_bytes("关于机关党建的调研报告\n".encode() + b"\x80\x80\x80\x80 abc\n" * 3)
    return files


@pytest.mark.parametrize("kind, message", [
    ("empty", "文件为空"),
    ("binary", "这是二进制文件"),
    ("unknown", "第 2 行第 1 列（字节位置 34）起的内容既不是 UTF-8，也不是 GB18030/GBK 或 Big5 编码的中文，无法识别"),
])
def test_unreadable_input_fails_cleanly(tmp_path, capsys, kind, message):
    files = bad_inputs(tmp_path)
    out = tmp_path / "out"
    # the encoding case runs as a real process: no traceback may reach the terminal
    proc = run(files[kind], "--out", out, "--no-content-check") if kind == "unknown" else \
        run_here(capsys, files[kind], "--out", out, "--no-content-check")
    assert proc.returncode == 1
    assert f"错误：{files[kind]}：{message}" in proc.stderr
    assert "Traceback" not in proc.stderr and "没有写入任何输出" in proc.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_one_bad_file_means_no_output_at_all(tmp_path, capsys):
    files = bad_inputs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("earlier output", encoding="utf-8")
    proc = run_here(capsys, seed_path("001"), files["unknown"], files["empty"], "--out", out, "--no-content-check")
    assert proc.returncode == 1
    assert proc.stderr.count("错误：") == 2 and "导入中止：2 个文件有问题" in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    assert (out / "keep.txt").read_text(encoding="utf-8") == "earlier output"


def test_usage_error_in_chinese(tmp_path, capsys):
    proc = run_here(capsys, seed_path("001"))
    assert proc.returncode == 2 and "错误：命令参数有误" in proc.stderr and "--out" in proc.stderr


def test_project_cli_runs_ingest(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "ronghe", "ingest", str(FIXTURES / "numbered_report.txt"),
                           "--out", str(tmp_path / "o"), "--no-content-check", "-q"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "o" / "numbered_report" / "clean.txt").is_file()
