#include "storage/memory/memory_auth_repository.h"

#include <catch2/catch.hpp>

#include "tests/support/auth_repository_contract.h"

namespace fafnir {

TEST_CASE("the memory auth repository keeps the auth repository contract", "[auth][memory]") {
  MemoryOutbox outbox;
  MemoryAuthRepository repository(outbox);
  check_auth_repository_contract(repository);

  SECTION("each registration and deletion left its event in the outbox, the refused one none") {
    Result<std::vector<Event>> events = outbox.pending(10);
    REQUIRE(events.ok());
    REQUIRE(events->size() == 2);
    CHECK((*events)[0].id == "e-1");
    CHECK((*events)[1].subject == "users.deleted");
  }
}

}  // namespace fafnir
