// The named weekly demand patterns (flat, business_hours, ...) and normalisation to mean 1.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "escalsim/scenario.h"

namespace escalsim::detail {

// The names accepted for `pattern:`, in documentation order.
const std::vector<std::string>& weekly_pattern_names();

// The named pattern, normalised to mean 1 over the 168 hours; empty for an unknown name.
//   flat            every hour
//   business_hours  Monday-Friday 09:00-17:00
//   extended_hours  Monday-Friday 08:00-20:00, Saturday 09:00-17:00
//   weekdays        Monday-Friday, all day
std::optional<WeeklyPattern> named_weekly_pattern(const std::string& name);

// Scales weights to mean 1. REQUIRES: weights non-negative with a positive sum.
void normalise_weekly_pattern(std::array<double, 168>& weight);

}  // namespace escalsim::detail
