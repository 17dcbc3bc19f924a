// A scenario file with one desk's staff replaced by shifts, for `escalsim shifts`.
//
// The file is read again and edited as a YAML tree rather than written from the Scenario
// structs, so that every other key stays as the user wrote it (units, names, order); only
// comments are lost. The result is checked by loading it (the command does).
#include <cmath>

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include "escalsim/errors.h"
#include "escalsim/shift_scheduling.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

constexpr std::array<const char*, 7> kDayKeys{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string time_of_day(Duration t) {
  const int minutes = static_cast<int>(t.in_minutes() + 0.5);
  return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60);
}

}  // namespace

std::string scenario_with_shifts(const std::string& scenario_path, const std::string& desk,
                                 const std::vector<Shift>& shifts, Duration within) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(scenario_path);
  } catch (const YAML::Exception& e) {
    throw Error(fmt::format("{}: cannot read the scenario again: {}", scenario_path, e.what()));
  }
  YAML::Node desks = root["desks"];
  if (!desks.IsMap() || !desks[desk].IsMap()) {
    throw Error(fmt::format("{}: no desk '{}' in its `desks:` map", scenario_path, desk));
  }
  YAML::Node node = desks[desk];
  node.remove("staff");
  node.remove("shifts");
  YAML::Node list(YAML::NodeType::Sequence);
  for (const Shift& shift : shifts) {
    YAML::Node entry(YAML::NodeType::Map);
    YAML::Node days(YAML::NodeType::Sequence);
    days.SetStyle(YAML::EmitterStyle::Flow);
    for (std::size_t d = 0; d < 7; ++d) {
      if (shift.days[d]) days.push_back(kDayKeys[d]);
    }
    entry["days"] = days;
    entry["from"] = time_of_day(shift.from);
    entry["to"] = time_of_day(shift.to);
    entry["staff"] = shift.staff;
    entry.SetStyle(YAML::EmitterStyle::Flow);
    list.push_back(entry);
  }
  node["shifts"] = list;
  YAML::Node level(YAML::NodeType::Map);
  // In seconds when whole, so that "20 s" comes back as 20 s, not a rounded 0.333 min.
  const double seconds = within.in_minutes() * 60.0;
  level["within"] = seconds == std::round(seconds) ? fmt::format("{} s", seconds)
                                                   : detail::format_span(within);
  level.SetStyle(YAML::EmitterStyle::Flow);
  node["service_level"] = level;
  YAML::Emitter out;
  out << root;
  return std::string("# Written by `escalsim shifts` from ") + scenario_path + ": desk " + desk +
         "'s staff replaced by the chosen shifts.\n" + out.c_str() + "\n";
}

}  // namespace escalsim
