// Tests of DeskQueue: the three disciplines and lazy removal of stale entries.
#include "engine/desk_queue.h"

#include <cstdint>
#include <optional>
#include <set>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/scenario.h"

namespace escalsim {
namespace {

QueueEntry entry(std::uint64_t id, Severity severity = Severity::kMinor,
                 std::uint32_t generation = 0) {
  return QueueEntry{static_cast<std::uint32_t>(id), generation, id, severity};
}

bool always_live(const QueueEntry&) { return true; }

// Complaint ids in the order the queue gives them, treating every entry as live.
std::vector<std::uint64_t> drain(DeskQueue& queue) {
  std::vector<std::uint64_t> ids;
  while (auto e = queue.pop_live(always_live)) ids.push_back(e->complaint_id);
  return ids;
}

}  // namespace

TEST_CASE("DeskQueue: FIFO serves in the order of arrival at the desk") {
  DeskQueue queue(QueueDiscipline::kFifo);
  // Ids out of order and severities mixed: neither matters under FIFO.
  queue.push(entry(30, Severity::kMinor));
  queue.push(entry(10, Severity::kCritical));
  queue.push(entry(20, Severity::kSerious));
  queue.push(entry(5, Severity::kMinor));
  CHECK(queue.stored() == 4);
  CHECK(drain(queue) == std::vector<std::uint64_t>{30, 10, 20, 5});
  CHECK(queue.stored() == 0);
  CHECK_FALSE(queue.pop_live(always_live).has_value());
}

TEST_CASE("DeskQueue: priority by severity serves the most severe first, FIFO within a "
          "severity") {
  DeskQueue queue(QueueDiscipline::kPriorityBySeverity);
  queue.push(entry(1, Severity::kMinor));
  queue.push(entry(2, Severity::kSerious));
  queue.push(entry(3, Severity::kModerate));
  queue.push(entry(4, Severity::kCritical));
  queue.push(entry(5, Severity::kSerious));
  queue.push(entry(6, Severity::kMinor));
  queue.push(entry(7, Severity::kCritical));
  CHECK(queue.stored() == 7);
  CHECK(drain(queue) == std::vector<std::uint64_t>{4, 7, 2, 5, 3, 1, 6});

  SUBCASE("a severe complaint that arrives later still goes ahead of those waiting") {
    queue.push(entry(10, Severity::kMinor));
    queue.push(entry(11, Severity::kMinor));
    auto first = queue.pop_live(always_live);
    REQUIRE(first.has_value());
    CHECK(first->complaint_id == 10);
    queue.push(entry(12, Severity::kCritical));
    CHECK(drain(queue) == std::vector<std::uint64_t>{12, 11});
  }
}

TEST_CASE("DeskQueue: oldest-first serves by complaint id whatever the push order") {
  DeskQueue queue(QueueDiscipline::kOldestFirst);
  for (std::uint64_t id : {50, 7, 93, 12, 1, 64, 33, 8, 21, 77}) {
    queue.push(entry(id, id % 2 ? Severity::kCritical : Severity::kMinor));
  }
  CHECK(queue.stored() == 10);
  CHECK(drain(queue) == std::vector<std::uint64_t>{1, 7, 8, 12, 21, 33, 50, 64, 77, 93});

  SUBCASE("pushes between pops are ordered among what is held") {
    queue.push(entry(40));
    queue.push(entry(20));
    CHECK(queue.pop_live(always_live)->complaint_id == 20);
    queue.push(entry(10));
    queue.push(entry(30));
    CHECK(drain(queue) == std::vector<std::uint64_t>{10, 30, 40});
  }
}

TEST_CASE("DeskQueue: pop_live skips stale entries and stored() counts them until then") {
  for (QueueDiscipline discipline : {QueueDiscipline::kFifo, QueueDiscipline::kPriorityBySeverity,
                                     QueueDiscipline::kOldestFirst}) {
    CAPTURE(discipline_name(discipline));
    DeskQueue queue(discipline);
    // Slot = id; the entry is live while its generation matches the complaint's current one.
    std::vector<std::uint32_t> generation(6, 0);
    for (std::uint64_t id = 1; id <= 5; ++id) queue.push(entry(id, Severity::kModerate, 0));
    // Complaints 1, 2 and 4 abandon: their generation moves on, their entries stay.
    generation[1] = generation[2] = generation[4] = 1;
    auto is_live = [&](const QueueEntry& e) { return e.generation == generation[e.slot]; };
    CHECK(queue.stored() == 5);

    auto first = queue.pop_live(is_live);
    REQUIRE(first.has_value());
    CHECK(first->complaint_id == 3);
    CHECK(queue.stored() == 2);  // 1 and 2 dropped on the way, 4 and 5 still held

    auto second = queue.pop_live(is_live);
    REQUIRE(second.has_value());
    CHECK(second->complaint_id == 5);
    CHECK(queue.stored() == 0);
    CHECK_FALSE(queue.pop_live(is_live).has_value());
  }

  SUBCASE("a queue of only stale entries gives nothing and ends empty") {
    DeskQueue queue(QueueDiscipline::kFifo);
    for (std::uint64_t id = 0; id < 4; ++id) queue.push(entry(id));
    CHECK(queue.stored() == 4);
    CHECK_FALSE(queue.pop_live([](const QueueEntry&) { return false; }).has_value());
    CHECK(queue.stored() == 0);
  }
  SUBCASE("a complaint that left and rejoined is served once, by its new entry") {
    DeskQueue queue(QueueDiscipline::kFifo);
    std::vector<std::uint32_t> generation(3, 0);
    queue.push(entry(1, Severity::kMinor, 0));
    queue.push(entry(2, Severity::kMinor, 0));
    generation[1] = 1;                          // complaint 1 left...
    queue.push(entry(1, Severity::kMinor, 1));  // ...and came back behind complaint 2
    auto is_live = [&](const QueueEntry& e) { return e.generation == generation[e.slot]; };
    std::vector<std::uint64_t> served;
    while (auto e = queue.pop_live(is_live)) served.push_back(e->complaint_id);
    CHECK(served == std::vector<std::uint64_t>{2, 1});
  }
}

}  // namespace escalsim
