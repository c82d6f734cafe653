#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/clock.h"
#include "core/platform/ports.h"

namespace fafnir {

struct TransportContext {
  std::filesystem::path data_dir;  // where an embedded transport keeps its files
  const Clock* clock = nullptr;    // must outlive the ports
};

// A way to run the services: opens (creating and migrating as needed) every port.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual std::string_view name() const = 0;
  // True when other processes may share the market of the ports open() gives. Their clocks all
  // follow wall time then, as no process may move the shared market's time for the others.
  virtual bool shares_market() const { return false; }
  virtual Result<Ports> open(const TransportContext& context) = 0;
};

// The explicit set of transports a program knows, by name. Not thread-safe; fill it at start-up.
class TransportRegistry {
 public:
  // AlreadyExists when a transport of the same name is registered.
  Status add(std::unique_ptr<Transport> transport);
  // NotFound listing the known names.
  Result<Transport*> find(std::string_view name) const;

 private:
  std::map<std::string, std::unique_ptr<Transport>, std::less<>> transports_;
};

}  // namespace fafnir
