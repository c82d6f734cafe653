#pragma once

#include <functional>
#include <string>

#include <boost/beast/http.hpp>

namespace fafnir {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

// What the server knows about a request beyond its bytes.
struct RequestInfo {
  std::string client_address;  // the peer's IP address
  std::string user_id;         // set by the handler once it knows the caller (for the log)
};

// Answers one request. Called concurrently from the server's threads; must be thread-safe.
using HttpHandler = std::function<HttpResponse(const HttpRequest&, RequestInfo&)>;

}  // namespace fafnir
