#include "server/graphql/schema.h"

#include <algorithm>

namespace fafnir::graphql {

std::string TypeRef::to_string() const {
  switch (kind) {
    case Kind::kNamed:
      return named->name;
    case Kind::kList:
      return std::string("[").append(of_type->to_string()).append("]");
    case Kind::kNonNull:
      return of_type->to_string() + "!";
  }
  return named->name;
}

bool same_type(const TypeRef& a, const TypeRef& b) {
  if (&a == &b) return true;
  if (a.kind != b.kind) return false;
  if (a.kind == TypeRef::Kind::kNamed) return a.named == b.named;
  return same_type(*a.of_type, *b.of_type);
}

const InputValue* Field::argument(std::string_view name) const {
  for (const InputValue& argument : arguments) {
    if (argument.name == name) return &argument;
  }
  return nullptr;
}

const Field* NamedType::field(std::string_view name) const {
  const auto found = field_index.find(name);
  return found == field_index.end() ? nullptr : &fields[found->second];
}

const InputValue* NamedType::input_field(std::string_view name) const {
  for (const InputValue& field : input_fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

const EnumValue* NamedType::enum_value(std::string_view name) const {
  for (const EnumValue& value : enum_values) {
    if (value.name == name) return &value;
  }
  return nullptr;
}

const InputValue* Directive::argument(std::string_view name) const {
  for (const InputValue& argument : arguments) {
    if (argument.name == name) return &argument;
  }
  return nullptr;
}

bool Directive::allowed_at(std::string_view location) const {
  return std::find(locations.begin(), locations.end(), location) != locations.end();
}

const NamedType* Schema::type(std::string_view name) const {
  const auto found = types_by_name_.find(name);
  return found == types_by_name_.end() ? nullptr : found->second;
}

const Directive* Schema::directive(std::string_view name) const {
  for (const Directive& directive : directives_) {
    if (directive.name == name) return &directive;
  }
  return nullptr;
}

const Field* Schema::find_field(const NamedType& parent, std::string_view name) const {
  if (name.size() > 2 && name[0] == '_' && name[1] == '_') {
    if (name == "__typename" && parent.is_composite()) return &typename_field_;
    if (&parent == query_) {
      if (name == "__schema") return &schema_field_;
      if (name == "__type") return &type_field_;
    }
  }
  return parent.field(name);
}

bool Schema::is_possible_type(const NamedType& abstract, const NamedType& object) {
  if (&abstract == &object) return true;
  return std::find(abstract.possible_types.begin(), abstract.possible_types.end(), &object) !=
         abstract.possible_types.end();
}

bool Schema::types_overlap(const NamedType& a, const NamedType& b) {
  if (&a == &b) return true;
  if (a.is_abstract()) {
    if (b.is_abstract()) {
      return std::any_of(a.possible_types.begin(), a.possible_types.end(),
                         [&](const NamedType* type) { return is_possible_type(b, *type); });
    }
    return is_possible_type(a, b);
  }
  if (b.is_abstract()) return is_possible_type(b, a);
  return false;
}

bool Schema::is_subtype(const TypeRef& sub, const TypeRef& super) {
  if (same_type(sub, super)) return true;
  if (super.is_non_null()) {
    return sub.is_non_null() && is_subtype(*sub.of_type, *super.of_type);
  }
  if (sub.is_non_null()) return is_subtype(*sub.of_type, super);
  if (super.is_list()) return sub.is_list() && is_subtype(*sub.of_type, *super.of_type);
  if (sub.is_list()) return false;
  if (super.named->is_abstract() && sub.named->kind == TypeKind::kObject) {
    return is_possible_type(*super.named, *sub.named);
  }
  if (super.named->kind == TypeKind::kInterface && sub.named->kind == TypeKind::kInterface) {
    const auto& interfaces = sub.named->interfaces;
    return std::find(interfaces.begin(), interfaces.end(), super.named) != interfaces.end();
  }
  return false;
}

}  // namespace fafnir::graphql
