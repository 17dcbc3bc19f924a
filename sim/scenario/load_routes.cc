// The `routes:` section: edges between desks (or to exit) with a condition and a probability.
#include "scenario/loader.h"

#include "scenario/did_you_mean.h"

namespace escalsim::detail {

namespace {

const std::vector<std::string> kRouteKeys = {"from", "to", "when", "probability"};
const std::vector<std::string> kConditionWords = {"always", "unresolved", "resolved", "public"};
const std::vector<std::string> kConditionKeys = {"severity_at_least", "waited_longer_than"};

}  // namespace

void Loader::load_routes(const YamlNode& node) {
  if (node.is_null()) return;
  expect_list(node, "routes", "a list of routes like {from: frontline, to: specialists}");
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const YamlNode& item = node.items[i];
    const std::string p = key_path_index("routes", i);
    expect_map(item, p, "a route like {from: frontline, to: specialists, when: unresolved}");
    check_keys(item, p, kRouteKeys);
    Route route;
    route.where = where(item.origin, p);
    route.from = desk_ref(required(item, "from", p), key_path_join(p, "from"), false);
    route.to = desk_ref(required(item, "to", p), key_path_join(p, "to"), true);
    if (const YamlNode* when = item.find("when")) condition(*when, key_path_join(p, "when"), route);
    if (const YamlNode* n = item.find("probability")) {
      route.probability = share(*n, key_path_join(p, "probability"));
    }
    s_.routes.push_back(route);
  }
}

void Loader::condition(const YamlNode& node, const std::string& path, Route& route) {
  if (node.is_map()) {
    if (node.entries.size() != 1) {
      fail(node.origin, "a condition map holds exactly one of " + detail::join_names(kConditionKeys) +
                            ", got " + std::to_string(node.entries.size()) + " keys", path);
    }
    check_keys(node, path, kConditionKeys);
    const YamlEntry& e = node.entries.front();
    const std::string p = key_path_join(path, e.key);
    if (e.key == "severity_at_least") {
      route.condition = RouteCondition::kSeverityAtLeast;
      route.min_severity = static_cast<Severity>(choice(e.value, p, "severity", kSeverityNames));
    } else {
      route.condition = RouteCondition::kWaitedLongerThan;
      route.waited = duration(e.value, p);
    }
    return;
  }
  std::vector<std::string> accepted = kConditionWords;
  accepted.push_back("{severity_at_least: LEVEL}");
  accepted.push_back("{waited_longer_than: DURATION}");
  const std::string& word = scalar(node, path, "a condition (" + detail::join_names(accepted) + ")");
  static const RouteCondition kByWord[] = {RouteCondition::kAlways, RouteCondition::kUnresolved,
                                           RouteCondition::kResolved, RouteCondition::kPublic};
  for (std::size_t i = 0; i < kConditionWords.size(); ++i) {
    if (word == kConditionWords[i]) {
      route.condition = kByWord[i];
      return;
    }
  }
  std::string match = detail::closest_match(word, kConditionWords);
  fail(node.origin, "unknown condition '" + word + "'" +
                        (match.empty() ? "; accepted: " + detail::join_names(accepted)
                                       : ", did you mean '" + match + "'?"),
       path);
}

}  // namespace escalsim::detail
