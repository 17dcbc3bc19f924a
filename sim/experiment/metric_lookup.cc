// The one lookup of a summary figure by name, and the audit of the names asked for.
#include "escalsim/metrics.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>

namespace escalsim {
namespace {

// The live audit's requests; guarded by its mutex, since sweeps look figures up on several
// threads.
struct AuditState {
  std::mutex mutex;
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<std::pair<std::string, std::string>> ordered;
};

std::atomic<AuditState*> g_audit{nullptr};

}  // namespace

namespace detail {

void note_metric_request(std::string_view scope, std::string_view name) {
  AuditState* audit = g_audit.load(std::memory_order_acquire);
  if (audit == nullptr) return;
  std::pair<std::string, std::string> key{std::string(scope), std::string(name)};
  std::lock_guard<std::mutex> lock(audit->mutex);
  if (audit->seen.insert(key).second) audit->ordered.push_back(std::move(key));
}

}  // namespace detail

const Estimate* find_metric(const std::vector<Estimate>& summary, std::string_view scope,
                            std::string_view name) {
  detail::note_metric_request(scope, name);
  const auto it = std::find_if(summary.begin(), summary.end(), [&](const Estimate& e) {
    return e.scope == scope && e.name == name;
  });
  return it == summary.end() ? nullptr : &*it;
}

MetricAudit::MetricAudit() { g_audit.store(new AuditState, std::memory_order_release); }

MetricAudit::~MetricAudit() { delete g_audit.exchange(nullptr, std::memory_order_acq_rel); }

std::vector<std::pair<std::string, std::string>> MetricAudit::requests() const {
  AuditState* audit = g_audit.load(std::memory_order_acquire);
  std::lock_guard<std::mutex> lock(audit->mutex);
  return audit->ordered;
}

}  // namespace escalsim
