#pragma once
// Error checks shared by the cuda/ tools: a failed CUDA, cuBLASLt or NCCL call prints where and why and
// exits with status 1 (a benchmark with a failed call has no result worth printing).
#include <cstdio>
#include <cstdlib>

#include <cuda_runtime.h>

namespace aidc::cudabench {

inline void check_cuda(cudaError_t status, const char* what, const char* file, int line) {
  if (status != cudaSuccess) {
    std::fprintf(stderr, "%s:%d: %s failed: %s\n", file, line, what, cudaGetErrorString(status));
    std::exit(1);
  }
}

}  // namespace aidc::cudabench

// A macro only to capture the call text and location for the message.
#define AIDC_CUDA(call) ::aidc::cudabench::check_cuda((call), #call, __FILE__, __LINE__)
