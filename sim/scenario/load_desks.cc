// The `desks:` section: staff or shifts, handle-time and patience distributions, resolution,
// discipline and queue limit; an executive desk's own keys are read by load_executive.cc.
#include "scenario/loader.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "scenario/did_you_mean.h"

namespace escalsim::detail {

namespace {

// A desk with `budget` and/or `items` is an executive desk; `windows`, `when_spent` and
// `hand_back_to` apply to executive desks only.
const std::vector<std::string> kDeskKeys = {"staff",      "shifts",      "handle_time",
                                            "patience",   "resolution",  "discipline",
                                            "queue_limit", "budget",     "items",
                                            "windows",    "when_spent",  "hand_back_to",
                                            "service_level"};
const std::vector<std::string> kShiftKeys = {"days", "from", "to", "staff"};
const std::vector<std::string> kExecutiveOnlyKeys = {"windows", "when_spent", "hand_back_to"};
const std::vector<std::string> kDistributionNames = {"exponential", "fixed",  "uniform",
                                                     "lognormal",   "gamma",  "erlang",
                                                     "empirical"};
const std::vector<std::string> kDisciplineNames = {"fifo", "priority", "oldest_first"};

}  // namespace

void Loader::load_desk_names(const YamlNode& node) {
  expect_map(node, "desks", "a map of desks by name");
  if (node.entries.empty()) fail(node.origin, "at least one desk is needed", "desks");
  for (const YamlEntry& e : node.entries) {
    if (e.key == "exit") {
      fail(e.key_origin, "'exit' is reserved for routes that leave the organisation; "
                         "name the desk differently", "desks.exit");
    }
    if (desk_names_.size() == kMaxDesks) {
      fail(e.key_origin, "a scenario has at most " + std::to_string(kMaxDesks) +
                             " desks; this is desk " + std::to_string(kMaxDesks + 1),
           key_path_join("desks", e.key));
    }
    desk_names_.push_back(e.key);
    executive_desks_.push_back(is_executive_desk(e.value));
    Desk desk;
    desk.name = e.key;
    desk.where = where(e.key_origin, key_path_join("desks", e.key));
    s_.desks.push_back(std::move(desk));
  }
}

void Loader::load_desks(const YamlNode& node) {
  for (std::size_t i = 0; i < node.entries.size(); ++i) {
    load_desk(node.entries[i], s_.desks[i]);
  }
}

void Loader::load_desk(const YamlEntry& entry, Desk& desk) {
  const std::string path = key_path_join("desks", entry.key);
  const YamlNode& node = entry.value;
  if (!node.is_map()) {
    YamlOrigin at = node.is_null() ? entry.key_origin : node.origin;
    fail(at, "expected a map of desk settings (staff, handle_time, ...), got " + node.describe(),
         path);
  }
  check_keys(node, path, kDeskKeys);
  const YamlNode* staff = node.find("staff");
  const YamlNode* shifts = node.find("shifts");
  const bool executive = is_executive_desk(node);

  if (executive) {
    desk.executive = load_executive(node, path, desk);
  } else {
    for (const YamlEntry& e : node.entries) {
      if (std::find(kExecutiveOnlyKeys.begin(), kExecutiveOnlyKeys.end(), e.key) !=
          kExecutiveOnlyKeys.end()) {
        fail(e.key_origin, "'" + e.key + "' applies to an executive desk: give the desk a "
                           "'budget' or 'items'", key_path_join(path, e.key));
      }
    }
  }
  if (executive && shifts) {
    fail(shifts->origin, "an executive desk works in its windows, not in shifts",
         key_path_join(path, "shifts"));
  }
  if (staff && shifts) {
    fail(shifts->origin, "give either 'staff' or 'shifts', not both", key_path_join(path, "shifts"));
  }
  if (!staff && !shifts && !executive) {
    fail(node.origin, "missing required key 'staff' or 'shifts'", key_path_join(path, "staff"));
  }
  desk.staff = 1;
  if (staff) {
    desk.staff = static_cast<int>(integer(*staff, key_path_join(path, "staff"), 1, kMaxStaff));
  }
  if (shifts) load_shifts(*shifts, key_path_join(path, "shifts"), desk);
  if (desk.executive && desk.executive->per_week) {
    // No one works more than the week's hours: a larger budget is never the limit.
    const YamlNode& budget = *node.find("budget");
    if (*desk.executive->per_week > kWeek * static_cast<double>(desk.staff)) {
      fail(budget.origin, "a time budget must be at most 168 h per week for each of the desk's " +
                              std::to_string(desk.staff) + " staff, got '" + budget.text + "'",
           key_path_join(path, "budget"));
    }
  }

  desk.handle_time =
      distribution(required(node, "handle_time", path), key_path_join(path, "handle_time"),
                   "the mean handle time");
  if (const YamlNode* n = node.find("patience")) {
    if (!is_none(*n)) {
      desk.patience = distribution(*n, key_path_join(path, "patience"), "the mean patience");
    }
  }
  if (const YamlNode* n = node.find("resolution")) {
    desk.resolution_probability = resolution(*n, key_path_join(path, "resolution"));
  }
  if (const YamlNode* n = node.find("discipline")) {
    desk.discipline = static_cast<QueueDiscipline>(
        choice(*n, key_path_join(path, "discipline"), "discipline", kDisciplineNames));
  }
  if (const YamlNode* n = node.find("service_level")) {
    desk.service_level = desk_service_level(*n, key_path_join(path, "service_level"));
  }
  if (const YamlNode* n = node.find("queue_limit")) {
    if (!is_none(*n)) {
      desk.queue_limit =
          static_cast<int>(integer(*n, key_path_join(path, "queue_limit"), 0, 100000000));
    }
  }
}

std::array<bool, 7> Loader::days(const YamlNode& node, const std::string& path) {
  std::array<bool, 7> out{};
  const std::string expectation = "days like 'mon-fri', 'sat' or a list [mon, wed]";
  if (node.is_sequence()) {
    if (node.items.empty()) fail(node.origin, "expected " + expectation + ", got an empty list", path);
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const YamlNode& item = node.items[i];
      const std::string p = key_path_index(path, i);
      auto d = detail::parse_weekday(scalar(item, p, "a day name (mon ... sun)"));
      if (!d) {
        fail(item.origin, "unknown day '" + item.text + "'" +
                              detail::suggestion_tail(item.text, kDayNames), p);
      }
      out[*d] = true;
    }
    return out;
  }
  const std::string& text = scalar(node, path, expectation);
  std::string_view t = detail::trim(text);
  std::size_t dash = t.find('-');
  if (dash == std::string_view::npos) {
    auto d = detail::parse_weekday(t);
    if (!d) fail(node.origin, "expected " + expectation + ", got '" + text + "'", path);
    out[*d] = true;
    return out;
  }
  auto first = detail::parse_weekday(t.substr(0, dash));
  auto last = detail::parse_weekday(t.substr(dash + 1));
  if (!first || !last) fail(node.origin, "expected " + expectation + ", got '" + text + "'", path);
  if (*last < *first) {
    fail(node.origin, "a day range runs forward from Monday (e.g. 'sat-sun'), got '" + text + "'",
         path);
  }
  for (int d = *first; d <= *last; ++d) out[d] = true;
  return out;
}

void Loader::load_shifts(const YamlNode& node, const std::string& path, Desk& desk) {
  expect_list(node, path, "a list of shifts like {days: mon-fri, from: \"09:00\", to: \"17:00\", staff: 12}");
  if (node.items.empty()) fail(node.origin, "at least one shift is needed", path);
  std::int64_t shift_staff_total = 0;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const YamlNode& item = node.items[i];
    const std::string p = key_path_index(path, i);
    expect_map(item, p, "a shift like {days: mon-fri, from: \"09:00\", to: \"17:00\", staff: 12}");
    check_keys(item, p, kShiftKeys);
    Shift shift;
    shift.days = days(required(item, "days", p), key_path_join(p, "days"));
    const YamlNode& from = required(item, "from", p);
    const YamlNode& to = required(item, "to", p);
    shift.from = time_of_day(from, key_path_join(p, "from"));
    shift.to = time_of_day(to, key_path_join(p, "to"));
    if (shift.to <= shift.from) {
      fail(to.origin, "a shift ends after it starts (split a night shift in two), got from '" +
                          from.text + "' to '" + to.text + "'", key_path_join(p, "to"));
    }
    const YamlNode& staff = required(item, "staff", p);
    shift.staff = static_cast<int>(integer(staff, key_path_join(p, "staff"), 1, kMaxStaff));
    // Overlapping shifts add up (in an int): their sum is bounded like one desk's staff.
    shift_staff_total += shift.staff;
    if (shift_staff_total > kMaxStaff) {
      fail(staff.origin, "the shifts of a desk add up to at most " + std::to_string(kMaxStaff) +
                             " staff, got " + std::to_string(shift_staff_total) + " by this shift",
           key_path_join(p, "staff"));
    }
    desk.shifts.push_back(shift);
  }
}

Duration Loader::time_of_day(const YamlNode& node, const std::string& path) {
  return check(detail::parse_time_of_day(scalar(node, path, "a time of day like '09:00'")), node,
               path);
}

Distribution Loader::distribution(const YamlNode& node, const std::string& path, const char* mean_name) {
  Distribution d;
  if (!node.is_map()) {
    d.kind = Distribution::Kind::kExponential;
    d.mean = positive_duration(node, path, mean_name);
    return d;
  }
  const YamlNode& kind_node = required(node, "distribution", path);
  const std::string kind_path = key_path_join(path, "distribution");
  d.kind = static_cast<Distribution::Kind>(
      choice(kind_node, kind_path, "distribution", kDistributionNames));
  std::vector<std::string> keys = {"distribution"};
  switch (d.kind) {
    case Distribution::Kind::kExponential: keys.push_back("mean"); break;
    case Distribution::Kind::kFixed: keys.push_back("value"); break;
    case Distribution::Kind::kUniform: keys.insert(keys.end(), {"min", "max"}); break;
    case Distribution::Kind::kLognormal: keys.insert(keys.end(), {"mean", "sd"}); break;
    case Distribution::Kind::kGamma: keys.insert(keys.end(), {"mean", "shape"}); break;
    case Distribution::Kind::kErlang: keys.insert(keys.end(), {"mean", "k"}); break;
    case Distribution::Kind::kEmpirical: keys.push_back("values"); break;
  }
  check_keys(node, path, keys);
  auto mean = [&](const char* key) {
    return positive_duration(required(node, key, path), key_path_join(path, key), mean_name);
  };
  switch (d.kind) {
    case Distribution::Kind::kExponential: d.mean = mean("mean"); break;
    case Distribution::Kind::kFixed: d.mean = mean("value"); break;
    case Distribution::Kind::kUniform: {
      d.low = duration(required(node, "min", path), key_path_join(path, "min"));
      const YamlNode& max = required(node, "max", path);
      d.high = duration(max, key_path_join(path, "max"));
      if (d.high <= d.low) {
        fail(max.origin, "a uniform distribution needs max above min (use 'fixed' for one value), "
                         "got min '" + node.find("min")->text + "' and max '" + max.text + "'",
             key_path_join(path, "max"));
      }
      d.mean = (d.low + d.high) / 2.0;
      break;
    }
    case Distribution::Kind::kLognormal:
    {
      d.mean = mean("mean");
      const YamlNode& sd = required(node, "sd", path);
      d.sd = duration(sd, key_path_join(path, "sd"));
      // Beyond this the normal underneath has an infinite or NaN sigma.
      if (d.sd.in_minutes() > kMaxLognormalSdPerMean * d.mean.in_minutes()) {
        fail(sd.origin, "a lognormal's sd must be at most " +
                            exact_decimal(kMaxLognormalSdPerMean) + " times its mean ('" +
                            node.find("mean")->text + "'), got '" + sd.text + "'",
             key_path_join(path, "sd"));
      }
      break;
    }
    case Distribution::Kind::kGamma: {
      d.mean = mean("mean");
      const YamlNode& shape = required(node, "shape", path);
      d.shape = number(shape, key_path_join(path, "shape"));
      // Outside these the scale (mean / shape) or the draws leave what a double holds.
      if (!(d.shape >= kMinGammaShape && d.shape <= kMaxGammaShape)) {
        fail(shape.origin, "the gamma shape must be between " + exact_decimal(kMinGammaShape) +
                               " and " + exact_decimal(kMaxGammaShape) + ", got '" +
                               shape.text + "'",
             key_path_join(path, "shape"));
      }
      break;
    }
    case Distribution::Kind::kErlang:
      d.mean = mean("mean");
      d.shape = static_cast<double>(
          integer(required(node, "k", path), key_path_join(path, "k"), 1, 1000000));
      break;
    case Distribution::Kind::kEmpirical: {
      const YamlNode& values = required(node, "values", path);
      const std::string vp = key_path_join(path, "values");
      expect_list(values, vp, "a list of durations like [5 min, 12 min, 40 min]");
      if (values.items.empty()) fail(values.origin, "an empty list has no values to draw", vp);
      for (std::size_t i = 0; i < values.items.size(); ++i) {
        d.values.push_back(duration(values.items[i], key_path_index(vp, i)));
      }
      d.mean = d.expected();
      if (d.mean.in_minutes() <= 0.0) {
        fail(values.origin, std::string(mean_name) + " must be more than 0, got values that are all 0",
             vp);
      }
      break;
    }
  }
  return d;
}

std::array<double, kSeverityCount> Loader::resolution(const YamlNode& node, const std::string& path) {
  std::array<double, kSeverityCount> out{};
  if (!node.is_map()) {
    out.fill(share(node, path));
    return out;
  }
  check_keys(node, path, kSeverityNames);
  for (int i = 0; i < kSeverityCount; ++i) {
    const YamlNode* n = node.find(kSeverityNames[i]);
    if (!n) {
      fail(node.origin, "missing required key '" + kSeverityNames[i] +
                            "'; give all four severities, or one probability for all",
           key_path_join(path, kSeverityNames[i]));
    }
    out[i] = share(*n, key_path_join(path, kSeverityNames[i]));
  }
  return out;
}

bool Loader::is_executive_desk(const YamlNode& node) {
  return node.is_map() && (node.find("budget") || node.find("items"));
}

}  // namespace escalsim::detail
