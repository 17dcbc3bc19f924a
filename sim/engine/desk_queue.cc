// Disciplines: FIFO at the desk; most severe first; earliest arrival in the system first.
#include "engine/desk_queue.h"

#include <algorithm>

namespace escalsim {
namespace {

bool younger(const QueueEntry& a, const QueueEntry& b) { return a.complaint_id > b.complaint_id; }

}  // namespace

void DeskQueue::push(const QueueEntry& entry) {
  if (entry.priority) {
    priority_.push_back(entry);
    return;
  }
  switch (discipline_) {
    case QueueDiscipline::kFifo:
      fifo_.push_back(entry);
      break;
    case QueueDiscipline::kPriorityBySeverity:
      by_severity_[static_cast<int>(entry.severity)].push_back(entry);
      break;
    case QueueDiscipline::kOldestFirst:
      oldest_heap_.push_back(entry);
      std::push_heap(oldest_heap_.begin(), oldest_heap_.end(), younger);
      break;
  }
}

std::optional<QueueEntry> DeskQueue::pop_any() {
  if (!priority_.empty()) {
    QueueEntry e = priority_.front();
    priority_.pop_front();
    return e;
  }
  switch (discipline_) {
    case QueueDiscipline::kFifo:
      if (fifo_.empty()) return std::nullopt;
      {
        QueueEntry e = fifo_.front();
        fifo_.pop_front();
        return e;
      }
    case QueueDiscipline::kPriorityBySeverity:
      for (int s = kSeverityCount - 1; s >= 0; --s) {
        auto& line = by_severity_[s];
        if (!line.empty()) {
          QueueEntry e = line.front();
          line.pop_front();
          return e;
        }
      }
      return std::nullopt;
    case QueueDiscipline::kOldestFirst:
      if (oldest_heap_.empty()) return std::nullopt;
      std::pop_heap(oldest_heap_.begin(), oldest_heap_.end(), younger);
      {
        QueueEntry e = oldest_heap_.back();
        oldest_heap_.pop_back();
        return e;
      }
  }
  return std::nullopt;
}

std::size_t DeskQueue::stored() const {
  std::size_t n = priority_.size() + fifo_.size() + oldest_heap_.size();
  for (const auto& line : by_severity_) n += line.size();
  return n;
}

}  // namespace escalsim
