#include "models/reliability/job_spec.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace aidc::models::reliability {

namespace {
void nonnegative(double v, const char* field) {
  if (!(v >= 0.0) || !std::isfinite(v)) throw std::invalid_argument(std::string("job: ") + field + " must be >= 0");
}
}  // namespace

void validate(const JobSpec& job) {
  if (job.gpus < 1) throw std::invalid_argument("job: gpus must be >= 1");
  if (job.gpus_per_node < 1) throw std::invalid_argument("job: gpus_per_node must be >= 1");
  if (job.spare_nodes < 0) throw std::invalid_argument("job: spare_nodes must be >= 0");
  if (!(job.window_hours > 0.0) || !std::isfinite(job.window_hours))
    throw std::invalid_argument("job: window_hours must be > 0");
  if (!(job.checkpoint.interval_s > 0.0) || !std::isfinite(job.checkpoint.interval_s))
    throw std::invalid_argument("job: checkpoint.interval_s must be > 0");
  nonnegative(job.checkpoint.save_s, "checkpoint.save_s");
  if (job.checkpoint.async_save && job.checkpoint.save_s > job.checkpoint.interval_s)
    throw std::invalid_argument("job: an asynchronous checkpoint.save_s must not exceed checkpoint.interval_s");
  nonnegative(job.recovery.detection_s, "recovery.detection_s");
  nonnegative(job.recovery.restart_s, "recovery.restart_s");
  nonnegative(job.recovery.reload_s, "recovery.reload_s");
}

}  // namespace aidc::models::reliability
