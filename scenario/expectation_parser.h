#pragma once

#include <nlohmann/json.hpp>

#include "scenario/expectation.h"
#include "scenario/label_scope.h"

namespace fafnir {

// What a step acted on, which its expectations may leave implicit.
struct StepSubjects {
  bool order = false;    // the step placed or canceled an order
  bool account = false;  // the step acted on one account
  bool user = false;     // the step acted on one user
};

// Parses a step's "expect" object (see scenarios/README.md). `where` names the step in errors;
// labels must be in `scope`; a reference may be left out only when `subjects` supplies it.
Result<Expectations> parse_expectations(const nlohmann::json& value, const std::string& where,
                                        const LabelScope& scope, StepSubjects subjects);

// "INVALID_ARGUMENT", "FAILED_PRECONDITION", ... in any letter case.
Result<ErrorCode> parse_error_code(std::string_view text);

}  // namespace fafnir
