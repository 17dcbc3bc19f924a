// The `customers:` section: loyalty by outcome, the "quickly" threshold, returns and costs.
#include "scenario/loader.h"

#include <algorithm>
#include <array>

#include "scenario/did_you_mean.h"

namespace escalsim::detail {

namespace {

const std::vector<std::string> kCustomerKeys = {"loyalty", "quickly", "large_loss_above",
                                               "executive_attention_bonus",
                                               "unanswered_public_penalty", "returns", "costs"};
const std::vector<std::string> kLoyaltyKeys = {"small_loss", "large_loss"};
// Indexed like Outcome, then the reference of customers who did not complain.
const std::vector<std::string> kLoyaltyOutcomeKeys = {"resolved_quickly", "resolved_slowly",
                                                      "unresolved", "abandoned", "no_complaint"};
const std::vector<std::string> kReturnKeys = {"probability", "delay", "desk", "channel",
                                              "max_contacts"};
const std::vector<std::string> kCostKeys = {"staff_per_hour", "executive_per_hour"};

}  // namespace

void Loader::load_customers(const YamlNode& node) {
  if (node.is_null()) return;
  const std::string path = "customers";
  expect_map(node, path, "a map of customer settings (loyalty, quickly, returns, costs, ...)");
  check_keys(node, path, kCustomerKeys);
  CustomerModel& m = s_.customers;
  if (const YamlNode* n = node.find("loyalty")) load_loyalty(*n, key_path_join(path, "loyalty"));
  if (const YamlNode* n = node.find("quickly")) load_quickly(*n, key_path_join(path, "quickly"));
  if (const YamlNode* n = node.find("large_loss_above")) {
    const std::string p = key_path_join(path, "large_loss_above");
    m.large_loss_above_per_year = check(
        detail::parse_amount_per_year(scalar(*n, p, "an amount per year like '100 per year'")),
        *n, p);
  }
  if (const YamlNode* n = node.find("executive_attention_bonus")) {
    m.executive_attention_bonus = share(*n, key_path_join(path, "executive_attention_bonus"));
  }
  if (const YamlNode* n = node.find("unanswered_public_penalty")) {
    m.unanswered_public_penalty = share(*n, key_path_join(path, "unanswered_public_penalty"));
  }
  if (const YamlNode* n = node.find("returns")) {
    const std::string p = key_path_join(path, "returns");
    expect_map(*n, p, "a map like {probability: 30%, delay: 3 days, desk: ceo, max_contacts: 3}");
    check_keys(*n, p, kReturnKeys);
    if (const YamlNode* v = n->find("probability")) {
      m.return_probability = share(*v, key_path_join(p, "probability"));
    }
    if (const YamlNode* v = n->find("delay")) {
      m.return_delay = positive_duration(*v, key_path_join(p, "delay"), "the mean return delay");
    }
    if (const YamlNode* v = n->find("desk")) m.return_desk = desk_ref(*v, key_path_join(p, "desk"), false);
    if (const YamlNode* v = n->find("channel")) {
      const std::string cp = key_path_join(p, "channel");
      const std::string& name = scalar(*v, cp, "a channel name");
      auto it = std::find(s_.channels.begin(), s_.channels.end(), name);
      if (it == s_.channels.end()) {
        fail(v->origin, "unknown channel '" + name + "'" +
                            detail::suggestion_tail(name, s_.channels, "channels"),
             cp);
      }
      m.return_channel = static_cast<int>(it - s_.channels.begin());
    }
    if (const YamlNode* v = n->find("max_contacts")) {
      m.max_contacts = static_cast<int>(integer(*v, key_path_join(p, "max_contacts"), 1, 255));
    }
  }
  if (const YamlNode* n = node.find("costs")) {
    const std::string p = key_path_join(path, "costs");
    expect_map(*n, p, "a map like {staff_per_hour: 30, executive_per_hour: 500}");
    check_keys(*n, p, kCostKeys);
    if (const YamlNode* v = n->find("staff_per_hour")) {
      m.staff_cost_per_hour = cost(*v, key_path_join(p, "staff_per_hour"));
    }
    if (const YamlNode* v = n->find("executive_per_hour")) {
      m.executive_cost_per_hour = cost(*v, key_path_join(p, "executive_per_hour"));
    }
  }
}

void Loader::load_loyalty(const YamlNode& node, const std::string& path) {
  expect_map(node, path, "a map with small_loss and/or large_loss");
  check_keys(node, path, kLoyaltyKeys);
  CustomerModel& m = s_.customers;
  for (const YamlEntry& e : node.entries) {
    const std::string p = key_path_join(path, e.key);
    const bool small = e.key == "small_loss";
    std::array<double, kOutcomeCount>& by_outcome = small ? m.loyal_small : m.loyal_large;
    double& no_complaint = small ? m.loyal_no_complaint_small : m.loyal_no_complaint_large;
    if (!e.value.is_map()) {
      fail(e.value.is_null() ? e.key_origin : e.value.origin,
           "expected a map of shares still loyal like {resolved_quickly: 95%, unresolved: 46%}, "
           "got " + e.value.describe(), p);
    }
    check_keys(e.value, p, kLoyaltyOutcomeKeys);
    for (int k = 0; k < kOutcomeCount; ++k) {
      if (const YamlNode* v = e.value.find(kLoyaltyOutcomeKeys[k])) {
        by_outcome[k] = share(*v, key_path_join(p, kLoyaltyOutcomeKeys[k]));
      }
    }
    if (const YamlNode* v = e.value.find("no_complaint")) {
      no_complaint = share(*v, key_path_join(p, "no_complaint"));
    }
  }
}

void Loader::load_quickly(const YamlNode& node, const std::string& path) {
  CustomerModel& m = s_.customers;
  const char* what = "the 'resolved quickly' threshold";
  if (!node.is_map()) {
    m.quickly_default = positive_duration(node, path, what);
    m.quickly_by_channel.clear();
    return;
  }
  std::vector<std::string> accepted = s_.channels;
  accepted.push_back("default");
  for (const YamlEntry& e : node.entries) {
    if (std::find(accepted.begin(), accepted.end(), e.key) == accepted.end()) {
      fail(e.key_origin, "unknown channel '" + e.key + "'" +
                             detail::suggestion_tail(e.key, accepted,
                                                     "accepted: the demand's channels and"),
           key_path_join(path, e.key));
    }
  }
  if (const YamlNode* v = node.find("default")) {
    m.quickly_default = positive_duration(*v, key_path_join(path, "default"), what);
  }
  m.quickly_by_channel.assign(s_.channels.size(), m.quickly_default);
  for (const YamlEntry& e : node.entries) {
    if (e.key == "default") continue;
    const auto it = std::find(s_.channels.begin(), s_.channels.end(), e.key);
    m.quickly_by_channel[static_cast<std::size_t>(it - s_.channels.begin())] =
        positive_duration(e.value, key_path_join(path, e.key), what);
  }
}

double Loader::cost(const YamlNode& node, const std::string& path) {
  const double v = check(detail::parse_number(scalar(node, path, "a cost per hour like '30'"),
                                              "a cost per hour like '30'"),
                         node, path);
  if (v < 0.0) fail(node.origin, "a cost cannot be negative, got '" + node.text + "'", path);
  return v;
}

}  // namespace escalsim::detail
