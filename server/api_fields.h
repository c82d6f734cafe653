#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/platform/platform.h"

namespace fafnir {

// One root field call of the GraphQL API, already past parsing and argument coercion.
struct ApiCall {
  Platform& platform;
  const std::optional<AuthenticatedUser>& caller;  // none when not logged in
  const nlohmann::json& arguments;                 // coerced arguments by name
};

// A root field's answer. Failed operations still answer their response object (non-OK `code`,
// null `data`); `error` then says why, for the response's `errors` list. When `value` is null
// and `error` is set, the field itself failed.
struct ApiResult {
  nlohmann::json value;
  std::optional<Status> error;
};

using ApiField = std::function<ApiResult(const ApiCall&)>;

// Every root field of shared/API.graphql, by name, resolved by the core services with the
// permission checks of SPEC §6. Thread-safe.
const std::map<std::string, ApiField>& query_fields();
const std::map<std::string, ApiField>& mutation_fields();

}  // namespace fafnir
