// A complaint as the engine holds it while it is in the system, and as run observers
// (escalsim/run_observer.h) see it at each point of its lifecycle. Observers read it; only
// the engine and its policies change it.
#pragma once

#include <cstdint>

#include "escalsim/scenario.h"

namespace escalsim {

struct Complaint {
  std::uint64_t id = 0;             // arrival order over the whole run: what traces call it
  // Its identity (complaint_identity.h) is (demand_stream, extra_demand, candidate,
  // contacts); `key` is identity_key of it, and keys every draw about the complaint.
  std::uint64_t candidate = 0;
  std::uint64_t key = 0;
  // The current visit's word (visit_word of key and visits, engine/keyed_random.h), set with
  // visits: every draw about the visit starts from it, so it is hashed once per visit.
  std::uint64_t visit_word = 0;
  double arrived_min = 0.0;         // first arrival in the system
  double desk_arrived_min = 0.0;    // arrival at the current desk
  std::uint32_t generation = 0;     // bumped whenever it leaves a queue; never reset
  std::uint32_t visits = 0;         // desks entered, this one included
  std::uint16_t desk = 0;
  std::uint16_t contacts = 1;       // 1 for a first contact, 2 for the customer's return, ...
  std::uint8_t desk_arrived_hour = 0;  // hour of the week of desk_arrived_min (hour_of_week)
  std::uint8_t channel = 0;
  std::uint8_t segment = 0;
  Severity severity = Severity::kMinor;
  bool is_public = false;
  bool measured = false;            // arrived after the warm-up
  bool touched_executive = false;   // served at an executive desk
  bool bypassed = false;            // a policy sent it straight to an executive desk
  bool priority = false;            // goes ahead of the line at the next desk it joins
  std::uint8_t demand_stream = 0;   // the stream it came from
  bool extra_demand = false;        // from the extra demand a policy added to that stream
  // The executive gave it attention outside a service (signed the reply, answered it in
  // public); set by policies.
  bool executive_attention = false;
  // The executive answered it in public (public_replies): others see it, and public
  // complaints left unanswered feel less fairly treated (the customer model's penalty).
  bool answered_in_public = false;
  float waited_executive_min = 0;   // total wait in executive desks' queues
  float waited_staff_min = 0;       // total wait in other desks' queues
  // Set by policies (goodwill): added to the share of this customer still loyal after the
  // outcome (the customer model's table), in points of share; 0 leaves the table's value.
  float loyalty_shift = 0;
  // Set by policies (raised_expectations): the share of its channel's "quickly" threshold
  // by which this customer judges "resolved quickly"; 1 is the customer model's threshold.
  float quickly_factor = 1;
};

// How a complaint leaves the system.
enum class FinalState { kResolved, kClosedUnresolved, kAbandoned, kRefused };

}  // namespace escalsim
