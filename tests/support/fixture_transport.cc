#include "tests/support/fixture_transport.h"

#include <cstdlib>
#include <map>
#include <stdexcept>

#include "transports/embedded/embedded_transport.h"

namespace fafnir {
namespace {

std::map<std::string, FixtureTransportFactory>& factories() {
  static std::map<std::string, FixtureTransportFactory> registered;
  return registered;
}

}  // namespace

bool register_fixture_transport(const std::string& name, FixtureTransportFactory factory) {
  factories()[name] = std::move(factory);
  return true;
}

std::unique_ptr<Transport> fixture_transport_from_environment() {
  const char* name = std::getenv("FAFNIR_TEST_TRANSPORT");
  if (name == nullptr || *name == '\0') return nullptr;
  auto found = factories().find(name);
  if (found == factories().end()) {
    throw std::runtime_error("FAFNIR_TEST_TRANSPORT=" + std::string(name) +
                             " names no transport this test build has");
  }
  return found->second();
}

Result<Ports> open_fixture_ports(Transport* named, const TransportContext& context) {
  if (named != nullptr) return named->open(context);
  return EmbeddedTransport().open(context);
}

}  // namespace fafnir
