#include "tools/sweep/mpi_session.hpp"

#include <cstdlib>
#include <stdexcept>

#ifdef AIDC_HAVE_MPI
// The C API only: OpenMPI's deprecated C++ bindings would need libmpi_cxx.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace aidc::tools {

bool launched_by_mpirun() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr;
}

bool built_with_mpi() {
#ifdef AIDC_HAVE_MPI
  return true;
#else
  return false;
#endif
}

MpiSession::MpiSession() {
  if (!launched_by_mpirun()) return;
#ifdef AIDC_HAVE_MPI
  int provided = 0;
  // Only the main thread calls MPI (TBB workers never do), so FUNNELED is enough.
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    throw std::runtime_error("MPI_Init_thread failed");
  }
  active_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#else
  throw std::runtime_error(
      "started by mpirun, but this aidc was built without MPI (install libopenmpi-dev and "
      "rebuild, or use --shard k/n and `aidc merge`)");
#endif
}

MpiSession::~MpiSession() {
#ifdef AIDC_HAVE_MPI
  if (active_) MPI_Finalize();
#endif
}

void MpiSession::barrier() const {
#ifdef AIDC_HAVE_MPI
  if (active_) MPI_Barrier(MPI_COMM_WORLD);
#endif
}

void MpiSession::abort(int code) const {
#ifdef AIDC_HAVE_MPI
  if (active_) MPI_Abort(MPI_COMM_WORLD, code);
#endif
  std::exit(code);
}

}  // namespace aidc::tools
