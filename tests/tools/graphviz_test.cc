// Tests of render_svg_with_graphviz: SVG from dot, dot's errors, large input and output,
// and no dot on PATH.
#include <cstdlib>
#include <optional>
#include <string>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include "escalsim/errors.h"
#include "graphviz.h"
#include "tools/program_runner.h"

namespace escalsim::tools {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Sets PATH for the life of the object, then puts the old value back.
class PathSetting {
 public:
  explicit PathSetting(const std::string& value) {
    const char* old = std::getenv("PATH");
    if (old) old_ = old;
    ::setenv("PATH", value.c_str(), 1);
  }
  ~PathSetting() {
    if (old_) {
      ::setenv("PATH", old_->c_str(), 1);
    } else {
      ::unsetenv("PATH");
    }
  }
  PathSetting(const PathSetting&) = delete;
  PathSetting& operator=(const PathSetting&) = delete;

 private:
  std::optional<std::string> old_;
};

// render_svg_with_graphviz, failing the test with the way out when dot is missing.
std::string render(const std::string& dot) {
  std::optional<std::string> svg = render_svg_with_graphviz(dot);
  if (!svg) FAIL("Graphviz's dot is not on PATH: run tools/setup.sh, which installs graphviz");
  return *svg;
}

}  // namespace

TEST_CASE("Graphviz: a digraph becomes SVG") {
  const std::string svg = render("digraph { a -> b [label=\"route\"]; }");
  CHECK(contains(svg, "<svg"));
  CHECK(contains(svg, "route"));
}

TEST_CASE("Graphviz: dot's error is thrown with its first line") {
  REQUIRE(render_svg_with_graphviz("digraph { a -> b; }").has_value());
  try {
    (void)render_svg_with_graphviz("digraph { a -> ; }");
    FAIL("expected an error");
  } catch (const Error& e) {
    const std::string message = e.what();
    CHECK(contains(message, "dot"));
    CHECK(contains(message, "syntax error"));
    CHECK(!contains(message, "\n"));
  }
}

TEST_CASE("Graphviz: megabytes in and out do not deadlock the pipes") {
  // Comments larger than any pipe buffer, and enough nodes for a large SVG.
  std::string dot = "digraph {\n";
  for (int i = 0; i < 4096; ++i) dot += "// " + std::string(1024, 'x') + "\n";
  for (int i = 0; i < 3000; ++i) dot += fmt::format("n{} [label=\"node number {}\"];\n", i, i);
  dot += "}\n";
  const std::string svg = render(dot);
  CHECK(svg.size() > (256u << 10));
  CHECK(contains(svg, "node number 2999"));
}

TEST_CASE("Graphviz: without dot on PATH there is nothing to render") {
  testing::TempDir empty;
  PathSetting path(empty.path().string());
  CHECK(!render_svg_with_graphviz("digraph { a -> b; }").has_value());
}

}  // namespace escalsim::tools
