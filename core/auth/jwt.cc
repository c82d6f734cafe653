#include "core/auth/jwt.h"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/common/encoding.h"

namespace fafnir {
namespace {

using nlohmann::json;
using Mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

constexpr std::size_t kMaxTokenLength = 8192;
// Keeps seconds * 1'000'000 within int64.
constexpr std::int64_t kMaxSeconds = std::numeric_limits<std::int64_t>::max() / 1'000'000;

Mac hmac_sha256(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  Mac mac;
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof(state));
  return mac;
}

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

Status unauthenticated(std::string_view problem) {
  return Status::Unauthenticated("invalid token: " + std::string(problem));
}

Result<json> decode_object(std::string_view part, std::string_view name) {
  Result<std::string> text = base64url_decode(part);
  if (!text.ok()) return unauthenticated(std::string(name) + " is not base64url");
  json value = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) return unauthenticated(std::string(name) + " is not a JSON object");
  return value;
}

// Seconds as a Timestamp, or nullopt unless `value` is an integer within Timestamp's range.
std::optional<Timestamp> to_timestamp(const json& value) {
  if (value.is_number_unsigned()) {
    if (value.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxSeconds)) return std::nullopt;
  } else if (!value.is_number_integer()) {
    return std::nullopt;
  }
  const std::int64_t seconds = value.get<std::int64_t>();
  if (seconds < -kMaxSeconds || seconds > kMaxSeconds) return std::nullopt;
  return Timestamp::from_seconds(seconds);
}

}  // namespace

JwtCodec::JwtCodec(std::string secret) : secret_(std::move(secret)) {
  if (sodium_init() < 0) std::abort();
}

std::string JwtCodec::sign(const JwtClaims& claims) const {
  const json header = {{"alg", "HS256"}, {"typ", "JWT"}};
  const json payload = {{"sub", claims.subject},
                        {"jti", claims.token_id},
                        {"iat", claims.issued_at.seconds()},
                        {"exp", claims.expires_at.seconds()}};
  std::string token = base64url_encode(dump(header)) + "." + base64url_encode(dump(payload));
  const Mac mac = hmac_sha256(secret_, token);
  token += "." + base64url_encode({reinterpret_cast<const char*>(mac.data()), mac.size()});
  return token;
}

Result<JwtClaims> JwtCodec::verify(std::string_view token, Timestamp now) const {
  if (token.size() > kMaxTokenLength) return unauthenticated("too long");
  const std::size_t first_dot = token.find('.');
  const std::size_t second_dot =
      first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos ||
      token.find('.', second_dot + 1) != std::string_view::npos) {
    return unauthenticated("expected three dot-separated parts");
  }
  const std::string_view signing_input = token.substr(0, second_dot);
  const std::string_view header_part = token.substr(0, first_dot);
  const std::string_view payload_part = signing_input.substr(first_dot + 1);
  const std::string_view signature_part = token.substr(second_dot + 1);

  FAFNIR_ASSIGN_OR_RETURN(const json header, decode_object(header_part, "header"));
  const auto alg = header.find("alg");
  if (alg == header.end() || !alg->is_string() || alg->get<std::string>() != "HS256") {
    return unauthenticated("alg must be HS256");
  }

  Result<std::string> signature = base64url_decode(signature_part);
  if (!signature.ok()) return unauthenticated("signature is not base64url");
  const Mac expected = hmac_sha256(secret_, signing_input);
  if (signature->size() != expected.size() ||
      crypto_verify_32(reinterpret_cast<const unsigned char*>(signature->data()),
                       expected.data()) != 0) {
    return unauthenticated("bad signature");
  }

  FAFNIR_ASSIGN_OR_RETURN(const json payload, decode_object(payload_part, "payload"));
  JwtClaims claims;
  const auto sub = payload.find("sub");
  if (sub == payload.end() || !sub->is_string() || sub->get<std::string>().empty()) {
    return unauthenticated("sub must be a non-empty string");
  }
  claims.subject = sub->get<std::string>();

  if (const auto jti = payload.find("jti"); jti != payload.end()) {
    if (!jti->is_string()) return unauthenticated("jti must be a string");
    claims.token_id = jti->get<std::string>();
  }
  if (const auto iat = payload.find("iat"); iat != payload.end()) {
    const std::optional<Timestamp> issued_at = to_timestamp(*iat);
    if (!issued_at) return unauthenticated("iat must be an integer number of seconds");
    claims.issued_at = *issued_at;
  }
  const auto exp = payload.find("exp");
  const std::optional<Timestamp> expires_at =
      exp == payload.end() ? std::nullopt : to_timestamp(*exp);
  if (!expires_at) return unauthenticated("exp must be an integer number of seconds");
  claims.expires_at = *expires_at;
  if (now >= claims.expires_at) return Status::Unauthenticated("token expired");
  return claims;
}

std::string JwtCodec::generate_secret() { return random_token(32); }

}  // namespace fafnir
