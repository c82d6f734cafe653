#pragma once

#include <set>
#include <string>
#include <string_view>

#include "core/common/status.h"
#include "scenario/json_fields.h"

namespace fafnir {

// The labels a scenario file has defined up to the step being parsed: users by name, accounts as
// "user.label", orders by label. References to anything else are refused while parsing, so a
// typo fails before the scenario runs. Deleting an entity keeps its label (expectations may
// check that it is gone).
struct LabelScope {
  std::set<std::string, std::less<>> users;
  std::set<std::string, std::less<>> accounts;
  std::set<std::string, std::less<>> orders;

  // `value` of field `key` names a known label, else InvalidArgument listing the known ones.
  Status require_user(const JsonFields& fields, std::string_view key,
                      std::string_view value) const {
    return require(fields, key, value, users, "user");
  }
  Status require_account(const JsonFields& fields, std::string_view key,
                         std::string_view value) const {
    return require(fields, key, value, accounts, "account");
  }
  Status require_order(const JsonFields& fields, std::string_view key,
                       std::string_view value) const {
    return require(fields, key, value, orders, "order");
  }

 private:
  static Status require(const JsonFields& fields, std::string_view key, std::string_view value,
                        const std::set<std::string, std::less<>>& known, std::string_view what) {
    if (known.count(value) != 0) return Status::Ok();
    std::string list;
    for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
    return fields.error(key, "unknown " + std::string(what) + " '" + std::string(value) +
                                 "' (known so far: " + (list.empty() ? "none" : list) + ")");
  }
};

}  // namespace fafnir
