"""Worker processes that parse one file at a time under a time and memory limit.

A worker that overruns its time is killed; one that dies (out of memory, a crash in a C library)
is noticed by its closed pipe. Either way the file gets a `failed` outcome with the reason and a
fresh worker takes its place, so one file can never hang or exhaust the batch. Results come back
in input order, so the database is written in the same order on every run.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Task = TypeVar("Task")
Result = TypeVar("Result")


#: default per-file limits: seconds of wall time, megabytes of address space per worker
#: a 400-page PDF takes about two minutes in pdfplumber; ten minutes still stops a hang
TIMEOUT_SECONDS = 600.0
MEMORY_MB = 2048
#: how long `Pool.map` waits for a result before it calls its `idle` callback
IDLE_SECONDS = 1.0
#: tasks a worker holds at once: the one it parses and the next
IN_FLIGHT = 2


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits: seconds of wall time and megabytes of address space per worker (0: none)."""

    seconds: float = TIMEOUT_SECONDS
    memory_mb: int = MEMORY_MB  # on top of what a worker maps when it starts


def _address_space() -> int:
    """Return this process's virtual memory size in bytes (Linux), or 0 when unknown."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the process that started it dies (even by SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the worker still stops when its pipe closes


def _serve(connection: Connection, work: Callable, memory_mb: int) -> None:
    _die_with_parent()
    if memory_mb:
        # the limit is on top of what the worker already maps (interpreter, spaCy, the patterns)
        limit = _address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return
        if task is None:
            return
        try:
            reply = ("ok", work(task))
        except MemoryError:
            reply = ("error", "needs more memory than the limit allows; raise --max-memory to try again")
        except BaseException as err:  # report, then carry on with the next file
            reply = ("error", f"the parser failed ({type(err).__name__}: {err})")
        connection.send(reply)


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    connection: Connection
    queue: deque[int] = field(default_factory=deque)  # indexes of the tasks sent, in order; the first one runs
    started: float = 0.0  # when the first task of the queue started


class Pool(Generic[Task, Result]):
    """Run `work(task)` in `size` forked worker processes; `failed(task, reason)` stands in for lost results.

    Each worker holds up to IN_FLIGHT tasks, so it starts the next file while the consumer is still busy
    with the last result (writing it to the database) instead of waiting for its next task.
    """

    def __init__(self, size: int, work: Callable[[Task], Result], failed: Callable[[Task, str], Result],
                 limits: Limits = Limits()) -> None:
        self.size = max(1, size)
        self.work = work
        self.failed = failed
        self.limits = limits
        self.context = multiprocessing.get_context("fork")  # workers inherit the built spaCy pipeline
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child, self.work, self.limits.memory_mb), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _stop(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.connection.close()

    def map(self, tasks: list[Task], idle: Callable[[], None] | None = None) -> Iterator[Result]:
        """Yield one result per task, in task order; call `idle()` after each second without a result."""
        done: dict[int, Result] = {}
        pending = deque(range(len(tasks)))
        next_out = 0
        self.workers = [self._start() for _ in range(min(self.size, len(tasks)) or 1)]
        try:
            for worker in self.workers:
                self._fill(worker, pending, tasks)
            while next_out < len(tasks):
                busy = [w for w in self.workers if w.queue]
                timeout = self._wait_time(busy)
                if idle is not None:
                    timeout = IDLE_SECONDS if timeout is None else min(timeout, IDLE_SECONDS)
                ready = wait([w.connection for w in busy], timeout=timeout)
                if not ready and idle is not None:
                    idle()  # the consumer may use the wait: the ingest commits what it has written
                now = time.monotonic()
                for worker in busy:
                    if worker.connection in ready:
                        try:
                            status, value = worker.connection.recv()
                        except (EOFError, OSError):
                            index = worker.queue.popleft()
                            done[index] = self.failed(tasks[index], self._death_reason(worker))
                            worker = self._replace(worker, pending)
                        else:
                            index = worker.queue.popleft()
                            done[index] = value if status == "ok" else self.failed(tasks[index], value)
                            worker.started = now  # the worker went on with its next task
                    elif self.limits.seconds and now - worker.started > self.limits.seconds:
                        index = worker.queue.popleft()
                        done[index] = self.failed(tasks[index], f"parsing took longer than {self.limits.seconds:g} s "
                                                                "and was stopped; raise --timeout to allow more")
                        worker = self._replace(worker, pending)
                    else:
                        continue
                    self._fill(worker, pending, tasks)
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
        finally:
            for worker in self.workers:
                try:
                    if not worker.queue and worker.process.is_alive():
                        worker.connection.send(None)
                except OSError:
                    pass
                self._stop(worker)

    def _wait_time(self, busy: list[_Worker]) -> float | None:
        if not self.limits.seconds or not busy:
            return None
        oldest = min(w.started for w in busy)
        return max(0.05, self.limits.seconds - (time.monotonic() - oldest))

    def _fill(self, worker: _Worker, pending: deque[int], tasks: list[Task]) -> None:
        """Send the worker tasks until it holds IN_FLIGHT of them or none are left."""
        while pending and len(worker.queue) < IN_FLIGHT:
            index = pending.popleft()
            if not worker.queue:
                worker.started = time.monotonic()
            worker.queue.append(index)
            worker.connection.send(tasks[index])

    def _death_reason(self, worker: _Worker) -> str:
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        if code is not None and code < 0:
            return (f"the parser was killed by signal {-code} (out of memory or a crash); "
                    f"raise --max-memory ({self.limits.memory_mb} MB) or check the file")
        return f"the parser stopped unexpectedly (exit code {code}); the file may be damaged"

    def _replace(self, worker: _Worker, pending: deque[int]) -> _Worker:
        """Stop a worker and start a fresh one; the tasks it held but had not started go back first in line."""
        self._stop(worker)
        pending.extendleft(reversed(worker.queue))
        fresh = self._start()
        self.workers[self.workers.index(worker)] = fresh
        return fresh
