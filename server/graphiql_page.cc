#include "server/graphiql_page.h"

namespace fafnir {

const std::string& graphiql_page() {
  static const std::string page = R"html(<!doctype html>
<html>
<head>
  <meta charset="utf-8">
  <title>fafnir GraphiQL</title>
  <link rel="stylesheet" href="https://unpkg.com/graphiql@3/graphiql.min.css">
</head>
<body style="margin:0">
  <div id="graphiql" style="height:100vh"></div>
  <script src="https://unpkg.com/react@18/umd/react.production.min.js"></script>
  <script src="https://unpkg.com/react-dom@18/umd/react-dom.production.min.js"></script>
  <script src="https://unpkg.com/graphiql@3/graphiql.min.js"></script>
  <script>
    function csrf() {
      const m = document.cookie.match(/(?:^|; )csrf_token=([^;]*)/);
      return m ? decodeURIComponent(m[1]) : "";
    }
    const fetcher = GraphiQL.createFetcher({
      url: "/graphql",
      headers: { "X-CSRF-Token": csrf() },
    });
    ReactDOM.createRoot(document.getElementById("graphiql"))
      .render(React.createElement(GraphiQL, { fetcher }));
  </script>
</body>
</html>
)html";
  return page;
}

}  // namespace fafnir
