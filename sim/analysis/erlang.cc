// Erlang B, C and A (erlang.h).
//
// Erlang B by its stable recurrence B(0) = 1, B(n) = a B(n-1) / (n + a B(n-1)); Erlang C
// from it, C = c B / (c - a (1 - B)). Erlang A as the birth-death chain it is (birth rate
// lambda, death rate min(n, c) mu + max(n - c, 0) theta), summed in ratios to the state c
// until the terms are negligible, then P(Ab) = theta E[Lq] / lambda and E[W] = E[Lq] /
// lambda by Little's law. The test-side yardstick (tests/validation/queueing_theory.cc)
// computes Erlang A from Mandelbaum and Zeltyn's incomplete-gamma form instead, so the two
// check each other.
#include "analysis/erlang.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace escalsim::detail {

double erlang_b(int servers, double load_erlangs) {
  double b = 1.0;
  for (int n = 1; n <= servers; ++n) b = load_erlangs * b / (n + load_erlangs * b);
  return b;
}

double erlang_c(int servers, double load_erlangs) {
  if (load_erlangs >= servers) return 1.0;
  if (load_erlangs <= 0.0) return 0.0;
  const double b = erlang_b(servers, load_erlangs);
  return servers * b / (servers - load_erlangs * (1.0 - b));
}

double erlang_c_service_level(int servers, double arrival_rate_per_h, double mean_handle_h,
                              double within_h) {
  const double load = arrival_rate_per_h * mean_handle_h;
  if (load >= servers) return 0.0;
  const double c = erlang_c(servers, load);
  const double drain_per_h = servers / mean_handle_h - arrival_rate_per_h;
  return 1.0 - c * std::exp(-drain_per_h * within_h);
}

double erlang_c_mean_wait_h(int servers, double arrival_rate_per_h, double mean_handle_h) {
  const double load = arrival_rate_per_h * mean_handle_h;
  if (load >= servers) return std::numeric_limits<double>::infinity();
  return erlang_c(servers, load) / (servers / mean_handle_h - arrival_rate_per_h);
}

ErlangAFigures erlang_a(int servers, double arrival_rate_per_h, double mean_handle_h,
                        double mean_patience_h) {
  ErlangAFigures out;
  if (arrival_rate_per_h <= 0.0) return out;
  const double lambda = arrival_rate_per_h;
  const double mu = 1.0 / mean_handle_h;
  const double theta = 1.0 / mean_patience_h;
  // Below c: p(n) / p(c) = prod_{k=n+1..c} k mu / lambda, summed downwards from c.
  double below = 0.0;  // sum_{n<c} p(n)/p(c)
  double ratio = 1.0;
  for (int n = servers - 1; n >= 0; --n) {
    ratio *= (n + 1) * mu / lambda;
    below += ratio;
    if (ratio > 1e300) break;  // p(c) is negligible against p(n): nothing waits
  }
  // At and above c: p(c + j) / p(c) = prod_{i=1..j} lambda / (c mu + i theta).
  double at_or_above = 1.0;  // sum_{j>=0}
  double queue = 0.0;        // sum_{j>=0} j p(c+j)/p(c)
  double term = 1.0;
  for (int j = 1; j < 10'000'000; ++j) {
    term *= lambda / (servers * mu + j * theta);
    at_or_above += term;
    queue += j * term;
    if (term < 1e-16 * at_or_above && lambda < servers * mu + j * theta) break;
  }
  const double total = below + at_or_above;
  out.prob_wait = at_or_above / total;  // PASTA: arrivals see the time-stationary state
  const double mean_queue = queue / total;
  out.mean_wait_h = mean_queue / lambda;
  out.prob_abandon = theta * mean_queue / lambda;
  return out;
}

}  // namespace escalsim::detail
