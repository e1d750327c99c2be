#!/usr/bin/env bash
# End-to-end checks of `aidc plan` and `aidc expand`: the shipped example plan, its JSON and HDF5 outputs, exit codes
# of bad plans (file:line:col, nothing written), an expansion written atomically that loads and that `aidc report`
# compares with the original.
# Environment: AIDC (the binary), PYTHON (python3; h5py optional), SRC (source tree).
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. The example plan runs (the README promises well under a minute on two cores), JSON on stdout and in a file.
start=$(date +%s)
"$AIDC" plan "$SRC/scenarios/plans/example.yaml" --json -o "$tmp/plan.json" >"$tmp/stdout.json" || fail "plan example"
elapsed=$(( $(date +%s) - start ))
[ "$elapsed" -lt 60 ] || fail "example plan took ${elapsed} s"
cmp -s "$tmp/plan.json" "$tmp/stdout.json" || fail "-o plan.json differs from --json"
ls "$tmp" | grep -q '\.tmp\.' && fail "temporary file left behind"
"$PYTHON" - "$tmp/plan.json" <<'PY' || fail "plan JSON"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["designs_total"] == 32, j["designs_total"]
assert len(j["designs"]) == 32
assert len(j["infeasible"]) == 8, len(j["infeasible"])
assert all(d["reason"] for d in j["infeasible"])
rec = j["recommended"]
assert rec is not None
d = j["designs"][rec["index"]]
assert d["status"] == "ok" and d["pareto"], d
assert rec["index"] in j["pareto_front"]
# The recommendation is the cheapest feasible design (first objective: minimize tco).
feasible = [x for x in j["designs"] if x["status"] == "ok"]
assert min(x["values"]["tco"] for x in feasible) == rec["values"]["tco"]
tco = rec["tco"]
assert abs(sum(l["cost"] for l in tco["capex_lines"]) - tco["capex"]["total"]) < 1e-6 * tco["capex"]["total"]
for key in ["layers", "switches", "racks", "compute_nodes"]:
    assert key in rec["bill_of_materials"], key
# Constraints hold for every feasible design.
c = j["constraints"]
for x in feasible:
    v = x["values"]
    assert v["facility_power_mw"] <= c["power_budget_mw"] and v["pue"] <= c["pue_max"], x["index"]
    assert int(x["grade"][0]) >= int(c["grade_min"][0]), x["index"]
PY

# 2. HDF5 output: the recommended design's results plus the per-design table.
"$AIDC" -q plan "$SRC/scenarios/plans/example.yaml" --threads 1 -o "$tmp/plan.h5" || fail "plan -o h5"
[ -f "$tmp/plan.h5" ] || fail "no plan.h5"
if "$PYTHON" -c "import h5py" 2>/dev/null; then
  "$PYTHON" - "$tmp/plan.h5" "$tmp/plan.json" <<'PY' || fail "plan HDF5 read-back"
import json, sys, h5py
f = h5py.File(sys.argv[1], "r")
j = json.load(open(sys.argv[2]))
t = f["tables/plan_designs"][()]
assert len(t) == 32
assert list(t["design"]) == list(range(32))
rec = [int(r["design"]) for r in t if r["recommended"] == 1.0]
assert rec == [j["recommended"]["index"]], rec
assert abs(f["summary"].attrs["mfu"] - j["recommended"]["values"]["mfu"]) < 1e-12
PY
fi

# 3. Bad plans: exit 2, file:line:col: path, nothing written.
cat >"$tmp/bad.yaml" <<EOF
schema: aidc-plan/1
base: $SRC/scenarios/plans/base-1k-h100.yaml
costs: $SRC/scenarios/costs/default.yaml
choices:
  - name: ups
    options:
      - {name: a, set: {power.upz.redundancy: N+1}}
objectives: [{minimize: tco}]
EOF
set +e
"$AIDC" plan "$tmp/bad.yaml" -o "$tmp/bad.h5" 2>"$tmp/err.txt"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "bad plan exit code $rc"
grep -q "bad.yaml:7:[0-9]*: choices\[0\].options\[0\].set.power.upz.redundancy" "$tmp/err.txt" || fail "bad plan message: $(cat "$tmp/err.txt")"
[ ! -e "$tmp/bad.h5" ] || fail "a bad plan wrote its output"
set +e
"$AIDC" plan "$SRC/scenarios/plans/example.yaml" --max-designs 10 >/dev/null 2>"$tmp/err.txt"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "design limit exit code $rc"
grep -q "32 designs (2 x 2 x 2 x 2 x 2), more than the limit of 10" "$tmp/err.txt" || fail "limit message: $(cat "$tmp/err.txt")"

# 4. Expansion: 1k -> 2k, written atomically, loads from another folder, and the two-scenario report renders.
mkdir -p "$tmp/out"
"$AIDC" expand "$SRC/scenarios/plans/base-1k-h100.yaml" --add-gpus 1024 --replications 1 --threads 1 \
  --costs "$SRC/scenarios/costs/default.yaml" --json -o "$tmp/out/expanded.yaml" >"$tmp/expand.json" || fail "expand"
"$AIDC" check "$tmp/out/expanded.yaml" | grep -q "2048 GPUs" || fail "expanded scenario does not load"
"$PYTHON" - "$tmp/expand.json" <<'PY' || fail "expand JSON"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["gpus_before"] == 1024 and j["gpus_after"] == 2048
fab = j["fabrics"][0]
assert (fab["leaves_before"], fab["leaves_after"], fab["spines_before"], fab["spines_after"]) == (32, 64, 16, 32), fab
ups = [l for l in j["layers"] if l["path"] == "power.ups"][0]
assert (ups["units_before"], ups["units_after"]) == (6, 12), ups
for k in ["mfu", "pue", "mtbf_hours", "ettr", "score", "tco"]:
    assert j["metrics"][k]["before"] is not None and j["metrics"][k]["after"] is not None, k
assert j["metrics"]["tco"]["after"] > j["metrics"]["tco"]["before"]
PY
"$AIDC" report "$SRC/scenarios/plans/base-1k-h100.yaml" "$tmp/out/expanded.yaml" -o "$tmp/report.html" \
  || fail "report before/after"
grep -q "2048" "$tmp/report.html" || fail "report lacks the expanded site"
set +e
"$AIDC" expand "$SRC/scenarios/plans/base-1k-h100.yaml" --add-gpus 4 -o "$tmp/out/bad.yaml" 2>"$tmp/err.txt"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "partial NVLink domain exit code $rc"
[ ! -e "$tmp/out/bad.yaml" ] || fail "a refused expansion wrote its output"
echo "plan CLI end-to-end: OK (example plan ${elapsed} s)"
