#include "server/graphql/lexer.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace fafnir::graphql {
namespace {

std::vector<Token> tokens_of(std::string_view source) {
  Lexer lexer(source);
  std::vector<Token> tokens;
  while (true) {
    Token token = lexer.next();
    const bool last = token.kind == TokenKind::kEof || token.kind == TokenKind::kError;
    tokens.push_back(std::move(token));
    if (last) return tokens;
  }
}

Token only_token(std::string_view source) {
  const std::vector<Token> tokens = tokens_of(source);
  REQUIRE(tokens.size() >= 1);
  if (tokens.front().kind == TokenKind::kError) return tokens.front();
  REQUIRE(tokens.size() == 2);
  CHECK(tokens.back().kind == TokenKind::kEof);
  return tokens.front();
}

std::string error_of(std::string_view source) {
  const std::vector<Token> tokens = tokens_of(source);
  REQUIRE(tokens.back().kind == TokenKind::kError);
  return tokens.back().value;
}

TEST_CASE("punctuators and names; commas, white space and comments are ignored", "[graphql]") {
  const std::vector<Token> tokens =
      tokens_of("\xEF\xBB\xBF{ a, _b1 :\t$ ! ... @ ( ) [ ] | & = } # comment, \"not a string\"\n");
  std::vector<TokenKind> kinds;
  for (const Token& token : tokens) kinds.push_back(token.kind);
  CHECK(kinds == std::vector<TokenKind>{TokenKind::kBraceL, TokenKind::kName, TokenKind::kName,
                                        TokenKind::kColon, TokenKind::kDollar, TokenKind::kBang,
                                        TokenKind::kSpread, TokenKind::kAt, TokenKind::kParenL,
                                        TokenKind::kParenR, TokenKind::kBracketL,
                                        TokenKind::kBracketR, TokenKind::kPipe, TokenKind::kAmp,
                                        TokenKind::kEquals, TokenKind::kBraceR, TokenKind::kEof});
  CHECK(tokens[1].text == "a");
  CHECK(tokens[2].text == "_b1");
  CHECK(error_of("a .. b") == "Syntax Error: Unexpected character: \".\".");
  CHECK(error_of("?") == "Syntax Error: Unexpected character: \"?\".");
  CHECK(error_of("\x07") == "Syntax Error: Unexpected character: U+0007.");
  CHECK(error_of("\xC3\xA9") == "Syntax Error: Unexpected character: U+00E9.");
  CHECK(error_of("'x'").find("Unexpected single quote character") != std::string::npos);
}

TEST_CASE("int and float literals", "[graphql]") {
  for (std::string_view text : {"0", "-0", "7", "-123", "9223372036854775808"}) {
    INFO(text);
    const Token token = only_token(text);
    CHECK(token.kind == TokenKind::kInt);
    CHECK(token.text == text);
  }
  for (std::string_view text : {"1.5", "-0.25", "1e10", "6.02E+23", "1.5e-3", "0.0"}) {
    INFO(text);
    const Token token = only_token(text);
    CHECK(token.kind == TokenKind::kFloat);
    CHECK(token.text == text);
  }
  CHECK(error_of("00") == "Syntax Error: Invalid number, unexpected digit after 0: \"0\".");
  CHECK(error_of("1.") == "Syntax Error: Invalid number, expected digit but got: <EOF>.");
  CHECK(error_of("1.x") == "Syntax Error: Invalid number, expected digit but got: \"x\".");
  CHECK(error_of("12a") == "Syntax Error: Invalid number, expected digit but got: \"a\".");
  CHECK(error_of("1.5.2") == "Syntax Error: Invalid number, expected digit but got: \".\".");
  CHECK(error_of("1e") == "Syntax Error: Invalid number, expected digit but got: <EOF>.");
  CHECK(error_of("-x") == "Syntax Error: Invalid number, expected digit but got: \"x\".");
}

TEST_CASE("strings: escapes, unicode, and errors", "[graphql]") {
  const Token simple = only_token(R"("a \"quoted\" \\ \/ \b\f\n\r\t text")");
  CHECK(simple.kind == TokenKind::kString);
  CHECK(simple.value == "a \"quoted\" \\ / \b\f\n\r\t text");
  CHECK(only_token(R"("caf\u00e9 \u00E9")").value == "caf\xC3\xA9 \xC3\xA9");
  CHECK(only_token(R"("\u{1F600} \uD83D\uDE00")").value == "\xF0\x9F\x98\x80 \xF0\x9F\x98\x80");
  CHECK(only_token("\"h\xC3\xA9llo \xE2\x82\xAC\"").value == "h\xC3\xA9llo \xE2\x82\xAC");
  CHECK(only_token("\"\"").value.empty());
  CHECK(error_of("\"abc") == "Syntax Error: Unterminated string.");
  CHECK(error_of("\"ab\ncd\"") == "Syntax Error: Unterminated string.");
  CHECK(error_of(R"("\x")") == "Syntax Error: Invalid character escape sequence: \"\\x\".");
  CHECK(error_of(R"("\u12G4")") == "Syntax Error: Invalid Unicode escape sequence: \"\\u12G4\".");
  CHECK(error_of(R"("\uD83D x")") == "Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\".");
  CHECK(error_of(R"("\uDE00")") == "Syntax Error: Invalid Unicode escape sequence: \"\\uDE00\".");
  CHECK(error_of(R"("\u{110000}")").find("Invalid Unicode escape sequence") != std::string::npos);
  CHECK(error_of("\"\x01\"") == "Syntax Error: Invalid character within String: U+0001.");
  CHECK(error_of("\"\xFF\"").find("Invalid character within String") != std::string::npos);
}

TEST_CASE("block strings are dedented and keep escaped triple quotes", "[graphql]") {
  const Token token =
      only_token("\"\"\"\n    Hello,\n      World!\n\n    Yours, \\\"\"\" \\n\n  \"\"\"");
  CHECK(token.kind == TokenKind::kBlockString);
  CHECK(token.value == "Hello,\n  World!\n\nYours, \"\"\" \\n");
  CHECK(only_token("\"\"\"  first line kept as is\n   next\"\"\"").value ==
        "  first line kept as is\nnext");
  CHECK(only_token("\"\"\"\r\n  a\r\n  b\r\"\"\"").value == "a\nb");
  CHECK(only_token("\"\"\"\"\"\"").value.empty());
  CHECK(error_of("\"\"\"never closed") == "Syntax Error: Unterminated string.");
}

TEST_CASE("tokens carry 1-based line and column, counting code points", "[graphql]") {
  const std::vector<Token> tokens =
      tokens_of("{\n  a(x: \"\xC3\xA9t\xC3\xA9\") # \xC3\xA9\r\n\tb\r  c \"\"\"\nx\n\"\"\" d");
  REQUIRE(tokens.size() >= 11);
  CHECK(tokens[0].location == SourceLocation{1, 1});
  CHECK(tokens[1].location == SourceLocation{2, 3});   // a
  CHECK(tokens[3].location == SourceLocation{2, 5});   // x
  CHECK(tokens[5].location == SourceLocation{2, 8});   // the string
  CHECK(tokens[6].location == SourceLocation{2, 13});  // ) after a 5-code-point string + quotes
  CHECK(tokens[7].location == SourceLocation{3, 2});   // b, after \r\n and a tab
  CHECK(tokens[8].location == SourceLocation{4, 3});   // c, after a lone \r
  CHECK(tokens[9].location == SourceLocation{4, 5});   // the block string
  CHECK(tokens[10].location == SourceLocation{6, 5});  // d, after the block string's lines
  Lexer lexer("{\n  \"bad \\q\"");
  lexer.next();
  const Token error = lexer.next();
  CHECK(error.kind == TokenKind::kError);
  CHECK(error.location == SourceLocation{2, 8});
  CHECK(lexer.next().kind == TokenKind::kError);  // sticky
}

}  // namespace
}  // namespace fafnir::graphql
