// MpiRanks: MPI when the build has it (ESCALSIM_MPI defines ESCALSIM_HAVE_MPI) and the
// process was started by mpirun; one rank otherwise.
#include "mpi_ranks.h"

#include <cstdlib>

#ifdef ESCALSIM_HAVE_MPI
#include <mpi.h>
#endif

#include "escalsim/errors.h"

namespace escalsim::tools {
namespace {

#ifdef ESCALSIM_HAVE_MPI
// Launchers set these in their processes (Open MPI, PMIx, MPICH's Hydra and Slurm). A plain
// start of the program stays a single process: MPI's singleton start is slow and may fail
// in containers.
bool started_by_mpi_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}
#endif

}  // namespace

MpiRanks::MpiRanks() {
#ifdef ESCALSIM_HAVE_MPI
  if (!started_by_mpi_launcher()) return;
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (initialised) return;
  // Worker threads never call MPI; only this one does.
  int provided = 0;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    throw Error("cannot join the MPI job (MPI_Init_thread failed)");
  }
  joined_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#endif
}

MpiRanks::~MpiRanks() {
#ifdef ESCALSIM_HAVE_MPI
  if (joined_) MPI_Finalize();
#endif
}

bool MpiRanks::all(bool ok) const {
#ifdef ESCALSIM_HAVE_MPI
  if (joined_) {
    int mine = ok ? 1 : 0;
    int every = 0;
    MPI_Allreduce(&mine, &every, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return every == 1;
  }
#endif
  return ok;
}

bool MpiRanks::from_root(bool ok) const {
#ifdef ESCALSIM_HAVE_MPI
  if (joined_) {
    int value = ok ? 1 : 0;
    MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return value == 1;
  }
#endif
  return ok;
}

}  // namespace escalsim::tools
