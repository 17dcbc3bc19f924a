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

}  // namespace escalsim::detail
