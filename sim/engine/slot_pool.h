// Reusable slots for what is in the system now (complaints, customers who will come back):
// a slot is reused once released, so memory follows how many are in at once, not how many
// have passed.
#pragma once

#include <cstdint>
#include <vector>

namespace escalsim {

template <typename T>
class SlotPool {
 public:
  // A free slot: the most recently released one (holding its old value), else a new one
  // holding T{}.
  std::uint32_t allocate() {
    ++live_;
    if (!free_.empty()) {
      std::uint32_t slot = free_.back();
      free_.pop_back();
      return slot;
    }
    slots_.emplace_back();
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }
  // REQUIRES: `slot` was allocated and not released since.
  void release(std::uint32_t slot) {
    free_.push_back(slot);
    --live_;
  }
  T& operator[](std::uint32_t slot) { return slots_[slot]; }
  const T& operator[](std::uint32_t slot) const { return slots_[slot]; }
  std::int64_t live() const { return live_; }
  // Calls f(value) for each allocated slot, in slot order. O(slots).
  template <typename F>
  void for_each_live(F f) const {
    std::vector<bool> free(slots_.size(), false);
    for (std::uint32_t slot : free_) free[slot] = true;
    for (std::size_t slot = 0; slot < slots_.size(); ++slot) {
      if (!free[slot]) f(slots_[slot]);
    }
  }

 private:
  std::vector<T> slots_;
  std::vector<std::uint32_t> free_;
  std::int64_t live_ = 0;
};

}  // namespace escalsim
