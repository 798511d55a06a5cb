"""The command as a user runs it: exit codes, files written, Chinese messages."""

from __future__ import annotations

import json
import re
import shutil
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
                              "cun-zai-zhu-yao-wen-ti.yml").read_text(encoding="utf-8"))
    assert problem["title"] == "【待编辑】存在的主要问题"   # a heading that only names its kind: to be renamed
    cm = yaml.safe_load((out / "numbered_report" / "drafts" / "policies" / "countermeasures" /
                         "jian-li-dang-jian-ye-wu-tong-mou.yml").read_text(encoding="utf-8"))
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


# --- nothing is ever overwritten; repetition; encodings -------------------------------

REPORT_A = ("关于甲局机关党建与业务融合的调研报告\n甲局机关党委课题组\n"
            "一、存在的问题\n（一）思想认识不到位。有的党员认为党建是软任务。\n"
            "（二）考核评价两条线。党建考核和业务考核互不衔接。\n"
            "二、对策建议\n（一）压实融合责任。党组每年年初研究融合工作。\n")
REPORT_B = ("关于乙局机关党建与业务融合的调研报告\n乙局机关党委课题组\n"
            "一、存在的问题\n（一）思想认识不到位。一些干部重业务轻党建。\n"
            "二、对策建议\n（一）压实融合责任。班子成员落实一岗双责。\n（二）统一考核评价。两套考核合并为一套。\n")


def all_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_chinese_named_reports_imported_twice_overwrite_nothing(tmp_path):
    """The editing guide's own example: 报告甲.txt and 报告乙.txt, into the same folder, twice."""
    a, b = tmp_path / "报告甲.txt", tmp_path / "报告乙.txt"
    a.write_text(REPORT_A, encoding="utf-8")
    b.write_text(REPORT_B, encoding="utf-8")
    out, content = tmp_path / "daoru", tmp_path / "content"
    content.mkdir()
    first = run(a, b, "--out", out, "--content", content)
    assert first.returncode == 0, first.stderr
    after_first = all_files(out)
    ids = {}
    for path, data in after_first.items():
        if path.endswith(".yml"):
            item = yaml.safe_load(data.decode("utf-8"))
            assert item["id"] not in ids, f"{path} and {ids.get(item['id'])} share the id {item['id']}"
            ids[item["id"]] = path
            assert Path(path).stem == item["id"]
    # readable ids, never a shared placeholder
    sources = sorted(Path(p).stem for p in after_first if "/sources/" in p)
    assert len(sources) == 2 and "report-source" not in sources
    assert sources == ["jia-ju-ji-guan-dang-jian-yu-ye", "yi-ju-ji-guan-dang-jian-yu-ye"]
    # both problems titled 思想认识不到位 get different ids
    problems = sorted(p for p in after_first if "/problems/" in p)
    assert len(problems) == 3 and len({Path(p).name for p in problems}) == 3

    second = run(a, b, "--out", out, "--content", content)
    assert second.returncode == 0, second.stderr
    after_second = all_files(out)
    for path, data in after_first.items():
        assert after_second[path] == data, f"{path} was changed by the second import"
    assert {p.split("/")[0] for p in after_second} == {"报告甲", "报告乙", "报告甲-2", "报告乙-2"}
    assert "（" in second.stdout and "已存在，没有覆盖" in second.stdout
    # the second run recognises the first and writes no second set of drafts
    assert "与 已导入的 报告甲.txt" in second.stdout and not (out / "报告甲-2" / "drafts").exists()


def test_ids_already_in_content_are_not_reused(tmp_path):
    a = tmp_path / "报告甲.txt"
    a.write_text(REPORT_A, encoding="utf-8")
    out = tmp_path / "out"
    first = run(a, "--out", out, "--no-content-check")
    assert first.returncode == 0, first.stderr
    drafts = out / "报告甲" / "drafts"
    content = tmp_path / "content"
    shutil.copytree(drafts, content)
    # a different report with the same headings, checked against that content
    b = tmp_path / "报告丙.txt"
    b.write_text(REPORT_A.replace("甲局", "丙局").replace("有的党员认为党建是软任务", "部分党员觉得党建可有可无"),
                 encoding="utf-8")
    second = run(b, "--out", out, "--content", content)
    assert second.returncode == 0, second.stderr
    taken = {p.stem for p in content.rglob("*.yml")}
    new = {p.stem for p in (out / "报告丙" / "drafts").rglob("*.yml")}
    assert new and not (new & taken)
    assert any(n.endswith("-2") for n in new)   # the same title: a numbered id


def test_a_file_repeated_thousands_of_times_gives_one_set_of_drafts(tmp_path):
    one = (FIXTURES / "numbered_report.txt").read_text(encoding="utf-8")
    looped = tmp_path / "looped.txt"
    looped.write_text(one * 1500, encoding="utf-8")
    proc = run(looped, "--out", tmp_path / "out", "--no-content-check")
    assert proc.returncode == 0, proc.stderr
    report = json.loads((tmp_path / "out" / "looped" / "report.json").read_text(encoding="utf-8"))
    assert len(report["entries"]) == 7
    assert len(report["repeated_blocks"]) == 1 and report["repeated_blocks"][0]["copies"] == 1499
    assert "重复内容：原文第 30–" in proc.stdout and "（1499 遍），已合并为一份" in proc.stdout


def test_of_duplicates_in_a_batch_the_cleanest_copy_is_kept(tmp_path):
    one = (FIXTURES / "numbered_report.txt").read_text(encoding="utf-8")
    dirty = tmp_path / "a_copy_from_a_site.txt"
    dirty.write_text("手机版\n您的位置：首页 > 范文 > 调研报告\n" + one * 3 + "本文由用户上传，如有侵权请联系删除！\n",
                     encoding="utf-8")
    clean = tmp_path / "b_clean.txt"
    clean.write_text(one, encoding="utf-8")
    proc = run(dirty, clean, "--out", tmp_path / "out", "--no-content-check")
    assert proc.returncode == 0, proc.stderr
    assert "与 本次导入的 b_clean.txt 重复" in block(proc.stdout, "a_copy_from_a_site.txt")
    assert (tmp_path / "out" / "b_clean" / "drafts").is_dir()
    assert not (tmp_path / "out" / "a_copy_from_a_site" / "drafts").exists()


def test_gbk_file_is_imported_and_its_encoding_named(tmp_path):
    gbk = tmp_path / "医院材料.txt"
    gbk.write_bytes(REPORT_A.encode("gbk"))
    proc = run(gbk, "--out", tmp_path / "out", "--no-content-check")
    assert proc.returncode == 0, proc.stderr
    assert "编码：GB18030（兼容 GBK/GB2312）" in proc.stdout
    report = json.loads((tmp_path / "out" / "医院材料" / "report.json").read_text(encoding="utf-8"))
    assert report["encoding"] == "gb18030" and report["title"] == "关于甲局机关党建与业务融合的调研报告"
    assert report["author"] == "甲局机关党委课题组"


def test_each_draft_says_where_its_passage_is_in_the_input_and_the_clean_text(tmp_path):
    src = tmp_path / "税务局.txt"
    text = "手机版\n" + REPORT_A.replace("（二）", "\n\n（二）")
    src.write_text(text, encoding="utf-8")
    proc = run(src, "--out", tmp_path / "out", "--no-content-check")
    assert proc.returncode == 0, proc.stderr
    d = tmp_path / "out" / "税务局"
    raw_lines = text.split("\n")
    clean_lines = (d / "clean.txt").read_text(encoding="utf-8").split("\n")
    checked = 0
    for path in (d / "drafts").rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "citations" not in data:
            continue
        passage = data["citations"][0]["passage"]
        first, _, last = data["ingest"]["lines"].partition("-")
        raw = "".join(raw_lines[int(first) - 1:int(last or first)])
        cfirst, _, clast = data["ingest"]["clean_lines"].partition("-")
        assert "".join(clean_lines[int(cfirst) - 1:int(clast or cfirst)]) == passage.replace("\n", "")
        assert passage.replace("\n", "")[:12] in raw
        checked += 1
    assert checked == 3
