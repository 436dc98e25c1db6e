"""Worker processes: results in order, a hung or dying parser costs one file, never the batch."""

from __future__ import annotations

import os
import time

from pipeline.pool import Limits, Pool


def work(task: str) -> str:
    if task == "hang":
        time.sleep(60)
    if task == "crash":
        os._exit(3)
    if task == "hog":
        blocks = []
        while True:
            blocks.append(bytearray(50 * 1024 * 1024))
    return task.upper()


def failed(task: str, reason: str) -> str:
    return f"failed {task}: {reason}"


def test_results_come_back_in_task_order() -> None:
    tasks = [f"t{i}" for i in range(20)]
    assert list(Pool(2, work, failed).map(tasks)) == [t.upper() for t in tasks]


def test_a_hung_file_is_stopped_and_the_rest_continue() -> None:
    started = time.monotonic()
    results = list(Pool(2, work, failed, Limits(seconds=1, memory_mb=0)).map(["a", "hang", "b", "c"]))
    assert results[0] == "A" and results[2:] == ["B", "C"]
    assert results[1].startswith("failed hang: parsing took longer than 1 s")
    assert time.monotonic() - started < 30


def test_a_crashing_parser_is_replaced() -> None:
    results = list(Pool(1, work, failed).map(["a", "crash", "b"]))
    assert results[0] == "A" and results[2] == "B"
    assert results[1].startswith("failed crash: the parser stopped unexpectedly (exit code 3)")


def test_a_parser_that_eats_memory_fails_alone() -> None:
    results = list(Pool(1, work, failed, Limits(seconds=60, memory_mb=1024)).map(["a", "hog", "b"]))
    assert results[0] == "A" and results[2] == "B"
    assert results[1].startswith("failed hog:")


def test_the_consumer_is_called_while_a_slow_file_holds_up_the_results() -> None:
    handed_over: list[str] = []
    seen_when_idle: list[list[str]] = []
    pool = Pool(1, work, failed, Limits(seconds=3, memory_mb=0))
    for result in pool.map(["a", "hang", "b"], idle=lambda: seen_when_idle.append(list(handed_over))):
        handed_over.append(result)
    assert handed_over[0] == "A" and handed_over[2] == "B"
    assert seen_when_idle and seen_when_idle[0] == ["A"]  # "a" was handed over before the wait began


def test_a_file_waiting_behind_a_hung_one_is_parsed_by_the_fresh_worker() -> None:
    results = list(Pool(1, work, failed, Limits(seconds=1, memory_mb=0)).map(["hang", "b", "c"]))
    assert results[0].startswith("failed hang:") and results[1:] == ["B", "C"]
