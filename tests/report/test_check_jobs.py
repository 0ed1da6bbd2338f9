"""`gongkai report check --jobs N`: files read in worker processes within CPU and memory limits, in order.

Issue 13: every file read in a worker with a CPU-time and memory limit; a file past one is a finding
that names the limit, and the batch goes on. Issue 14: the output of N workers is the output of one,
with last year's report found in the batch.
"""

from __future__ import annotations

import copy
import os
import threading
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.report import workers
from gongkai.report.checking import check_files
from gongkai.report.read import ReadResult, read_path
from gongkai.report.render import render
from gongkai.report.workers import MiB, WorkerLimits

SEED = Path(__file__).parents[1] / "fixtures" / "reports" / "dazhai-2023.txt"


def _batch(folder: Path) -> list[Path]:
    """The seed as text, HTML and DOCX, the same agency's next year (paired with the seed), and a broken file."""
    seed = read_path(SEED).report
    assert seed is not None
    files = []
    for kind in ("text", "html", "docx"):
        data = render(seed, kind)
        path = folder / f"a-seed.{kind}"
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        files.append(path)
    next_year = copy.deepcopy(seed)  # the same text a year later: XY.repeated_text, found only beside the seed
    next_year.year += 1
    path = folder / "b-next-year.txt"
    path.write_text(str(render(next_year, "text")), encoding="utf-8")
    files.append(path)
    broken = folder / "c-broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n not really")
    files.append(broken)
    return files


def test_output_with_two_workers_is_the_output_with_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _batch(tmp_path)
    for output in ("text", "json", "csv"):
        codes, outs = [], []
        for jobs in ("1", "2"):
            codes.append(main(["report", "check", "--format", output, "--jobs", jobs, str(tmp_path)]))
            outs.append(capsys.readouterr().out)
        assert codes[0] == codes[1] == 3  # the broken file: 未能完整读取
        assert outs[0] == outs[1]
    assert "XY." in outs[0]  # the next year was checked against the seed found in the batch


def test_results_come_in_the_order_of_the_files(tmp_path: Path) -> None:
    files = _batch(tmp_path)
    many = files * 7  # more files than workers, each read again
    checked = list(check_files(many, jobs=2))
    assert [c.read.source for c in checked] == [str(p) for p in many]
    assert sum(1 for c in checked if any(f.rule.startswith("XY.") for f in c.findings)) == 7


def _hostile_reader(path: Path) -> ReadResult:
    """A reader that, for some files, does what a hostile file can make a reader do."""
    if path.name.startswith("cpu-"):
        while True:  # never ends: the CPU-time limit ends it
            pass
    if path.name.startswith("memory-"):
        hoard = bytearray(64 * 1024 * MiB)  # 64 GiB at once, far past the limit, and no CPU time spent filling it
        return ReadResult(str(path), None, [], None, str(len(hoard)))
    if path.name.startswith("crash-"):
        os.abort()
    return read_path(path)


def _address_space() -> int:
    """This process's virtual memory size (a forked worker starts with the same)."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmSize:"))
    return int(line.split()[1]) * 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_file_past_a_limit_is_a_finding_and_the_batch_goes_on(tmp_path: Path) -> None:
    files = _batch(tmp_path)
    for name in ("cpu-loop.txt", "memory-hoard.txt", "crash-abort.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    cpu, memory, crash = (tmp_path / name for name in ("cpu-loop.txt", "memory-hoard.txt", "crash-abort.txt"))
    hostile = [cpu, files[0], memory, files[3], crash]
    limits = WorkerLimits(cpu_seconds=1, memory_bytes=_address_space() + 512 * MiB)
    checked = list(check_files(hostile, jobs=2, limits=limits, read=_hostile_reader))
    assert [c.read.source for c in checked] == [str(p) for p in hostile]
    looped, good, hoarded, next_year, crashed = checked
    assert [f.rule for f in looped.findings] == ["READ.limit"]
    assert looped.findings[0].message == "超出处理限制：处理此文件的CPU时间超过上限1秒，已停止"
    assert [f.rule for f in hoarded.findings] == ["READ.limit"]
    assert "内存超过上限" in hoarded.findings[0].message
    assert [f.rule for f in crashed.findings] == ["READ.limit"] and "SIGABRT" in crashed.findings[0].message
    assert good.read.report is not None and good.status.value == "passed"
    assert any(f.rule.startswith("XY.") for f in next_year.findings)  # paired with the good file, read by a new worker


def test_worker_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_WORKER_CPU_SECONDS", "5")
    monkeypatch.setenv("GONGKAI_WORKER_MEMORY_MB", "300")
    assert WorkerLimits.from_environment() == WorkerLimits(cpu_seconds=5, memory_bytes=300 * MiB)
    monkeypatch.delenv("GONGKAI_WORKER_CPU_SECONDS")
    monkeypatch.delenv("GONGKAI_WORKER_MEMORY_MB")
    assert WorkerLimits.from_environment() == WorkerLimits(cpu_seconds=60, memory_bytes=2048 * MiB)


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "check", "--jobs", "0", str(SEED)])
    assert "应为正整数" in capsys.readouterr().err


def test_a_process_with_threads_starts_its_workers_from_a_fork_server(tmp_path: Path) -> None:
    """A web process has threads and must not fork: the workers come from a fork server, with the same results."""
    files = _batch(tmp_path)
    expected = [c.findings for c in check_files(files, jobs=2)]
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait, daemon=True)
    waiting.start()
    try:
        assert [c.findings for c in check_files(files, jobs=2)] == expected
    finally:
        stop.set()


def _pid_and_item(item: int) -> tuple[int, int]:
    return os.getpid(), item


def test_a_worker_is_replaced_after_its_share_of_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a reader library keeps from file to file (python-docx does) never adds up to the memory limit."""
    monkeypatch.setattr(workers, "ITEMS_PER_WORKER", 2)
    results = list(workers.run(_pid_and_item, range(6), jobs=1, limits=WorkerLimits(), on_failure=lambda i, r: (0, i)))
    assert [item for _, item in results] == list(range(6))
    assert len({pid for pid, _ in results}) == 3 and os.getpid() not in {pid for pid, _ in results}
