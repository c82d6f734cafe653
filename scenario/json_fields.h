#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/common/fixed_point.h"
#include "core/common/status.h"

namespace fafnir {

template <typename R>
struct ResultValue;
template <typename T>
struct ResultValue<Result<T>> {
  using type = T;
};

// Reads the typed fields of one JSON object of a scenario file. Every error is InvalidArgument
// naming the place (`where`, e.g. `step 3 ("buy1")`) and the field, e.g.
//   step 3 ("buy1"), field "quantity": expected a decimal string such as "10.5", got number 1.5
// Keys read are remembered, so finish() can refuse the ones nobody asked for (typos).
// Borrows the object, which must outlive the reader.
class JsonFields {
 public:
  // InvalidArgument unless `value` is an object.
  static Result<JsonFields> of(const nlohmann::json& value, std::string where);

  const std::string& where() const { return where_; }
  bool has(std::string_view key) const { return object_->contains(key); }

  // The raw value, or null when absent; marks the key as read.
  const nlohmann::json* find(std::string_view key);

  Result<std::string> text(std::string_view key);
  Result<std::optional<std::string>> optional_text(std::string_view key);
  Result<std::optional<bool>> optional_flag(std::string_view key);
  Result<std::optional<std::int64_t>> optional_count(std::string_view key);  // >= 0
  Result<std::optional<std::uint64_t>> optional_unsigned(std::string_view key);

  // Exact decimals: a string such as "94.00" or "-1.5" (at most 6 decimals), or a JSON integer.
  // Non-integer JSON numbers are refused: they are not exact.
  Result<std::optional<std::int64_t>> optional_micros(std::string_view key);

  template <typename T>
  Result<std::optional<T>> optional_decimal(std::string_view key) {
    FAFNIR_ASSIGN_OR_RETURN(std::optional<std::int64_t> micros, optional_micros(key));
    if (!micros) return std::optional<T>();
    return std::optional<T>(T::from_micros(*micros));
  }
  template <typename T>
  Result<T> decimal(std::string_view key) {
    FAFNIR_ASSIGN_OR_RETURN(std::optional<T> value, optional_decimal<T>(key));
    if (!value) return missing(key);
    return *value;
  }

  // A string parsed by `parse` (a function returning Result<Value>); its error becomes the
  // field's reason.
  template <typename Parse, typename Value = typename ResultValue<
                                std::invoke_result_t<Parse, std::string_view>>::type>
  Result<std::optional<Value>> optional_parsed(std::string_view key, Parse parse) {
    FAFNIR_ASSIGN_OR_RETURN(std::optional<std::string> text, optional_text(key));
    if (!text) return std::optional<Value>();
    auto parsed = parse(*text);
    if (!parsed.ok()) return error(key, parsed.status().message());
    return std::optional<Value>(std::move(parsed).value());
  }
  template <typename Parse, typename Value = typename ResultValue<
                                std::invoke_result_t<Parse, std::string_view>>::type>
  Result<Value> parsed(std::string_view key, Parse parse) {
    FAFNIR_ASSIGN_OR_RETURN(std::optional<Value> value, optional_parsed(key, parse));
    if (!value) return missing(key);
    return std::move(*value);
  }

  // An object or an array of objects; empty when absent.
  Result<std::vector<const nlohmann::json*>> objects(std::string_view key);
  // An array (of anything); empty when absent.
  Result<std::vector<const nlohmann::json*>> array(std::string_view key);

  // InvalidArgument naming the first key that was never read.
  Status finish() const;

  Status error(std::string_view key, std::string_view reason) const;
  Status missing(std::string_view key) const;
  Status wrong_type(std::string_view key, std::string_view wanted, const nlohmann::json& got) const;

  // e.g. `number 1.5`, `object`, `string "abc"`.
  static std::string describe(const nlohmann::json& value);

 private:
  JsonFields(const nlohmann::json& object, std::string where)
      : object_(&object), where_(std::move(where)) {}

  const nlohmann::json* object_;
  std::string where_;
  std::set<std::string, std::less<>> read_;
};

}  // namespace fafnir
