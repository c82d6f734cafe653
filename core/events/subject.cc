#include "core/events/event.h"

namespace fafnir {
namespace {

std::string_view next_token(std::string_view& rest) {
  std::size_t dot = rest.find('.');
  std::string_view token = rest.substr(0, dot);
  rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
  return token;
}

}  // namespace

bool subject_matches(std::string_view filter, std::string_view subject) {
  while (!filter.empty()) {
    if (subject.empty()) return false;
    std::string_view wanted = next_token(filter);
    if (wanted == ">" && filter.empty()) return true;
    std::string_view actual = next_token(subject);
    if (wanted != "*" && wanted != actual) return false;
  }
  return subject.empty();
}

}  // namespace fafnir
