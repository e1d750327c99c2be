#include "models/perf/training_job.hpp"

#include <stdexcept>

namespace aidc::models {

std::string_view to_string(Recompute r) {
  switch (r) {
    case Recompute::none:
      return "none";
    case Recompute::selective:
      return "selective";
    case Recompute::full:
      return "full";
  }
  return "?";
}

void validate(const TrainingJob& job) {
  validate(job.model);
  const auto& p = job.parallel;
  auto require = [&](bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument("training job '" + job.name + "': " + what);
  };
  require(p.tp >= 1 && p.pp >= 1 && p.dp >= 1 && p.cp >= 1 && p.ep >= 1 && p.interleave >= 1,
          "parallel sizes must be >= 1");
  require(job.model.heads % p.tp == 0, "tp must divide heads");
  require(job.model.kv() % p.tp == 0 || p.tp % job.model.kv() == 0, "tp and kv_heads must divide one another");
  require(job.model.layers % (p.pp * p.interleave) == 0 || p.pp * p.interleave <= job.model.layers,
          "pp * interleave must not exceed layers");
  require(job.model.seq_len % p.cp == 0, "cp must divide seq_len");
  require((p.dp * p.cp) % p.ep == 0, "ep must divide dp * cp");
  require(job.model.moe.experts == 0 || job.model.moe.experts % p.ep == 0, "ep must divide experts");
  require(job.micro_batch >= 1 && job.global_batch >= 1, "batch sizes must be >= 1");
  require(job.global_batch % (job.micro_batch * p.dp) == 0, "global_batch must be a multiple of micro_batch * dp");
}

}  // namespace aidc::models
