#pragma once

#include <cstddef>

#include "core/platform/transport.h"

namespace fafnir {

// Bump whenever Transport, TransportContext, Ports or a port interface changes shape: a plugin
// built against another version is refused at load time.
inline constexpr int kTransportPluginAbiVersion = 2;

// What a transport plugin's entry point describes. Lives in the plugin's static storage.
struct TransportPluginInfo {
  int abi_version;         // the kTransportPluginAbiVersion the plugin was built with
  std::size_t ports_size;  // its sizeof(Ports): a cheap check that both sides agree on layouts
  const char* name;        // the transport's name, e.g. "cluster"
  Transport* (*create)();  // a new transport, owned by the caller; never nullptr
};

// The name of the one symbol a plugin exports, declared as
//   extern "C" const fafnir::TransportPluginInfo* fafnir_transport_plugin();
inline constexpr const char* kTransportPluginEntryPoint = "fafnir_transport_plugin";

}  // namespace fafnir
