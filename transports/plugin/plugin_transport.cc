#include "transports/plugin/plugin_transport.h"

#include <dlfcn.h>

#include <cstdlib>

#include "transports/plugin/transport_plugin.h"

namespace fafnir {

std::vector<std::filesystem::path> default_plugin_dirs() {
  if (const char* dir = std::getenv("FAFNIR_PLUGIN_DIR"); dir != nullptr && *dir != '\0') {
    return {dir};
  }
  std::error_code error;
  std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return {};
  return {executable.parent_path()};
}

Status PluginTransport::load() {
  std::string searched;
  std::filesystem::path found;
  for (const std::filesystem::path& dir : options_.search_dirs) {
    std::filesystem::path candidate = dir / options_.file_name;
    if (std::filesystem::exists(candidate)) {
      found = candidate;
      break;
    }
    searched += (searched.empty() ? "" : ", ") + dir.string();
  }
  if (found.empty()) {
    return Status::FailedPrecondition(
        "the " + options_.name + " transport plugin " + options_.file_name + " is not in " +
        (searched.empty() ? std::string("any directory") : searched) +
        " (build it with its dependencies installed, or set FAFNIR_PLUGIN_DIR)");
  }
  // Never closed: the transport and its ports run code from the module until the process ends.
  void* module = dlopen(found.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (module == nullptr) {
    return Status::Internal("cannot load " + found.string() + ": " + dlerror());
  }
  using EntryPoint = const TransportPluginInfo* (*)();
  auto entry = reinterpret_cast<EntryPoint>(dlsym(module, kTransportPluginEntryPoint));
  if (entry == nullptr) {
    return Status::Internal(found.string() + " is not a fafnir transport plugin (no " +
                            kTransportPluginEntryPoint + ")");
  }
  const TransportPluginInfo* info = entry();
  if (info->abi_version != kTransportPluginAbiVersion || info->ports_size != sizeof(Ports)) {
    return Status::Internal(found.string() + " was built for plugin ABI " +
                            std::to_string(info->abi_version) + ", this fafnir needs " +
                            std::to_string(kTransportPluginAbiVersion) + "; rebuild both together");
  }
  if (options_.name != info->name) {
    return Status::Internal(found.string() + " provides transport '" + info->name + "', not '" +
                            options_.name + "'");
  }
  loaded_.reset(info->create());
  return Status::Ok();
}

Result<Ports> PluginTransport::open(const TransportContext& context) {
  if (!loaded_) FAFNIR_RETURN_IF_ERROR(load());
  return loaded_->open(context);
}

}  // namespace fafnir
