// The writers of `escalsim compare`: a side-by-side table with paired differences, JSON and
// tidy CSV.
//
// Figures come from each variant's summary and differences from Comparison, by (scope,
// metric), so the table, the JSON and the CSV agree. Nothing depends on the clock or the
// machine: the same inputs give byte-identical files.
#include "escalsim/report.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <limits>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "escalsim/results.h"
#include "escalsim/findings.h"
#include "report/format_helpers.h"
#include "report/json_helpers.h"
#include "escalsim/metric_names.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

using detail::csv_field;
using detail::csv_number;
using detail::Figures;
using detail::format_figure;
using detail::format_span;
using detail::prediction_json;
using detail::scenario_json;
using detail::silo_verdict_json;
using detail::summary_json;
using detail::TextTable;
using detail::Unit;
using Json = nlohmann::ordered_json;

// Shown where a variant does not measure a figure (a desk it does not have).
constexpr const char* kMissing = "—";

struct Row {
  const char* label;
  const char* metric;
  Unit unit;
};

constexpr Row kDeskRows[] = {
    {"utilisation", metric::kUtilisation, Unit::kPercent},
    {"wait mean", metric::kWaitMeanMin, Unit::kDuration},
};

constexpr Row kComplaintRows[] = {
    {"time in system mean", metric::kTimeInSystemMeanMin, Unit::kDuration},
    {"time to resolution mean", metric::kTimeToResolutionMeanMin, Unit::kDuration},
    {"resolution rate", metric::kResolutionRate, Unit::kPercent},
    {"escalation rate", metric::kEscalationRate, Unit::kPercent},
    {"reached the executive", metric::kExecutiveShare, Unit::kPercent},
};

// Figures of the customer model, economics and the silo, each at the scope its recorder
// writes it in; shown only when some variant measures them.
struct OutcomeRow {
  const char* label;
  const char* scope;
  const char* metric;
  Unit unit;
};
constexpr OutcomeRow kOutcomeRows[] = {
    {"loyalty (mean)", metric::kCustomers, metric::kLoyaltyMean, Unit::kPercent},
    {"expected churn per year", metric::kCustomers, metric::kChurnPerYear, Unit::kNumber},
    {"revenue at risk per year", metric::kCustomers, metric::kRevenueAtRiskPerYear,
     Unit::kNumber},
    {"cost per year", metric::kEconomics, metric::kCostPerYear, Unit::kNumber},
    {"executive hours per year", metric::kEconomics, metric::kExecutiveHoursPerYear,
     Unit::kHours},
    {"executive work by bypass", "silo", metric::kBypassShare, Unit::kPercent},
};

// One line of the table: a figure at a scope.
struct Line {
  std::string label;
  std::string scope;
  std::string metric;
  Unit unit;
};

// The names after "<prefix>:" over every variant, in order of first appearance.
std::vector<std::string> names_in(const std::vector<Figures>& figures, std::string_view prefix) {
  std::vector<std::string> all;
  for (const Figures& f : figures) {
    for (std::string& name : f.names_in(prefix)) {
      if (std::find(all.begin(), all.end(), name) == all.end()) all.push_back(std::move(name));
    }
  }
  return all;
}

// A difference's cell: "+1.20 ± 0.30 min *"; the sign always shown, "*" when significant
// and two spaces otherwise, so that the figures stay aligned. A difference of percentages is
// in percentage points ("+2.1 ± 0.4 points"), as the report says. A significant difference
// gets the decimals that show it: its mean and half-width never both round to zero
// ("0.0 ± 0.0 % *" said nothing).
std::string difference_cell(const Difference* d, Unit unit, int n) {
  if (d == nullptr) return kMissing;
  if (!d->applicable) return "not applicable";
  Estimate e;
  e.mean = d->difference;
  e.half_width = d->half_width;
  e.n = n;
  std::string text;
  if (unit == Unit::kPercent || d->significant) {
    double scale = 1.0;
    int decimals = detail::decimals_for(e.mean);
    std::string suffix;
    switch (unit) {
      case Unit::kPercent:
        scale = 100.0;
        decimals = 1;
        suffix = "points";
        break;
      case Unit::kHours:
        decimals = 1;
        suffix = "h";
        break;
      case Unit::kCount: decimals = n > 1 && std::fabs(e.mean) < 100.0 ? 1 : 0; break;
      case Unit::kNumber: break;
      case Unit::kDuration: {
        const double minutes = std::fabs(e.mean);
        suffix = "min";
        if (minutes >= 48.0 * 60.0) {
          scale = 1.0 / 1440.0;
          suffix = "d";
        } else if (minutes >= 120.0) {
          scale = 1.0 / 60.0;
          suffix = "h";
        }
        decimals = detail::decimals_for(e.mean * scale);
        break;
      }
    }
    // Up to six decimals, until the mean and (with an interval) the half-width show a digit.
    const auto shows = [&](double value, int places) {
      return std::fabs(value * scale) >= 0.5 * std::pow(10.0, -places);
    };
    while (d->significant && decimals < 6 &&
           (!shows(e.mean, decimals) ||
            (n > 1 && e.half_width != 0.0 && !shows(e.half_width, decimals)))) {
      ++decimals;
    }
    text = e.mean == 0.0 && e.half_width == 0.0 && !d->significant
               ? (suffix.empty() ? std::string("0") : "0 " + suffix)
               : detail::with_interval(e, scale, decimals, suffix);
  } else {
    text = format_figure(&e, unit);
  }
  if (d->difference > 0.0) text = "+" + text;
  text += d->significant ? " *" : "  ";
  return text;
}

// The headline of a comparison in plain words: for each variant, the largest significant
// differences from the baseline (by size relative to the baseline's mean; a figure the
// baseline has at 0 counts as the largest), each as a sentence with its 95% interval:
// "waits at ceo are 31.0 h shorter (6.7 to 55.3 h)". The rest is in the table below.
constexpr std::size_t kHeadlineMost = 5;

// How a figure reads in a sentence: the subject ("{}" is the desk or executive named by the
// scope) and the words for a rise and a fall.
struct Phrase {
  const char* metric;
  const char* subject;
  const char* rise;
  const char* fall;
};
constexpr Phrase kPhrases[] = {
    {metric::kUtilisation, "{} is", "busier by", "less busy by"},
    {metric::kWaitMeanMin, "waits at {} are", "longer", "shorter"},
    {metric::kTimeInSystemMeanMin, "complaints spend", "longer in the system",
     "less in the system"},
    {metric::kTimeToResolutionMeanMin, "resolution takes", "longer", "less"},
    {metric::kResolutionRate, "the resolution rate is", "higher", "lower"},
    {metric::kEscalationRate, "the escalation rate is", "higher", "lower"},
    {metric::kExecutiveShare, "the share of complaints reaching the executive is", "higher",
     "lower"},
    {metric::kUsedH, "{} works", "more", "less"},
    {metric::kLoyaltyMean, "loyalty is", "higher", "lower"},
    {metric::kChurnPerYear, "customers expected to leave per year:", "more", "fewer"},
    {metric::kRevenueAtRiskPerYear, "revenue at risk per year is", "higher", "lower"},
    {metric::kCostPerYear, "cost per year is", "higher", "lower"},
    {metric::kBypassShare, "the executive's work that came by bypass is", "higher", "lower"},
};

// Positive amounts in the figure's unit, the unit chosen by `size` so that an interval's
// ends read in one unit: {scale, decimals, suffix}.
struct AmountUnit {
  double scale = 1.0;
  int decimals = 1;
  const char* suffix = "";
};
AmountUnit amount_unit(double size, Unit unit) {
  switch (unit) {
    case Unit::kPercent: return {100.0, 1, " points"};
    case Unit::kHours: return {1.0, 1, " h"};
    case Unit::kDuration:
      if (size >= 48.0 * 60.0) return {1.0 / 1440.0, 1, " d"};
      if (size >= 120.0) return {1.0 / 60.0, 1, " h"};
      return {1.0, detail::decimals_for(size), " min"};
    default: return {1.0, detail::decimals_for(size), ""};
  }
}

// "waits at ceo are 31.0 h shorter (6.7 to 55.3 h)": the size of the difference, its
// direction in words, and the 95% interval of the size (significant, so it excludes 0).
std::string headline_sentence(const Phrase& phrase, const std::string& name, const Difference& d,
                              Unit unit) {
  const double size = std::fabs(d.difference);
  const AmountUnit u = amount_unit(size, unit);
  const auto number = [&](double value) { return detail::fixed(value * u.scale, u.decimals); };
  const std::string amount = number(size) + u.suffix;
  const std::string subject = fmt::format(fmt::runtime(phrase.subject), name);
  const std::string_view direction = d.difference > 0.0 ? phrase.rise : phrase.fall;
  // "is busier by 20.0 points" and "works 85.9 h more" read differently: a direction that
  // ends in "by" comes before the amount.
  const bool before = direction.size() >= 2 && direction.substr(direction.size() - 2) == "by";
  const std::string body = before ? fmt::format("{} {} {}", subject, direction, amount)
                                  : fmt::format("{} {} {}", subject, amount, direction);
  return fmt::format("{} ({} to {}{})", body, number(std::max(0.0, size - d.half_width)),
                     number(size + d.half_width), u.suffix);
}

std::string settings_line(const ComparedVariant& v) {
  const RunSettings& run = v.result.scenario.run;
  std::string warmup = "warm-up " + format_span(run.warmup);
  if (run.warmup_auto) {
    warmup = "warm-up auto (MSER-5)";
  } else if (run.warmup.in_minutes() == 0.0) {
    warmup = "no warm-up";
  }
  std::string source = v.result.scenario.source_path;
  if (!v.variant_overrides.empty()) {
    std::string settings;
    for (const std::string& o : v.variant_overrides) {
      settings += (settings.empty() ? "" : "; ") + o;
    }
    source += " with " + settings;
  }
  return fmt::format("  {}: {} (horizon {}, {})\n", v.name, source, format_span(run.horizon),
                     warmup);
}

Json settings_json(const ExperimentResult& result) {
  const RunSettings& run = result.scenario.run;
  Json j;
  j["seed"] = run.seed;
  j["replications"] = result.runs.size();
  j["horizon_min"] = run.horizon.in_minutes();
  j["warmup"] = run.warmup_auto ? "auto (MSER-5)" : "fixed";
  j["warmup_min"] = run.warmup_auto ? Json(nullptr) : Json(run.warmup.in_minutes());
  return j;
}

// The table's sections: a title and its lines, over every variant's figures.
struct Section {
  const char* title;
  std::vector<Line> lines;
};

std::vector<Section> table_sections(const Comparison& comparison,
                                    const std::vector<Figures>& figures) {
  const std::vector<ComparedVariant>& variants = comparison.variants;
  std::vector<Line> desk_lines;
  for (const std::string& desk : names_in(figures, "desk")) {
    for (const Row& row : kDeskRows) {
      desk_lines.push_back(
          {desk + " " + row.label, metric::kDeskPrefix + desk, row.metric, row.unit});
    }
  }

  std::vector<Line> complaint_lines;
  for (const Row& row : kComplaintRows) {
    complaint_lines.push_back({row.label, "complaints", row.metric, row.unit});
  }

  std::vector<Line> executive_lines;
  for (const std::string& desk : names_in(figures, "executive")) {
    executive_lines.push_back(
        {desk + " hours used", metric::kExecutivePrefix + desk, metric::kUsedH, Unit::kHours});
  }

  std::vector<Line> outcome_lines;
  for (const OutcomeRow& row : kOutcomeRows) {
    const bool measured = std::any_of(figures.begin(), figures.end(), [&](const Figures& f) {
      return f.find(row.scope, row.metric) != nullptr;
    });
    if (measured) outcome_lines.push_back({row.label, row.scope, row.metric, row.unit});
  }
  // Satisfaction per executive hour: a comparison's own figure (only a difference).
  const auto per_hour = [](const Difference& d) { return d.name == kLoyalGainedPerExecutiveHour; };
  if (std::any_of(variants.begin(), variants.end(), [&](const ComparedVariant& v) {
        return std::any_of(v.against_baseline.begin(), v.against_baseline.end(), per_hour);
      })) {
    outcome_lines.push_back({"loyal customers gained per extra executive hour",
                             metric::kEconomics,
                             kLoyalGainedPerExecutiveHour, Unit::kNumber});
  }
  // Cost per churned customer avoided: every comparison with per-year figures has it, as a
  // figure or as "not applicable".
  const auto per_churned = [](const Difference& d) { return d.name == kCostPerChurnedAvoided; };
  if (std::any_of(variants.begin(), variants.end(), [&](const ComparedVariant& v) {
        return std::any_of(v.against_baseline.begin(), v.against_baseline.end(), per_churned);
      })) {
    outcome_lines.push_back({"cost per churned customer avoided (per year)", metric::kEconomics,
                             kCostPerChurnedAvoided, Unit::kNumber});
  }

  return {{"Desks", std::move(desk_lines)},
          {"Complaints", std::move(complaint_lines)},
          {"Executive", std::move(executive_lines)},
          {"Customers and economics", std::move(outcome_lines)}};
}

// Variant `v`'s headline (v >= 1): its largest significant differences from the baseline
// among the table's lines, as sentences, at most kHeadlineMost.
std::vector<std::string> headline(const std::vector<Section>& sections,
                                  const Comparison& comparison, std::size_t v) {
  struct Candidate {
    double relative;
    std::string sentence;
  };
  std::vector<Candidate> candidates;
  for (const Section& section : sections) {
    for (const Line& line : section.lines) {
      const Difference* found = nullptr;
      for (const Difference& d : comparison.variants[v].against_baseline) {
        if (d.scope == line.scope && d.name == line.metric) found = &d;
      }
      if (found == nullptr || !found->significant) continue;
      const Phrase* phrase = nullptr;
      for (const Phrase& p : kPhrases) {
        if (line.metric == p.metric) phrase = &p;
      }
      if (phrase == nullptr) continue;
      const std::size_t colon = line.scope.find(':');
      const std::string name = colon == std::string::npos ? "" : line.scope.substr(colon + 1);
      const double relative = found->mean_a != 0.0 ? std::fabs(found->difference / found->mean_a)
                                                   : std::numeric_limits<double>::infinity();
      candidates.push_back({relative, headline_sentence(*phrase, name, *found, line.unit)});
    }
  }
  // Stable: equal sizes keep the table's order, so the headline is the same on every run.
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.relative > b.relative; });
  std::vector<std::string> sentences;
  for (std::size_t k = 0; k < candidates.size() && k < kHeadlineMost; ++k) {
    sentences.push_back(std::move(candidates[k].sentence));
  }
  return sentences;
}

}  // namespace

void write_compare_table(std::ostream& out, const Comparison& comparison,
                         const std::vector<Findings>& findings) {
  const std::vector<ComparedVariant>& variants = comparison.variants;
  if (variants.empty()) return;
  const ComparedVariant& baseline = variants.front();
  const int n = static_cast<int>(baseline.result.runs.size());

  std::vector<Figures> figures;
  for (const ComparedVariant& v : variants) figures.emplace_back(v.result.summary);
  // Each variant's differences by (scope, metric).
  std::vector<std::map<std::pair<std::string, std::string>, const Difference*>> differences(
      variants.size());
  for (std::size_t i = 1; i < variants.size(); ++i) {
    for (const Difference& d : variants[i].against_baseline) {
      differences[i][{d.scope, d.name}] = &d;
    }
  }

  fmt::memory_buffer buffer;
  auto it = std::back_inserter(buffer);
  const RunSettings& run = baseline.result.scenario.run;
  fmt::format_to(it,
                 "escalsim {}: comparing {} variants on common random numbers, seed {}, {} {}\n",
                 version(), variants.size(), run.seed, n, n == 1 ? "replication" : "replications");
  for (const ComparedVariant& v : variants) fmt::format_to(it, "{}", settings_line(v));
  if (n > 1) {
    fmt::format_to(it, "figures: mean ± half-width of the 95% confidence interval (Student t) "
                       "over {} replications; differences paired by replication\n", n);
  } else {
    fmt::format_to(it, "figures: one replication, no confidence intervals and nothing "
                       "significant (use --replications to get them)\n");
  }

  TextTable table;
  std::vector<std::string> header{""};
  for (const ComparedVariant& v : variants) header.push_back(v.name);
  for (std::size_t i = 1; i < variants.size(); ++i) {
    header.push_back(variants[i].name + " − " + baseline.name);
  }
  table.add(std::move(header));

  auto add_section = [&](const std::string& title, const std::vector<Line>& lines) {
    if (lines.empty()) return;
    table.add({title});
    for (const Line& line : lines) {
      std::vector<std::string> cells{"  " + line.label};
      // A variant without an executive desk: no complaint can reach one, and none of its
      // work came by bypass.
      const auto applies = [&](std::size_t v) {
        return (line.metric != metric::kExecutiveShare && line.metric != metric::kBypassShare) ||
               !figures[v].names_in("executive").empty();
      };
      // A comparison's own figures (ratios of differences) have no value per variant.
      const bool derived =
          line.metric == kLoyalGainedPerExecutiveHour || line.metric == kCostPerChurnedAvoided;
      for (std::size_t v = 0; v < figures.size(); ++v) {
        const Estimate* e = derived ? nullptr : figures[v].find(line.scope, line.metric);
        cells.push_back(!applies(v)    ? std::string("not applicable")
                        : e == nullptr ? std::string(kMissing)
                                       : format_figure(e, line.unit));
      }
      for (std::size_t i = 1; i < variants.size(); ++i) {
        const auto found = differences[i].find({line.scope, line.metric});
        cells.push_back(!applies(0) || !applies(i)
                            ? std::string("not applicable")
                            : difference_cell(
                                  found == differences[i].end() ? nullptr : found->second,
                                  line.unit, n));
      }
      table.add(std::move(cells));
    }
  };

  const std::vector<Section> sections = table_sections(comparison, figures);
  for (const Section& section : sections) add_section(section.title, section.lines);
  for (std::size_t i = 1; i < variants.size(); ++i) {
    const std::vector<std::string> sentences = headline(sections, comparison, i);
    fmt::format_to(it, "\n{} against {}: ", variants[i].name, baseline.name);
    if (sentences.empty()) {
      fmt::format_to(it, "no significant difference in the figures below\n");
      continue;
    }
    fmt::format_to(it, "the largest significant differences (95% intervals)\n");
    for (const std::string& sentence : sentences) fmt::format_to(it, "  {}\n", sentence);
  }

  fmt::format_to(it, "\n");
  table.render(buffer, "");
  fmt::format_to(it, "\n* significant: the paired 95% interval of the difference excludes 0; "
                     "{} not measured in that variant\n", kMissing);
  // Each variant's verdict, as `run` states it (the findings computed once per variant).
  if (findings.size() == variants.size() &&
      std::any_of(findings.begin(), findings.end(),
                  [](const Findings& f) { return !f.verdict.desk.empty(); })) {
    fmt::format_to(it, "\nVerdict: new silo at the top?\n");
    for (std::size_t v = 0; v < variants.size(); ++v) {
      fmt::format_to(it, "  {}: {}\n", variants[v].name, findings[v].verdict.headline);
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

void write_compare_json(std::ostream& out, const Comparison& comparison,
                        const std::vector<Findings>& findings) {
  Json j;
  j["escalsim_version"] = version();
  const ExperimentResult* baseline =
      comparison.variants.empty() ? nullptr : &comparison.variants.front().result;
  j["seed"] = baseline ? Json(baseline->scenario.run.seed) : Json(nullptr);
  j["replications"] = baseline ? baseline->runs.size() : 0;
  j["baseline"] = baseline ? Json(comparison.variants.front().name) : Json(nullptr);
  j["pairing"] = "by replication, on common random numbers";
  j["confidence"] = 0.95;
  j["variants"] = Json::array();
  std::size_t variant_index = 0;
  for (const ComparedVariant& v : comparison.variants) {
    Json variant;
    variant["name"] = v.name;
    variant["variant_overrides"] = v.variant_overrides;
    variant["scenario"] = scenario_json(v.result.scenario);
    variant["settings"] = settings_json(v.result);
    variant["summary"] = summary_json(v.result.summary);
    // For the report's headline: each variant's own prediction and silo verdict.
    const Findings& found = findings.at(variant_index++);
    variant["prediction"] = prediction_json(found.prediction);
    variant["silo_verdict"] = silo_verdict_json(found.verdict);
    j["variants"].push_back(std::move(variant));
  }
  j["differences"] = Json::array();
  std::vector<Figures> figures;
  for (const ComparedVariant& v : comparison.variants) figures.emplace_back(v.result.summary);
  const std::vector<Section> sections = table_sections(comparison, figures);
  for (std::size_t i = 1; i < comparison.variants.size(); ++i) {
    const ComparedVariant& v = comparison.variants[i];
    Json against;
    against["variant"] = v.name;
    against["baseline"] = comparison.variants.front().name;
    against["headline"] = headline(sections, comparison, i);
    against["metrics"] = Json::array();
    for (const Difference& d : v.against_baseline) {
      Json row;
      row["scope"] = d.scope;
      row["metric"] = d.name;
      if (!d.applicable) {
        // A derived figure that does not apply: no number, and the words a reader sees.
        row["applicable"] = false;
        row["value"] = "not applicable";
        against["metrics"].push_back(std::move(row));
        continue;
      }
      row["mean_baseline"] = d.mean_a;
      row["mean_variant"] = d.mean_b;
      row["difference"] = d.difference;
      row["half_width"] = d.half_width;
      row["significant"] = d.significant;
      against["metrics"].push_back(std::move(row));
    }
    j["differences"].push_back(std::move(against));
  }
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

void write_compare_csv(std::ostream& out, const Comparison& comparison) {
  fmt::memory_buffer buffer;
  auto it = std::back_inserter(buffer);
  fmt::format_to(it, "variant,replication,seed,scope,metric,value\n");
  for (const ComparedVariant& v : comparison.variants) {
    const std::string variant = csv_field(v.name);
    for (const RunResult& run : v.result.runs) {
      for (const Metric& metric : flatten(run)) {
        fmt::format_to(it, "{},{},{},{},{},{}\n", variant, run.replication, run.seed,
                       csv_field(metric.scope), csv_field(metric.name), csv_number(metric.value));
      }
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

void write_compare_differences_csv(std::ostream& out, const Comparison& comparison) {
  fmt::memory_buffer buffer;
  auto it = std::back_inserter(buffer);
  fmt::format_to(it, "variant,baseline,scope,metric,difference,half_width,significant\n");
  if (!comparison.variants.empty()) {
    const std::string baseline = csv_field(comparison.variants.front().name);
    for (std::size_t i = 1; i < comparison.variants.size(); ++i) {
      const ComparedVariant& v = comparison.variants[i];
      const std::string variant = csv_field(v.name);
      for (const Difference& d : v.against_baseline) {
        if (!d.applicable) {
          fmt::format_to(it, "{},{},{},{},not applicable,not applicable,false\n", variant,
                         baseline, csv_field(d.scope), csv_field(d.name));
          continue;
        }
        fmt::format_to(it, "{},{},{},{},{},{},{}\n", variant, baseline, csv_field(d.scope),
                       csv_field(d.name), csv_number(d.difference), csv_number(d.half_width),
                       d.significant ? "true" : "false");
      }
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace escalsim
