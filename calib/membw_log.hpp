#pragma once
// Memory-bandwidth logs: aidc-membw CSV (cuda/aidc-membw), BabelStream / nvbandwidth markdown tables of
// the Azure AI-benchmarking-guide ("| Copy | 2.90 |" in TB/s; "| Host to Device | 51 |" in GB/s), and
// nvbandwidth "SUM <test> <GB/s>" lines.
//
// aidc-membw CSV, version 1:
//   # aidc-membw 1
//   # gpu: NVIDIA H100 80GB HBM3           (also: l2_bytes, driver, cuda_runtime)
//   kernel,buffer_bytes,bytes_moved,repeats,median_us,gb_per_s
//   copy,1073741824,2147483648,20,760.1,2825.3
//   # end: 1 rows
// bytes_moved counts reads plus writes (copy: 2 x buffer, triad: 3 x buffer); gb_per_s = bytes_moved /
// median time (1e9 B/s). A missing footer or a wrong row count is a truncated log.
#include <string>
#include <vector>

#include "calib/text_lines.hpp"

namespace aidc::calib {

struct MembwPoint {
  std::string kernel;         // copy, triad, mul, add, dot, h2d, d2h, d2d_read, or an nvbandwidth test name
  double buffer_bytes = 0.0;  // 0 when the source does not say
  double gb_per_s = 0.0;
  int line = 0;
};

struct MembwSeries {
  std::string file;
  std::string label;
  std::string gpu;
  std::vector<MembwPoint> points;
};

bool looks_like_aidc_membw(const TextLines& text);
std::vector<MembwSeries> parse_aidc_membw(const TextLines& text);
bool looks_like_bandwidth_markdown(const TextLines& text);
std::vector<MembwSeries> parse_bandwidth_markdown(const TextLines& text);
// BabelStream's own output (versions 3-5): "Function  MBytes/sec  Min (sec)  Max  Average" and one row per
// kernel (Copy, Mul, Add, Triad, Dot, Nstream); MBytes, MiBytes, GBytes or GiBytes per second (version 5: MB/s,
// MiB/s, GB/s, GiB/s, TB/s, TiB/s); the GPU from
// its "Using <backend> device <name>" line.
bool looks_like_babelstream(const TextLines& text);
std::vector<MembwSeries> parse_babelstream(const TextLines& text);
// BabelStream --csv: "function,num_times,n_elements,sizeof,max_<unit>_per_sec,min_runtime,max_runtime,
// avg_runtime" (unit mbytes/mibytes in versions 3-4, MB/MiB/GB/GiB/TB/TiB in 5), after the device lines a GPU
// backend prints even in CSV mode ("Using CUDA device <name>": the GPU; "Driver:", "Memory:"). Each row's
// bandwidth is checked against weight x sizeof x n_elements / min_runtime (BabelStream's own formula: Copy,
// Mul, Dot move 2 arrays, Add, Triad 3, Nstream 4); version 5.0's Init and Read rows (3 arrays, once) are
// checked and left out. Without a device line the GPU comes from a "# hardware:" comment or FILE#gpu=H100.
bool looks_like_babelstream_csv(const TextLines& text);
std::vector<MembwSeries> parse_babelstream_csv(const TextLines& text);

bool looks_like_nvbandwidth_sum(const TextLines& text);
std::vector<MembwSeries> parse_nvbandwidth_sum(const TextLines& text);

}  // namespace aidc::calib
