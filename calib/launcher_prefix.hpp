#pragma once
// Launcher prefixes in front of every line a process prints (srun -l, Open MPI --tag-output, MPICH, torchrun,
// pdsh): the nccl-tests reader strips them per output stream, the other readers when a whole file carries one.
#include <string>
#include <string_view>

namespace aidc::calib {

enum class PrefixKind {
  srun,      // "0: text"                 srun -l
  open_mpi,  // "[1,0]<stdout>:text"      mpirun --tag-output (Open MPI 4 and 5)
  bracket,   // "[0] text", "[default0]:text"   MPICH -prepend-rank, torchrun --tee/--role prefixes
  host,      // "node-000: text"          pdsh, clush
};

// Strips the prefix of `kind` from `text` and returns it (without its separator); "" when the line has none.
std::string strip_prefix(std::string_view& text, PrefixKind kind);

}  // namespace aidc::calib
