#!/usr/bin/env bash
# Regenerates the shipped calibrated profiles from the committed logs (run from the repository root with a
# built `aidc`; AIDC defaults to build/bin/aidc). tests/calib/profiles_test.cpp reruns each profile's recorded
# command and compares.
set -euo pipefail
aidc=${AIDC:-build/bin/aidc}
d=calib/data/published
# 8 x H100 SXM per node, NVSwitch + NVLS, 8 x 400 Gb/s InfiniBand NDR per node: 400 / 8 = 50 GB/s per GPU.
"$aidc" calibrate $d/nccl_allreduce_h100x8_1node_nvls_azure_ndh100v5.txt $d/nccl_allreduce_h100x8_1node_nvls_ncclissue290.txt \
  $d/nccl_allreduce_h100x8_2nodes_ib400g_default_ncclissue309_gjaion.txt \
  $d/nccl_allreduce_h100x8_2nodes_ib400g_ring_minctas24_qps2_ncclissue309_gjaion.txt \
  $d/nccl_allreduce_h100x8_2nodes_ib400g_cx7_nvlstree_ncclissue309_qoofyk.txt \
  $d/gemm_xla_matmul_perftable_sm90_h100_bf16_f32_375shapes.txt $d/gemm_cublaslt_fp8_h100_azure_ndh100v5.txt \
  $d/mem_hbm_babelstream_nvbandwidth_h100_azure_ndh100v5.txt \
  --nic-gb-per-s-per-gpu 50 -o calib/profiles/h100_sxm_ib400.yaml
# 8 x H200 SXM per node, NVSwitch + NVLS, 8 x 400 GbE BlueField-3 RoCE per node: 50 GB/s per GPU.
"$aidc" calibrate $d/nccl_allreduce_h200x8_1node_nvls_azure_ndh200v5.txt \
  $d/nccl_allreduce_h200x8_2nodes_roce_bf3_400g_openshift_schmaustech.txt \
  $d/gemm_cublaslt_fp8_h200_azure_ndh200v5.txt $d/mem_hbm_babelstream_nvbandwidth_h200_azure_ndh200v5.txt \
  --nic-gb-per-s-per-gpu 50 -o calib/profiles/h200_sxm_roce400.yaml
# 8 x A100 SXM4 80GB, NVSwitch (no NVLS), single node.
"$aidc" calibrate $d/nccl_allreduce_a100x8_1node_nvswitch_azure_nda100v4.txt \
  $d/nccl_allreduce_a100x8_1node_nvswitch_massaged_stas00_mlengineering.txt \
  $d/gemm_cublaslt_fp16_a100_azure_nda100v4.txt $d/mem_hbm_babelstream_nvbandwidth_a100_azure_nda100v4.txt \
  -o calib/profiles/a100_sxm_nvswitch.yaml
