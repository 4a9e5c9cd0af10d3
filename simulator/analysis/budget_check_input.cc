#include "simulator/analysis/budget_check_input.h"

#include <fmt/format.h>

#include <filesystem>
#include <utility>

#include "asl/analysis/history_budget.h"
#include "asl/load/source_text.h"

namespace sim {

asl::Result<std::vector<BudgetCheckInput>, std::string> ReadBudgetCheckInputs(
    const std::vector<std::string>& paths) {
  std::vector<BudgetCheckInput> inputs;
  for (const std::string& path : paths) {
    auto text = asl::ReadTextFile(path);
    if (!text.ok()) {
      return asl::Fail(fmt::format("sfnsim budget: --input {}: {}\n", path,
                                   text.error().items().front().message));
    }
    if (auto parsed = asl::ParseText(text.value(), asl::TextSyntax::kJson); !parsed.ok()) {
      std::string lines;
      for (const asl::TextError& e : parsed.error()) {
        std::string where = e.line > 0 ? fmt::format("{}:{}:{}", path, e.line, e.column) : path;
        lines += fmt::format("{}: the execution input (--input) must be JSON: {}\n", where,
                             e.message);
      }
      return asl::Fail(std::move(lines));
    }
    inputs.push_back({std::filesystem::path(path).filename().string(), std::move(text.value())});
  }
  if (inputs.empty()) inputs.push_back({"{}", "{}"});
  return inputs;
}

std::optional<std::vector<int64_t>> ParseCheckPages(const std::string& spec) {
  // The same list syntax as --map-items' counts for every Map.
  asl::MapItems parsed;
  std::string error;
  if (!parsed.Parse(spec, &error)) return std::nullopt;
  std::vector<int64_t> pages;
  for (size_t v = 1; v <= parsed.Visits(""); ++v) pages.push_back(*parsed.Items("", v));
  return pages;
}

}  // namespace sim
