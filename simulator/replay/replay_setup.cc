#include "simulator/replay/replay_setup.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <utility>

#include "asl/load/source_text.h"
#include "asl/validate/definition_parser.h"
#include "simulator/replay/replayer.h"

namespace sim {

asl::Result<std::shared_ptr<const asl::StateMachine>, std::string> ParseRecordedDefinition(
    const asl::Json& definition, const std::string& file) {
  asl::ParsedDefinition parsed = asl::ParseDefinition(definition);
  if (!parsed.machine) {
    std::string lines;
    for (const asl::Diagnostic& d : parsed.diagnostics.items()) {
      lines += fmt::format("{}: /definition{}: {}\n", file, d.pointer, d.message);
    }
    return asl::Fail(std::move(lines));
  }
  return std::shared_ptr<const asl::StateMachine>(std::move(parsed.machine));
}

asl::Result<RecordedOutcomes, std::string> PrepareReplay(const asl::StateMachine& machine,
                                                         RecordedExecution& recorded,
                                                         const std::vector<std::string>& files) {
  std::vector<std::string> missing;
  if (auto fits = CheckHistoryFitsDefinition(machine, recorded, missing); !fits.ok()) {
    return asl::Fail(fmt::format("{}: {}", fmt::join(files, ", "), fits.error()));
  }
  if (!missing.empty()) {
    recorded.notes.push_back(fmt::format("states recorded but not in the definition (their "
                                         "outcomes are not replayed): {}",
                                         fmt::join(missing, ", ")));
  }
  auto outcomes = RecordedOutcomes::FromEvents(recorded.events);
  if (!outcomes.ok()) {
    return asl::Fail(fmt::format("{}: {}", fmt::join(files, ", "), outcomes.error()));
  }
  return std::move(outcomes.value());
}

asl::Result<ReplayWorld, asl::DiagnosticList> LoadReplayWorld(const std::string& path,
                                                              const LoadPolicy& policy) {
  auto document = asl::ReadDocumentFile(path);
  if (!document.ok()) return asl::Fail(document.error());
  auto loaded = ParseWorld(document->value, document->source,
                           std::filesystem::path(path).parent_path().string(), policy);
  if (!loaded.ok()) return asl::Fail(loaded.error());
  return ReplayWorld{std::move(loaded.value()), std::move(document->value)};
}

}  // namespace sim
