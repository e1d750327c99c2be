#!/usr/bin/env python3
"""Determinism fingerprints of the reference scenarios (issue 10, item 7).

A fingerprint (models/reliability/reliability_sim.hpp: reliability_fingerprint) hashes, replication by
replication, the engine's event trace (time in integer ns, scheduling order, argument of every fired event)
and the integer counters; no double enters it. This script runs every reference scenario

  * with `aidc run --threads T` for T = 1, 2, 4, and
  * as a two-point sweep (axis simulation.seed) with `aidc sweep --threads T` for T = 1, 2, and under
    `mpirun -np 2` when --mpirun is given,

for seeds 1 and 2, and checks every fingerprint against tests/determinism/golden.tsv. A changed golden value
means the event sequence changed: either a model change that is meant (then regenerate with --update and say
why in the commit) or a determinism bug.

Reference scenarios without a `reliability` section get tests/determinism/reliability-section.yaml appended
(in a temporary copy), so that every one of them exercises the event engine.

  check_fingerprints.py --aidc build/bin/aidc --src . [--mpirun mpirun] [--update]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

SCENARIOS = ["scenarios/default.yaml", "scenarios/ref/rail-1k-h100.yaml", "scenarios/ref/site-10k-h100-liquid.yaml",
             "scenarios/ref/site-100k-gb200.yaml"]
SEEDS = [1, 2]
RUN_THREADS = [1, 2, 4]
SWEEP_THREADS = [1, 2]


def compose(src, rel, tmp):
    """The scenario to run: the file itself, or a copy with absolute paths and the reliability section."""
    path = os.path.join(src, rel)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if re.search(r"^reliability:", text, re.M):
        return path
    here = os.path.dirname(path)
    # Relative file references (hardware profile, climate) made absolute, as they would resolve in place.
    text = re.sub(r"^(hardware: *)(\S+)", lambda m: m.group(1) + os.path.normpath(os.path.join(here, m.group(2))),
                  text, flags=re.M)
    with open(os.path.join(src, "tests", "determinism", "reliability-section.yaml"), encoding="utf-8") as f:
        section = f.read().replace("@SRC@", src)
    out = os.path.join(tmp, os.path.basename(rel))
    with open(out, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n" + section)
    return out


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def run_fingerprint(aidc, scenario, seed, threads):
    out = run([aidc, "-q", "run", scenario, "--seed", str(seed), "--threads", str(threads), "--json"])
    m = re.search(r'"fingerprint": *"([0-9a-f]{16})"', out)
    if not m:
        raise RuntimeError(f"aidc run {scenario}: no fingerprint in the JSON summary")
    return m.group(1)


def sweep_fingerprints(aidc, scenario, tmp, tag, launcher, threads):
    """{seed: fingerprint} from a sweep over simulation.seed, read from the HDF5 table."""
    import h5py  # Debian's python3-h5py; imported here so --help works without it
    spec = os.path.join(tmp, f"fp-{tag}.yaml")
    with open(spec, "w", encoding="utf-8") as f:
        f.write("schema: aidc-sweep/1\n"
                f"base: {scenario}\n"
                "design: grid\n"
                f"axes:\n  - {{path: simulation.seed, values: [{', '.join(str(s) for s in SEEDS)}]}}\n"
                "metrics: [ettr]\n")
    out = os.path.join(tmp, f"fp-{tag}.h5")
    run(launcher + [aidc, "-q", "sweep", spec, "-o", out, "--threads", str(threads)])
    with h5py.File(out, "r") as h:
        t = h["tables/sweep"][()]
    result = {}
    for row in t:
        seed = int(round(row["simulation.seed"]))
        fp = row["fingerprint"].decode()
        if result.setdefault(seed, fp) != fp:
            raise RuntimeError(f"sweep {tag}: rows of seed {seed} disagree")
    return result


def read_golden(path):
    golden = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 3 or not re.fullmatch(r"[0-9a-f]{16}", fields[2]):
                raise ValueError(f"{path}:{n}: expected 'scenario<TAB>seed<TAB>16 hex digits'")
            golden[(fields[0], int(fields[1]))] = fields[2]
    return golden


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--aidc", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("--mpirun", default="", help="mpirun binary; empty = skip the MPI check")
    ap.add_argument("--update", action="store_true", help="rewrite golden.tsv from 1-thread runs")
    a = ap.parse_args()
    src, aidc = os.path.abspath(a.src), os.path.abspath(a.aidc)
    golden_path = os.path.join(src, "tests", "determinism", "golden.tsv")
    failures, checks = [], 0
    with tempfile.TemporaryDirectory(prefix="aidc-fingerprints-") as tmp:
        if a.update:
            lines = ["# Determinism fingerprints: scenario, seed, fingerprint (tests/determinism/check_fingerprints.py)."]
            for rel in SCENARIOS:
                sc = compose(src, rel, tmp)
                lines += [f"{rel}\t{s}\t{run_fingerprint(aidc, sc, s, 1)}" for s in SEEDS]
            with open(golden_path + ".tmp", "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            os.replace(golden_path + ".tmp", golden_path)
            print(f"wrote {golden_path}")
            return 0
        golden = read_golden(golden_path)
        for i, rel in enumerate(SCENARIOS):
            sc = compose(src, rel, tmp)
            ways = []
            for s in SEEDS:
                for t in RUN_THREADS:
                    ways.append((f"run seed {s}, {t} threads", s, run_fingerprint(aidc, sc, s, t)))
            for t in SWEEP_THREADS:
                got = sweep_fingerprints(aidc, sc, tmp, f"{i}-t{t}", [], t)
                ways += [(f"sweep {t} threads, seed {s}", s, got.get(s, "missing")) for s in SEEDS]
            if a.mpirun:
                got = sweep_fingerprints(aidc, sc, tmp, f"{i}-mpi", [a.mpirun, "-np", "2", "--oversubscribe",
                                                                     "--allow-run-as-root"], 1)
                ways += [(f"sweep 2 MPI ranks, seed {s}", s, got.get(s, "missing")) for s in SEEDS]
            for what, s, fp in ways:
                checks += 1
                want = golden.get((rel, s))
                if fp != want:
                    failures.append(f"{rel}: {what}: fingerprint {fp}, golden {want}")
            print(f"{rel}: {len(ways)} runs, fingerprints " +
                  ", ".join(f"seed {s} {golden.get((rel, s))}" for s in SEEDS))
    for f in failures:
        print("FAIL " + f)
    print(f"fingerprints: {checks - len(failures)} of {checks} match the golden table"
          f" ({'with' if a.mpirun else 'without'} the MPI check)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
