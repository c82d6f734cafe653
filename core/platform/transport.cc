#include "core/platform/transport.h"

namespace fafnir {

Status TransportRegistry::add(std::unique_ptr<Transport> transport) {
  std::string name(transport->name());
  if (transports_.count(name) != 0) {
    return Status::AlreadyExists("transport '" + name + "' is already registered");
  }
  transports_.emplace(std::move(name), std::move(transport));
  return Status::Ok();
}

Result<Transport*> TransportRegistry::find(std::string_view name) const {
  auto it = transports_.find(name);
  if (it != transports_.end()) return it->second.get();
  std::string known;
  for (const auto& [known_name, transport] : transports_) {
    known += known.empty() ? known_name : ", " + known_name;
  }
  return Status::NotFound("unknown transport '" + std::string(name) + "' (known: " + known + ")");
}

}  // namespace fafnir
