// aidc-nccl: NCCL collective bandwidth on all GPUs of one node from one process (ncclCommInitAll), or on
// several nodes with one process per GPU under mpirun (below), printed
// in exactly the nccl-tests table format so that calib/ reads its output and nccl-tests logs alike.
// Collectives: all_reduce (float sum), all_gather, reduce_scatter (float sum), alltoall (grouped send/recv),
// broadcast (root 0), sendrecv (each rank sends to the next, receives from the previous).
// For each size: --warmup untimed calls, then --iters calls timed together by the host clock after all
// streams synchronise (as nccl-tests does); the printed time is the mean per call. Out-of-place results are
// validated on a sample of the first GPU's output (#wrong = mismatched sampled elements); in-place #wrong is
// N/A because in-place runs overwrite their own input.
// Multi-node: built with MPI (AIDC_NCCL_MPI, when CMake finds MPI) and started under mpirun, it runs one
// process per GPU (`mpirun -np 16 --map-by ppr:8:node aidc-nccl ...`): rank 0 creates the NCCL id and
// broadcasts it, every rank joins with ncclCommInitRank on its node-local GPU, each timed loop starts after an
// MPI barrier and the printed time is the slowest rank's (MPI_Allreduce MAX), as nccl-tests' MPI build does.
// Rank 0 prints; device lines come from every rank. Without mpirun the same binary runs the one-process mode.
#include <cuda_runtime.h>
#include <nccl.h>
#include <unistd.h>

#ifdef AIDC_NCCL_MPI
#include <mpi.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <set>
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

// The processes of the run: one (all local GPUs, ncclCommInitAll) or an MPI world (one GPU per rank).
struct World {
  bool mpi = false;
  int rank = 0;
  int size = 1;
};

// Under mpirun (OpenMPI sets OMPI_COMM_WORLD_SIZE) with MPI built in: initialise MPI. Otherwise one process.
World start_world(int* argc, char*** argv) {
  World w;
#ifdef AIDC_NCCL_MPI
  if (std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE")) {
    MPI_Init(argc, argv);
    w.mpi = true;
    MPI_Comm_rank(MPI_COMM_WORLD, &w.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &w.size);
  }
#else
  (void)argc;
  (void)argv;
#endif
  return w;
}

void barrier(const World& w) {
#ifdef AIDC_NCCL_MPI
  if (w.mpi) MPI_Barrier(MPI_COMM_WORLD);
#else
  (void)w;
#endif
}

// The slowest rank's value (every rank gets it).
double max_over_ranks(const World& w, double v) {
#ifdef AIDC_NCCL_MPI
  if (w.mpi) {
    double out = v;
    MPI_Allreduce(&v, &out, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    return out;
  }
#else
  (void)w;
#endif
  return v;
}

// Every rank's string, in rank order, on rank 0 (other ranks get their own only).
std::vector<std::string> gather_strings(const World& w, const std::string& mine) {
#ifdef AIDC_NCCL_MPI
  if (w.mpi) {
    constexpr int kMax = 512;
    std::vector<char> buf(kMax, 0), all(static_cast<std::size_t>(kMax) * static_cast<std::size_t>(w.size), 0);
    std::memcpy(buf.data(), mine.data(), std::min<std::size_t>(mine.size(), kMax - 1));
    MPI_Gather(buf.data(), kMax, MPI_CHAR, all.data(), kMax, MPI_CHAR, 0, MPI_COMM_WORLD);
    std::vector<std::string> out;
    if (w.rank == 0) {
      for (int r = 0; r < w.size; ++r) out.emplace_back(all.data() + static_cast<std::size_t>(r) * kMax);
    } else {
      out.push_back(mine);
    }
    return out;
  }
#else
  (void)w;
#endif
  return {mine};
}

void finish_world(const World& w) {
#ifdef AIDC_NCCL_MPI
  if (w.mpi) MPI_Finalize();
#else
  (void)w;
#endif
}

struct Device {
  int id = 0;    // CUDA device of this process
  int rank = 0;  // NCCL rank
  ncclComm_t comm{};
  cudaStream_t stream{};
  float* send = nullptr;
  float* recv = nullptr;
};

// Launches one collective on every device. `in_place` makes the buffers overlap as nccl-tests does.
void launch(NcclOp op, std::vector<Device>& devs, int n, long long count, bool in_place) {
  AIDC_NCCL(ncclGroupStart());
  for (Device& d : devs) {
    const int r = d.rank;
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

double time_us(const World& world, NcclOp op, std::vector<Device>& devs, int n, long long count, bool in_place,
               int warmup, int iters) {
  for (int w = 0; w < warmup; ++w) launch(op, devs, n, count, in_place);
  sync_all(devs);
  barrier(world);
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < iters; ++i) launch(op, devs, n, count, in_place);
  sync_all(devs);
  const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
  return max_over_ranks(world, dt.count() * kUsPerS / iters);
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

// Checks rank 0's output (call on the process that holds rank 0).
long long count_wrong(NcclOp op, std::vector<Device>& devs, int n, long long count) {
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
  for (Device& d : devs) {
    AIDC_CUDA(cudaSetDevice(d.id));
    fill_value<<<kBlocks, kThreads, 0, d.stream>>>(d.send, elems, static_cast<float>(d.rank + 1));
    AIDC_CUDA(cudaGetLastError());
  }
  sync_all(devs);
}

}  // namespace

int main(int argc, char** argv) {
  const World world = start_world(&argc, &argv);
  const auto fail = [&](const std::string& msg) {
    if (world.rank == 0) std::cerr << "aidc-nccl: " << msg << "\n";
    finish_world(world);
    return 2;
  };
  std::optional<NcclArgs> args;
  try {
    args = parse_nccl_args(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::invalid_argument& e) {
    if (world.rank == 0) std::cerr << "aidc-nccl: " << e.what() << "\n" << nccl_usage();
    finish_world(world);
    return 2;
  }
  if (!args) {
    if (world.rank == 0) std::cout << nccl_usage();
    finish_world(world);
    return 0;
  }
  int visible = 0;
  AIDC_CUDA(cudaGetDeviceCount(&visible));
  char host[kHostNameMax] = {};
  gethostname(host, sizeof host - 1);
  std::vector<Device> devs;
  int n = 0;  // NCCL ranks in all
  if (world.mpi) {
    // One GPU per process: the node-local rank picks it.
    if (args->gpus > 1) return fail("--gpus must be 1 (or unset) under mpirun: one process per GPU");
    const char* local = std::getenv("OMPI_COMM_WORLD_LOCAL_RANK");
    const int local_rank = local ? std::atoi(local) : world.rank;
    if (visible < 1 || local_rank >= visible) {
      return fail("rank " + std::to_string(world.rank) + ": node-local rank " + std::to_string(local_rank) + ", " +
                  std::to_string(visible) + " GPUs visible");
    }
    n = world.size;
    ncclUniqueId id{};
    if (world.rank == 0) AIDC_NCCL(ncclGetUniqueId(&id));
#ifdef AIDC_NCCL_MPI
    MPI_Bcast(&id, static_cast<int>(sizeof id), MPI_BYTE, 0, MPI_COMM_WORLD);
#endif
    Device d;
    d.id = local_rank;
    d.rank = world.rank;
    AIDC_CUDA(cudaSetDevice(d.id));
    AIDC_NCCL(ncclCommInitRank(&d.comm, n, id, world.rank));
    devs.push_back(d);
  } else {
    n = args->gpus > 0 ? args->gpus : visible;
    if (n < 1 || n > visible) return fail(std::to_string(n) + " GPUs requested, " + std::to_string(visible) + " visible");
    std::vector<int> ids(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) ids[static_cast<std::size_t>(i)] = i;
    std::vector<ncclComm_t> comms(static_cast<std::size_t>(n));
    AIDC_NCCL(ncclCommInitAll(comms.data(), n, ids.data()));
    for (int r = 0; r < n; ++r) {
      Device d;
      d.id = r;
      d.rank = r;
      d.comm = comms[static_cast<std::size_t>(r)];
      devs.push_back(d);
    }
  }
  const std::size_t max_elems = static_cast<std::size_t>(args->max_bytes / kWordBytes);
  std::string my_devices;
  for (Device& d : devs) {
    AIDC_CUDA(cudaSetDevice(d.id));
    AIDC_CUDA(cudaStreamCreateWithFlags(&d.stream, cudaStreamNonBlocking));
    AIDC_CUDA(cudaMalloc(&d.send, max_elems * sizeof(float)));
    AIDC_CUDA(cudaMalloc(&d.recv, max_elems * sizeof(float)));
    cudaDeviceProp prop{};
    AIDC_CUDA(cudaGetDeviceProperties(&prop, d.id));
    my_devices += nccl_device_line(d.rank, static_cast<int>(getpid()), host, d.id, prop.pciBusID, prop.name);
  }
  const std::vector<std::string> device_lines = gather_strings(world, my_devices);
  const std::vector<std::string> hosts = gather_strings(world, host);
  std::string devices = "#\n# Using devices\n";
  for (const auto& line : device_lines) devices += line;
  const auto nodes = static_cast<int>(std::set<std::string>(hosts.begin(), hosts.end()).size());
  const bool printer = world.rank == 0;
  int version = 0;
  AIDC_NCCL(ncclGetVersion(&version));
  std::string env;
  for (char** e = environ; *e; ++e) {
    if (std::string(*e).rfind("NCCL_", 0) == 0) env += std::string(" ") + *e;
  }

  if (printer) {
    std::printf("# aidc-nccl (nccl-tests table format)\n# NCCL version %d.%d.%d\n# nodes x GPUs: %d x %d\n",
                version / kNcclMajor, (version % kNcclMajor) / kNcclMinor, version % kNcclMinor, nodes, n / nodes);
    if (!env.empty()) std::printf("# env:%s\n", env.c_str());
  }
  for (NcclOp op : args->ops) {
    // Sizes nccl-tests would run: the element count rounded down to a multiple of the rank count.
    std::vector<std::pair<long long, long long>> runs;  // (size, count)
    for (long long s : size_sweep(args->min_bytes, args->max_bytes, args->factor)) {
      const long long count = nccl_count(op, s, kWordBytes, n);
      if (count > 0) runs.push_back({nccl_size(op, count, kWordBytes, n), count});
    }
    if (runs.empty()) continue;
    const bool reduces = op == NcclOp::all_reduce || op == NcclOp::reduce_scatter;
    if (printer) {
      std::printf("# Collective test starting: %s_perf\n", std::string(nccl_op_name(op)).c_str());
      std::cout << nccl_step_line(n, runs.front().first, runs.back().first, args->factor, args->warmup, args->iters)
                << devices << "#\n"
                << nccl_column_header();
    }
    double busbw_sum = 0.0;
    for (auto [size, count] : runs) {
      reset_inputs(devs, max_elems);
      const double oop_us = time_us(world, op, devs, n, count, false, args->warmup, args->iters);
      reset_inputs(devs, max_elems);
      launch(op, devs, n, count, false);
      sync_all(devs);
      const long long wrong = printer ? count_wrong(op, devs, n, count) : 0;
      const double ip_us = time_us(world, op, devs, n, count, true, args->warmup, args->iters);
      const NcclColumns oop = nccl_columns(op, size, n, oop_us, wrong);
      const NcclColumns ip = nccl_columns(op, size, n, ip_us, -1);
      busbw_sum += oop.busbw_gb_per_s;
      if (printer) {
        std::cout << nccl_row(size, count, "float", reduces ? "sum" : "none", op == NcclOp::broadcast ? 0 : -1, oop,
                              ip);
        std::fflush(stdout);
      }
    }
    if (printer) std::cout << nccl_footer(busbw_sum / static_cast<double>(runs.size()));
  }
  for (auto& d : devs) {
    AIDC_CUDA(cudaSetDevice(d.id));
    AIDC_CUDA(cudaFree(d.send));
    AIDC_CUDA(cudaFree(d.recv));
    AIDC_CUDA(cudaStreamDestroy(d.stream));
    ncclCommDestroy(d.comm);
  }
  finish_world(world);
  return 0;
}
