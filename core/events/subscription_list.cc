#include "core/events/subscription_list.h"

#include <vector>

namespace fafnir {

Status SubscriptionList::add(ConsumerConfig config, BatchHandler handler,
                             const std::function<Status(const ConsumerConfig&)>& open_group) {
  if (config.group.empty() || config.subjects.empty() || config.max_deliveries < 1) {
    return Status::InvalidArgument(
        "a consumer needs a group name, subjects and max_deliveries >= 1");
  }
  std::lock_guard lock(mutex_);
  for (const Subscription& existing : subscriptions_) {
    if (existing.config.group == config.group) {
      return Status::AlreadyExists("consumer group '" + config.group + "' is already subscribed");
    }
  }
  FAFNIR_RETURN_IF_ERROR(open_group(config));
  subscriptions_.push_back({std::move(config), std::move(handler)});
  return Status::Ok();
}

Result<std::size_t> SubscriptionList::dispatch(
    const std::function<Result<std::size_t>(const Subscription&)>& serve) {
  std::lock_guard dispatching(dispatch_mutex_);
  std::vector<const Subscription*> subscribed;
  {
    std::lock_guard lock(mutex_);
    for (const Subscription& subscription : subscriptions_) subscribed.push_back(&subscription);
  }
  std::size_t delivered = 0;
  for (const Subscription* subscription : subscribed) {
    FAFNIR_ASSIGN_OR_RETURN(std::size_t count, serve(*subscription));
    delivered += count;
  }
  return delivered;
}

}  // namespace fafnir
