// aidc-nccl: NCCL collective bandwidth on all GPUs of one node from one process (ncclCommInitAll), printed
// in exactly the nccl-tests table format so that calib/ reads its output and nccl-tests logs alike.
// Collectives: all_reduce (float sum), all_gather, reduce_scatter (float sum), alltoall (grouped send/recv),
// broadcast (root 0), sendrecv (each rank sends to the next, receives from the previous).
// For each size: --warmup untimed calls, then --iters calls timed together by the host clock after all
// streams synchronise (as nccl-tests does); the printed time is the mean per call. Out-of-place results are
// validated on a sample of the first GPU's output (#wrong = mismatched sampled elements); in-place #wrong is
// N/A because in-place runs overwrite their own input.
// Multi-node runs are not built (no MPI in the build environment); use nccl-tests' MPI build there, whose
// output the same parser reads.
#include <cuda_runtime.h>
#include <nccl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cuda/cuda_check.hpp"
#include "cuda/host/bench_host.hpp"

extern char** environ;

namespace {

using namespace aidc::cudabench;

constexpr int kThreads = 256;
constexpr int kBlocks = 1024;
constexpr std::size_t kSample = 1024;
constexpr int kWordBytes = 4;
constexpr double kUsPerS = 1e6;
constexpr int kHostNameMax = 256;
constexpr int kNcclMajor = 10000;
constexpr int kNcclMinor = 100;

void check_nccl(ncclResult_t r, const char* what, int line) {
  if (r != ncclSuccess) {
    std::fprintf(stderr, "aidc_nccl.cu:%d: %s failed: %s\n", line, what, ncclGetErrorString(r));
    std::exit(1);
  }
}
#define AIDC_NCCL(call) check_nccl((call), #call, __LINE__)

__global__ void fill_value(float* p, std::size_t n, float v) {
  for (std::size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += std::size_t(gridDim.x) * blockDim.x) p[i] = v;
}

struct Device {
  int id = 0;
  ncclComm_t comm{};
  cudaStream_t stream{};
  float* send = nullptr;
  float* recv = nullptr;
};

// Launches one collective on every device. `in_place` makes the buffers overlap as nccl-tests does.
void launch(NcclOp op, std::vector<Device>& devs, long long count, bool in_place) {
  const int n = static_cast<int>(devs.size());
  AIDC_NCCL(ncclGroupStart());
  for (int r = 0; r < n; ++r) {
    Device& d = devs[static_cast<std::size_t>(r)];
    float* recv = in_place ? d.send : d.recv;
    const std::size_t c = static_cast<std::size_t>(count);
    switch (op) {
      case NcclOp::all_reduce:
        AIDC_NCCL(ncclAllReduce(d.send, recv, c, ncclFloat, ncclSum, d.comm, d.stream));
        break;
      case NcclOp::all_gather:
        AIDC_NCCL(ncclAllGather(in_place ? d.send + c * r : d.send, recv, c, ncclFloat, d.comm, d.stream));
        break;
      case NcclOp::reduce_scatter:
        AIDC_NCCL(ncclReduceScatter(d.send, in_place ? d.send + c * r : recv, c, ncclFloat, ncclSum, d.comm, d.stream));
        break;
      case NcclOp::alltoall:
        for (int p = 0; p < n; ++p) {
          AIDC_NCCL(ncclSend(d.send + c * p, c, ncclFloat, p, d.comm, d.stream));
          AIDC_NCCL(ncclRecv(recv + c * p, c, ncclFloat, p, d.comm, d.stream));
        }
        break;
      case NcclOp::broadcast:
        AIDC_NCCL(ncclBroadcast(d.send, recv, c, ncclFloat, 0, d.comm, d.stream));
        break;
      case NcclOp::sendrecv:
        AIDC_NCCL(ncclSend(d.send, c, ncclFloat, (r + 1) % n, d.comm, d.stream));
        AIDC_NCCL(ncclRecv(recv, c, ncclFloat, (r + n - 1) % n, d.comm, d.stream));
        break;
    }
  }
  AIDC_NCCL(ncclGroupEnd());
}

void sync_all(std::vector<Device>& devs) {
  for (auto& d : devs) {
    AIDC_CUDA(cudaSetDevice(d.id));
    AIDC_CUDA(cudaStreamSynchronize(d.stream));
  }
}

double time_us(NcclOp op, std::vector<Device>& devs, long long count, bool in_place, int warmup, int iters) {
  for (int w = 0; w < warmup; ++w) launch(op, devs, count, in_place);
  sync_all(devs);
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < iters; ++i) launch(op, devs, count, in_place);
  sync_all(devs);
  const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
  return dt.count() * kUsPerS / iters;
}

// Rank r's input holds r + 1 everywhere, so every output element has a known value.
float expected(NcclOp op, int n, int rank, std::size_t element, long long count) {
  const float all = static_cast<float>(n) * static_cast<float>(n + 1) / 2.0f;
  const std::size_t block = static_cast<std::size_t>(count);
  switch (op) {
    case NcclOp::all_reduce:
    case NcclOp::reduce_scatter:
      return all;
    case NcclOp::all_gather:
    case NcclOp::alltoall:
      return static_cast<float>(element / block + 1);
    case NcclOp::broadcast:
      return 1.0f;
    case NcclOp::sendrecv:
      return static_cast<float>((rank + n - 1) % n + 1);
  }
  return 0.0f;
}

long long count_wrong(NcclOp op, std::vector<Device>& devs, long long count) {
  const int n = static_cast<int>(devs.size());
  const long long out_elems = (op == NcclOp::all_gather || op == NcclOp::alltoall) ? count * n : count;
  const std::size_t sample = std::min<std::size_t>(kSample, static_cast<std::size_t>(out_elems));
  std::vector<float> head(sample), tail(sample);
  AIDC_CUDA(cudaSetDevice(devs[0].id));
  AIDC_CUDA(cudaMemcpy(head.data(), devs[0].recv, sample * sizeof(float), cudaMemcpyDeviceToHost));
  AIDC_CUDA(cudaMemcpy(tail.data(), devs[0].recv + (out_elems - static_cast<long long>(sample)), sample * sizeof(float),
                       cudaMemcpyDeviceToHost));
  long long wrong = 0;
  for (std::size_t i = 0; i < sample; ++i) {
    wrong += head[i] != expected(op, n, 0, i, count);
    wrong += tail[i] != expected(op, n, 0, static_cast<std::size_t>(out_elems) - sample + i, count);
  }
  return wrong;
}

void reset_inputs(std::vector<Device>& devs, std::size_t elems) {
  for (std::size_t r = 0; r < devs.size(); ++r) {
    AIDC_CUDA(cudaSetDevice(devs[r].id));
    fill_value<<<kBlocks, kThreads, 0, devs[r].stream>>>(devs[r].send, elems, static_cast<float>(r + 1));
    AIDC_CUDA(cudaGetLastError());
  }
  sync_all(devs);
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<NcclArgs> args;
  try {
    args = parse_nccl_args(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::invalid_argument& e) {
    std::cerr << "aidc-nccl: " << e.what() << "\n" << nccl_usage();
    return 2;
  }
  if (!args) {
    std::cout << nccl_usage();
    return 0;
  }
  int visible = 0;
  AIDC_CUDA(cudaGetDeviceCount(&visible));
  const int n = args->gpus > 0 ? args->gpus : visible;
  if (n < 1 || n > visible) {
    std::cerr << "aidc-nccl: " << n << " GPUs requested, " << visible << " visible\n";
    return 2;
  }
  std::vector<int> ids(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) ids[static_cast<std::size_t>(i)] = i;
  std::vector<ncclComm_t> comms(static_cast<std::size_t>(n));
  AIDC_NCCL(ncclCommInitAll(comms.data(), n, ids.data()));
  const std::size_t max_elems = static_cast<std::size_t>(args->max_bytes / kWordBytes);
  std::vector<Device> devs(static_cast<std::size_t>(n));
  char host[kHostNameMax] = {};
  gethostname(host, sizeof host - 1);
  std::string devices = "#\n# Using devices\n";
  for (int r = 0; r < n; ++r) {
    Device& d = devs[static_cast<std::size_t>(r)];
    d.id = r;
    d.comm = comms[static_cast<std::size_t>(r)];
    AIDC_CUDA(cudaSetDevice(r));
    AIDC_CUDA(cudaStreamCreateWithFlags(&d.stream, cudaStreamNonBlocking));
    AIDC_CUDA(cudaMalloc(&d.send, max_elems * sizeof(float)));
    AIDC_CUDA(cudaMalloc(&d.recv, max_elems * sizeof(float)));
    cudaDeviceProp prop{};
    AIDC_CUDA(cudaGetDeviceProperties(&prop, r));
    devices += nccl_device_line(r, static_cast<int>(getpid()), host, r, prop.pciBusID, prop.name);
  }
  int version = 0;
  AIDC_NCCL(ncclGetVersion(&version));
  std::string env;
  for (char** e = environ; *e; ++e) {
    if (std::string(*e).rfind("NCCL_", 0) == 0) env += std::string(" ") + *e;
  }

  std::printf("# aidc-nccl (nccl-tests table format)\n# NCCL version %d.%d.%d\n# nodes x GPUs: 1 x %d\n",
              version / kNcclMajor, (version % kNcclMajor) / kNcclMinor, version % kNcclMinor, n);
  if (!env.empty()) std::printf("# env:%s\n", env.c_str());
  for (NcclOp op : args->ops) {
    // Sizes nccl-tests would run: the element count rounded down to a multiple of the rank count.
    std::vector<std::pair<long long, long long>> runs;  // (size, count)
    for (long long s : size_sweep(args->min_bytes, args->max_bytes, args->factor)) {
      const long long count = nccl_count(op, s, kWordBytes, n);
      if (count > 0) runs.push_back({nccl_size(op, count, kWordBytes, n), count});
    }
    if (runs.empty()) continue;
    const bool reduces = op == NcclOp::all_reduce || op == NcclOp::reduce_scatter;
    std::printf("# Collective test starting: %s_perf\n", std::string(nccl_op_name(op)).c_str());
    std::cout << nccl_step_line(n, runs.front().first, runs.back().first, args->factor, args->warmup, args->iters)
              << devices << "#\n"
              << nccl_column_header();
    double busbw_sum = 0.0;
    for (auto [size, count] : runs) {
      reset_inputs(devs, max_elems);
      const double oop_us = time_us(op, devs, count, false, args->warmup, args->iters);
      reset_inputs(devs, max_elems);
      launch(op, devs, count, false);
      sync_all(devs);
      const long long wrong = count_wrong(op, devs, count);
      const double ip_us = time_us(op, devs, count, true, args->warmup, args->iters);
      const NcclColumns oop = nccl_columns(op, size, n, oop_us, wrong);
      const NcclColumns ip = nccl_columns(op, size, n, ip_us, -1);
      busbw_sum += oop.busbw_gb_per_s;
      std::cout << nccl_row(size, count, "float", reduces ? "sum" : "none", op == NcclOp::broadcast ? 0 : -1, oop, ip);
      std::fflush(stdout);
    }
    std::cout << nccl_footer(busbw_sum / static_cast<double>(runs.size()));
  }
  for (auto& d : devs) {
    AIDC_CUDA(cudaSetDevice(d.id));
    AIDC_CUDA(cudaFree(d.send));
    AIDC_CUDA(cudaFree(d.recv));
    AIDC_CUDA(cudaStreamDestroy(d.stream));
    ncclCommDestroy(d.comm);
  }
  return 0;
}
