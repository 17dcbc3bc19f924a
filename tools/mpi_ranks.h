// The ranks of an MPI job, so that `mpirun -n R escalsim sweep ...` spreads the points over
// R processes. The only file that knows about MPI: without ESCALSIM_MPI, or when the program
// was not started by mpirun, there is one rank.
#pragma once

namespace escalsim::tools {

// Joins the MPI job for its lifetime (MPI_Init_thread ... MPI_Finalize) when the build has
// MPI and the process was started by an MPI launcher; otherwise rank 0 of 1. Only the thread
// that made it may call its members.
class MpiRanks {
 public:
  MpiRanks();
  ~MpiRanks();
  MpiRanks(const MpiRanks&) = delete;
  MpiRanks& operator=(const MpiRanks&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

  // Collective: true on every rank when `ok` is true on every rank. Also a barrier.
  bool all(bool ok) const;
  // Collective: rank 0's `ok`, on every rank.
  bool from_root(bool ok) const;

 private:
  bool joined_ = false;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace escalsim::tools
