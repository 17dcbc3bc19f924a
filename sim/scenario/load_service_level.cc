// The `service_level:` key, on the whole scenario (with per-channel targets) and on a desk:
// the waits within which the share of complaints answered is reported.
#include "scenario/loader.h"

#include <algorithm>

#include "escalsim/metric_names.h"
#include "scenario/did_you_mean.h"

namespace escalsim::detail {

namespace {

const std::vector<std::string> kDeskServiceLevelKeys = {"within"};
const std::vector<std::string> kServiceLevelKeys = {"within", "channels"};

// Targets beyond this many are a typo or a script gone wrong: each adds a figure to every
// desk, channel and stream.
constexpr std::size_t kMaxServiceLevelTargets = 8;

}  // namespace

std::vector<Duration> Loader::service_level_targets(const YamlNode& node, const std::string& path) {
  const std::string within_path = key_path_join(path, "within");
  const YamlNode& within = required(node, "within", path);
  std::vector<const YamlNode*> items;
  if (within.is_sequence()) {
    if (within.items.empty()) {
      fail(within.origin, "expected at least one target like '20 s', got an empty list",
           within_path);
    }
    for (const YamlNode& item : within.items) items.push_back(&item);
  } else {
    items.push_back(&within);
  }
  if (items.size() > kMaxServiceLevelTargets) {
    fail(within.origin, "at most " + std::to_string(kMaxServiceLevelTargets) +
                            " service-level targets, got " + std::to_string(items.size()),
         within_path);
  }
  std::vector<Duration> targets;
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const YamlNode& item = *items[i];
    const std::string p = within.is_sequence() ? key_path_index(within_path, i) : within_path;
    const Duration d = positive_duration(item, p, "a service-level target");
    const std::string label = metric::service_level_label(d.in_minutes());
    if (label.empty()) {
      fail(item.origin, "a service-level target must be a whole number of seconds, got '" +
                            item.text + "'", p);
    }
    const auto same = std::find(labels.begin(), labels.end(), label);
    if (same != labels.end()) {
      fail(item.origin, "target '" + item.text + "' repeats an earlier one: both name the "
                        "figure service_level_" + label, p);
    }
    labels.push_back(label);
    targets.push_back(d);
  }
  std::sort(targets.begin(), targets.end(),
            [](Duration a, Duration b) { return a.in_minutes() < b.in_minutes(); });
  return targets;
}

std::vector<Duration> Loader::desk_service_level(const YamlNode& node, const std::string& path) {
  expect_map(node, path, "a map like {within: 20 s}");
  check_keys(node, path, kDeskServiceLevelKeys);
  return service_level_targets(node, path);
}

void Loader::load_service_level(const YamlNode& node) {
  const std::string path = "service_level";
  expect_map(node, path, "a map like {within: [20 s, 60 s]}");
  check_keys(node, path, kServiceLevelKeys);
  s_.service_level = service_level_targets(node, path);
  s_.channel_service_level.assign(s_.channels.size(), {});
  const YamlNode* channels = node.find("channels");
  if (channels == nullptr) return;
  const std::string channels_path = key_path_join(path, "channels");
  expect_map(*channels, channels_path, "a map of channels like {email: {within: 1 d}}");
  for (const YamlEntry& e : channels->entries) {
    const auto it = std::find(s_.channels.begin(), s_.channels.end(), e.key);
    if (it == s_.channels.end()) {
      fail(e.key_origin, "unknown channel '" + e.key + "'" +
                             detail::suggestion_tail(e.key, s_.channels,
                                                     "accepted channels"),
           key_path_join(channels_path, e.key));
    }
    s_.channel_service_level[static_cast<std::size_t>(it - s_.channels.begin())] =
        desk_service_level(e.value, key_path_join(channels_path, e.key));
  }
}

}  // namespace escalsim::detail
