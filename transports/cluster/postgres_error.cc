#include "transports/cluster/postgres_error.h"

namespace fafnir {

Status status_from_sqlstate(std::string_view sqlstate, std::string_view message) {
  std::string text = "postgres " + std::string(sqlstate) + ": " + std::string(message);
  if (sqlstate.substr(0, 2) == "23") return Status::AlreadyExists(std::move(text));
  if (sqlstate.substr(0, 2) == "22") return Status::InvalidArgument(std::move(text));
  if (sqlstate == "40001" || sqlstate == "40P01") return Status::ResourceExhausted(std::move(text));
  return Status::Internal(std::move(text));
}

}  // namespace fafnir
