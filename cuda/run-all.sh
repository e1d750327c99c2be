#!/usr/bin/env bash
# run-all.sh OUTDIR: runs the aidcsim microbenchmarks on this node within about 10 minutes and writes
#   OUTDIR/gemm.csv    aidc-gemm sweep (fp32/tf32/bf16/fp16/fp8, 256^3..16384^3 + skinny shapes)
#   OUTDIR/membw.csv   aidc-membw copy + triad, 1 MiB .. 4 GiB
#   OUTDIR/nccl.txt    aidc-nccl, all local GPUs, every collective, 8 B .. 8 GiB
#   OUTDIR/system.txt  nvidia-smi and nvidia-smi topo -m output, for provenance
# Each tool has its own time limit (they add up to 9.5 minutes); a tool that hits it leaves a log without its
# closing line, which calib/'s parsers then reject as truncated rather than read half of.
# Binaries are taken from AIDC_BIN (default: build/bin next to this script's folder).
set -u
if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
out=$1
here=$(cd "$(dirname "$0")" && pwd)
bin=${AIDC_BIN:-$here/../build/bin}
mkdir -p "$out"
status=0
for tool in aidc-gemm aidc-membw aidc-nccl; do
  if [ ! -x "$bin/$tool" ]; then
    echo "run-all.sh: $bin/$tool not found (build with CUDA, or set AIDC_BIN)" >&2
    exit 2
  fi
done
{ nvidia-smi || true; nvidia-smi topo -m || true; } > "$out/system.txt" 2>&1
# Limits in seconds: GEMM 180, memory 60, NCCL 330 (sum 570 s < 600 s).
timeout 180 "$bin/aidc-gemm" --warmup 5 --repeats 20 > "$out/gemm.csv" || { echo "aidc-gemm failed or timed out" >&2; status=1; }
timeout 60 "$bin/aidc-membw" -b 1M -e 4G --repeats 20 > "$out/membw.csv" || { echo "aidc-membw failed or timed out" >&2; status=1; }
timeout 330 "$bin/aidc-nccl" -b 8 -e 8G -f 2 -w 5 -n 20 > "$out/nccl.txt" || { echo "aidc-nccl failed or timed out" >&2; status=1; }
exit $status
