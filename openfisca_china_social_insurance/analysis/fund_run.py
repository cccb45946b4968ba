"""The fund projection of a population file, partition by partition: in this process, or on
Dask's distributed scheduler (a LocalCluster of this machine, or a cluster's scheduler).

    flows = run("people.parquet", [("baseline", None), ("proposal 2", "basic_pension_by_years")],
                2025, 2060, rows_per_partition=250_000, cluster="local", workers=2)

A partition is a range of rows; the worker that computes it reads those rows itself (only
the Parquet row groups that hold them) and builds its own tax and benefit system once per
process, so nothing large crosses the network. Partitions' flows are integers
(analysis/fund.py), so the totals are the same to the bit whatever the partitioning and
whichever worker computes what.

With `resume` (a folder), each finished partition is kept there (written atomically) under a
key of the file, the scenario, the assumptions and the years: a run that stops part-way
computes only the partitions still missing when it is started again.

Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536 by default; the LocalCluster
here (local_cluster) unsets it, which makes the workers 5 times faster. The benchmark
(benchmarks/fund_projection.py) prints the value the workers see.
"""

import functools
import hashlib
import json
import os
from pathlib import Path

import numpy

from ..api import population_columns
from ..api.population_files import atomic
from ..core import i18n
from ..core.errors import InputError
from . import fund
from .reform_files import assumptions as assumption_set
from .reform_files import compose, resolve


def fingerprint(*specs):
    """What a run's results depend on besides the population: the text of every reform or
    assumption file named, and the model's own files (parameters and variables: their sizes
    and times). Part of the resume key and of system_for's cache key, so that an edited file
    is never answered from before the edit."""
    digest = hashlib.sha256()
    for spec in specs:
        for part in str(spec or "").split("+"):
            digest.update(part.encode())
            if part and Path(part).is_file():
                digest.update(Path(part).read_bytes())
    root = Path(__file__).resolve().parents[1]
    for folder in ("parameters", "variables", "reforms"):
        for file in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else ():
            stat = file.stat()
            digest.update(f"{file.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


@functools.lru_cache(maxsize=8)
def system_for(reform=None, assumptions="central", fingerprint=None):
    """The system of a scenario, built once per process (and per `fingerprint` of the files
    it reads): the country's, under an assumption set, with reforms `a+b` applied in order
    (None: the baseline)."""
    from .. import default_system

    system = default_system()
    if assumptions not in (None, "", "central"):
        system = assumption_set(assumptions)(system)
    if reform:
        system = compose(*(resolve(part) for part in reform.split("+")))(system)
    return system


def scenario_system(reform=None, assumptions="central"):
    """system_for a scenario, keyed by the fingerprint of the files it reads."""
    return system_for(reform, assumptions, fingerprint(assumptions, reform))


def partitions(path, rows_per_partition):
    """[(start, stop)] row ranges covering the file."""
    if rows_per_partition < 1:
        raise InputError.of("option_value", option="--partition-rows", value=rows_per_partition, allowed=i18n.phrase("1 or more rows"))
    count = population_columns.row_count(path)
    return [(start, min(start + rows_per_partition, count)) for start in range(0, count, rows_per_partition)]


def partition_flows(path, start, stop, reform, assumptions, first_year, last_year, chunk_size=100_000, files=None):
    """One partition's flows (run on a worker); `files`: the run's fingerprint."""
    columns = population_columns.read(path, start, stop)
    return fund.partition_flows(columns, system_for(reform, assumptions, files), first_year, last_year, chunk_size)


def run(path, scenarios, first_year, last_year, assumptions="central", rows_per_partition=250_000, cluster=None, workers=2, resume=None, progress=None, chunk_size=100_000):
    """{label: flows} for each (label, reform) of `scenarios`.

    cluster: None (this process), "local" (a dask.distributed LocalCluster of `workers`
    processes) or a scheduler address ("tcp://host:8786"). `progress(done, total)` after
    each partition."""
    path = str(Path(path).resolve())
    ranges = partitions(path, rows_per_partition)
    population_columns.check_unique_ids(path)  # a partition checks its own rows only
    files = {reform: fingerprint(assumptions, reform) for _, reform in scenarios}
    tasks = [(label, reform, start, stop) for label, reform in scenarios for start, stop in ranges]
    keep = _Store(resume, path, assumptions, first_year, last_year, files) if resume else None
    results = {}
    pending = []
    for task in tasks:
        found = keep.get(task) if keep else None
        if found is not None:
            results[task] = found
        else:
            pending.append(task)
    done = len(results)
    if progress:
        progress(done, len(tasks))

    def finished(task, flows):
        nonlocal done
        results[task] = flows
        if keep:
            keep.put(task, flows)
        done += 1
        if progress:
            progress(done, len(tasks))

    if cluster is None:
        for task in pending:
            _, reform, start, stop = task
            finished(task, partition_flows(path, start, stop, reform, assumptions, first_year, last_year, chunk_size, files[reform]))
    elif pending:
        _on_dask(pending, path, assumptions, first_year, last_year, chunk_size, cluster, workers, finished, files)
    return {label: fund.combine(results[task] for task in tasks if task[0] == label) for label, _ in scenarios}


def _on_dask(tasks, path, assumptions, first_year, last_year, chunk_size, cluster, workers, finished, files):
    from dask.distributed import Client, as_completed

    if cluster == "local":
        local = local_cluster(workers)
        client = Client(local)
    else:
        try:
            client = Client(cluster, timeout="20s")
        except (OSError, ValueError) as error:
            raise InputError.of("fund_scheduler", address=cluster, error=str(error)) from None
        local = None
    try:
        futures = {
            client.submit(partition_flows, path, start, stop, reform, assumptions, first_year, last_year, chunk_size, files[reform], pure=False): (label, reform, start, stop)
            for label, reform, start, stop in tasks
        }
        for future in as_completed(futures):
            finished(futures[future], future.result())  # a worker's InputError is raised here
    finally:
        client.close()
        if local is not None:
            local.close()


def local_cluster(workers):
    """A LocalCluster of single-threaded worker processes, without the MALLOC_TRIM_THRESHOLD_
    that Dask's nanny sets by default (65536): with it, every large numpy array freed goes
    back to the system and the next is page-faulted in again (measured: 5.1x slower at
    400,000 persons on 2 workers)."""
    import dask
    from dask.distributed import LocalCluster

    if workers < 1:
        raise InputError.of("option_value", option="--workers", value=workers, allowed=i18n.phrase("1 or more worker processes"))
    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)


class _Store:
    """Finished partitions kept on disk, one .npz each, written atomically."""

    def __init__(self, folder, path, assumptions, first_year, last_year, files):
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError.of("fund_resume", folder=str(folder), reason=error.strerror) from None
        stat = os.stat(path)
        self.run_key = {"file": path, "size": stat.st_size, "modified": stat.st_mtime_ns, "assumptions": assumptions, "years": [first_year, last_year]}
        self.files = files

    def _file(self, task):
        _, reform, start, stop = task
        key = json.dumps({**self.run_key, "reform": reform, "files": self.files[reform], "rows": [start, stop]}, sort_keys=True)
        return self.folder / f"partition-{hashlib.sha256(key.encode()).hexdigest()[:20]}.npz"

    def get(self, task):
        file = self._file(task)
        if not file.is_file():
            return None
        with numpy.load(file) as stored:
            return {measure: stored[measure] for measure in stored.files}

    def put(self, task, flows):
        with atomic(self._file(task)) as temporary, open(temporary, "wb") as out:
            numpy.savez(out, **flows)
