// The pool that stores the complaints now in the system (the complaint itself:
// escalsim/complaint.h).
#pragma once

#include "engine/slot_pool.h"
#include "escalsim/complaint.h"

namespace escalsim {

// Slots for the complaints in the system. Releasing a slot keeps its complaint's
// generation and bumps it, so stale events and queue entries stay stale.
class ComplaintPool : public SlotPool<Complaint> {
 public:
  void release(std::uint32_t slot) {
    ++(*this)[slot].generation;
    SlotPool::release(slot);
  }
};

}  // namespace escalsim
