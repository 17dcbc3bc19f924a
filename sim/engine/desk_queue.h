// The waiting line of a desk under its discipline, with lazy removal: a complaint that
// abandons stays in the container, marked stale by its generation, and is skipped when it
// reaches the front. The count of live entries is kept by the desk.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "escalsim/scenario.h"

namespace escalsim {

struct QueueEntry {
  std::uint32_t slot;
  std::uint32_t generation;  // the complaint's generation when it joined
  std::uint64_t complaint_id;
  Severity severity;
  bool priority = false;     // served before every entry without it, FIFO among themselves
};

class DeskQueue {
 public:
  explicit DeskQueue(QueueDiscipline discipline = QueueDiscipline::kFifo)
      : discipline_(discipline) {}

  void push(const QueueEntry& entry);

  // Removes and returns the next entry for which is_live(entry) holds, dropping stale
  // ones on the way; nothing if no live entry is left.
  template <typename IsLive>
  std::optional<QueueEntry> pop_live(IsLive is_live) {
    while (auto entry = pop_any()) {
      if (is_live(*entry)) return entry;
    }
    return std::nullopt;
  }

  // Entries held, stale ones included.
  std::size_t stored() const;

 private:
  std::optional<QueueEntry> pop_any();

  QueueDiscipline discipline_;
  std::deque<QueueEntry> priority_;  // delegated work that jumps the line
  std::deque<QueueEntry> fifo_;
  std::array<std::deque<QueueEntry>, kSeverityCount> by_severity_;
  std::vector<QueueEntry> oldest_heap_;  // min-heap on complaint id (= arrival order)
};

}  // namespace escalsim
