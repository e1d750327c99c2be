#!/usr/bin/env bash
# End-to-end checks of the aidc CLI: valid runs, exit codes for bad input, atomic outputs, HDF5 read-back.
# Environment: AIDC (the binary), PYTHON (Debian python3 with h5py), SRC (source tree).
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. The default scenario validates and runs; JSON summary has every headline key.
"$AIDC" check "$SRC/scenarios/default.yaml" >/dev/null || fail "check default.yaml"
"$AIDC" run "$SRC/scenarios/default.yaml" --replications 2 --threads 1 --json -o "$tmp/r1.h5" >"$tmp/r1.json" \
  || fail "run default.yaml"
[ -f "$tmp/r1.h5" ] || fail "no results file"
ls "$tmp" | grep -q '\.tmp\.' && fail "temporary file left behind"
"$PYTHON" - "$tmp/r1.json" <<'PY' || fail "JSON summary"
import json, sys
j = json.load(open(sys.argv[1]))
keys = ["mfu", "linearity", "cluster_effective_compute", "pue", "wue_l_per_kwh", "cue_kg_per_kwh",
        "mtbf_hours", "mttr_hours", "ettr", "availability", "score", "grade"]
missing = [k for k in keys if k not in j]
assert not missing, f"missing keys {missing}"
assert j["replications"] == 2, j["replications"]
for k in keys:
    v = j[k]
    assert v is None or isinstance(v, (int, float, str)), (k, v)
# Checkpoint times from the storage model (scenarios/default.yaml): 2,450 GB over 64 storage nodes.
# Write: 64 x 10 GB/s / (10/8 erasure-coding amplification) = 512 GB/s -> 2450 / 512 = 4.78515625 s.
# Read: 64 x 20 GB/s = 1,280 GB/s -> 2450 / 1280 = 1.9140625 s. (The nodes' own ports and the storage network
# are faster: 1,280 nodes x 2 x 200 Gb/s.)
assert abs(j["checkpoint_save_s"] - 2450 / 512) < 1e-9, j["checkpoint_save_s"]
assert abs(j["checkpoint_restore_s"] - 2450 / 1280) < 1e-9, j["checkpoint_restore_s"]
PY

# 2. HDF5 layout read back with h5py; the summary equals the JSON one bit for bit.
if "$PYTHON" -c "import h5py" 2>/dev/null; then
  "$PYTHON" - "$tmp/r1.h5" "$tmp/r1.json" <<'PY' || fail "HDF5 read-back"
import json, math, sys, h5py
f = h5py.File(sys.argv[1], "r")
j = json.load(open(sys.argv[2]))
s = f["summary"].attrs
for k in ["mfu", "pue", "mtbf_hours", "score"]:
    v = float(s[k])
    if j[k] is None:
        assert math.isnan(v), (k, v)
    else:
        assert v == j[k], (k, v, j[k])
assert int(s["replications"]) == 2
fp = s["fingerprint"]
fp = fp.decode() if isinstance(fp, bytes) else fp
assert len(fp) == 16 and fp == j["fingerprint"], (fp, j["fingerprint"])
assert "replications" in f and "timeseries" in f
# Per-replication ETTR averages to the summary's ETTR (same definition, mean over 2 replications).
reps = f["replications"][()]
assert len(reps) == 2, len(reps)
assert (reps["events"] > 0).all(), reps["events"]
assert abs(reps["ettr"].mean() - j["ettr"]) < 1e-12, (reps["ettr"], j["ettr"])
PY
else
  fail "python3 with h5py is required (apt-get install python3-h5py)"
fi

# 3. Determinism: same seed, different thread counts -> identical JSON.
"$AIDC" run "$SRC/scenarios/default.yaml" --replications 2 --threads 2 --json >"$tmp/r2.json"
cmp -s "$tmp/r1.json" "$tmp/r2.json" || fail "results differ between 1 and 2 threads"

# 4. Bad input: exit code 2, the error names file:line:col, and nothing is written.
printf 'schema: aidc-scenario/1\nsite: {name: s}\nhardware: %s\nsimulation: {replications: -1}\n' \
  "$SRC/scenarios/hardware/h100-sxm5-80gb.yaml" >"$tmp/bad.yaml"
set +e
"$AIDC" run "$tmp/bad.yaml" -o "$tmp/bad.h5" 2>"$tmp/err.txt"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "bad scenario: exit code $rc, expected 2"
grep -q "bad.yaml:4:28: simulation.replications: must be a positive integer" "$tmp/err.txt" \
  || fail "bad scenario message: $(cat "$tmp/err.txt")"
[ ! -e "$tmp/bad.h5" ] || fail "results written despite bad input"
ls "$tmp" | grep -q '\.tmp\.' && fail "temporary file left behind after error"

# 5. Missing file and CLI misuse.
set +e
"$AIDC" check "$tmp/none.yaml" 2>/dev/null; [ $? -eq 2 ] || fail "missing scenario should exit 2"
"$AIDC" run 2>/dev/null; [ $? -ne 0 ] || fail "run without scenario should fail"
set -e
"$AIDC" run --help | grep -q -- "--replications" || fail "run --help"
# Resource limits: a simulation estimated to exceed --max-seconds is refused up front (exit 2, nothing written).
set +e
"$AIDC" run "$SRC/scenarios/default.yaml" --max-seconds 0.001 -o "$tmp/limited.h5" 2>"$tmp/limit.err"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "--max-seconds refusal exit $rc"
grep -q "default.yaml:71:29: simulation.horizon_hours: the reliability simulation would take about" "$tmp/limit.err" \
  || fail "limit message: $(cat "$tmp/limit.err")"
[ -e "$tmp/limited.h5" ] && fail "a refused run wrote its results"
# 6. Crash safety: aidc run killed with SIGKILL at random moments never leaves a partial results file: the target
# is absent or complete; a temp file of a killed writer is removed by the next run, which then completes.
complete_or_absent() {
  [ -e "$1" ] || return 0
  "$PYTHON" -c "import h5py, sys; f = h5py.File(sys.argv[1], 'r'); assert int(f['summary'].attrs['replications']) == 32" "$1"
}
kills=0
for attempt in 1 2 3 4 5 6 7 8; do
  rm -f "$tmp/killed.h5"
  "$AIDC" -q run "$SRC/scenarios/default.yaml" --replications 32 --threads 2 -o "$tmp/killed.h5" &
  pid=$!
  sleep "0.$(printf '%03d' $(( RANDOM % 140 )))"  # a run takes ~0.13 s: kill anywhere in it
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null || true
  complete_or_absent "$tmp/killed.h5" || fail "a killed run left a partial results file (attempt $attempt)"
done
"$AIDC" -q run "$SRC/scenarios/default.yaml" --replications 32 --threads 2 -o "$tmp/killed.h5" || fail "run after kills"
complete_or_absent "$tmp/killed.h5" || fail "results after kills"
ls "$tmp" | grep -q 'killed\.h5\.tmp\.' && fail "a killed writer's temporary file outlived the next run"
echo "kill -9 of aidc run: $kills kills, never a partial file"
echo "cli end-to-end: all checks passed"
