// Tests of `escalsim graph` as a user runs it: DOT, SVG, --set, --out, and bad input.
#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include "tools/program_runner.h"

namespace {

using namespace escalsim::testing;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::string kDefault = std::string("'") + ESCALSIM_SOURCE_DIR + "/scenarios/default.yaml'";

}  // namespace

TEST_CASE("escalsim graph: prints the organisation graph as DOT") {
  TempDir dir;
  const Outcome o = run_program(dir.path(), "graph " + kDefault);
  CHECK(o.status == 0);
  CHECK(o.err.empty());
  CHECK(o.out.rfind("digraph ", 0) == 0);
  for (const char* desk : {"frontline", "specialists", "ceo"}) CHECK(contains(o.out, desk));
  CHECK(contains(o.out, "3 h per week, Mon 08-09, Wed 17-18, Fri 16-17"));
  // The same scenario, the same bytes.
  CHECK(run_program(dir.path(), "graph " + kDefault).out == o.out);
}

TEST_CASE("escalsim graph: --format svg draws it with Graphviz") {
  TempDir dir;
  const Outcome o = run_program(dir.path(), "graph " + kDefault + " --format svg");
  CHECK(o.status == 0);
  CHECK(contains(o.out, "<svg"));
  CHECK(contains(o.out, "specialists"));
}

TEST_CASE("escalsim graph: --format svg without Graphviz is a one-line error") {
  TempDir dir;
  // PATH set for the program alone: an empty folder, so no dot. The program itself is
  // started by its absolute path.
  const std::string command = fmt::format("cd '{}' && PATH='{}' '{}' graph {} --format svg",
                                          dir.path().string(), dir.path().string(),
                                          ESCALSIM_PROGRAM, kDefault);
  const std::string out = dir / "out.txt", err = dir / "err.txt";
  const int raw = std::system(fmt::format("{} > '{}' 2> '{}'", command, out, err).c_str());
  REQUIRE(WIFEXITED(raw));
  CHECK(WEXITSTATUS(raw) == 2);
  const std::string message = read_file(err);
  CHECK(lines_of(message).size() == 1);
  CHECK(message ==
        "escalsim: error: --format svg needs Graphviz's dot program (install the graphviz "
        "package, or tools/setup.sh)\n");
  CHECK(read_file(out).empty());
}

TEST_CASE("escalsim graph: --set applies before the graph is drawn") {
  TempDir dir;
  const Outcome o =
      run_program(dir.path(), "graph " + kDefault + " --set 'desks.ceo.budget=5 h per week'");
  CHECK(o.status == 0);
  CHECK(contains(o.out, "5 h per week"));
  CHECK(!contains(o.out, "3 h per week"));
}

TEST_CASE("escalsim graph: --out writes the file") {
  TempDir dir;
  const Outcome o = run_program(dir.path(), "graph " + kDefault + " --out org.dot");
  CHECK(o.status == 0);
  CHECK(o.out.empty());
  CHECK(contains(o.err, "org.dot"));
  CHECK(read_file(dir.path() / "org.dot").rfind("digraph ", 0) == 0);
}

TEST_CASE("escalsim graph: a bad scenario is one line on stderr and exit status 2") {
  TempDir dir;
  write_file(dir.path() / "bad.yaml",
             "run: {name: bad}\n"
             "demand: {rate: 10 per hour}\n"
             "desks: {frontline: {staff: 3, handle_time: 15 minuets}}\n");
  const Outcome o = run_program(dir.path(), "graph bad.yaml");
  CHECK(o.status == 2);
  CHECK(o.out.empty());
  CHECK(lines_of(o.err).size() == 1);
  CHECK(o.err.rfind("escalsim: error: bad.yaml:3:", 0) == 0);

  const Outcome format = run_program(dir.path(), "graph " + kDefault + " --format png");
  CHECK(format.status == 2);
  CHECK(lines_of(format.err).size() == 1);
}
