#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fafnir {

// The percent-decoded value of parameter `name` in the query string of `target`
// ("/path?a=1&b=x%20y"), with '+' read as a space; nullopt when absent or badly encoded.
std::optional<std::string> query_parameter(std::string_view target, std::string_view name);

}  // namespace fafnir
