#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/platform/transport.h"

namespace fafnir {

struct PluginTransportOptions {
  std::string name;                               // the name it registers under, e.g. "cluster"
  std::string file_name;                          // the module, e.g. "fafnir_cluster.so"
  std::vector<std::filesystem::path> search_dirs;  // tried in order; see default_plugin_dirs()
  bool shares_market = false;                      // what the loaded transport will answer
};

// $FAFNIR_PLUGIN_DIR when set, else the directory of the running executable.
std::vector<std::filesystem::path> default_plugin_dirs();

// A Transport whose implementation lives in a shared module, loaded (dlopen) on the first
// open(), never before, so a program without the module runs every other transport. The module
// stays loaded for the life of the process. Failures of open(): FailedPrecondition naming the
// file and the directories searched when it is missing; Internal when it cannot be loaded or was
// built for another plugin ABI; otherwise whatever the loaded transport answers. Not thread-safe.
class PluginTransport final : public Transport {
 public:
  explicit PluginTransport(PluginTransportOptions options) : options_(std::move(options)) {}

  std::string_view name() const override { return options_.name; }
  bool shares_market() const override { return options_.shares_market; }
  Result<Ports> open(const TransportContext& context) override;

 private:
  Status load();

  PluginTransportOptions options_;
  std::unique_ptr<Transport> loaded_;
};

}  // namespace fafnir
