#pragma once

#include <string_view>
#include <vector>

namespace fafnir {

// One forward step of a service's schema. Versions start at 1 and increase by 1.
struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;  // one or more statements, applied in one transaction
};

// The ordered schema history of one service database.
struct Schema {
  std::string_view name;  // service name, e.g. "auth"; used in messages
  std::vector<Migration> migrations;
};

}  // namespace fafnir
