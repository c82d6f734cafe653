#include "server/graphql/parser.h"

#include "server/graphql/parser_core.h"

namespace fafnir::graphql {
namespace {

// Recursive descent over executable definitions; recursion depth is bounded by ParserCore's
// depth limit, which every selection set enters.
class ExecutableParser : public ParserCore {
 public:
  using ParserCore::ParserCore;

  bool parse_document(ast::Document* document) {
    if (!start()) return false;
    if (at(TokenKind::kEof)) return unexpected();
    while (!at(TokenKind::kEof) && !failed()) {
      if (at(TokenKind::kBraceL)) {
        ast::OperationDefinition& operation = document->operations.emplace_back();
        operation.location = token().location;
        if (!parse_selection_set(&operation.selection_set)) return false;
      } else if (at_keyword("query") || at_keyword("mutation") || at_keyword("subscription")) {
        if (!parse_operation(&document->operations.emplace_back())) return false;
      } else if (at_keyword("fragment")) {
        if (!parse_fragment(&document->fragments.emplace_back())) return false;
      } else {
        return unexpected();
      }
    }
    return !failed();
  }

 private:
  bool parse_operation(ast::OperationDefinition* operation) {
    operation->location = token().location;
    operation->type = at_keyword("query")      ? ast::OperationType::kQuery
                      : at_keyword("mutation") ? ast::OperationType::kMutation
                                               : ast::OperationType::kSubscription;
    advance();
    operation->name_location = token().location;
    if (at(TokenKind::kName) && !parse_name(&operation->name)) return false;
    if (skip(TokenKind::kParenL)) {
      do {
        if (!parse_variable_definition(&operation->variables.emplace_back())) return false;
      } while (!skip(TokenKind::kParenR) && !failed());
    }
    return parse_directives(false, &operation->directives) &&
           parse_selection_set(&operation->selection_set);
  }

  bool parse_variable_definition(ast::VariableDefinition* variable) {
    variable->location = token().location;
    if (!expect(TokenKind::kDollar)) return false;
    variable->name_location = token().location;
    if (!parse_name(&variable->name) || !expect(TokenKind::kColon) ||
        !parse_type(&variable->type)) {
      return false;
    }
    if (skip(TokenKind::kEquals)) {
      if (!parse_value(true, &variable->default_value.emplace())) return false;
    }
    return parse_directives(true, &variable->directives);
  }

  bool parse_fragment(ast::FragmentDefinition* fragment) {
    fragment->location = token().location;
    advance();  // "fragment"
    if (at_keyword("on")) return unexpected();
    fragment->name_location = token().location;
    if (!parse_name(&fragment->name) || !expect_keyword("on")) return false;
    fragment->type_condition_location = token().location;
    return parse_name(&fragment->type_condition) &&
           parse_directives(false, &fragment->directives) &&
           parse_selection_set(&fragment->selection_set);
  }

  bool parse_selection_set(ast::SelectionSet* set) {
    set->location = token().location;
    if (!at(TokenKind::kBraceL)) return expect(TokenKind::kBraceL);
    if (!enter(token().location)) return false;
    advance();
    do {
      if (!parse_selection(&set->selections.emplace_back())) return false;
    } while (!skip(TokenKind::kBraceR) && !failed());
    leave();
    return !failed();
  }

  bool parse_selection(ast::Selection* selection) {
    selection->location = token().location;
    if (skip(TokenKind::kSpread)) {
      if (at(TokenKind::kName) && !at_keyword("on")) {
        selection->kind = ast::Selection::Kind::kFragmentSpread;
        selection->name_location = token().location;
        return parse_name(&selection->name) && parse_directives(false, &selection->directives);
      }
      selection->kind = ast::Selection::Kind::kInlineFragment;
      if (at_keyword("on")) {
        advance();
        selection->type_condition_location = token().location;
        if (!parse_name(&selection->type_condition)) return false;
      }
      return parse_directives(false, &selection->directives) &&
             parse_selection_set(&selection->selection_set);
    }
    selection->kind = ast::Selection::Kind::kField;
    if (!parse_name(&selection->name)) return false;
    if (skip(TokenKind::kColon)) {
      selection->alias = std::move(selection->name);
      selection->name.clear();
      if (!parse_name(&selection->name)) return false;
    }
    if (!parse_arguments(false, &selection->arguments) ||
        !parse_directives(false, &selection->directives)) {
      return false;
    }
    if (at(TokenKind::kBraceL)) return parse_selection_set(&selection->selection_set);
    return !failed();
  }
};

}  // namespace

ParseResult<ast::Document> parse_executable(std::string_view source, const ParseOptions& options) {
  ExecutableParser parser(source, options);
  ast::Document document;
  if (!parser.parse_document(&document)) return parser.error();
  return document;
}

}  // namespace fafnir::graphql
