#include "core/auth/email_address.h"

#include <algorithm>

#include "core/common/text.h"

namespace fafnir {
namespace {

constexpr std::size_t kMaxEmailLength = 254;

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
  return to_lower(email);
}

}  // namespace fafnir
