#pragma once

#include <string_view>

namespace fafnir::graphql {

// The SDL of what every schema has: the built-in scalars (Int, Float, String, Boolean, ID), the
// built-in directives (@include, @skip, @deprecated, @specifiedBy) and the introspection types
// (__Schema, __Type, __TypeKind, __Field, __InputValue, __EnumValue, __Directive,
// __DirectiveLocation), as in the October 2021 specification plus input value deprecation.
std::string_view builtin_sdl();

}  // namespace fafnir::graphql
