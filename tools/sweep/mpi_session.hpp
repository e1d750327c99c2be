#pragma once
// MpiSession: MPI for `aidc sweep` when it is started by mpirun, and nothing otherwise.
//
// aidc links OpenMPI when CMake finds it (AIDC_WITH_MPI), but a plain `aidc sweep` must not pay MPI's start-up
// or need a launcher: MPI is initialised only when the process was started by mpirun (OpenMPI's
// OMPI_COMM_WORLD_SIZE, or PMIx's PMIX_RANK, is set). A launched process in a build without MPI is an error,
// not N independent copies racing on one output file.
#include <string>

namespace aidc::tools {

class MpiSession {
 public:
  MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  ~MpiSession();
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool active() const { return active_; }
  void barrier() const;
  // Ends every rank after an error on one (a lone failing rank would leave the others waiting at a barrier).
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool active_ = false;
};

// Whether this process was started by an MPI launcher.
bool launched_by_mpirun();
// Whether this aidc was built with MPI.
bool built_with_mpi();

}  // namespace aidc::tools
