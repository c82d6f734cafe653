#pragma once

#include <string>

namespace fafnir {

// A GraphiQL page that talks to /graphql with the browser's cookies and CSRF token.
const std::string& graphiql_page();

}  // namespace fafnir
