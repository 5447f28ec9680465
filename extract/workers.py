"""Run tasks in worker processes, each task under a wall-clock time limit, results in task order.

A worker is a long-lived process (a Voikko or spaCy lexicon loaded once serves
many documents) that takes one task at a time over a pipe. The parent waits
for results with a deadline per task: a worker that runs over it is killed
(SIGKILL) and replaced, and the task's outcome is :class:`TimedOut`. An
exception inside the task, or a worker that dies (a crash in C code, out of
memory), gives :class:`Crashed`; the other tasks go on either way.

Each worker also limits its own CPU time per task (``RLIMIT_CPU``), so a
worker whose parent was killed cannot spin on a hostile file for ever.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import pickle
import resource
import signal
import time
import traceback
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterator, Optional, Sequence, Union

_CPU_FACTOR, _CPU_MARGIN = 2.0, 10.0  # the worker's own CPU limit: factor × time limit + margin seconds
_STARTUP = 120.0  # seconds a new worker may take to start, before its first task's own time counts


@dataclass(frozen=True)
class Done:
    """The task returned ``value``."""

    value: Any


@dataclass(frozen=True)
class TimedOut:
    """The task ran over its time limit and its worker was killed."""

    seconds: float


@dataclass(frozen=True)
class Crashed:
    """The task raised, or its worker died; ``reason`` is one line."""

    reason: str


Outcome = Union[Done, TimedOut, Crashed]


def default_jobs() -> int:
    """Worker processes to use by default: the CPU count, at most 2."""
    return max(1, min(2, os.cpu_count() or 1))


def run_tasks(
    func: Callable[..., Any],
    tasks: Sequence[tuple[Any, ...]],
    jobs: int,
    time_limit: float,
    preload: Sequence[str] = (),
    fork_here: bool = False,
) -> Iterator[Outcome]:
    """Yield the outcome of ``func(*task)`` for each task, in task order, computed by ``jobs`` workers.

    >>> [o.value for o in run_tasks(pow, [(2, 3), (3, 2)], jobs=2, time_limit=10)]  # doctest: +SKIP
    [8, 9]

    Workers start when the first outcome is asked for and are stopped when the
    iterator is exhausted or closed.

    :param func: a module-level function (workers import it by name)
    :param tasks: the argument tuples; they and the results must pickle
    :param jobs: at most this many worker processes
    :param time_limit: seconds of wall-clock time one task may take
    :param preload: modules the fork server imports before forking workers (besides ``func``'s)
    :param fork_here: fork the workers from this process instead, once it has imported ``preload``: no server to
        start and load, for a task or two; the caller must have no other thread running (a fork copies its locks)
    """
    if jobs < 1 or time_limit <= 0:
        raise ValueError(f"jobs must be at least 1 and time_limit positive, not {jobs} and {time_limit}")
    pool = _Pool(func, tasks, jobs, time_limit, [func.__module__, *preload], fork_here)
    try:
        for index in range(len(tasks)):
            yield pool.outcome(index)
    finally:
        pool.close()


def _context(preload: list[str], fork_here: bool) -> multiprocessing.context.BaseContext:
    """Forkserver where the platform has it (no inherited pipes; workers fork with ``preload`` imported), else spawn.

    With ``fork_here``, fork (where the platform has it) from this process with ``preload`` imported.
    """
    if fork_here and "fork" in multiprocessing.get_all_start_methods():
        for module in preload:
            importlib.import_module(module)
        return multiprocessing.get_context("fork")
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(preload)
    return ctx


def stop_server() -> None:
    """End the fork server that workers are forked from, and free the lexicons it preloaded.

    The server outlives the workers so that the next :func:`run_tasks` starts
    at once; a caller that extracts no more (``strategy-kb build`` once its
    documents are extracted) ends it to give back its memory. The next
    :func:`run_tasks` starts a new one. Nothing to do where workers are spawned.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        from multiprocessing import forkserver

        forkserver._forkserver._stop()  # the standard library's own way to end its server (used by its tests)


def _describe(exc: BaseException) -> str:
    """An exception on one line with where it was raised: ``KeyError: 'x' (at pdf.py:120)``."""
    message = " ".join(str(exc).split()) or "no message"
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {message}{where}"


def _limit_cpu(seconds: float) -> None:
    """Let this process use at most ``seconds`` more CPU time; past it the kernel ends it (SIGXCPU)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = int(usage.ru_utime + usage.ru_stime + seconds) + 1
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


_YOUNG_THRESHOLD = 10_000  # allocations between two collections of the youngest generation (Python's default: 700)


def _tune_collector() -> None:
    """Set up the garbage collector for a worker's life of extracting documents.

    What the worker was forked with (modules, the preloaded lexicons) stays
    for its life: frozen, it is no longer walked by every full collection.
    Extraction makes hundreds of thousands of short-lived tuples per document
    (chars, words) and hardly a reference cycle: collecting the youngest
    generation every 700 allocations took about 7 % of a PDF's extraction
    time, every 10,000 well under 1 %, and the garbage it lets wait is small.
    """
    gc.freeze()
    gc.set_threshold(_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def _serve(func: Callable[..., Any], conn: Connection, cpu_seconds: float) -> None:
    """A worker's loop: say it is ready, then receive a task, run it, send back its pickled outcome."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _tune_collector()
    try:
        conn.send_bytes(b"")
    except OSError:
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        _limit_cpu(cpu_seconds)
        try:
            payload = pickle.dumps(Done(func(*task)))
        except Exception as exc:  # noqa: BLE001 - reported to the parent as this task's outcome
            payload = pickle.dumps(Crashed(_describe(exc)))
        try:
            conn.send_bytes(payload)
        except OSError:
            return


class _Worker:
    """One worker process, its pipe and the task it is running.

    A task's time starts when the worker has said it is ready, so a slow
    start (imports, a busy machine) is not counted against the document.
    """

    def __init__(
        self, ctx: multiprocessing.context.BaseContext, func: Callable[..., Any], cpu_seconds: float, time_limit: float
    ) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(func, child, cpu_seconds), daemon=True)
        forks_here = ctx.get_start_method() == "fork"
        if forks_here:  # the child's garbage collections then leave alone (and do not copy) the objects it shares
            gc.freeze()
        try:
            self.process.start()
        finally:
            if forks_here:
                gc.unfreeze()
        child.close()
        self.time_limit = time_limit
        self.ready = False
        self.task: Optional[int] = None
        self.args: tuple[Any, ...] = ()
        self.deadline = time.monotonic() + _STARTUP + time_limit

    def assign(self, index: int, args: tuple[Any, ...]) -> None:
        """Give the worker task ``index``; it is sent as soon as the worker is ready."""
        self.task, self.args = index, args
        if self.ready:
            self._send()

    def _send(self) -> None:
        self.deadline = time.monotonic() + self.time_limit
        self.conn.send(self.args)

    def receive(self) -> Optional[tuple[Outcome, bool]]:
        """Read what the worker sent: ``None`` for its ready signal, else its task's outcome and whether it is usable."""
        try:
            payload = self.conn.recv_bytes()
        except (EOFError, OSError):
            self.task = None
            self.process.join(timeout=5)
            code = self.process.exitcode
            how = f"killed by signal {signal.Signals(-code).name}" if code and code < 0 else f"exit status {code}"
            return Crashed(f"worker process ended unexpectedly ({how})"), False
        if not self.ready:
            self.ready = True
            self._send()
            return None
        self.task = None
        return pickle.loads(payload), True

    def stop(self) -> None:
        """End the process (SIGKILL; workers hold nothing to save) and close the pipe."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


class _Pool:
    """The scheduling state of :func:`run_tasks`."""

    def __init__(
        self, func: Callable[..., Any], tasks: Sequence[tuple[Any, ...]], jobs: int, time_limit: float, preload: list[str],
        fork_here: bool,
    ) -> None:
        self.func, self.jobs, self.time_limit = func, jobs, time_limit
        self.waiting = deque(enumerate(tasks))
        self.workers: list[_Worker] = []
        self.results: dict[int, Outcome] = {}
        self.ctx = _context(preload, fork_here)

    def outcome(self, index: int) -> Outcome:
        """Wait until task ``index`` is finished, keeping the workers busy meanwhile."""
        while index not in self.results:
            self._dispatch()
            self._collect()
        return self.results.pop(index)

    def _dispatch(self) -> None:
        for worker in self.workers:
            if worker.task is None and self.waiting:
                worker.assign(*self.waiting.popleft())
        while len(self.workers) < self.jobs and self.waiting:
            worker = _Worker(self.ctx, self.func, _CPU_FACTOR * self.time_limit + _CPU_MARGIN, self.time_limit)
            self.workers.append(worker)
            worker.assign(*self.waiting.popleft())

    def _collect(self) -> None:
        busy = [w for w in self.workers if w.task is not None]
        ready = wait([w.conn for w in busy], max(0.0, min(w.deadline for w in busy) - time.monotonic()))
        for worker in busy:
            index = worker.task
            if worker.conn in ready:
                received = worker.receive()
                if received is None:
                    continue
                outcome, usable = received
            elif time.monotonic() >= worker.deadline:
                outcome, usable = TimedOut(self.time_limit), False
            else:
                continue
            self.results[index] = outcome
            if not usable:
                worker.stop()
                self.workers.remove(worker)

    def close(self) -> None:
        """Stop every worker."""
        for worker in self.workers:
            worker.stop()
        self.workers.clear()
