"""Scale benchmark: a population's fund projection 2025-2060, in one process and on a Dask
LocalCluster, with the same totals to the bit.

    .venv/bin/python benchmarks/fund_projection.py                       # 10,000,000 persons
    .venv/bin/python benchmarks/fund_projection.py --persons 1000000 --workers 2

Writes a seeded synthetic population of Shandong insured persons (born 1966-2001, careers
from 18-25 to retirement, employees and flexible workers at three contribution levels) to a
Parquet file in row groups of one partition, then runs analysis/fund_run.run twice:
- in one process (a child process of its own, so that its peak memory is its own);
- on a LocalCluster of --workers single-threaded worker processes, each reading its own
  partitions from the file.
It prints persons per second, the speed-up, the peak resident memory of the one process and
of each worker, the MALLOC_TRIM_THRESHOLD_ the workers see, the time a partition costs, and
checks that the totals agree to the bit. The stated target: the cluster's totals identical,
and a speed-up of at least 0.8 x workers.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy

FIRST, LAST = 2025, 2060
TARGET_SPEEDUP_PER_WORKER = 0.8


def write_population(path, persons, rows_per_group, seed=2025):
    """The population, written row group by row group (memory: one group)."""
    import pyarrow
    import pyarrow.parquet

    rng = numpy.random.default_rng(seed)
    writer = None
    regions = numpy.array(["jinan", "weifang", "dongying", "dezhou", "shandong", "qingdao"])
    for start in range(0, persons, rows_per_group):
        count = min(rows_per_group, persons - start)
        birth = rng.integers(1966, 2002, size=count)  # pensions from 2016: within the published upratings
        entry = numpy.maximum(birth + rng.integers(18, 26, size=count), 1993)
        table = pyarrow.table({
            "person_id": [f"p{number}" for number in range(start, start + count)],
            "weight": numpy.round(rng.uniform(5, 20, size=count), 3),
            "birth_date": [f"{year}-{month:02d}-15" for year, month in zip(birth, rng.integers(1, 13, size=count))],
            "sex": rng.choice(["male", "female"], size=count),
            "insured_region": rng.choice(regions, size=count),
            "deemed_contribution_years": numpy.maximum(1993 - (birth + 20), 0).astype(float),
            "career_from": entry,
            "career_to": numpy.minimum(birth + 66, 2100),
            "career_index": rng.choice([0.6, 1.0, 1.8], size=count, p=[0.5, 0.35, 0.15]),
            "employment_type": rng.choice(["employee", "flexible_worker"], size=count, p=[0.8, 0.2]),
        })
        if writer is None:
            writer = pyarrow.parquet.ParquetWriter(path, table.schema)
        writer.write_table(table, row_group_size=rows_per_group)
    writer.close()


def _peak_gib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def _warm():
    from openfisca_china_social_insurance.analysis import fund_run

    fund_run.system_for(None, "central")  # built once per process, before timing


def _worker_facts():
    return {"peak_gib": _peak_gib(), "malloc_trim": os.environ.get("MALLOC_TRIM_THRESHOLD_", "(not set)")}


def run_one_process(path, rows):
    from openfisca_china_social_insurance.analysis import fund_run

    _warm()
    started = time.perf_counter()
    flows = fund_run.run(path, [("baseline", None)], FIRST, LAST, rows_per_partition=rows)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_gib": _peak_gib(), "flows": {measure: values.tolist() for measure, values in flows["baseline"].items()}}


def run_cluster(path, rows, workers):
    from dask.distributed import Client

    from openfisca_china_social_insurance.analysis import fund_run

    with fund_run.local_cluster(workers) as cluster, Client(cluster) as client:
        client.run(_warm)  # warm workers, as the one process is
        started = time.perf_counter()
        flows = fund_run.run(path, [("baseline", None)], FIRST, LAST, rows_per_partition=rows, cluster=cluster.scheduler_address)
        seconds = time.perf_counter() - started
        facts = client.run(_worker_facts)
    return seconds, flows["baseline"], facts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=10_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-rows", type=int, default=250_000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one_process(args.child, args.partition_rows)))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "population.parquet"
        started = time.perf_counter()
        write_population(path, args.persons, args.partition_rows)
        print(f"{args.persons:,} persons written to Parquet in {time.perf_counter() - started:.1f} s "
              f"({path.stat().st_size / 2**20:.0f} MiB, partitions of {args.partition_rows:,} rows), {os.cpu_count()} CPU(s)")
        child = subprocess.run([sys.executable, __file__, "--child", str(path), "--partition-rows", str(args.partition_rows)], capture_output=True, text=True, check=True)
        one = json.loads(child.stdout.strip().splitlines()[-1])
        seconds, flows, facts = run_cluster(path, args.partition_rows, args.workers)
    partitions = -(-args.persons // args.partition_rows)
    same = all(numpy.array_equal(numpy.array(one["flows"][measure]), flows[measure]) for measure in flows)
    speedup = one["seconds"] / seconds
    print(f"  one process   {one['seconds']:8.1f} s  {args.persons / one['seconds']:10,.0f} persons/s  peak {one['peak_gib']:.2f} GiB")
    print(f"  {args.workers} workers     {seconds:8.1f} s  {args.persons / seconds:10,.0f} persons/s  speed-up {speedup:.2f}x "
          f"(target >= {TARGET_SPEEDUP_PER_WORKER * args.workers:.1f}x: {'met' if speedup >= TARGET_SPEEDUP_PER_WORKER * args.workers else 'NOT met'})")
    for address, fact in sorted(facts.items()):
        print(f"    worker {address}: peak {fact['peak_gib']:.2f} GiB, MALLOC_TRIM_THRESHOLD_={fact['malloc_trim']}")
    print(f"  per partition ({args.partition_rows:,} persons, {FIRST}-{LAST}): {one['seconds'] / partitions:.2f} s on one CPU")
    national = 400_000_000
    print(f"  a national run ({national:,} insured persons) would cost {one['seconds'] / args.persons * national / 3600:.1f} CPU-hours "
          f"({national // args.partition_rows:,} partitions); see docs/populations.md for the plan")
    print(f"  totals identical to the bit: {'yes' if same else 'NO'}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
