// The module's one exported symbol; everything else in it is hidden.

#include "transports/cluster/cluster_transport.h"
#include "transports/plugin/transport_plugin.h"

namespace {

fafnir::Transport* create_cluster_transport() { return new fafnir::ClusterTransport(); }

const fafnir::TransportPluginInfo kClusterPlugin{fafnir::kTransportPluginAbiVersion,
                                                  sizeof(fafnir::Ports),
                                                  fafnir::ClusterTransport::kName.data(),
                                                  &create_cluster_transport};

}  // namespace

extern "C" __attribute__((visibility("default"))) const fafnir::TransportPluginInfo*
fafnir_transport_plugin() {
  return &kClusterPlugin;
}
