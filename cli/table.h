#pragma once

#include <string>
#include <vector>

namespace fafnir {

// A plain-text table: a header row, a rule, then the rows, columns padded to their widest cell.
// Cells that look like numbers are right-aligned.
std::string render_table(const std::vector<std::string>& headers,
                         const std::vector<std::vector<std::string>>& rows);

}  // namespace fafnir
