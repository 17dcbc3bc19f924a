// The organisation chart: the desks and routes of a scenario as Graphviz DOT, coloured by
// the load the traffic equations predict.
#pragma once

#include <string>

#include "escalsim/analysis.h"
#include "escalsim/scenario.h"

namespace escalsim {

// How busy the traffic equations predict a desk to be; the chart fills the desk with the
// band's colour and its legend lists the bands.
enum class LoadBand {
  kCalm,        // load below 0.7
  kBusy,        // 0.7 to below 0.9: waits grow quickly from here
  kSaturated,   // 0.9 to below 1: long waits, little slack for a surge
  kOverloaded,  // 1 or more (or infinite): the backlog grows without bound
};

LoadBand load_band(double load);
const char* load_band_name(LoadBand band);    // "calm", "busy", "saturated", "overloaded"
const char* load_band_colour(LoadBand band);  // the fill colour, "#rrggbb"

// The organisation graph of `scenario` as a Graphviz digraph:
// - a "demand" source node with the arrival rate (an edge per stream to the desk it enters);
// - a node per desk labelled with its name, staff (or "9-16 staff in shifts"), mean handle
//   time, an executive desk's budget and windows ("3 h per week, Mon 08-09, Fri 16-17"),
//   and its predicted load ("load 0.89", "overloaded" from 1), filled by load_band;
// - an "exit" node;
// - a solid edge per route, labelled with its condition and probability (grey and "never
//   taken" when no complaint can take it), and a grey "otherwise" edge to the exit from
//   desks some complaints leave without a route;
// - dashed edges for flows outside the routes: policies' bypasses, escalations and
//   delegations, an executive's hand back when the budget is spent, customers' returns;
// - a legend of the load bands.
// `prediction` is predict(scenario) (its desks in scenario order); a desk it lacks is drawn
// without load. Labels are escaped, so any desk name is safe. The same input gives the
// same text. REQUIRES: a scenario that validates (load_scenario checked it).
std::string organisation_dot(const Scenario& scenario, const Prediction& prediction);

}  // namespace escalsim
