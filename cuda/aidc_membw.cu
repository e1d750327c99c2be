// aidc-membw: device memory bandwidth of one GPU: cudaMemcpy device-to-device copy and a STREAM triad
// kernel (a = b + s c) over buffer sizes from well inside to well past the L2 cache. Prints the aidc-membw
// CSV (calib/membw_log.hpp): bytes_moved counts reads plus writes (copy 2x, triad 3x the buffer), the time
// is the median of --repeats CUDA-event-timed runs after one warm-up run.
#include <cuda_runtime.h>

#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cuda/cuda_check.hpp"
#include "cuda/host/bench_host.hpp"

namespace {

using namespace aidc::cudabench;

constexpr int kThreads = 256;
constexpr float kTriadScalar = 3.0f;
constexpr double kUsPerMs = 1e3;
constexpr double kUsPerS = 1e6;
constexpr double kBytesPerGb = 1e9;

__global__ void fill(float* a, std::size_t n, float value) {
  for (std::size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += std::size_t(gridDim.x) * blockDim.x) {
    a[i] = value + static_cast<float>(i % 1024);
  }
}

__global__ void triad(float* a, const float* b, const float* c, std::size_t n, float s) {
  for (std::size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += std::size_t(gridDim.x) * blockDim.x) {
    a[i] = b[i] + s * c[i];
  }
}

template <class Run>
double median_us(int repeats, Run run) {
  cudaEvent_t start, stop;
  AIDC_CUDA(cudaEventCreate(&start));
  AIDC_CUDA(cudaEventCreate(&stop));
  run();  // warm-up
  std::vector<double> times;
  for (int r = 0; r < repeats; ++r) {
    AIDC_CUDA(cudaEventRecord(start));
    run();
    AIDC_CUDA(cudaEventRecord(stop));
    AIDC_CUDA(cudaEventSynchronize(stop));
    float ms = 0.0f;
    AIDC_CUDA(cudaEventElapsedTime(&ms, start, stop));
    times.push_back(ms * kUsPerMs);
  }
  AIDC_CUDA(cudaEventDestroy(start));
  AIDC_CUDA(cudaEventDestroy(stop));
  return median(times);
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<MembwArgs> args;
  try {
    args = parse_membw_args(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::invalid_argument& e) {
    std::cerr << "aidc-membw: " << e.what() << "\n" << membw_usage();
    return 2;
  }
  if (!args) {
    std::cout << membw_usage();
    return 0;
  }
  AIDC_CUDA(cudaSetDevice(args->device));
  cudaDeviceProp prop{};
  AIDC_CUDA(cudaGetDeviceProperties(&prop, args->device));
  int driver = 0, runtime = 0, l2 = 0, sms = 0;
  AIDC_CUDA(cudaDriverGetVersion(&driver));
  AIDC_CUDA(cudaRuntimeGetVersion(&runtime));
  AIDC_CUDA(cudaDeviceGetAttribute(&l2, cudaDevAttrL2CacheSize, args->device));
  AIDC_CUDA(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, args->device));
  const auto sizes = size_sweep(args->min_bytes, args->max_bytes, args->factor);
  const std::size_t max_elems = static_cast<std::size_t>(sizes.back()) / sizeof(float);
  float *a = nullptr, *b = nullptr, *c = nullptr;
  AIDC_CUDA(cudaMalloc(&a, max_elems * sizeof(float)));
  AIDC_CUDA(cudaMalloc(&b, max_elems * sizeof(float)));
  AIDC_CUDA(cudaMalloc(&c, max_elems * sizeof(float)));
  const int blocks = sms * 8;
  fill<<<blocks, kThreads>>>(b, max_elems, 1.0f);
  fill<<<blocks, kThreads>>>(c, max_elems, 2.0f);
  AIDC_CUDA(cudaGetLastError());
  AIDC_CUDA(cudaDeviceSynchronize());

  std::cout << csv_preamble("aidc-membw",
                            {{"gpu", prop.name},
                             {"l2_bytes", std::to_string(l2)},
                             {"driver", std::to_string(driver)},
                             {"cuda_runtime", std::to_string(runtime)},
                             {"repeats", std::to_string(args->repeats)}},
                            "kernel,buffer_bytes,bytes_moved,repeats,median_us,gb_per_s");
  long long rows = 0;
  for (long long bytes : sizes) {
    const std::size_t n = static_cast<std::size_t>(bytes) / sizeof(float);
    const double copy_us = median_us(
        args->repeats, [&] { AIDC_CUDA(cudaMemcpyAsync(a, b, n * sizeof(float), cudaMemcpyDeviceToDevice)); });
    const double triad_us = median_us(args->repeats, [&] { triad<<<blocks, kThreads>>>(a, b, c, n, kTriadScalar); });
    AIDC_CUDA(cudaGetLastError());
    for (auto [name, streams, us] : {std::tuple{"copy", 2LL, copy_us}, std::tuple{"triad", 3LL, triad_us}}) {
      const long long moved = streams * bytes;
      std::printf("%s,%lld,%lld,%d,%.3f,%.2f\n", name, bytes, moved, args->repeats, us,
                  static_cast<double>(moved) / (us / kUsPerS) / kBytesPerGb);
      ++rows;
    }
  }
  std::cout << csv_footer(rows);
  AIDC_CUDA(cudaFree(a));
  AIDC_CUDA(cudaFree(b));
  AIDC_CUDA(cudaFree(c));
  return 0;
}
