// The scripts are linked in byte for byte with the assembler's .incbin: no generated source,
// no escaping, and a change of version only relinks. CMake passes the paths and versions
// (ESCALSIM_VEGA_JS and friends) and rebuilds this file when a script changes.
#include "report/chart_library.h"

// Each script is followed by its end symbol, so its size is end - begin.
#define ESCALSIM_EMBED(symbol, path)                  \
  asm(".pushsection .rodata\n"                        \
      ".balign 16\n"                                  \
      ".global " #symbol "_begin\n" #symbol "_begin:\n" \
      ".incbin \"" path "\"\n"                        \
      ".global " #symbol "_end\n" #symbol "_end:\n"   \
      ".popsection\n");                               \
  extern "C" const char symbol##_begin[];             \
  extern "C" const char symbol##_end[];

ESCALSIM_EMBED(escalsim_vega_js, ESCALSIM_VEGA_JS)
ESCALSIM_EMBED(escalsim_vega_lite_js, ESCALSIM_VEGA_LITE_JS)
ESCALSIM_EMBED(escalsim_vega_embed_js, ESCALSIM_VEGA_EMBED_JS)

namespace escalsim::report {
namespace {

std::string_view between(const char* begin, const char* end) {
  return {begin, static_cast<std::string_view::size_type>(end - begin)};
}

}  // namespace

const ChartLibrary (&chart_libraries())[3] {
  static const ChartLibrary libraries[3] = {
      {"vega", ESCALSIM_VEGA_VERSION, between(escalsim_vega_js_begin, escalsim_vega_js_end)},
      {"vega-lite", ESCALSIM_VEGA_LITE_VERSION,
       between(escalsim_vega_lite_js_begin, escalsim_vega_lite_js_end)},
      {"vega-embed", ESCALSIM_VEGA_EMBED_VERSION,
       between(escalsim_vega_embed_js_begin, escalsim_vega_embed_js_end)},
  };
  return libraries;
}

}  // namespace escalsim::report
