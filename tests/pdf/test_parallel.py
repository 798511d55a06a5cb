"""Independent PDF jobs on both cores (ronghe/build/parallel.py: run_jobs, pdf_workers)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ronghe.build import parallel


def _write(path: Path, text: str) -> None:
    path.write_text(f"{text} {os.getpid()}", encoding="utf-8")


def test_jobs_run_in_forked_processes_at_most_workers_at_a_time(tmp_path):
    jobs = [(lambda i=i: _write(tmp_path / f"{i}.txt", str(i))) for i in range(5)]
    parallel.run_jobs(jobs, workers=2)
    written = [(tmp_path / f"{i}.txt").read_text().split() for i in range(5)]
    assert [w[0] for w in written] == ["0", "1", "2", "3", "4"]
    assert all(int(pid) != os.getpid() for _, pid in written)       # not in this process


def test_a_failing_job_fails_the_run(tmp_path):
    def boom():
        raise ValueError("boom")

    with pytest.raises(RuntimeError, match="生成 PDF 失败"):
        parallel.run_jobs([lambda: _write(tmp_path / "a.txt", "a"), boom], workers=2)


def test_one_worker_runs_jobs_in_this_process_and_reports_progress(tmp_path):
    seen = []
    parallel.run_jobs([lambda: _write(tmp_path / "x.txt", "x"), lambda: _write(tmp_path / "y.txt", "y")],
                      progress=lambda done, total: seen.append((done, total)))
    assert (tmp_path / "x.txt").read_text().split()[1] == str(os.getpid())
    assert seen == [(1, 2), (2, 2)]
    assert parallel.cores() in (1, 2)


def test_forked_jobs_report_progress_as_they_finish(tmp_path):
    seen = []
    parallel.run_jobs([(lambda i=i: _write(tmp_path / f"{i}.txt", str(i))) for i in range(3)], workers=2,
                      progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_shared_claims_give_each_job_to_one_process_and_meet_in_the_middle(tmp_path):
    """The parent takes jobs from the first, a forked child from the last, both at once:
    every job is done exactly once (ForkedPages and ForkedTemplates share pages this way)."""
    import time

    total = 300
    claims = parallel.SharedClaims(total)
    log = tmp_path / "child.txt"

    def child() -> None:
        with open(log, "w", encoding="utf-8") as fh:
            for number in range(total - 1, -1, -1):
                if not claims.child_claims(number):
                    return
                fh.write(f"{number}\n")
                time.sleep(0.001)

    pid = parallel.fork(child, task=None)
    mine = []
    for number in range(total):
        if claims.parent_claims(number):
            mine.append(number)
            time.sleep(0.001)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    theirs = [int(line) for line in log.read_text(encoding="utf-8").split()]
    assert sorted(mine + theirs) == list(range(total)), "each job once"
    assert mine == list(range(len(mine))) and theirs == list(range(total - 1, len(mine) - 1, -1))
