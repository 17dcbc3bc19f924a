// Erlang B, C and A: the closed forms of a single staffed queue, used by `escalsim optimise`
// to screen out staffing plans that theory already rules out before any of them is simulated.
//
// Units: rates per hour, times in hours. Servers are whole numbers. Every function returns
// a figure for any input it accepts (an unstable M/M/c gives a wait probability of 1 and an
// infinite mean wait) rather than throwing: screening asks about plans far out of range.
#pragma once

namespace escalsim::detail {

// Erlang B: the probability that an arrival finds all `servers` busy with no waiting room
// (M/M/c/c), at offered load `load_erlangs` = arrival rate x mean handle time.
// REQUIRES: servers >= 0, load_erlangs >= 0.
double erlang_b(int servers, double load_erlangs);

// Erlang C: the probability that an arrival waits (M/M/c, unlimited waiting room, FIFO).
// 1 when load_erlangs >= servers. REQUIRES: servers >= 1, load_erlangs >= 0.
double erlang_c(int servers, double load_erlangs);

// The M/M/c service level: the share of arrivals answered within `within_h` hours,
// 1 - C exp(-(c mu - lambda) t). 0 when the queue is unstable.
// REQUIRES: servers >= 1, arrival rate >= 0, mean handle time > 0, within_h >= 0.
double erlang_c_service_level(int servers, double arrival_rate_per_h, double mean_handle_h,
                              double within_h);

// The M/M/c mean wait in the queue of an arrival, C / (c mu - lambda), in hours; infinity
// when unstable.
double erlang_c_mean_wait_h(int servers, double arrival_rate_per_h, double mean_handle_h);

// M/M/c+M (Erlang A, Palm): as M/M/c, but a waiting complaint abandons after an exponential
// patience with mean `mean_patience_h`. Stable at any load.
struct ErlangAFigures {
  double prob_wait = 0.0;     // an arrival finds every server busy
  double prob_abandon = 0.0;  // an arrival abandons before service
  double mean_wait_h = 0.0;   // over every arrival, served and abandoned
};
// REQUIRES: servers >= 1, arrival rate >= 0, mean handle time > 0, mean patience > 0.
ErlangAFigures erlang_a(int servers, double arrival_rate_per_h, double mean_handle_h,
                        double mean_patience_h);

}  // namespace escalsim::detail
