#pragma once

#include <string>

namespace fafnir {

// The page served at GET /: a self-contained GraphQL console (no external resources, so it works
// offline) with login/register/logout over /auth, a query and variables editor, an operation
// picker and a schema browser fed by introspection. It talks to /graphql with the browser's
// cookies and sends the csrf_token cookie back as X-CSRF-Token.
const std::string& graphiql_page();

}  // namespace fafnir
