// The least staff for an M/M/c queue to meet a service level, by Erlang C: the part of
// staffing_requirement() (escalsim/shift_scheduling.h) that tests check against theory.
//
// Private to shift scheduling under its own name; sim/analysis/erlang.* is the general one.
#pragma once

namespace escalsim::detail {

// The share of arrivals to an M/M/c queue (c servers, offered load a = lambda x mean
// handle time in Erlangs) whose wait is at most `within_over_handle` mean handle times:
// 1 - C(c, a) exp(-(c - a) t / S). 0 when c <= a (the queue is unstable).
// REQUIRES: c >= 1, a >= 0, within_over_handle >= 0.
double shift_erlang_c_service_level(int servers, double offered_erlangs,
                                    double within_over_handle);

// The least c >= 1 with shift_erlang_c_service_level(c, a, t) >= share; 0 when a == 0.
// REQUIRES: 0 < share < 1, a >= 0. Throws Error when more than 1000000 would be needed.
int shift_erlang_c_staff(double offered_erlangs, double within_over_handle, double share);

// The same for M/M/c+M (Erlang A: exponential patience with mean `patience_over_handle`
// mean handle times): the share of arrivals served with a wait of at most
// `within_over_handle` (abandoners count against it, as in the service recorder). An arrival
// finding j waiting reaches service after V = sum_{m=0..j} Exp(c mu + m theta), which is
// -ln(W) / theta with W ~ Beta(c mu / theta, j + 1); it is served within t when V <= t and
// its patience outlasts V: E[W; W >= e^(-theta t)] = k / (k + j + 1) (1 - I_{e^-theta t}(k +
// 1, j + 1)), k = c mu / theta. Stationary probabilities from the birth-death chain.
// REQUIRES: c >= 1, a >= 0, within_over_handle >= 0, patience_over_handle > 0.
double shift_erlang_a_service_level(int servers, double offered_erlangs, double within_over_handle,
                                    double patience_over_handle);

// The least c >= 1 with shift_erlang_a_service_level(c, ...) >= share; 0 when a == 0.
int shift_erlang_a_staff(double offered_erlangs, double within_over_handle,
                         double patience_over_handle, double share);

}  // namespace escalsim::detail
