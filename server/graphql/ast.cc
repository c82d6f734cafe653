#include "server/graphql/ast.h"

#include "core/common/json_writer.h"

namespace fafnir::graphql::ast {

std::string_view operation_type_name(OperationType type) {
  switch (type) {
    case OperationType::kQuery:
      return "query";
    case OperationType::kMutation:
      return "mutation";
    case OperationType::kSubscription:
      return "subscription";
  }
  return "query";
}

std::string print_value(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kVariable:
      return "$" + value.text;
    case Value::Kind::kInt:
    case Value::Kind::kFloat:
    case Value::Kind::kEnum:
      return value.text;
    case Value::Kind::kString: {
      std::string out;
      append_json_string(value.text, &out);
      return out;
    }
    case Value::Kind::kBoolean:
      return value.boolean ? "true" : "false";
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kList: {
      std::string out = "[";
      for (std::size_t i = 0; i < value.list.size(); ++i) {
        if (i > 0) out += ", ";
        out += print_value(value.list[i]);
      }
      return out + "]";
    }
    case Value::Kind::kObject: {
      std::string out = "{";
      for (std::size_t i = 0; i < value.fields.size(); ++i) {
        if (i > 0) out += ", ";
        out += value.fields[i].name + ": " + print_value(value.fields[i].value);
      }
      return out + "}";
    }
  }
  return "null";
}

std::string print_type(const Type& type) {
  switch (type.kind) {
    case Type::Kind::kNamed:
      return type.name;
    case Type::Kind::kList:
      return std::string("[").append(print_type(*type.of_type)).append("]");
    case Type::Kind::kNonNull:
      return print_type(*type.of_type) + "!";
  }
  return type.name;
}

}  // namespace fafnir::graphql::ast
