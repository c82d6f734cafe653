#include "server/graphql/parser.h"
#include "server/graphql/parser_core.h"

namespace fafnir::graphql {
namespace {

// Recursive descent over type-system definitions (the SDL).
class SdlParser : public ParserCore {
 public:
  using ParserCore::ParserCore;

  bool parse_document(ast::TypeSystemDocument* document) {
    if (!start()) return false;
    if (at(TokenKind::kEof)) return unexpected();
    while (!at(TokenKind::kEof) && !failed()) {
      std::string description;
      if (!parse_description(&description)) return false;
      if (at_keyword("schema")) {
        if (document->schema) {
          return fail("Syntax Error: Must provide only one schema definition.", token().location);
        }
        if (!parse_schema(&document->schema.emplace())) return false;
        document->schema->description = std::move(description);
      } else if (at_keyword("directive")) {
        ast::DirectiveDefinition& directive = document->directives.emplace_back();
        directive.description = std::move(description);
        if (!parse_directive_definition(&directive)) return false;
      } else if (at_keyword("extend")) {
        return fail("Syntax Error: Type extensions are not supported.", token().location);
      } else {
        ast::TypeDefinition& type = document->types.emplace_back();
        type.description = std::move(description);
        if (!parse_type_definition(&type)) return false;
      }
    }
    return !failed();
  }

 private:
  bool parse_description(std::string* description) {
    if (at(TokenKind::kString) || at(TokenKind::kBlockString)) {
      *description = token().value;
      advance();
    }
    return !failed();
  }

  bool parse_schema(ast::SchemaDefinition* schema) {
    schema->location = token().location;
    advance();
    if (!parse_directives(true, &schema->directives) || !expect(TokenKind::kBraceL)) {
      return false;
    }
    do {
      ast::RootOperationType& root = schema->root_types.emplace_back();
      root.location = token().location;
      if (at_keyword("query")) {
        root.operation = ast::OperationType::kQuery;
      } else if (at_keyword("mutation")) {
        root.operation = ast::OperationType::kMutation;
      } else if (at_keyword("subscription")) {
        root.operation = ast::OperationType::kSubscription;
      } else {
        return unexpected();
      }
      advance();
      if (!expect(TokenKind::kColon) || !parse_name(&root.type)) return false;
    } while (!skip(TokenKind::kBraceR) && !failed());
    return !failed();
  }

  bool parse_type_definition(ast::TypeDefinition* type) {
    using Kind = ast::TypeDefinition::Kind;
    type->location = token().location;
    if (at_keyword("scalar")) {
      type->kind = Kind::kScalar;
    } else if (at_keyword("type")) {
      type->kind = Kind::kObject;
    } else if (at_keyword("interface")) {
      type->kind = Kind::kInterface;
    } else if (at_keyword("union")) {
      type->kind = Kind::kUnion;
    } else if (at_keyword("enum")) {
      type->kind = Kind::kEnum;
    } else if (at_keyword("input")) {
      type->kind = Kind::kInputObject;
    } else {
      return unexpected();
    }
    advance();
    if (!parse_name(&type->name)) return false;
    switch (type->kind) {
      case Kind::kScalar:
        return parse_directives(true, &type->directives);
      case Kind::kObject:
      case Kind::kInterface:
        return parse_implements(&type->interfaces) && parse_directives(true, &type->directives) &&
               parse_fields(&type->fields);
      case Kind::kUnion:
        return parse_directives(true, &type->directives) && parse_members(type);
      case Kind::kEnum:
        return parse_directives(true, &type->directives) && parse_enum_values(type);
      case Kind::kInputObject:
        return parse_directives(true, &type->directives) &&
               parse_input_values(TokenKind::kBraceL, TokenKind::kBraceR, &type->input_fields);
    }
    return !failed();
  }

  bool parse_implements(std::vector<std::string>* interfaces) {
    if (!at_keyword("implements")) return !failed();
    advance();
    skip(TokenKind::kAmp);
    do {
      if (!parse_name(&interfaces->emplace_back())) return false;
    } while (skip(TokenKind::kAmp));
    return !failed();
  }

  bool parse_fields(std::vector<ast::FieldDefinition>* fields) {
    if (!skip(TokenKind::kBraceL)) return !failed();
    do {
      ast::FieldDefinition& field = fields->emplace_back();
      if (!parse_description(&field.description)) return false;
      field.location = token().location;
      if (!parse_name(&field.name) ||
          !parse_input_values(TokenKind::kParenL, TokenKind::kParenR, &field.arguments) ||
          !expect(TokenKind::kColon) || !parse_type(&field.type) ||
          !parse_directives(true, &field.directives)) {
        return false;
      }
    } while (!skip(TokenKind::kBraceR) && !failed());
    return !failed();
  }

  // `open InputValueDefinition+ close`, if `open` is next.
  bool parse_input_values(TokenKind open, TokenKind close,
                          std::vector<ast::InputValueDefinition>* values) {
    if (!skip(open)) return !failed();
    do {
      ast::InputValueDefinition& value = values->emplace_back();
      if (!parse_description(&value.description)) return false;
      value.location = token().location;
      if (!parse_name(&value.name) || !expect(TokenKind::kColon) || !parse_type(&value.type)) {
        return false;
      }
      if (skip(TokenKind::kEquals) && !parse_value(true, &value.default_value.emplace())) {
        return false;
      }
      if (!parse_directives(true, &value.directives)) return false;
    } while (!skip(close) && !failed());
    return !failed();
  }

  bool parse_members(ast::TypeDefinition* type) {
    if (!skip(TokenKind::kEquals)) return !failed();
    skip(TokenKind::kPipe);
    do {
      if (!parse_name(&type->members.emplace_back())) return false;
    } while (skip(TokenKind::kPipe));
    return !failed();
  }

  bool parse_enum_values(ast::TypeDefinition* type) {
    if (!skip(TokenKind::kBraceL)) return !failed();
    do {
      ast::EnumValueDefinition& value = type->enum_values.emplace_back();
      if (!parse_description(&value.description)) return false;
      value.location = token().location;
      if (at_keyword("true") || at_keyword("false") || at_keyword("null")) {
        return fail("Syntax Error: " + describe_token(token()) +
                        " is reserved and cannot be "
                        "used for an enum value.",
                    token().location);
      }
      if (!parse_name(&value.name) || !parse_directives(true, &value.directives)) return false;
    } while (!skip(TokenKind::kBraceR) && !failed());
    return !failed();
  }

  bool parse_directive_definition(ast::DirectiveDefinition* directive) {
    directive->location = token().location;
    advance();  // "directive"
    if (!expect(TokenKind::kAt) || !parse_name(&directive->name) ||
        !parse_input_values(TokenKind::kParenL, TokenKind::kParenR, &directive->arguments)) {
      return false;
    }
    if (at_keyword("repeatable")) {
      directive->repeatable = true;
      advance();
    }
    if (!expect_keyword("on")) return false;
    skip(TokenKind::kPipe);
    do {
      if (!parse_name(&directive->locations.emplace_back())) return false;
    } while (skip(TokenKind::kPipe));
    return !failed();
  }
};

}  // namespace

ParseResult<ast::TypeSystemDocument> parse_type_system(std::string_view source,
                                                       const ParseOptions& options) {
  SdlParser parser(source, options);
  ast::TypeSystemDocument document;
  if (!parser.parse_document(&document)) return parser.error();
  return document;
}

}  // namespace fafnir::graphql
