#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/platform/transport.h"

namespace fafnir {

// Lets the service tests (TradingFixture, the auth and identity worlds) run on another transport
// than the embedded one: `FAFNIR_TEST_TRANSPORT=cluster fafnir_tests "[portfolio]"`. A factory
// returns a transport over fresh, empty state (each fixture is a new world); the fixture opens it
// again on reopen().
using FixtureTransportFactory = std::function<std::unique_ptr<Transport>()>;

// Registers `factory` under `name`; call it from a static initializer of the file that builds
// the transport. Returns true.
bool register_fixture_transport(const std::string& name, FixtureTransportFactory factory);

// A new transport of the kind FAFNIR_TEST_TRANSPORT names; nullptr when the variable is unset or
// empty. Throws std::runtime_error when it names a transport no file registered (e.g. the cluster
// transport in a build without it).
std::unique_ptr<Transport> fixture_transport_from_environment();

// The ports of `named` (see above) when it is non-null, else of the embedded transport in
// `context.data_dir`.
Result<Ports> open_fixture_ports(Transport* named, const TransportContext& context);

}  // namespace fafnir
