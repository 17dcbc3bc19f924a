// Hour-of-week figures pooled over replications, and results_by_hour.csv.
#include "report/hour_of_week.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <ostream>

#include <fmt/format.h>

#include "escalsim/report.h"
#include "escalsim/units.h"
#include "report/format_helpers.h"

namespace escalsim::detail {

double hours_in_bin(int hour, double from_min, double to_min) {
  if (!(to_min > from_min)) return 0.0;
  // Whole weeks each hold the bin once; the rest is at most a week, checked piece by piece.
  const double weeks = std::floor((to_min - from_min) / kWeekMin);
  double hours = weeks;
  const double rest_from = from_min + weeks * kWeekMin;
  const double bin_from = hour * 60.0;
  // The bin's occurrences that can meet [rest_from, to_min): in the week holding rest_from
  // and the next.
  const double week_start = std::floor(rest_from / kWeekMin) * kWeekMin;
  for (int w = 0; w < 2; ++w) {
    const double a = week_start + w * kWeekMin + bin_from;
    const double lo = std::max(a, rest_from), hi = std::min(a + 60.0, to_min);
    if (hi > lo) hours += (hi - lo) / 60.0;
  }
  return hours;
}

std::vector<HourOfWeekFigures> hour_of_week_figures(const ExperimentResult& result) {
  std::vector<HourOfWeekFigures> out;
  if (result.runs.empty()) return out;
  const std::size_t scopes = result.runs.front().by_hour_of_week.size();
  const double n = static_cast<double>(result.runs.size());
  for (std::size_t s = 0; s < scopes; ++s) {
    HourOfWeekFigures f;
    f.scope = result.runs.front().by_hour_of_week[s].scope;
    for (int h = 0; h < kHourOfWeekBins; ++h) {
      double arrivals = 0.0, exposure_h = 0.0, answered = 0.0, abandoned = 0.0, wait = 0.0;
      for (const RunResult& run : result.runs) {
        if (s >= run.by_hour_of_week.size()) continue;
        const HourOfWeekCounts& c = run.by_hour_of_week[s];
        arrivals += static_cast<double>(c.arrivals[h]);
        answered += static_cast<double>(c.answered[h]);
        abandoned += static_cast<double>(c.abandoned[h]);
        wait += c.wait_sum_min[h];
        exposure_h += hours_in_bin(h, run.measured_from.in_minutes(), run.measured_to.in_minutes());
      }
      const double ended = answered + abandoned;
      f.arrivals[h] = arrivals / n;
      f.arrival_rate_per_hour[h] = exposure_h > 0.0 ? arrivals / exposure_h : 0.0;
      f.abandonment[h] = ended > 0.0 ? abandoned / ended : 0.0;
      f.wait_mean_min[h] = ended > 0.0 ? wait / ended : 0.0;
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace escalsim::detail

namespace escalsim {

void write_hour_of_week_csv(std::ostream& out, const ExperimentResult& result) {
  static constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  fmt::memory_buffer buffer;
  auto it = std::back_inserter(buffer);
  fmt::format_to(it, "hour_of_week,day,hour,scope,arrivals,arrival_rate_per_hour,abandonment,"
                     "wait_mean_min\n");
  for (const detail::HourOfWeekFigures& f : detail::hour_of_week_figures(result)) {
    for (int h = 0; h < kHourOfWeekBins; ++h) {
      fmt::format_to(it, "{},{},{},{},{},{},{},{}\n", h, kDays[h / 24], h % 24,
                     detail::csv_field(f.scope), detail::csv_number(f.arrivals[h]),
                     detail::csv_number(f.arrival_rate_per_hour[h]),
                     detail::csv_number(f.abandonment[h]), detail::csv_number(f.wait_mean_min[h]));
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace escalsim
