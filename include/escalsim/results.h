// What one run measures: per desk, per complaint, per executive, after the warm-up.
//
// Every figure covers the span from the end of the warm-up to the horizon. Complaint
// figures cover the complaints that arrived in that span.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "escalsim/duration_bins.h"
#include "escalsim/scenario.h"
#include "escalsim/units.h"

namespace escalsim {

// Summary of a sample of durations: streaming moments plus quantiles from a fixed
// log-spaced histogram (relative error under 1% for durations from 1 second to 10 years).
struct DurationSummary {
  std::int64_t count = 0;
  Duration mean;
  Duration p50, p90, p99;
};

struct DeskResult {
  std::string name;
  bool executive = false;

  std::int64_t arrivals = 0;     // visits that reached the desk (including refused ones)
  std::int64_t served = 0;       // services completed
  std::int64_t abandoned = 0;    // left the queue when patience ran out
  std::int64_t refused = 0;      // found the queue full
  std::int64_t handed_back = 0;  // executive desk: sent to the hand-back desk (budget spent)
  std::int64_t declined = 0;     // executive desk: closed unresolved (budget spent)
  std::int64_t resolved = 0;     // services that resolved the complaint

  // Busy staff time over available staff time. Above 1 only when work in progress runs
  // past a shift's end. For an executive desk: budget used over budget
  // (ExecutiveResult::budget_used_share), so it compares with staff desks; above 1 when
  // items started inside the budget ran past it (overrun).
  double utilisation = 0.0;
  double mean_staff = 0.0;       // time-average staff on duty

  // Waiting in the queue, for every visit whose wait ended (served or abandoned).
  DurationSummary wait;
  // The same waits counted in the fixed bins of duration_bins.h; they sum to wait.count.
  DurationBinCounts wait_bins{};
  // Share of visits (not refused) that had to wait at all.
  double waited_share = 0.0;
  // Mean wait by severity (served or abandoned visits); zero where there were none.
  std::array<Duration, kSeverityCount> wait_mean_by_severity{};
  std::array<std::int64_t, kSeverityCount> wait_count_by_severity{};

  double mean_queue = 0.0;      // time-average complaints waiting
  double mean_in_desk = 0.0;    // time-average complaints waiting or in service (Little's L)
  Duration sojourn_mean;        // mean time a visit spent at the desk (Little's W), all visits
  std::int64_t sojourn_count = 0;
  std::int64_t backlog_at_end = 0;   // waiting or in service at the horizon
  // What is still at the desk at the horizon (waiting or in service, warm-up arrivals
  // included): its age since the complaint's first arrival. count == backlog_at_end. The
  // waits above cover only visits whose wait ended; in an overloaded desk this is where
  // the longest waits are.
  DurationSummary open_age;
  double backlog_growth_per_week = 0.0;  // least-squares slope of the backlog series
};

// How a complaint came to a desk, counted at the engine for every visit.
enum class ArrivalWay {
  kDemand,            // a first contact whose demand stream enters this desk
  kReturn,            // a returning customer whose return enters this desk
  kBypass,            // a policy sent a new complaint or a return here instead of its entry
  kRoute,             // a scenario route after service at another desk (or this one)
  kPolicyEscalation,  // a policy sent it here after service (route_after_service/chosen)
  kHandBack,          // an executive desk with its budget spent handed it back here
};
inline constexpr int kArrivalWayCount = 6;

// Executive desk figures.
struct ExecutiveResult {
  std::string desk;
  Duration budget;          // budget offered over the measured span (weeks after warm-up)
  Duration used;            // handle time charged over the measured span
  Duration overrun;         // charged beyond the week's budget (items that ran over)
  // Of `used`: hours the executive worked on another desk's staff (a frontline stint).
  // Executive time, costed as such; the staff desk's mean_staff includes it.
  Duration elsewhere;
  std::int64_t items = 0;   // services started over the measured span
  // Budget used over budget offered over the measured span: hours (used / budget) when the
  // desk has an hours budget, else items over items_per_month for the span's months.
  double budget_used_share = 0.0;
  // Busy time over the time inside availability windows (what DeskResult::utilisation
  // means for a staff desk), reported beside budget_used_share.
  double window_utilisation = 0.0;
  // Measured visits that reached the desk, by how they came (index: ArrivalWay); they sum
  // to the desk's DeskResult::arrivals.
  std::array<std::int64_t, kArrivalWayCount> arrivals_by_way{};
  DurationSummary reply;    // from a complaint's first arrival to the end of executive service
  double backlog_growth_per_week = 0.0;

  // The budget per calendar week; none when the desk has only an items-per-month budget.
  std::optional<Duration> budget_per_week;
  // Per calendar week (week k is [k, k + 1) weeks of simulation time, from Monday 00:00),
  // what was charged in it, as `used` and `items` are: entry i is week first_week + i. The
  // weeks listed run from the one holding the end of the warm-up to the one holding the last
  // moment before the end of the run (at least one week); a week cut by the warm-up counts
  // only what was charged after it, and an item charged at the very end of a run that ends
  // on a week boundary counts in the last week listed. They sum to `used` and `items`.
  int first_week = 0;
  std::vector<Duration> used_by_week;
  std::vector<std::int64_t> items_by_week;
};

struct ComplaintResult {
  // Final states of the complaints that arrived after the warm-up; they add up to arrived.
  std::int64_t arrived = 0;
  std::int64_t resolved = 0;
  std::int64_t closed_unresolved = 0;  // left unresolved (including executive declines)
  std::int64_t abandoned = 0;
  std::int64_t refused = 0;
  std::int64_t open_at_end = 0;

  DurationSummary time_to_resolution;  // resolved complaints: first arrival to resolution
  // The same times counted in the fixed bins of duration_bins.h; they sum to
  // time_to_resolution.count.
  DurationBinCounts time_to_resolution_bins{};
  DurationSummary time_in_system;      // every complaint that left: first arrival to leaving
  // The open_at_end complaints (arrived after the warm-up, still in the system at the
  // horizon): their age since first arrival. count == open_at_end.
  DurationSummary open_age;
  double resolution_rate = 0.0;        // resolved / those that left
  double escalation_rate = 0.0;        // share that were routed to a second desk
  double executive_share = 0.0;        // share that reached an executive desk
};

// A time series of backlog (waiting + in service) and of queue length (waiting only) per
// desk, sampled every RunSettings::sample_interval from the end of the warm-up, both at
// the same moments: queue_by_desk[d][k] <= by_desk[d][k].
struct BacklogSeries {
  Duration interval;
  SimTime first;                              // time of the first sample
  std::vector<std::vector<std::int32_t>> by_desk;  // [desk][sample]
  std::vector<std::vector<std::int32_t>> queue_by_desk;  // [desk][sample]
};

// Engine invariants checked during the run (always counted; asserted when asked).
struct InvariantReport {
  bool conservation = true;       // every complaint in exactly one final state or open
  bool clock_monotone = true;
  bool capacity_respected = true;  // busy staff never started work beyond staff on duty
};

// The hours of a week: bin h is [h, h + 1) hours from Monday 00:00 of the simulation's
// calendar (time 0 is a Monday midnight), so bin 0 is Monday 00:00-01:00, bin 167 Sunday
// 23:00-24:00.
inline constexpr int kHourOfWeekBins = 168;

// Visits by the hour of the week in which they arrived at the desk, over the measured span
// (visits that arrived after the warm-up). `answered` and `abandoned` are counted in the
// bin of the visit's arrival, as are the waits of both (wait_sum_min); refused visits count
// in arrivals only. Scope "desk:<name>" covers every visit to the desk; scope "complaints"
// covers each complaint's first visit (the desk its contact entered).
struct HourOfWeekCounts {
  std::string scope;
  std::array<std::int64_t, kHourOfWeekBins> arrivals{};
  std::array<std::int64_t, kHourOfWeekBins> answered{};
  std::array<std::int64_t, kHourOfWeekBins> abandoned{};
  std::array<double, kHourOfWeekBins> wait_sum_min{};
  // Desk scopes only: answered within the desk's first service-level target (its
  // `service_level`, else the scenario's), counted like `answered`; all 0 when the desk has
  // no target, and in the "complaints" scope. Not written to results_by_hour.csv; `escalsim
  // shifts` reads it for the service level by hour.
  std::array<std::int64_t, kHourOfWeekBins> answered_within_first_target{};
};

// One named figure of a run, for tidy output and aggregation.
// scope: "desk:<name>", "executive:<name>" or "complaints".
struct Metric {
  std::string scope;
  std::string name;
  double value = 0.0;
};

struct RunResult {
  int replication = 0;
  std::uint64_t seed = 0;          // the derived seed of this run
  SimTime measured_from;           // end of warm-up
  SimTime measured_to;             // horizon, or the time the run stopped
  bool stopped_early = false;      // the system grew beyond EngineOptions::max_in_system
  std::int64_t events = 0;         // events processed

  std::vector<DeskResult> desks;   // in scenario order
  std::vector<ExecutiveResult> executives;
  ComplaintResult complaints;
  BacklogSeries backlog;
  InvariantReport invariants;

  // By hour of the week: the overall "complaints" scope, then each desk in scenario order
  // (the service recorder's).
  std::vector<HourOfWeekCounts> by_hour_of_week;

  // Figures of the policies ("policy:<name>"), the customer model ("customers",
  // "segment:<name>"), economics ("economics") and fairness ("fairness:<group>"), in a
  // fixed order for a given scenario.
  std::vector<Metric> extra;
};


// Every figure of a run as metrics, in a fixed order. Durations are in minutes, and their
// names end in "_min"; rates and shares are plain numbers.
std::vector<Metric> flatten(const RunResult& run);

}  // namespace escalsim
