#include "core/auth/email_address.h"

#include <algorithm>

namespace fafnir {
namespace {

constexpr std::size_t kMaxEmailLength = 254;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

Result<std::string> normalize_email(std::string_view raw) {
  std::string_view email = trim(raw);
  auto invalid = [&](std::string_view why) {
    return Status::InvalidArgument("invalid email '" + std::string(email) + "': " +
                                   std::string(why));
  };
  if (email.empty()) return invalid("it is empty");
  if (email.size() > kMaxEmailLength) return invalid("it is longer than 254 characters");
  bool printable = std::all_of(email.begin(), email.end(), [](char c) { return c > ' ' && c < 127; });
  if (!printable) return invalid("it contains spaces or characters outside printable ASCII");
  std::size_t at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return invalid("it needs exactly one '@'");
  }
  std::string_view local = email.substr(0, at);
  std::string_view domain = email.substr(at + 1);
  if (local.empty()) return invalid("nothing before the '@'");
  std::size_t dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return invalid("the domain after '@' must look like example.com");
  }
  std::string normalized(email);
  std::transform(normalized.begin(), normalized.end(), normalized.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return normalized;
}

}  // namespace fafnir
