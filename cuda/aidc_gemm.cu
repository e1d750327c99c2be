// aidc-gemm: cuBLASLt matmul throughput of one GPU over shapes (M, N, K) and precisions (fp32, tf32, bf16,
// fp16, fp8 e4m3 where the GPU supports it, compute capability >= 8.9). Layout "TN" (A transposed, as fp8
// requires on Hopper), column-major, D = A^T B with 32-bit accumulation. Inputs are fresh pseudo-random
// values in [-1, 1) (never zeros, which would let power management flatter the result); each shape runs
// --warmup untimed calls, then --repeats calls each timed with CUDA events; the CSV reports the median.
// Before timing a dtype, a 256 x 256 x 256 case is checked element-wise against a double-precision host
// reference; the check column says pass or fail. Prints the aidc-gemm CSV (calib/gemm_log.hpp).
#include <cublasLt.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_fp8.h>
#include <cuda_runtime.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "cuda/cuda_check.hpp"
#include "cuda/host/bench_host.hpp"

namespace {

using namespace aidc::cudabench;

constexpr int kThreads = 256;
constexpr std::size_t kWorkspaceBytes = 64ull << 20;
constexpr long long kCheckSize = 256;
constexpr double kUsPerMs = 1e3;
constexpr double kFlopsPerFma = 2.0;
constexpr double kUsPerS = 1e6;
constexpr double kFlopsPerTflop = 1e12;
constexpr int kFp8MinComputeCapability = 89;
constexpr int kCcMajorScale = 10;

void check_lt(cublasStatus_t s, const char* what, int line) {
  if (s != CUBLAS_STATUS_SUCCESS) {
    std::fprintf(stderr, "aidc_gemm.cu:%d: %s failed: status %d\n", line, what, static_cast<int>(s));
    std::exit(1);
  }
}
#define AIDC_LT(call) check_lt((call), #call, __LINE__)

// Counter-based uniform values in [-1, 1): the same (seed, index) gives the same value on host and device.
__host__ __device__ inline float uniform(unsigned long long seed, unsigned long long i) {
  unsigned long long x = seed * 0x9E3779B97F4A7C15ull + i;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return static_cast<float>(x >> 40) / static_cast<float>(1ull << 24) * 2.0f - 1.0f;
}

template <class T>
__global__ void fill_random(T* p, std::size_t n, unsigned long long seed) {
  for (std::size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += std::size_t(gridDim.x) * blockDim.x) {
    p[i] = T(uniform(seed, i));
  }
}

struct DtypeSpec {
  cudaDataType_t ab;
  cudaDataType_t cd;
  cublasComputeType_t compute;
  std::size_t ab_bytes;
  std::size_t cd_bytes;
  double tolerance;  // max |D - ref| / max |ref| allowed by the check
};

DtypeSpec spec_of(const std::string& d) {
  if (d == "fp32") return {CUDA_R_32F, CUDA_R_32F, CUBLAS_COMPUTE_32F_PEDANTIC, 4, 4, 1e-5};
  if (d == "tf32") return {CUDA_R_32F, CUDA_R_32F, CUBLAS_COMPUTE_32F_FAST_TF32, 4, 4, 5e-3};
  if (d == "bf16") return {CUDA_R_16BF, CUDA_R_16BF, CUBLAS_COMPUTE_32F, 2, 2, 2e-2};
  if (d == "fp16") return {CUDA_R_16F, CUDA_R_16F, CUBLAS_COMPUTE_32F, 2, 2, 5e-3};
  return {CUDA_R_8F_E4M3, CUDA_R_16BF, CUBLAS_COMPUTE_32F, 1, 2, 2e-2};
}

void fill(const std::string& d, void* p, std::size_t n, unsigned long long seed, int blocks) {
  if (d == "fp32" || d == "tf32") fill_random<<<blocks, kThreads>>>(static_cast<float*>(p), n, seed);
  if (d == "bf16") fill_random<<<blocks, kThreads>>>(static_cast<__nv_bfloat16*>(p), n, seed);
  if (d == "fp16") fill_random<<<blocks, kThreads>>>(static_cast<__half*>(p), n, seed);
  if (d == "fp8") fill_random<<<blocks, kThreads>>>(static_cast<__nv_fp8_e4m3*>(p), n, seed);
  AIDC_CUDA(cudaGetLastError());
}

// Host view of a device buffer as floats (the values the GPU really multiplied, after rounding to dtype).
std::vector<float> to_host_floats(cudaDataType_t type, const void* p, std::size_t n) {
  std::vector<float> out(n);
  if (type == CUDA_R_32F) {
    AIDC_CUDA(cudaMemcpy(out.data(), p, n * 4, cudaMemcpyDeviceToHost));
  } else if (type == CUDA_R_16BF) {
    std::vector<__nv_bfloat16> v(n);
    AIDC_CUDA(cudaMemcpy(v.data(), p, n * 2, cudaMemcpyDeviceToHost));
    for (std::size_t i = 0; i < n; ++i) out[i] = __bfloat162float(v[i]);
  } else if (type == CUDA_R_16F) {
    std::vector<__half> v(n);
    AIDC_CUDA(cudaMemcpy(v.data(), p, n * 2, cudaMemcpyDeviceToHost));
    for (std::size_t i = 0; i < n; ++i) out[i] = __half2float(v[i]);
  } else {
    std::vector<__nv_fp8_e4m3> v(n);
    AIDC_CUDA(cudaMemcpy(v.data(), p, n, cudaMemcpyDeviceToHost));
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<float>(v[i]);
  }
  return out;
}

class Matmul {
 public:
  Matmul(cublasLtHandle_t lt, const DtypeSpec& s, long long m, long long n, long long k, void* workspace)
      : lt_(lt), workspace_(workspace) {
    AIDC_LT(cublasLtMatmulDescCreate(&desc_, s.compute, CUDA_R_32F));
    cublasOperation_t ta = CUBLAS_OP_T, tb = CUBLAS_OP_N;
    AIDC_LT(cublasLtMatmulDescSetAttribute(desc_, CUBLASLT_MATMUL_DESC_TRANSA, &ta, sizeof ta));
    AIDC_LT(cublasLtMatmulDescSetAttribute(desc_, CUBLASLT_MATMUL_DESC_TRANSB, &tb, sizeof tb));
    AIDC_LT(cublasLtMatrixLayoutCreate(&a_, s.ab, static_cast<uint64_t>(k), static_cast<uint64_t>(m), k));
    AIDC_LT(cublasLtMatrixLayoutCreate(&b_, s.ab, static_cast<uint64_t>(k), static_cast<uint64_t>(n), k));
    AIDC_LT(cublasLtMatrixLayoutCreate(&d_, s.cd, static_cast<uint64_t>(m), static_cast<uint64_t>(n), m));
    cublasLtMatmulPreference_t pref;
    AIDC_LT(cublasLtMatmulPreferenceCreate(&pref));
    std::size_t ws = kWorkspaceBytes;
    AIDC_LT(cublasLtMatmulPreferenceSetAttribute(pref, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &ws, sizeof ws));
    int found = 0;
    AIDC_LT(cublasLtMatmulAlgoGetHeuristic(lt_, desc_, a_, b_, d_, d_, pref, 1, &heuristic_, &found));
    AIDC_LT(cublasLtMatmulPreferenceDestroy(pref));
    ok_ = found > 0;
  }
  ~Matmul() {
    cublasLtMatrixLayoutDestroy(a_);
    cublasLtMatrixLayoutDestroy(b_);
    cublasLtMatrixLayoutDestroy(d_);
    cublasLtMatmulDescDestroy(desc_);
  }
  bool ok() const { return ok_; }
  void run(const void* a, const void* b, void* d) {
    const float alpha = 1.0f, beta = 0.0f;
    AIDC_LT(cublasLtMatmul(lt_, desc_, &alpha, a, a_, b, b_, &beta, d, d_, d, d_, &heuristic_.algo, workspace_,
                           kWorkspaceBytes, nullptr));
  }

 private:
  cublasLtHandle_t lt_;
  void* workspace_;
  cublasLtMatmulDesc_t desc_{};
  cublasLtMatrixLayout_t a_{}, b_{}, d_{};
  cublasLtMatmulHeuristicResult_t heuristic_{};
  bool ok_ = false;
};

// Returns max |D - ref| / max |ref| for a small case, or a negative value when cuBLASLt has no algorithm.
double check_dtype(cublasLtHandle_t lt, const std::string& d, void* workspace, int blocks) {
  const DtypeSpec s = spec_of(d);
  const long long m = kCheckSize, n = kCheckSize, k = kCheckSize;
  void *a = nullptr, *b = nullptr, *out = nullptr;
  AIDC_CUDA(cudaMalloc(&a, m * k * s.ab_bytes));
  AIDC_CUDA(cudaMalloc(&b, k * n * s.ab_bytes));
  AIDC_CUDA(cudaMalloc(&out, m * n * s.cd_bytes));
  fill(d, a, m * k, 1, blocks);
  fill(d, b, k * n, 2, blocks);
  Matmul mm(lt, s, m, n, k, workspace);
  double err = -1.0;
  if (mm.ok()) {
    mm.run(a, b, out);
    AIDC_CUDA(cudaDeviceSynchronize());
    auto ha = to_host_floats(s.ab, a, m * k);
    auto hb = to_host_floats(s.ab, b, k * n);
    auto hd = to_host_floats(s.cd, out, m * n);
    double max_err = 0.0, max_ref = 0.0;
    for (long long j = 0; j < n; ++j) {
      for (long long i = 0; i < m; ++i) {
        double ref = 0.0;
        for (long long p = 0; p < k; ++p) ref += double(ha[i * k + p]) * double(hb[j * k + p]);
        max_err = std::max(max_err, std::abs(double(hd[j * m + i]) - ref));
        max_ref = std::max(max_ref, std::abs(ref));
      }
    }
    err = max_err / max_ref;
  }
  AIDC_CUDA(cudaFree(a));
  AIDC_CUDA(cudaFree(b));
  AIDC_CUDA(cudaFree(out));
  return err;
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<GemmArgs> args;
  try {
    args = parse_gemm_args(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::invalid_argument& e) {
    std::cerr << "aidc-gemm: " << e.what() << "\n" << gemm_usage();
    return 2;
  }
  if (!args) {
    std::cout << gemm_usage();
    return 0;
  }
  AIDC_CUDA(cudaSetDevice(args->device));
  cudaDeviceProp prop{};
  AIDC_CUDA(cudaGetDeviceProperties(&prop, args->device));
  int driver = 0, runtime = 0, sm_khz = 0, mem_khz = 0, sms = 0;
  AIDC_CUDA(cudaDriverGetVersion(&driver));
  AIDC_CUDA(cudaRuntimeGetVersion(&runtime));
  AIDC_CUDA(cudaDeviceGetAttribute(&sm_khz, cudaDevAttrClockRate, args->device));
  AIDC_CUDA(cudaDeviceGetAttribute(&mem_khz, cudaDevAttrMemoryClockRate, args->device));
  AIDC_CUDA(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, args->device));
  const int cc = prop.major * kCcMajorScale + prop.minor;
  const int blocks = sms * 8;
  cublasLtHandle_t lt;
  AIDC_LT(cublasLtCreate(&lt));
  void* workspace = nullptr;
  AIDC_CUDA(cudaMalloc(&workspace, kWorkspaceBytes));

  std::cout << csv_preamble("aidc-gemm",
                            {{"gpu", prop.name},
                             {"compute_capability", std::to_string(prop.major) + "." + std::to_string(prop.minor)},
                             {"sm_clock_mhz", std::to_string(sm_khz / 1000)},
                             {"mem_clock_mhz", std::to_string(mem_khz / 1000)},
                             {"driver", std::to_string(driver)},
                             {"cuda_runtime", std::to_string(runtime)},
                             {"cublaslt", std::to_string(cublasLtGetVersion())},
                             {"warmup", std::to_string(args->warmup)},
                             {"layout", "TN column-major, fp32 accumulate"}},
                            "dtype,m,n,k,repeats,median_us,min_us,max_us,tflops,check");
  long long rows = 0;
  bool all_pass = true;
  cudaEvent_t start, stop;
  AIDC_CUDA(cudaEventCreate(&start));
  AIDC_CUDA(cudaEventCreate(&stop));
  for (const auto& d : args->dtypes) {
    if (d == "fp8" && cc < kFp8MinComputeCapability) {
      std::printf("# skipped fp8: compute capability %d.%d has no fp8 tensor cores\n", prop.major, prop.minor);
      continue;
    }
    const DtypeSpec s = spec_of(d);
    const double err = check_dtype(lt, d, workspace, blocks);
    const std::string check = err < 0.0 ? "not_run" : (err <= s.tolerance ? "pass" : "fail");
    if (check == "fail") all_pass = false;
    std::printf("# check %s %lldx%lldx%lld: max error / max |ref| = %.3g (tolerance %.3g)\n", d.c_str(), kCheckSize,
                kCheckSize, kCheckSize, err, s.tolerance);
    for (const auto& shape : args->shapes) {
      void *a = nullptr, *b = nullptr, *out = nullptr;
      if (cudaMalloc(&a, shape.m * shape.k * s.ab_bytes) != cudaSuccess ||
          cudaMalloc(&b, shape.k * shape.n * s.ab_bytes) != cudaSuccess ||
          cudaMalloc(&out, shape.m * shape.n * s.cd_bytes) != cudaSuccess) {
        std::printf("# skipped %s %lldx%lldx%lld: out of memory\n", d.c_str(), shape.m, shape.n, shape.k);
        cudaFree(a);
        cudaFree(b);
        cudaGetLastError();
        continue;
      }
      fill(d, a, shape.m * shape.k, static_cast<unsigned long long>(rows) * 2 + 11, blocks);
      fill(d, b, shape.k * shape.n, static_cast<unsigned long long>(rows) * 2 + 12, blocks);
      Matmul mm(lt, s, shape.m, shape.n, shape.k, workspace);
      if (!mm.ok()) {
        std::printf("# skipped %s %lldx%lldx%lld: no cuBLASLt algorithm\n", d.c_str(), shape.m, shape.n, shape.k);
      } else {
        for (int w = 0; w < args->warmup; ++w) mm.run(a, b, out);
        std::vector<double> times;
        for (int r = 0; r < args->repeats; ++r) {
          AIDC_CUDA(cudaEventRecord(start));
          mm.run(a, b, out);
          AIDC_CUDA(cudaEventRecord(stop));
          AIDC_CUDA(cudaEventSynchronize(stop));
          float ms = 0.0f;
          AIDC_CUDA(cudaEventElapsedTime(&ms, start, stop));
          times.push_back(ms * kUsPerMs);
        }
        const double med = median(times);
        double lo = times[0], hi = times[0];
        for (double t : times) {
          lo = std::min(lo, t);
          hi = std::max(hi, t);
        }
        const double flops = kFlopsPerFma * double(shape.m) * double(shape.n) * double(shape.k);
        std::printf("%s,%lld,%lld,%lld,%d,%.3f,%.3f,%.3f,%.2f,%s\n", d.c_str(), shape.m, shape.n, shape.k,
                    args->repeats, med, lo, hi, flops / (med / kUsPerS) / kFlopsPerTflop, check.c_str());
        ++rows;
      }
      AIDC_CUDA(cudaFree(a));
      AIDC_CUDA(cudaFree(b));
      AIDC_CUDA(cudaFree(out));
    }
  }
  std::cout << csv_footer(rows);
  AIDC_CUDA(cudaFree(workspace));
  AIDC_LT(cublasLtDestroy(lt));
  return all_pass ? 0 : 3;
}
