#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "core/common/clock.h"
#include "core/platform/platform.h"
#include "core/platform/transport.h"
#include "scenario/scenario.h"
#include "scenario/sequential_ids.h"

namespace fafnir {

// The platform one scenario runs on, and what its labels name. The platform opens the given
// transport on a fresh private directory (removed on destruction), with a ManualClock at the
// scenario's start, sequential ids and fast password hashing. Not thread-safe.
class ScenarioWorld {
 public:
  struct User {
    std::string id;
    std::string email;
    std::string password;
  };
  struct AccountRef {
    std::string user;  // the owner's name
    std::string user_id;
    std::string id;
    Currency currency = Currency::kUsd;
  };
  struct OrderRef {
    std::string user_id;  // the owner's
    std::string id;
  };

  // Opens the platform and applies the market set-up (start prices); does not add the users.
  // `transport` must give a platform that shares nothing with earlier scenarios (the embedded and
  // memory transports do, in the new directory); it need not outlive the call.
  static Result<std::unique_ptr<ScenarioWorld>> create(const Scenario& scenario,
                                                       Transport& transport);
  ~ScenarioWorld();
  ScenarioWorld(const ScenarioWorld&) = delete;
  ScenarioWorld& operator=(const ScenarioWorld&) = delete;

  Platform& platform() { return *platform_; }
  const ManualClock& clock() const { return clock_; }

  // Registers the user, then opens and funds their accounts; remembers every label.
  Status add_user(const UserSetup& user);
  // Opens (and funds) an account of a registered user and remembers it as "user.label".
  Result<Account> add_account(const std::string& user, const AccountSetup& account);
  void remember_order(const std::string& label, OrderRef order) {
    orders_[label] = std::move(order);
  }

  // NotFound when the label was never given to anything (the step that would have created it
  // failed).
  Result<User> user(const std::string& name) const;
  Result<AccountRef> account(const std::string& label) const;
  Result<OrderRef> order(const std::string& label) const;

 private:
  ScenarioWorld(std::filesystem::path directory, Timestamp start);

  std::filesystem::path directory_;
  ManualClock clock_;
  SequentialIdGenerator ids_;
  std::unique_ptr<Platform> platform_;  // destroyed before the directory is removed
  std::map<std::string, User> users_;
  std::map<std::string, AccountRef> accounts_;
  std::map<std::string, OrderRef> orders_;
};

}  // namespace fafnir
