"""Full build of the scaled corpus (time and peak memory) and the incremental rebuild after one change.

``strategy-kb build`` runs as a child process on a copy of the corpus made of
hard links, with a fresh extraction cache, from a snapshot of the project's
code taken at the start (others may edit the working tree meanwhile, and any
change to ``extract/`` changes the cache key, which would turn the rebuild
into a full one). Peak memory is reported twice: ``ru_maxrss`` of the build
process itself (from ``wait4``), and the peak of the summed proportional
resident memory (PSS) of its whole process tree (the build and its extraction
workers), sampled from ``/proc`` every 50 ms. Then one document is rendered
again in another layout and the build is run again with the same cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from extract.manifest import load_manifest
from benchmarks.scaled_corpus import CorpusSpec, rerender

_MIB = 1024 * 1024
_ROOT = Path(__file__).resolve().parent.parent
_PACKAGES = ("extract", "link", "kb")


@dataclass(frozen=True)
class BuildRun:
    """One ``strategy-kb build``: exit status, seconds, peak memory in MiB."""

    status: int
    seconds: float
    main_rss_mib: float
    tree_rss_mib: float
    log: str
    stage_peaks_mib: dict[str, float]


def run_build(corpus_dir: Path, db_path: Path, cache_dir: Optional[Path], jobs: Optional[int], code: Path) -> BuildRun:
    """Run ``strategy-kb build`` in a child process and measure it.

    :param corpus_dir: the corpus folder
    :param db_path: the database to write
    :param cache_dir: the extraction cache folder (``None``: the build's default, beside the database)
    :param jobs: extraction worker processes (``None``: the build's default)
    :param code: the folder holding the ``extract``, ``link`` and ``kb`` packages to run
    """
    command = [sys.executable, "-m", "kb", "build", "--corpus", str(corpus_dir), "--db", str(db_path)]
    command += ["--cache-dir", str(cache_dir)] if cache_dir is not None else []
    command += ["--jobs", str(jobs)] if jobs is not None else []
    log_path = db_path.with_name(f"build-{len(list(db_path.parent.glob('build-*.log'))) + 1}.log")
    with log_path.open("w") as log:
        started = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": str(code)}
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=code, env=env)
        sampler = _TreeSampler(child.pid, log_path)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
    return BuildRun(
        child.returncode, seconds, usage.ru_maxrss / 1024, sampler.peak / _MIB, log_path.read_text(errors="replace"),
        {stage: round(peak / _MIB, 1) for stage, peak in sampler.stage_peaks.items()},
    )


def measure(corpus_dir: Path, spec: CorpusSpec, folder: Path, jobs: int) -> dict:
    """A cold full build, then a rebuild after one document changed; times, memory and their ratio.

    :param corpus_dir: the scaled corpus (left unchanged)
    :param spec: the spec it was made with (to render the changed document alike)
    :param folder: a scratch folder for the corpus copy, database and cache
    :param jobs: extraction worker processes
    """
    folder = folder.resolve()
    shutil.rmtree(folder, ignore_errors=True)
    code = snapshot_code(folder / "code")
    copy = folder / "corpus"
    copy.mkdir(parents=True)
    for path in corpus_dir.iterdir():
        os.link(path, copy / path.name)
    db, cache = folder / "strategies.db", folder / "cache"
    full = run_build(copy, db, cache, jobs, code)
    changed = next(info for info in load_manifest(copy) if info.file.endswith(".pdf"))
    rerender(spec, changed, 10_000, copy)
    incremental = run_build(copy, db, cache, jobs, code)
    return {
        "db": str(db),
        "full": _row(full),
        "incremental": _row(incremental),
        "changed_document": changed.id,
        "incremental_share": round(incremental.seconds / full.seconds, 4) if full.seconds else None,
    }


def snapshot_code(code: Path) -> Path:
    """Copy the project's packages into ``code`` (to run builds from, whatever the working tree does meanwhile)."""
    for package in _PACKAGES:
        shutil.copytree(_ROOT / package, code / package, ignore=shutil.ignore_patterns("__pycache__"))
    return code


def _row(run: BuildRun) -> dict:
    """A build run as a report row (the last lines of its log included)."""
    return {
        "status": run.status,
        "seconds": round(run.seconds, 2),
        "peak_rss_main_mib": round(run.main_rss_mib, 1),
        "peak_rss_tree_mib": round(run.tree_rss_mib, 1),
        "peak_rss_tree_mib_by_stage": run.stage_peaks_mib,
        "log_tail": run.log.strip().splitlines()[-12:],
    }


# The build's progress lines that start each stage, in order.
_STAGES = (("extracting ", "extract"), ("linking ", "link"), ("writing the database", "database"))


class _TreeSampler(threading.Thread):
    """Samples the summed PSS of a process and its descendants; keeps the peak (bytes), also per build stage.

    The stage is the last one whose progress line the build's log holds.
    """

    def __init__(self, root: int, log_path: Path, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.root, self.log_path, self.interval, self.peak = root, log_path, interval, 0
        self.stage, self.stage_peaks, self._tail = "start", {}, ""
        self._stop_event = threading.Event()

    def run(self) -> None:
        """Sample until stopped."""
        with self.log_path.open(errors="replace") as log:
            while not self._stop_event.wait(self.interval):
                self._follow(log.read())
                sample = _tree_rss(self.root)
                self.peak = max(self.peak, sample)
                self.stage_peaks[self.stage] = max(self.stage_peaks.get(self.stage, 0), sample)

    def _follow(self, new_text: str) -> None:
        """Move to the latest stage that ``new_text`` (the log written since the last sample) starts."""
        text = self._tail + new_text  # a progress line may be cut between two reads
        for marker, stage in _STAGES:
            if marker in text:
                self.stage = stage
        self._tail = text[-max(len(marker) for marker, _ in _STAGES):]

    def stop(self) -> None:
        """Stop sampling and wait for the thread."""
        self._stop_event.set()
        self.join()


def _tree_rss(root: int) -> int:
    """Proportional resident bytes (PSS) of ``root`` and every process descending from it.

    PSS splits pages shared between processes (the workers forked from one
    server share its loaded models) among them, so the sum is what the tree
    really holds. Processes gone meanwhile count 0.
    """
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(_pss(pid) for pid in tree)


def _pss(pid: int) -> int:
    """The PSS of one process in bytes, 0 when it is gone."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) * 1024 for line in rollup.splitlines() if line.startswith("Pss:")), 0)
