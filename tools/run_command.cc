// PLACEHOLDER: replaced by the subcommand.
#include "commands.h"
namespace escalsim::tools { void add_run_command(CLI::App&, int&) {} }
