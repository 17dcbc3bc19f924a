// Shift patterns and the integer program that covers an hourly requirement with them.
//
// The program: x_p >= 0 whole staff on pattern p; minimise sum_p x_p hours_p subject to
// sum_{p covers h} x_p >= r_h for every hour h with r_h > 0. Hours with no requirement give
// no row. x_p never needs to exceed max_h r_h (fewer on p would still cover every hour), so
// the columns are bounded by it, which keeps GLPK's branch and bound finite and small.
#include "escalsim/shift_scheduling.h"

#include <glpk.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>

#include <fmt/core.h>

#include "escalsim/errors.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

constexpr std::array<const char*, 7> kDayNames{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::vector<std::string_view> split_blanks(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) parts.push_back(text.substr(start, i - start));
  }
  return parts;
}

int weekday_or_throw(std::string_view word, const std::string& pattern) {
  const std::optional<int> day = detail::parse_weekday(word);
  if (!day) {
    throw Error(fmt::format("pattern '{}': '{}' is not a weekday (mon, tue, ..., sun)", pattern,
                            word));
  }
  return *day;
}

// "mon-fri" (wrapping past Sunday when the end comes before the start), "sat", "mon,wed".
std::array<bool, 7> parse_days(std::string_view text, const std::string& pattern) {
  std::array<bool, 7> days{};
  std::size_t i = 0;
  while (i <= text.size()) {
    const std::size_t comma = std::min(text.find(',', i), text.size());
    const std::string_view item = text.substr(i, comma - i);
    const std::size_t dash = item.find('-');
    if (dash == std::string_view::npos) {
      days[static_cast<std::size_t>(weekday_or_throw(item, pattern))] = true;
    } else {
      const int from = weekday_or_throw(item.substr(0, dash), pattern);
      const int to = weekday_or_throw(item.substr(dash + 1), pattern);
      for (int d = from;; d = (d + 1) % 7) {
        days[static_cast<std::size_t>(d)] = true;
        if (d == to) break;
      }
    }
    i = comma + 1;
  }
  return days;
}

}  // namespace

int ShiftPattern::hours_per_week() const {
  return static_cast<int>(std::count(days.begin(), days.end(), true)) * length_hours;
}

bool ShiftPattern::covers(int hour) const {
  for (int d = 0; d < 7; ++d) {
    if (!days[static_cast<std::size_t>(d)]) continue;
    // Hours since this day's start, wrapping the week: the shift of Sunday 22:00 covers
    // Monday 03:00 when it is long enough.
    const int since = ((hour - (d * 24 + start_hour)) % kHourOfWeekBins + kHourOfWeekBins) %
                      kHourOfWeekBins;
    if (since < length_hours) return true;
  }
  return false;
}

ShiftPattern parse_shift_pattern(const std::string& text) {
  const std::vector<std::string_view> parts = split_blanks(text);
  if (parts.size() < 3) {
    throw Error(fmt::format("pattern '{}': expected <days> <start> <length>, e.g. "
                            "\"mon-fri 08:00 8h\"",
                            text));
  }
  ShiftPattern p;
  p.text = text;
  p.days = parse_days(parts[0], text);
  const detail::Parsed<Duration> start = detail::parse_time_of_day(parts[1]);
  if (!start.value) throw Error(fmt::format("pattern '{}': start {}", text, start.problem));
  const double start_min = start.value->in_minutes();
  if (start_min >= 24 * 60 || start_min != 60.0 * static_cast<int>(start_min / 60.0)) {
    throw Error(fmt::format("pattern '{}': the start must be on the hour, from 00:00 to 23:00, "
                            "got '{}'",
                            text, parts[1]));
  }
  p.start_hour = static_cast<int>(start_min / 60.0);
  std::string length_text;
  for (std::size_t i = 2; i < parts.size(); ++i) {
    if (i > 2) length_text += ' ';
    length_text += parts[i];
  }
  const detail::Parsed<Duration> length = detail::parse_duration(length_text);
  if (!length.value) throw Error(fmt::format("pattern '{}': length {}", text, length.problem));
  const double length_h = length.value->in_hours();
  if (!(length_h >= 1.0 && length_h <= 24.0) || length_h != static_cast<int>(length_h)) {
    throw Error(fmt::format("pattern '{}': the length must be whole hours from 1 h to 24 h, "
                            "got '{}'",
                            text, length_text));
  }
  p.length_hours = static_cast<int>(length_h);
  return p;
}

HourlyStaff shift_coverage(const std::vector<ShiftPattern>& patterns,
                           const std::vector<int>& staff) {
  HourlyStaff coverage{};
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    for (int h = 0; h < kHourOfWeekBins; ++h) {
      if (patterns[p].covers(h)) coverage[static_cast<std::size_t>(h)] += staff[p];
    }
  }
  return coverage;
}

std::string hour_of_week_label(int hour) {
  return fmt::format("{} {:02d}:00", kDayNames[static_cast<std::size_t>(hour / 24)], hour % 24);
}

ShiftPlan schedule_shifts(const HourlyStaff& required, const std::vector<ShiftPattern>& patterns) {
  if (patterns.empty()) throw Error("no shift patterns: give at least one --pattern");
  int most = 0;
  std::vector<int> rows;  // hours that need staff
  for (int h = 0; h < kHourOfWeekBins; ++h) {
    const int r = required[static_cast<std::size_t>(h)];
    if (r <= 0) continue;
    most = std::max(most, r);
    rows.push_back(h);
    const bool covered = std::any_of(patterns.begin(), patterns.end(),
                                     [h](const ShiftPattern& p) { return p.covers(h); });
    if (!covered) {
      throw Error(fmt::format("{} needs {} staff but no pattern covers it; add a pattern "
                              "that works then",
                              hour_of_week_label(h), r));
    }
  }
  ShiftPlan plan;
  plan.staff.assign(patterns.size(), 0);
  for (int r : required) plan.required_hours += std::max(r, 0);
  if (!rows.empty()) {
    const std::unique_ptr<glp_prob, void (*)(glp_prob*)> lp(glp_create_prob(), glp_delete_prob);
    glp_term_out(GLP_OFF);
    glp_set_obj_dir(lp.get(), GLP_MIN);
    glp_add_rows(lp.get(), static_cast<int>(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      glp_set_row_bnds(lp.get(), static_cast<int>(i) + 1, GLP_LO,
                       required[static_cast<std::size_t>(rows[i])], 0.0);
    }
    glp_add_cols(lp.get(), static_cast<int>(patterns.size()));
    // GLPK's sparse matrix is 1-based: element 0 of each array is unused.
    std::vector<int> ia{0}, ja{0};
    std::vector<double> ar{0.0};
    for (std::size_t p = 0; p < patterns.size(); ++p) {
      const int col = static_cast<int>(p) + 1;
      glp_set_col_kind(lp.get(), col, GLP_IV);
      glp_set_col_bnds(lp.get(), col, GLP_DB, 0.0, most);
      glp_set_obj_coef(lp.get(), col, patterns[p].hours_per_week());
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!patterns[p].covers(rows[i])) continue;
        ia.push_back(static_cast<int>(i) + 1);
        ja.push_back(col);
        ar.push_back(1.0);
      }
    }
    glp_load_matrix(lp.get(), static_cast<int>(ar.size()) - 1, ia.data(), ja.data(), ar.data());
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;  // solves the LP relaxation itself
    parm.msg_lev = GLP_MSG_OFF;
    parm.tm_lim = 60 * 1000;
    const int ret = glp_intopt(lp.get(), &parm);
    if (ret != 0 || glp_mip_status(lp.get()) != GLP_OPT) {
      throw Error(fmt::format("shift scheduling: the solver found no optimal plan within a "
                              "minute (GLPK status {}, return code {}); use fewer patterns",
                              glp_mip_status(lp.get()), ret));
    }
    for (std::size_t p = 0; p < patterns.size(); ++p) {
      plan.staff[p] = static_cast<int>(glp_mip_col_val(lp.get(), static_cast<int>(p) + 1) + 0.5);
    }
  }
  plan.coverage = shift_coverage(patterns, plan.staff);
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    plan.staff_hours += static_cast<long long>(plan.staff[p]) * patterns[p].hours_per_week();
  }
  return plan;
}

std::vector<Shift> shifts_of(const std::vector<ShiftPattern>& patterns,
                             const std::vector<int>& staff) {
  std::vector<Shift> shifts;
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    if (staff[p] <= 0) continue;
    const ShiftPattern& pattern = patterns[p];
    const int end_hour = pattern.start_hour + pattern.length_hours;
    Shift same_day;
    same_day.days = pattern.days;
    same_day.from = Duration::hours(pattern.start_hour);
    same_day.to = Duration::hours(std::min(end_hour, 24));
    same_day.staff = staff[p];
    shifts.push_back(same_day);
    if (end_hour > 24) {
      // The part after midnight, on the day after each of the pattern's days.
      Shift next_day;
      for (int d = 0; d < 7; ++d) {
        next_day.days[static_cast<std::size_t>((d + 1) % 7)] = pattern.days[static_cast<std::size_t>(d)];
      }
      next_day.from = Duration::hours(0);
      next_day.to = Duration::hours(end_hour - 24);
      next_day.staff = staff[p];
      shifts.push_back(next_day);
    }
  }
  return shifts;
}

}  // namespace escalsim
