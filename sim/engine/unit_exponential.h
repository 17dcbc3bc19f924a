// Exponential draws with mean 1: Boost.Random's ziggurat, the same numbers from the same
// generator, without its generic path.
//
// boost::random::exponential_distribution splits one 64-bit word into a table index (the low
// 8 bits) and a fraction (the rest) through loops written for any generator width; for a
// generator whose words are 64 full bits that is two masks, a shift and a multiply. The rare
// branches (about 1.5% of draws: the ziggurat's wedges and tail) are Boost's own code.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_01.hpp>

namespace escalsim {

template <typename Generator>
double unit_exponential(Generator& generator) {
  // Boost's mt19937_64 does not declare min() and max() constexpr; the compiler folds the test.
  if (generator.min() != 0 || generator.max() != std::numeric_limits<std::uint64_t>::max()) {
    return boost::random::exponential_distribution<double>(1.0)(generator);  // not 64 full bits
  }
  using Table = boost::random::detail::exponential_table<double>;
  const double* const table_x = Table::table_x;
  const double* const table_y = Table::table_y;
  double shift = 0.0;
  for (;;) {
    // generate_int_float_pair<double, 8> for one 64-bit word: the index is the low byte; the
    // fraction is the upper 56 bits after Boost clears bit 11, scaled by 2^-56.
    const std::uint64_t word = generator();
    const int i = static_cast<int>(word & 0xffu);
    const double fraction =
        static_cast<double>((word & ~(std::uint64_t{1} << 11)) >> 8) * 0x1.0p-56;
    const double x = fraction * table_x[i];
    if (x < table_x[i + 1]) [[likely]] return shift + x;
    if (i == 0) {
      shift += table_x[1];  // the tail is the body again, shifted
      continue;
    }
    const double y01 = boost::random::uniform_01<double>()(generator);
    const double y = table_y[i] + y01 * (table_y[i + 1] - table_y[i]);
    const double y_above_ubound = (table_x[i] - table_x[i + 1]) * y01 - (table_x[i] - x);
    const double y_above_lbound = y - (table_y[i + 1] + (table_x[i + 1] - x) * table_y[i + 1]);
    if (y_above_ubound < 0 && (y_above_lbound < 0 || y < std::exp(-x))) return x + shift;
  }
}

}  // namespace escalsim
