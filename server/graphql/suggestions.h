#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fafnir::graphql {

// The "Did you mean ...?" hints of graphql-js, so that messages match the reference.

// The options close enough to `input` (Damerau-Levenshtein distance, case-insensitive, within
// 40% of its length), closest first, then by name.
std::vector<std::string> suggestion_list(std::string_view input,
                                         const std::vector<std::string_view>& options);

// " Did you mean \"a\", \"b\", or \"c\"?" naming at most 5, with `what` before the names when
// not empty (e.g. "the enum value"); empty when there are no suggestions.
std::string did_you_mean(const std::vector<std::string>& suggestions, std::string_view what = "");

}  // namespace fafnir::graphql
