// The `policies:` section: policy names and their parameters as written; each policy parses
// its own parameters (make_policy), which Loader::check_policies runs at load time.
#include "scenario/loader.h"

#include <algorithm>

#include "policies/policy.h"
#include "scenario/did_you_mean.h"

namespace escalsim::detail {

void Loader::load_policies(const YamlNode& node) {
  if (node.is_null()) return;
  const std::string example = "{open_inbox: {half_life: 4 weeks}}";
  expect_list(node, "policies", "a list of policies like [public_replies, " + example + "]");
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const YamlNode& item = node.items[i];
    const std::string p = key_path_index("policies", i);
    PolicyConfig config;
    const YamlNode* params = nullptr;
    YamlOrigin name_at;
    if (item.is_scalar()) {
      config.name = item.text;
      name_at = item.origin;
      config.where = where(item.origin, p);
    } else if (item.is_map()) {
      if (item.entries.empty()) {
        fail(item.origin, "an empty map names no policy; write a name like frontline_only or " +
                              example, p);
      }
      if (item.entries.size() != 1) {
        std::vector<std::string> keys;
        for (const YamlEntry& e : item.entries) keys.push_back(e.key);
        fail(item.origin, "a policy item holds one policy name, alone or mapped to its "
                          "parameters like " + example + ", got " +
                              std::to_string(item.entries.size()) + " keys (" +
                              detail::join_names(keys) + "); give each policy its own item",
             p);
      }
      const YamlEntry& e = item.entries.front();
      config.name = e.key;
      name_at = e.key_origin;
      config.where = where(e.key_origin, key_path_join(p, e.key));
      params = &e.value;
    } else {
      fail(item.is_null() ? node.origin : item.origin,
           "expected a policy name or a map like " + example + ", got " + item.describe(), p);
    }
    const std::vector<std::string>& names = policy_names();
    if (std::find(names.begin(), names.end(), config.name) == names.end()) {
      fail(name_at, "unknown policy '" + config.name + "'" +
                        detail::suggestion_tail(config.name, names, "the catalogue has"),
           config.where.key_path);
    }
    if (params && !params->is_null()) {
      const std::string pp = config.where.key_path;
      expect_map(*params, pp, "a map of the policy's parameters like {half_life: 4 weeks}");
      for (const YamlEntry& e : params->entries) {
        const std::string kp = key_path_join(pp, e.key);
        PolicyParam param;
        param.key = e.key;
        param.value = parameter_value(e, kp);
        param.where = where(e.value.is_null() ? e.key_origin : e.value.origin, kp);
        config.params.push_back(std::move(param));
      }
    }
    s_.policies.push_back(std::move(config));
  }
}

std::string Loader::parameter_value(const YamlEntry& e, const std::string& path) {
  const std::string expectation = "a value like '4 weeks', '2%' or 'ceo', or a list of names "
                                  "like [minor, moderate]";
  const YamlNode& v = e.value;
  if (v.is_null()) fail(e.key_origin, "expected " + expectation + ", got nothing", path);
  if (!v.is_sequence()) return scalar(v, path, expectation);
  if (v.items.empty()) fail(v.origin, "an empty list: name at least one value", path);
  std::string joined;
  for (std::size_t i = 0; i < v.items.size(); ++i) {
    const std::string& text = scalar(v.items[i], key_path_index(path, i), "a name or a value");
    joined += (i == 0 ? "" : ", ") + text;
  }
  return joined;
}

}  // namespace escalsim::detail
