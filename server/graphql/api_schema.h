#pragma once

#include <string_view>

namespace fafnir::graphql {

// The SDL of fafnir's GraphQL API: the text of api_schema.graphql (a copy of
// shared/API.graphql), compiled in so that the server needs no file at run time.
std::string_view api_schema_sdl();

}  // namespace fafnir::graphql
