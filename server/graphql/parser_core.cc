#include "server/graphql/parser_core.h"

#include <algorithm>
#include <utility>

namespace fafnir::graphql {
namespace {

std::string_view kind_description(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEof:
      return "<EOF>";
    case TokenKind::kError:
      return "<error>";
    case TokenKind::kBang:
      return "\"!\"";
    case TokenKind::kDollar:
      return "\"$\"";
    case TokenKind::kAmp:
      return "\"&\"";
    case TokenKind::kParenL:
      return "\"(\"";
    case TokenKind::kParenR:
      return "\")\"";
    case TokenKind::kSpread:
      return "\"...\"";
    case TokenKind::kColon:
      return "\":\"";
    case TokenKind::kEquals:
      return "\"=\"";
    case TokenKind::kAt:
      return "\"@\"";
    case TokenKind::kBracketL:
      return "\"[\"";
    case TokenKind::kBracketR:
      return "\"]\"";
    case TokenKind::kBraceL:
      return "\"{\"";
    case TokenKind::kPipe:
      return "\"|\"";
    case TokenKind::kBraceR:
      return "\"}\"";
    case TokenKind::kName:
      return "Name";
    case TokenKind::kInt:
      return "Int";
    case TokenKind::kFloat:
      return "Float";
    case TokenKind::kString:
      return "String";
    case TokenKind::kBlockString:
      return "BlockString";
  }
  return "<token>";
}

}  // namespace

ParserCore::ParserCore(std::string_view source, const ParseOptions& options)
    : source_(source), options_(options), lexer_(source) {
  options_.max_depth = std::clamp(options_.max_depth, 1, kMaxSupportedDepth);
}

bool ParserCore::start() {
  if (options_.max_bytes > 0 && source_.size() > options_.max_bytes) {
    return fail("Syntax Error: Document is too large: " + std::to_string(source_.size()) +
                    " bytes (limit " + std::to_string(options_.max_bytes) + ").",
                {1, 1});
  }
  advance();
  return !failed_;
}

void ParserCore::advance() {
  if (failed_) return;
  token_ = lexer_.next();
  if (token_.kind == TokenKind::kError) fail(token_.value, token_.location);
}

bool ParserCore::skip(TokenKind kind) {
  if (failed_ || token_.kind != kind) return false;
  advance();
  return true;
}

bool ParserCore::expect(TokenKind kind) {
  if (failed_) return false;
  if (token_.kind != kind) {
    return fail("Syntax Error: Expected " + std::string(kind_description(kind)) + ", found " +
                    describe_token(token_) + ".",
                token_.location);
  }
  advance();
  return !failed_;
}

bool ParserCore::expect_keyword(std::string_view keyword) {
  if (failed_) return false;
  if (!at_keyword(keyword)) {
    return fail("Syntax Error: Expected \"" + std::string(keyword) + "\", found " +
                    describe_token(token_) + ".",
                token_.location);
  }
  advance();
  return !failed_;
}

bool ParserCore::parse_name(std::string* name) {
  if (failed_) return false;
  if (token_.kind == TokenKind::kName) name->assign(token_.text);
  return expect(TokenKind::kName);
}

bool ParserCore::unexpected() {
  if (failed_) return false;
  return fail("Syntax Error: Unexpected " + describe_token(token_) + ".", token_.location);
}

bool ParserCore::fail(std::string message, SourceLocation location) {
  if (!failed_) {
    failed_ = true;
    error_ = SyntaxError{std::move(message), location};
  }
  return false;
}

bool ParserCore::enter(SourceLocation location) {
  if (++depth_ > options_.max_depth) {
    return fail("Syntax Error: Document is nested too deeply (limit " +
                    std::to_string(options_.max_depth) + " levels).",
                location);
  }
  return true;
}

bool ParserCore::parse_value(bool is_const, ast::Value* value) {
  if (failed_) return false;
  value->location = token_.location;
  switch (token_.kind) {
    case TokenKind::kBracketL:
      return parse_list(is_const, value);
    case TokenKind::kBraceL:
      return parse_object(is_const, value);
    case TokenKind::kInt:
    case TokenKind::kFloat:
      value->kind =
          token_.kind == TokenKind::kInt ? ast::Value::Kind::kInt : ast::Value::Kind::kFloat;
      value->text.assign(token_.text);
      advance();
      return !failed_;
    case TokenKind::kString:
    case TokenKind::kBlockString:
      value->kind = ast::Value::Kind::kString;
      value->block_string = token_.kind == TokenKind::kBlockString;
      value->text = std::move(token_.value);
      advance();
      return !failed_;
    case TokenKind::kName:
      if (token_.text == "true" || token_.text == "false") {
        value->kind = ast::Value::Kind::kBoolean;
        value->boolean = token_.text == "true";
      } else if (token_.text == "null") {
        value->kind = ast::Value::Kind::kNull;
      } else {
        value->kind = ast::Value::Kind::kEnum;
        value->text.assign(token_.text);
      }
      advance();
      return !failed_;
    case TokenKind::kDollar:
      if (is_const) break;
      advance();
      value->kind = ast::Value::Kind::kVariable;
      return parse_name(&value->text);
    default:
      break;
  }
  if (token_.kind == TokenKind::kDollar) {
    advance();
    if (failed_) return false;
    if (token_.kind == TokenKind::kName) {
      return fail("Syntax Error: Unexpected variable \"$" + std::string(token_.text) +
                      "\" in constant value.",
                  value->location);
    }
  }
  return unexpected();
}

bool ParserCore::parse_list(bool is_const, ast::Value* value) {
  if (!enter(token_.location)) return false;
  value->kind = ast::Value::Kind::kList;
  advance();
  while (!failed_ && !skip(TokenKind::kBracketR)) {
    if (at(TokenKind::kEof)) return unexpected();
    ast::Value& item = value->list.emplace_back();
    if (!parse_value(is_const, &item)) return false;
  }
  leave();
  return !failed_;
}

bool ParserCore::parse_object(bool is_const, ast::Value* value) {
  if (!enter(token_.location)) return false;
  value->kind = ast::Value::Kind::kObject;
  advance();
  while (!failed_ && !skip(TokenKind::kBraceR)) {
    ast::ObjectField& field = value->fields.emplace_back();
    field.location = token_.location;
    if (!parse_name(&field.name) || !expect(TokenKind::kColon) ||
        !parse_value(is_const, &field.value)) {
      return false;
    }
  }
  leave();
  return !failed_;
}

bool ParserCore::parse_type(ast::Type* type) {
  if (failed_) return false;
  type->location = token_.location;
  if (at(TokenKind::kBracketL)) {
    if (!enter(token_.location)) return false;
    advance();
    type->kind = ast::Type::Kind::kList;
    type->of_type = std::make_unique<ast::Type>();
    if (!parse_type(type->of_type.get()) || !expect(TokenKind::kBracketR)) return false;
    leave();
  } else {
    type->kind = ast::Type::Kind::kNamed;
    if (!parse_name(&type->name)) return false;
  }
  if (at(TokenKind::kBang)) {
    advance();
    auto inner = std::make_unique<ast::Type>(std::move(*type));
    *type = ast::Type{};
    type->kind = ast::Type::Kind::kNonNull;
    type->location = inner->location;
    type->of_type = std::move(inner);
  }
  return !failed_;
}

bool ParserCore::parse_arguments(bool is_const, std::vector<ast::Argument>* arguments) {
  if (!skip(TokenKind::kParenL)) return !failed_;
  do {
    ast::Argument& argument = arguments->emplace_back();
    argument.location = token_.location;
    if (!parse_name(&argument.name) || !expect(TokenKind::kColon) ||
        !parse_value(is_const, &argument.value)) {
      return false;
    }
  } while (!skip(TokenKind::kParenR) && !failed_);
  return !failed_;
}

bool ParserCore::parse_directives(bool is_const, std::vector<ast::Directive>* directives) {
  while (at(TokenKind::kAt) && !failed_) {
    ast::Directive& directive = directives->emplace_back();
    directive.location = token_.location;
    advance();
    if (!parse_name(&directive.name) || !parse_arguments(is_const, &directive.arguments)) {
      return false;
    }
  }
  return !failed_;
}

}  // namespace fafnir::graphql
