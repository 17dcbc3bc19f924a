// PLACEHOLDER: replaced by the subcommand.
#include "commands.h"
namespace escalsim::tools { void add_check_command(CLI::App&, int&) {} }
