// The `demand:` section: streams with their rate, weekly pattern, surges, and channel,
// severity and segment mixes, checked against what one run can do.
#include "scenario/loader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <utility>

#include "scenario/did_you_mean.h"
#include "scenario/weekly_patterns.h"

namespace escalsim::detail {

namespace {

constexpr double kSumTolerance = 1e-6;
const std::vector<std::string> kDemandKeys = {"name",     "enters",   "rate",
                                              "pattern",  "surges",   "channels",
                                              "severity", "public_share", "segments"};
const std::vector<std::string> kSurgeKeys = {"start", "duration", "factor"};
const std::vector<std::string> kSegmentKeys = {"share", "value"};

}  // namespace

void Loader::load_demand(const YamlNode& node) {
  if (node.is_map()) {
    load_stream(node, "demand", "demand");
  } else if (node.is_sequence()) {
    if (node.items.empty()) fail(node.origin, "at least one demand stream is needed", "demand");
    if (node.items.size() > kMaxDemandStreams) {
      fail(node.items[kMaxDemandStreams].origin,
           "a scenario has at most " + std::to_string(kMaxDemandStreams) +
               " demand streams; this is stream " + std::to_string(kMaxDemandStreams + 1),
           key_path_index("demand", kMaxDemandStreams));
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      load_stream(node.items[i], key_path_index("demand", i), "demand" + std::to_string(i + 1));
    }
  } else {
    fail(node.origin, "expected a demand stream (a map with rate, enters, ...) or a list of them, "
                      "got " + node.describe(), "demand");
  }
  // Channel and segment shares are indexed like the scenario's lists, known only now.
  for (DemandStream& stream : s_.demand) {
    stream.channel_share.resize(s_.channels.size(), 0.0);
    stream.segment_share.resize(s_.segments.size(), 0.0);
  }
}

void Loader::load_stream(const YamlNode& node, const std::string& path, const std::string& default_name) {
  expect_map(node, path, "a demand stream (a map with rate, enters, pattern, ...)");
  check_keys(node, path, kDemandKeys);
  DemandStream stream;
  stream.where = where(node.origin, path);
  stream.name = default_name;
  if (const YamlNode* n = node.find("name")) {
    stream.name = scalar(*n, key_path_join(path, "name"), "a stream name");
    for (const DemandStream& other : s_.demand) {
      if (other.name == stream.name) {
        fail(n->origin, "demand stream name '" + stream.name + "' is used twice",
             key_path_join(path, "name"));
      }
    }
  }
  stream.enters_desk = 0;
  if (const YamlNode* n = node.find("enters")) {
    stream.enters_desk = desk_ref(*n, key_path_join(path, "enters"), false);
  }
  {
    const YamlNode& rate = required(node, "rate", path);
    const std::string p = key_path_join(path, "rate");
    Parsed<double> per_hour =
        detail::parse_rate_per_hour(scalar(rate, p, "a rate like '120 per day' or '5 per hour'"));
    const double multiplied = per_hour.ok() ? *per_hour.value * demand_multiplier_ : 0.0;
    // (A bound written in other units, "16666.67 per minute", may round just above it.)
    if (per_hour.too_large || !(multiplied <= kMaxRatePerHour * (1 + 1e-12))) {
      fail(rate.origin, "a rate must be at most " + exact_decimal(kMaxRatePerHour) +
                            " per hour, got '" + rate.text + "'" + multiplier_note(), p);
    }
    check(per_hour, rate, p);
    stream.rate = Rate::per_hour(multiplied);
  }
  if (const YamlNode* n = node.find("pattern")) {
    stream.pattern = pattern(*n, key_path_join(path, "pattern"));
  }
  if (const YamlNode* n = node.find("surges")) {
    load_surges(*n, key_path_join(path, "surges"), stream);
  }
  check_complaints_per_run(stream, required(node, "rate", path), key_path_join(path, "rate"));
  // Channels: default {web: 1}.
  std::vector<std::pair<int, double>> channel_shares;
  if (const YamlNode* n = node.find("channels")) {
    const std::string p = key_path_join(path, "channels");
    const auto named = shares(*n, p, "channel", nullptr);
    for (std::size_t i = 0; i < named.size(); ++i) {
      channel_shares.emplace_back(intern(s_.channels, named[i].first), named[i].second);
      if (s_.channels.size() > kMaxChannels) {
        fail(n->entries[i].key_origin,
             "a scenario has at most " + std::to_string(kMaxChannels) +
                 " channels over all its demand streams; '" + named[i].first + "' is channel " +
                 std::to_string(kMaxChannels + 1),
             key_path_join(p, named[i].first));
      }
    }
  } else {
    channel_shares.emplace_back(intern(s_.channels, "web"), 1.0);
  }
  stream.channel_share.assign(s_.channels.size(), 0.0);
  for (auto& [index, value] : channel_shares) stream.channel_share[index] = value;

  if (const YamlNode* n = node.find("severity")) {
    const std::string p = key_path_join(path, "severity");
    stream.severity_share.fill(0.0);
    for (auto& [name, value] : shares(*n, p, "severity", &kSeverityNames)) {
      auto it = std::find(kSeverityNames.begin(), kSeverityNames.end(), name);
      stream.severity_share[it - kSeverityNames.begin()] = value;
    }
  }
  if (const YamlNode* n = node.find("public_share")) {
    stream.public_share = share(*n, key_path_join(path, "public_share"));
  }
  load_segments(node.find("segments"), key_path_join(path, "segments"), stream);
  s_.demand.push_back(std::move(stream));
}

int Loader::intern(std::vector<std::string>& names, const std::string& name) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<int>(it - names.begin());
  names.push_back(name);
  return static_cast<int>(names.size()) - 1;
}

std::vector<std::pair<std::string, double>> Loader::shares(const YamlNode& node, const std::string& path,
                                                           const std::string& what,
                                                           const std::vector<std::string>* accepted) {
  expect_map(node, path, "a map of " + what + " shares like " +
                             (accepted ? "{minor: 0.7, serious: 0.3}" : "{email: 0.5, phone: 0.5}"));
  if (node.entries.empty()) fail(node.origin, "at least one " + what + " is needed", path);
  if (accepted) check_keys(node, path, *accepted);
  std::vector<std::pair<std::string, double>> out;
  double sum = 0.0;
  for (const YamlEntry& e : node.entries) {
    double v = share(e.value, key_path_join(path, e.key));
    out.emplace_back(e.key, v);
    sum += v;
  }
  if (std::fabs(sum - 1.0) > kSumTolerance) {
    std::ostringstream total;
    total << sum;
    fail(node.origin, what + " shares must sum to 1, got " + total.str(), path);
  }
  return out;
}

void Loader::load_segments(const YamlNode* node, const std::string& path, DemandStream& stream) {
  std::vector<std::pair<int, double>> segment_shares;
  if (!node) {
    // A stream without segments is the one segment 'all', worth nothing: blamed on the stream.
    const YamlOrigin stream_at{stream.where.file, stream.where.line, stream.where.column};
    segment_shares.emplace_back(segment_index("all", 0.0, stream_at, path), 1.0);
  } else {
    expect_map(*node, path, "a map of segments like {consumer: {share: 0.8, value: 200 per year}}");
    if (node->entries.empty()) fail(node->origin, "at least one segment is needed", path);
    double sum = 0.0;
    for (const YamlEntry& e : node->entries) {
      const std::string p = key_path_join(path, e.key);
      const YamlNode& seg = e.value;
      if (!seg.is_map()) {
        fail(seg.is_null() ? e.key_origin : seg.origin,
             "expected a segment like {share: 0.8, value: 200 per year}, got " + seg.describe(), p);
      }
      check_keys(seg, p, kSegmentKeys);
      double segment_share = share(required(seg, "share", p), key_path_join(p, "share"));
      double value = 0.0;
      const YamlNode* value_node = seg.find("value");
      if (value_node) {
        const std::string vp = key_path_join(p, "value");
        value = check(detail::parse_amount_per_year(
                          scalar(*value_node, vp, "a value per customer like '200 per year'")),
                      *value_node, vp);
      }
      segment_shares.emplace_back(
          segment_index(e.key, value, value_node ? value_node->origin : e.key_origin,
                        value_node ? key_path_join(p, "value") : p),
          segment_share);
      if (s_.segments.size() > kMaxSegments) {
        fail(e.key_origin, "a scenario has at most " + std::to_string(kMaxSegments) +
                               " segments over all its demand streams; '" + e.key +
                               "' is segment " + std::to_string(kMaxSegments + 1), p);
      }
      sum += segment_share;
    }
    if (std::fabs(sum - 1.0) > kSumTolerance) {
      std::ostringstream total;
      total << sum;
      fail(node->origin, "segment shares must sum to 1, got " + total.str(), path);
    }
  }
  stream.segment_share.assign(s_.segments.size(), 0.0);
  for (auto& [index, value] : segment_shares) stream.segment_share[index] = value;
}

int Loader::segment_index(const std::string& name, double value, const YamlOrigin& at,
                          const std::string& path) {
  for (std::size_t i = 0; i < s_.segments.size(); ++i) {
    if (s_.segments[i].name != name) continue;
    if (std::fabs(s_.segments[i].value_per_year - value) > 1e-9 * std::max(1.0, value)) {
      std::ostringstream message;
      message << "segment '" << name << "' is worth " << s_.segments[i].value_per_year
              << " per year in an earlier demand stream and " << value
              << " here; a segment has one value";
      fail(at, message.str(), path);
    }
    return static_cast<int>(i);
  }
  s_.segments.push_back(Segment{name, value});
  return static_cast<int>(s_.segments.size()) - 1;
}

WeeklyPattern Loader::pattern(const YamlNode& node, const std::string& path) {
  WeeklyPattern p;
  p.name = "table";
  p.weight.fill(0.0);
  if (node.is_scalar()) {
    auto named = detail::named_weekly_pattern(node.text);
    if (!named) {
      fail(node.origin, "unknown pattern '" + node.text + "'" +
                            detail::suggestion_tail(node.text, detail::weekly_pattern_names(),
                                                    "accepted: a table, or") ,
           path);
    }
    return *named;
  }
  if (node.is_sequence()) {
    if (node.items.size() != 168) {
      fail(node.origin, "expected 168 numbers (one per hour of the week, Monday 00:00 first), got " +
                            std::to_string(node.items.size()), path);
    }
    for (std::size_t h = 0; h < 168; ++h) p.weight[h] = weight(node.items[h], key_path_index(path, h));
  } else if (node.is_map()) {
    check_keys(node, path, kDayNames);
    for (const YamlEntry& e : node.entries) {
      const std::string dp = key_path_join(path, e.key);
      const YamlNode& hours = e.value;
      expect_list(hours, dp, "24 numbers, one per hour of the day");
      if (hours.items.size() != 24) {
        fail(hours.origin, "expected 24 numbers, one per hour of the day, got " +
                               std::to_string(hours.items.size()), dp);
      }
      int day = *detail::parse_weekday(e.key);
      for (std::size_t h = 0; h < 24; ++h) {
        p.weight[day * 24 + h] = weight(hours.items[h], key_path_index(dp, h));
      }
    }
  } else {
    fail(node.origin, "expected a pattern name (" +
                          detail::join_names(detail::weekly_pattern_names()) +
                          "), a map of days to 24 numbers, or a list of 168 numbers, got " +
                          node.describe(), path);
  }
  double sum = 0.0;
  for (double w : p.weight) sum += w;
  if (sum <= 0.0) fail(node.origin, "a weekly pattern needs at least one hour above 0", path);
  detail::normalise_weekly_pattern(p.weight);
  return p;
}

double Loader::weight(const YamlNode& node, const std::string& path) {
  double w = number(node, path);
  if (w < 0.0) fail(node.origin, "a weight cannot be negative, got '" + node.text + "'", path);
  return w;
}

void Loader::check_complaints_per_run(const DemandStream& stream, const YamlNode& rate,
                                      const std::string& path) {
  const Duration horizon = s_.run.horizon;
  double hours = horizon.in_hours();
  for (const Surge& surge : stream.surges) {
    const Duration start = std::min(surge.start, horizon);
    const Duration end = std::min(surge.start + surge.duration, horizon);
    hours += (surge.factor - 1.0) * (end - start).in_hours();
  }
  const double expected = stream.rate.in_per_hour() * hours;
  if (expected > kMaxComplaintsPerRun * (1 + 1e-12)) {
    char shown[32];
    std::snprintf(shown, sizeof shown, "%.3g", expected);
    fail(rate.origin, "this rate" + multiplier_note() + " brings about " + std::string(shown) +
                          " complaints in one run of the horizon (surges included); a run "
                          "handles at most " + exact_decimal(kMaxComplaintsPerRun) +
                          ": lower the rate or shorten the horizon", path);
  }
}

void Loader::load_surges(const YamlNode& node, const std::string& path, DemandStream& stream) {
  expect_list(node, path, "a list of surges like {start: 10 weeks, duration: 1 week, factor: 3}");
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const YamlNode& item = node.items[i];
    const std::string p = key_path_index(path, i);
    expect_map(item, p, "a surge like {start: 10 weeks, duration: 1 week, factor: 3}");
    check_keys(item, p, kSurgeKeys);
    Surge surge;
    surge.start = duration(required(item, "start", p), key_path_join(p, "start"));
    surge.duration =
        positive_duration(required(item, "duration", p), key_path_join(p, "duration"), "a surge's duration");
    const YamlNode& factor = required(item, "factor", p);
    surge.factor = number(factor, key_path_join(p, "factor"));
    if (surge.factor < 0.0) {
      fail(factor.origin, "a surge factor cannot be negative (0 stops demand), got '" +
                              factor.text + "'", key_path_join(p, "factor"));
    }
    if (surge.factor > kMaxSurgeFactor) {
      fail(factor.origin, "a surge factor must be at most " + exact_decimal(kMaxSurgeFactor) +
                              ", got '" + factor.text + "'", key_path_join(p, "factor"));
    }
    for (std::size_t j = 0; j < stream.surges.size(); ++j) {
      const Surge& other = stream.surges[j];
      if (surge.start < other.start + other.duration && other.start < surge.start + surge.duration) {
        fail(item.origin, "this surge overlaps " + key_path_index(path, j) +
                              "; surges must not overlap: give the overlap its own surge with the combined factor",
             p);
      }
    }
    stream.surges.push_back(surge);
  }
}

}  // namespace escalsim::detail
